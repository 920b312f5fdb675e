import csv
import io
import itertools
import zipfile

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.tools.xlsx import new_workbook, write_cells

# more lines than a dealer reports at once: a bigger file is refused before its lines are checked
MAX_FILE_ROWS = 2000
SPREADSHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class DealerPortalSpreadsheet(models.AbstractModel):
    """CSV/XLSX files a dealer uploads on the portal, and the templates it downloads to fill them in: the one
    reader and writer of the stock reports, sell-outs and forecasts (the upload itself is checked by
    ``DealerRelationsPortal._dealer_spreadsheet_upload``).

    A file is a header row naming the columns, then one line per row. ``_dealer_read_rows`` returns the rows as
    dicts with the row's number in the file (``row``) so that every error names the line the dealer sees.
    """

    _name = "dealer.portal.spreadsheet"
    _description = "Dealer Portal Spreadsheet Upload"

    @api.model
    def _dealer_read_rows(self, filename, content, columns, required):
        """The rows of an uploaded file as dicts (``row`` and the columns); UserError when it is malformed.

        Trailing blank lines are ignored; a blank line between filled ones is an error of its row, so that the
        rows keep the numbers the dealer sees in the file.
        """
        if not content:
            raise UserError(_("The file is empty: fill in the template and upload it again."))
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension == "csv":
            table = self._dealer_read_csv(content)
        elif extension == "xlsx":
            table = self._dealer_read_xlsx(content)
        else:
            raise UserError(_("Upload a CSV or XLSX file in the shape of the template."))
        header = [str(cell or "").strip().lower().replace(" ", "_") for cell in (table[0] if table else [])]
        while header and not header[-1]:
            header.pop()
        unknown = [name for name in header if name not in columns]
        missing = [name for name in required if name not in header]
        if unknown or missing or len(set(header)) != len(header):
            raise UserError(_(
                "The first row of the file must name the columns %(columns)s (%(required)s required), as in the "
                "template.", columns=", ".join(columns), required=", ".join(required),
            ))
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            values = dict(zip(header, cells, strict=False))
            blank = all(value is None or (isinstance(value, str) and not value.strip()) for value in values.values())
            rows.append({"row": number, "blank": blank, **values})
        while rows and rows[-1]["blank"]:
            rows.pop()
        if not rows:
            raise UserError(_("The file has no line under its header row: fill in the template."))
        if len(rows) > MAX_FILE_ROWS:
            raise UserError(_(
                "The file has more than %(max)s lines: split it and upload the parts one after the other.",
                max=MAX_FILE_ROWS,
            ))
        return rows

    @api.model
    def _dealer_read_csv(self, content):
        """Cells of a CSV file in UTF-8 (with or without BOM) or GB 18030 (what a Chinese Excel saves)."""
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserError(_("The CSV file could not be read: save it as UTF-8 text."))
        if "\x00" in text:
            raise UserError(_("The CSV file could not be read: save it as UTF-8 text."))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            # two lines more than allowed are enough to tell that the file is too long
            return list(itertools.islice(csv.reader(io.StringIO(text), dialect), MAX_FILE_ROWS + 2))
        except csv.Error as error:
            raise UserError(_("The CSV file could not be read: save it again from your spreadsheet as CSV.")) \
                from error

    @api.model
    def _dealer_read_xlsx(self, content):
        """Cells of the first sheet of an XLSX workbook (values, not formulas)."""
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                table = []
                for cells in workbook.worksheets[0].iter_rows(values_only=True):
                    table.append(list(cells))
                    if len(table) > MAX_FILE_ROWS + 1:
                        break
            finally:
                workbook.close()
        except (InvalidFileException, zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, OSError,
                EOFError) as error:
            raise UserError(_(
                "The XLSX file could not be read: save it again from your spreadsheet as an Excel workbook (.xlsx)."
            )) from error
        return table

    # ------------------------------------------------------------------ templates
    @api.model
    def _dealer_template(self, file_type, columns, sheet_name, products=None, rows=()):
        """A template (bytes) with the header row and `rows` (lines to fill in); with `products`, the XLSX one
        lists the products to choose from on a second sheet."""
        if file_type == "csv":
            stream = io.StringIO()
            writer = csv.writer(stream)
            writer.writerow(columns)
            writer.writerows(rows)
            return stream.getvalue().encode("utf-8-sig")
        stream = io.BytesIO()
        workbook = new_workbook(stream)
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(sheet_name)
        write_cells(sheet, 0, 0, columns, bold)
        for index, row in enumerate(rows, start=1):
            write_cells(sheet, index, 0, row)
        sheet.set_column(0, len(columns) - 1, 18)
        if products is None:
            workbook.close()
            return stream.getvalue()
        product_sheet = workbook.add_worksheet(_("Products"))
        write_cells(product_sheet, 0, 0, [_("Product code"), _("Product")], bold)
        for index, product in enumerate(products, start=1):
            write_cells(product_sheet, index, 0, [product.default_code or "", product.name])
        product_sheet.set_column(0, 0, 18)
        product_sheet.set_column(1, 1, 40)
        workbook.close()
        return stream.getvalue()
