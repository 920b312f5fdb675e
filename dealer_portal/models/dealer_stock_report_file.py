from odoo import _, api, models

# the columns of an uploaded stock report (first row of the file), as in the downloadable template
FILE_COLUMNS = ("product_code", "quantity", "lot_name", "note")
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
        """The template's lines: one per product the dealer buys (by code), quantity to fill in."""
        products = self._dealer_portal_products(dealer) if dealer else self.env["product.product"]
        return [[product.default_code, 0, "", product.name] for product in products if product.default_code]

    @api.model
    def _dealer_portal_template(self, dealer, file_type):
        """The upload template (bytes) in `file_type` (csv or xlsx), one line per product the dealer buys."""
        return self.env["dealer.portal.spreadsheet"]._dealer_template(
            file_type, FILE_COLUMNS, _("Stock Report"), rows=self._dealer_portal_template_rows(dealer),
        )
