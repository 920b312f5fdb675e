from odoo import api, fields, models

SELLOUT_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("cancelled", "Cancelled"),
]
SELLOUT_SOURCES = [
    ("backoffice", "Back office"),
    ("import", "Import"),
    ("portal", "Portal"),
]
SERIAL_STATUSES = [
    ("ok", "OK"),
    ("unknown", "Unknown serial"),
    ("not_delivered", "Never delivered to this dealer"),
    ("sold_twice", "Sold twice"),
    ("other_dealer", "Goods of another dealer"),
]


class DealerSellout(models.Model):
    """One retail sale (分销) of a dealer to an end customer, with the serial/VIN of serialised products."""

    _name = "dealer.sellout"
    _description = "Dealer Sell-out"
    _check_company_auto = True
    _inherit = ["mail.thread", "dealer.workflow.mixin"]
    _order = "date desc, id desc"

    # state and the serial check result change only through the actions
    _dealer_protected_fields = ("state", "serial_status")

    name = fields.Char(default="/", copy=False, readonly=True, required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    dealer_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    date = fields.Date(
        string="Retail Date", required=True, default=fields.Date.context_today, tracking=True, index=True,
    )
    product_id = fields.Many2one("product.product", string="Product", required=True, index=True, check_company=True)
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    price_unit = fields.Monetary(
        string="Net Retail Price", currency_field="currency_id", help="Unit price paid by the end customer, net.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    customer_name = fields.Char(string="Customer")
    customer_phone = fields.Char(string="Customer Phone")
    customer_state_id = fields.Many2one("res.country.state", string="Customer Province")
    customer_city = fields.Char(string="Customer City")
    customer_street = fields.Char(string="Customer Address")
    lot_id = fields.Many2one(
        "stock.lot", string="Serial/VIN", index="btree_not_null", check_company=True,
        domain="[('product_id', '=', product_id)]",
        help="Required for products tracked by serial number; the quantity is then 1.",
    )
    source = fields.Selection(SELLOUT_SOURCES, default="backoffice", required=True, readonly=True)
    state = fields.Selection(
        SELLOUT_STATES, string="Status", default="draft", required=True, readonly=True, copy=False,
        tracking=True, index=True,
    )
    serial_status = fields.Selection(
        SERIAL_STATUSES, readonly=True, copy=False, index="btree_not_null",
        help="Result of the serial check at confirmation.",
    )
    violation_ids = fields.One2many("dealer.violation", "dealer_sellout_id", string="Violations")

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for sellout in self:
            sellout.amount = sellout.quantity * sellout.price_unit

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.sellout") or "/"
        return super().create(vals_list)

    def action_confirm(self):
        """Draft → confirmed: serial matching and detections (filled in by the next commits)."""
        self._dealer_trusted().write({"state": "confirmed"})
        return True

    def action_cancel(self):
        self._dealer_trusted().write({"state": "cancelled"})
        return True

    @api.model
    def _dealer_sellout_create_checked(self, vals_list):
        """Validate a batch and create it all, or raise a UserError listing the errors per row."""
        return self.create(vals_list)
