from odoo import _, api, models
from odoo.tools.translate import LazyTranslate

from .dealer_portal_spreadsheet import PRODUCT_NAME_COLUMN

_lt = LazyTranslate(__name__)

# the columns of an uploaded stock report (first row of the file), as in the downloadable template; the header
# is read in English, in Chinese (产品编码, 数量 …) or as the keys (see dealer.portal.spreadsheet)
FILE_COLUMNS = (
    ("product_code", _lt("Product code")),
    PRODUCT_NAME_COLUMN,
    ("quantity", _lt("Quantity")),
    ("lot_name", _lt("Serial/VIN")),
    ("note", _lt("Note")),
)
REQUIRED_COLUMNS = ("product_code", "quantity")


class DealerStockReport(models.Model):
    """Reading a stock report uploaded as CSV or XLSX, and writing its template (dealer.portal.spreadsheet)."""

    _inherit = "dealer.stock.report"

    @api.model
    def _dealer_portal_rows_from_file(self, filename, content):
        """The filled rows of an uploaded file as dicts (``row`` and the columns), or UserError when it is
        malformed (the portal's one spreadsheet reader; a blank line between filled ones is skipped)."""
        rows = self.env["dealer.portal.spreadsheet"]._dealer_read_rows(filename, content, FILE_COLUMNS,
                                                                        REQUIRED_COLUMNS)
        return [{key: value for key, value in row.items() if key != "blank"} for row in rows if not row["blank"]]

    # ------------------------------------------------------------------ template
    @api.model
    def _dealer_portal_template_rows(self, dealer):
        """The template's lines: one per product the dealer buys (code and name), quantity to fill in."""
        products = self._dealer_portal_products(dealer) if dealer else self.env["product.product"]
        return [{"product_code": product.default_code, "product_name": product.name, "quantity": 0}
                for product in products if product.default_code]

    @api.model
    def _dealer_portal_file_columns(self):
        """The columns of the file as the upload form names them, in the user's language."""
        return ", ".join(self.env["dealer.portal.spreadsheet"]._dealer_column_labels(FILE_COLUMNS))

    @api.model
    def _dealer_portal_template(self, dealer, file_type):
        """The upload template (bytes) in `file_type` (csv or xlsx), one line per product the dealer buys."""
        return self.env["dealer.portal.spreadsheet"]._dealer_template(
            file_type, FILE_COLUMNS, _("Stock Report"), rows=self._dealer_portal_template_rows(dealer),
        )
