import csv
import io
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.utils.exceptions import InvalidFileException

from odoo import _, api, models
from odoo.exceptions import UserError

# the columns of an uploaded stock report (first row of the file), as in the downloadable template
FILE_COLUMNS = ("product_code", "quantity", "lot_name", "note")
REQUIRED_COLUMNS = ("product_code", "quantity")
# more lines than any dealer holds products: a bigger file is refused before its lines are checked
MAX_FILE_ROWS = 2000


class DealerStockReport(models.Model):
    """Reading a stock report uploaded as CSV or XLSX, and writing its template."""

    _inherit = "dealer.stock.report"

    @api.model
    def _dealer_portal_rows_from_file(self, filename, content):
        """The rows of an uploaded file as dicts (``row`` and the columns), or UserError when it is malformed."""
        if not content:
            raise UserError(_("The file is empty: upload the stock report filled in from the template."))
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension == "csv":
            table = self._dealer_portal_read_csv(content)
        elif extension == "xlsx":
            table = self._dealer_portal_read_xlsx(content)
        else:
            raise UserError(_("Upload the stock report as a CSV or XLSX file, in the shape of the template."))
        header = [str(cell or "").strip().lower().replace(" ", "_") for cell in (table[0] if table else [])]
        while header and not header[-1]:
            header.pop()
        unknown = [name for name in header if name not in FILE_COLUMNS]
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if unknown or missing or len(set(header)) != len(header):
            raise UserError(_(
                "The first row of the file must name the columns %(columns)s (%(required)s required), as in "
                "the template.", columns=", ".join(FILE_COLUMNS), required=", ".join(REQUIRED_COLUMNS),
            ))
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            values = dict(zip(header, cells, strict=False))
            if all(value in (None, "") or (isinstance(value, str) and not value.strip()) for value in values.values()):
                continue  # blank rows, often left at the end of a sheet
            rows.append({"row": number, **values})
        if not rows:
            raise UserError(_("The file has no line under its header row: enter one line per product."))
        if len(rows) > MAX_FILE_ROWS:
            raise UserError(_(
                "The file has %(count)s lines: at most %(max)s can be reported at once.",
                count=len(rows), max=MAX_FILE_ROWS,
            ))
        return rows

    @api.model
    def _dealer_portal_read_csv(self, content):
        """Cells of a CSV file in UTF-8 (with or without BOM) or GB 18030 (what Chinese Excel saves)."""
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
            return list(csv.reader(io.StringIO(text), dialect))[: MAX_FILE_ROWS + 2]
        except csv.Error as error:
            raise UserError(_("The CSV file could not be read: %(error)s.", error=str(error))) from error

    @api.model
    def _dealer_portal_read_xlsx(self, content):
        """Cells of the first sheet of an XLSX workbook (values, not formulas)."""
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                table = []
                for cells in sheet.iter_rows(values_only=True):
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

    # ------------------------------------------------------------------ template
    @api.model
    def _dealer_portal_template_rows(self, dealer):
        """The template's lines: one per product the dealer buys (by code), quantity to fill in."""
        products = self._dealer_portal_products(dealer) if dealer else self.env["product.product"]
        return [[product.default_code, 0, "", product.name] for product in products if product.default_code]

    @api.model
    def _dealer_portal_template_csv(self, dealer):
        stream = io.StringIO()
        writer = csv.writer(stream)
        writer.writerow(FILE_COLUMNS)
        writer.writerows(self._dealer_portal_template_rows(dealer))
        return stream.getvalue().encode("utf-8-sig")

    @api.model
    def _dealer_portal_template_xlsx(self, dealer):
        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Stock Report"))
        bold = workbook.add_format({"bold": True})
        sheet.write_row(0, 0, FILE_COLUMNS, bold)
        for index, row in enumerate(self._dealer_portal_template_rows(dealer), start=1):
            sheet.write_row(index, 0, row)
        sheet.set_column(0, 0, 18)
        sheet.set_column(3, 3, 40)
        workbook.close()
        return stream.getvalue()
