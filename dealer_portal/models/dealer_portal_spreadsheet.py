import io

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_management.tools.spreadsheet import (
    header_key,
    names_by_key,
    read_csv,
    read_xlsx_sheets,
    template_csv,
)
from odoo.addons.dealer_management.tools.xlsx import new_workbook, write_cells

_lt = LazyTranslate(__name__)

# more lines than a dealer reports at once: a bigger file is refused before its lines are checked
MAX_FILE_ROWS = 2000
SPREADSHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# the product's name next to its code in a template: for the dealer's eyes, ignored when the file is read
PRODUCT_NAME_COLUMN = ("product_name", _lt("Product name"))
INFORMATIVE_COLUMNS = frozenset({PRODUCT_NAME_COLUMN[0]})


class DealerPortalSpreadsheet(models.AbstractModel):
    """CSV/XLSX files a dealer uploads on the portal, and the templates it downloads to fill them in: the one
    reader and writer of the stock reports, sell-outs and forecasts (the upload itself is checked by
    ``DealerPortal._dealer_spreadsheet_upload``).

    A file is a header row naming the columns, then one line per row. ``_dealer_read_rows`` returns the rows as
    dicts with the row's number in the file (``row``) so that every error names the line the dealer sees.

    The columns of a file are ``(key, label)`` pairs, the label a lazy translation (``_lt``): a template's header
    row holds the labels in the user's language (产品编码, 数量 … for a Chinese dealer), and a header is read in
    any installed language, in English or as the column's key (``product_code``), so that a Chinese template, an
    English one and the files made before the labels were translated are all read the same way. The product name
    column (``PRODUCT_NAME_COLUMN``) is there for the dealer and is ignored on upload.
    """

    _name = "dealer.portal.spreadsheet"
    _description = "Dealer Portal Spreadsheet Upload"

    @api.model
    def _dealer_column_labels(self, columns, keys=None):
        """The labels of ``columns`` (of those in ``keys`` when given) in the user's language."""
        return [self.env._(label) for key, label in columns if keys is None or key in keys]

    @api.model
    def _dealer_column_names(self, columns):
        """{compared header: column key}: each column's key and its label in English and every installed language."""
        return names_by_key(self.env, columns)

    @api.model
    def _dealer_read_rows(self, filename, content, columns, required, max_rows=MAX_FILE_ROWS):
        """The rows of an uploaded file as dicts (``row`` and the column keys); UserError when it is malformed or
        has more than ``max_rows`` lines (a form whose large files run in the background allows more).

        ``columns``: the ``(key, label)`` pairs of the file; ``required``: the keys a file must have. Trailing blank
        lines are ignored; a blank line between filled ones is an error of its row, so that the rows keep the
        numbers the dealer sees in the file. Informative columns (the product name) are dropped.
        """
        if not content:
            raise UserError(_("The file is empty: fill in the template and upload it again."))
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension == "csv":
            table = self._dealer_read_csv(content, max_rows)
        elif extension == "xlsx":
            table = self._dealer_read_xlsx(content, max_rows)
        else:
            raise UserError(_("Upload a CSV or XLSX file in the shape of the template."))
        cells = [header_key(cell) for cell in (table[0] if table else [])]
        while cells and not cells[-1]:
            cells.pop()
        names = self._dealer_column_names(columns)
        header = [names.get(cell) for cell in cells]
        missing = [key for key in required if key not in header]
        if None in header or missing or len(set(header)) != len(header):
            raise UserError(_(
                "The first row of the file must name the columns %(columns)s (%(required)s required), as in the "
                "template.", columns=", ".join(self._dealer_column_labels(columns)),
                required=", ".join(self._dealer_column_labels(columns, required)),
            ))
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            values = {key: value for key, value in zip(header, cells, strict=False) if key not in INFORMATIVE_COLUMNS}
            blank = all(value is None or (isinstance(value, str) and not value.strip()) for value in values.values())
            rows.append({"row": number, "blank": blank, **values})
        while rows and rows[-1]["blank"]:
            rows.pop()
        if not rows:
            raise UserError(_("The file has no line under its header row: fill in the template."))
        if len(rows) > max_rows:
            raise UserError(_(
                "The file has more than %(max)s lines: split it and upload the parts one after the other.",
                max=max_rows,
            ))
        return rows

    @api.model
    def _dealer_read_csv(self, content, max_rows=MAX_FILE_ROWS):
        """Cells of a CSV file in UTF-8 (with or without BOM) or GB 18030 (what a Chinese Excel saves)."""
        # two lines more than allowed are enough to tell that the file is too long
        return read_csv(content, max_rows + 2)

    @api.model
    def _dealer_read_xlsx(self, content, max_rows=MAX_FILE_ROWS):
        """Cells of the first sheet of an XLSX workbook (values, not formulas)."""
        return next(iter(read_xlsx_sheets(content, max_rows + 2).values()), [])

    # ------------------------------------------------------------------ templates
    @api.model
    def _dealer_template(self, file_type, columns, sheet_name, products=None, rows=()):
        """A template (bytes) with the header row (the labels of ``columns`` in the user's language) and ``rows``
        (dicts by column key: lines to fill in); with ``products``, the XLSX one lists the products to choose
        from on a second sheet."""
        header = self._dealer_column_labels(columns)
        lines = [["" if row.get(key) is None else row[key] for key, _label in columns] for row in rows]
        if file_type == "csv":
            return template_csv(self.env, columns, rows)
        stream = io.BytesIO()
        workbook = new_workbook(stream)
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(sheet_name)
        write_cells(sheet, 0, 0, header, bold)
        for index, line in enumerate(lines, start=1):
            write_cells(sheet, index, 0, line)
        sheet.set_column(0, len(columns) - 1, 18)
        sheet.freeze_panes(1, 0)
        if products is None:
            workbook.close()
            return stream.getvalue()
        product_sheet = workbook.add_worksheet(_("Products"))
        write_cells(product_sheet, 0, 0, [_("Product code"), self.env._(PRODUCT_NAME_COLUMN[1])], bold)
        for index, product in enumerate(products, start=1):
            write_cells(product_sheet, index, 0, [product.default_code or "", product.name])
        product_sheet.set_column(0, 0, 18)
        product_sheet.set_column(1, 1, 40)
        workbook.close()
        return stream.getvalue()
