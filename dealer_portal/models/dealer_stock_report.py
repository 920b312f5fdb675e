import math

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import clean_context
from odoo.tools.translate import LazyTranslate

from .dealer_portal_spreadsheet import MAX_FILE_ROWS, PRODUCT_NAME_COLUMN

_lt = LazyTranslate(__name__)

# largest quantity a dealer may report for one line (a typo guard: no dealer holds a billion units)
MAX_REPORT_QUANTITY = 1e9
# fields of a line a dealer fills in (the form or the file); everything else is the back office's
PORTAL_LINE_FIELDS = frozenset({"product_id", "quantity", "lot_name", "note"})
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
    """The dealer's stock reports on the portal: the lines it may report, their validation, the creation, and
    the uploaded CSV or XLSX file and its template (dealer.portal.spreadsheet)."""

    _inherit = "dealer.stock.report"

    # ------------------------------------------------------------------ what the dealer may report
    @api.model
    def _dealer_portal_products(self, dealer):
        """Goods the dealer buys from us: the products of its confirmed order lines (one grouped query)."""
        # sudo: the product ids of the dealer's own order lines (portal users may not read products)
        groups = self.env["sale.order.line"].sudo()._read_group(
            [
                ("order_id.partner_id.commercial_partner_id", "=", dealer.id), ("state", "=", "sale"),
                ("product_id.type", "=", "consu"),
            ],
            ["product_id"],
        )
        return self.env["product.product"].sudo().browse([product.id for (product,) in groups]).sorted("display_name")

    # ------------------------------------------------------------------ validation of the dealer's lines
    @api.model
    def _dealer_portal_quantity(self, value):
        """A quantity typed or read from a file: (number, None) or (None, "empty"/"nan"/"negative"/"large")."""
        if isinstance(value, bool):
            return None, "nan"
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            text = value.strip() if isinstance(value, str) else ""
            if not text:
                return None, "empty"
            try:
                number = float(text.replace(" ", ""))
            except ValueError:
                return None, "nan"
        if not math.isfinite(number):
            return None, "nan"
        if number < 0:
            return None, "negative"
        if number > MAX_REPORT_QUANTITY:
            return None, "large"
        return number, None

    @api.model
    def _dealer_portal_quantity_error(self, number, value, problem):
        """The message of a wrong quantity on row `number`."""
        if problem == "empty":
            return _(
                "Row %(row)s: the quantity is empty: enter the quantity on hand, 0 when you hold none.", row=number,
            )
        if problem == "negative":
            return _(
                "Row %(row)s: the quantity %(value)s is negative: enter the quantity on hand, 0 when you hold none.",
                row=number, value=value,
            )
        if problem == "large":
            return _("Row %(row)s: the quantity %(value)s is too large: check the figure.", row=number, value=value)
        return _("Row %(row)s: the quantity %(value)s is not a number.", row=number, value=value)

    @api.model
    def _dealer_portal_check_lines(self, dealer, rows):
        """Validate every row before anything is created: (line values, [error per wrong row]).

        ``rows``: dicts with ``row`` (its number for the messages), ``product_code`` (file) or ``product_id``
        (form), ``quantity``, ``lot_name`` and ``note``. Products are found in one query for all rows.
        """
        allowed = self._dealer_portal_products(dealer)
        # codes are matched among the dealer's own products only: the message of any other code is the same
        # whether it exists or not, and never names another product
        by_code = {}
        for product in allowed.filtered("default_code"):
            by_code.setdefault(product.default_code, product)
        lines, errors, seen = [], [], {}
        for row in rows:
            number = row["row"]
            product, problem = self._dealer_portal_row_product(number, row, by_code, allowed)
            quantity, quantity_problem = self._dealer_portal_quantity(row.get("quantity"))
            lot_name = str(row.get("lot_name") or "").strip()[:64]
            if problem:
                errors.append(problem)
            elif (product.id, lot_name) in seen:
                errors.append(_(
                    "Row %(row)s: %(product)s is already reported on row %(first)s: give each product (and lot) "
                    "one line.", row=number, product=product.display_name, first=seen[product.id, lot_name],
                ))
            else:
                seen[product.id, lot_name] = number
            if quantity_problem:
                errors.append(self._dealer_portal_quantity_error(number, row.get("quantity"), quantity_problem))
            if not problem and not quantity_problem:
                lines.append({
                    "product_id": product.id, "quantity": quantity, "lot_name": lot_name or False,
                    "note": str(row.get("note") or "").strip()[:256] or False,
                })
        if not rows:
            errors.append(_("The report has no line: enter at least one product and its quantity."))
        return lines, errors

    @api.model
    def _dealer_portal_row_product(self, number, row, by_code, allowed):
        """The product of row `number`: (product, None) or (None, error message)."""
        if row.get("product_id"):
            product = allowed.filtered(lambda p: p.id == row["product_id"])
            if not product:
                return None, _("Row %(row)s: choose one of the listed products.", row=number)
            return product, None
        code = str(row.get("product_code") or "").strip()
        if not code:
            return None, _("Row %(row)s: the product code is empty.", row=number)
        product = by_code.get(code)
        if not product:
            return None, _(
                "Row %(row)s: unknown product code %(code)s: report only the products of your orders, with the "
                "codes of the template.", row=number, code=code,
            )
        return product, None

    # ------------------------------------------------------------------ creation
    @api.model
    def _dealer_portal_submit(self, dealer, date, note, lines):
        """Create the dealer's report with the validated lines and submit it (one call, all or nothing)."""
        if not dealer:
            raise AccessError(_("Only the users of an active or suspended dealer can report their stock."))
        if any(set(line) - PORTAL_LINE_FIELDS for line in lines):
            raise AccessError(_("A dealer can only report products, quantities, lots and notes."))
        if not lines:
            raise UserError(_("The report has no line: enter at least one product and its quantity."))
        # sudo: portal users have no create right on stock reports. Safe: the dealer is the user's own
        # (res.users._dealer_portal_dealer), the lines hold only whitelisted fields validated against the
        # dealer's own products, and clean_context drops every default_* key of the caller.
        Report = self.with_env(self.env(su=True, context=clean_context(self.env.context)))
        report = Report.create({
            "partner_id": dealer.id,
            "company_id": (dealer.company_id or self.env.company).id,
            "user_id": dealer.user_id.id,
            "date": date,
            "note": note or False,
            "line_ids": [Command.create(line) for line in lines],
        })
        report.action_submit()
        report.message_post(
            body=_("Reported on the portal by %(user)s.", user=self.env.user.name),
            message_type="notification", subtype_xmlid="mail.mt_note",
        )
        return report.sudo(False)

    @api.model
    def _dealer_portal_date(self, value):
        """The stock date of the form: (date, None) or (None, error message)."""
        try:
            day = fields.Date.to_date(value) if value else None
        except ValueError:
            day = None
        if not day:
            return None, _("Give the date the stock was counted.")
        if day > fields.Date.context_today(self):
            return None, _("The stock date cannot be in the future: give the day the stock was counted.")
        return day, None

    # ------------------------------------------------------------------ the uploaded file
    @api.model
    def _dealer_portal_rows_from_file(self, filename, content, max_rows=MAX_FILE_ROWS):
        """The filled rows of an uploaded file as dicts (``row`` and the columns), or UserError when it is
        malformed or has more than ``max_rows`` lines (the portal's one spreadsheet reader; a blank line between
        filled ones is skipped)."""
        rows = self.env["dealer.portal.spreadsheet"]._dealer_read_rows(filename, content, FILE_COLUMNS,
                                                                        REQUIRED_COLUMNS, max_rows=max_rows)
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
