from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

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
    """One retail sale (分销) of a dealer to an end customer, with the serial/VIN of serialised products.

    The rules of a line (serial, quantity, price, dealer) live in ``_dealer_sellout_line_errors`` and run both
    as a constraint (back office, ``load()``: one message per row) and before a batch is created
    (``_dealer_sellout_create_checked``: all rows checked, nothing created when one is wrong).
    """

    _name = "dealer.sellout"
    _description = "Dealer Sell-out"
    _check_company_auto = True
    _inherit = ["mail.thread", "dealer.workflow.mixin"]
    _order = "date desc, id desc"

    # the state, the serial check result and the entry channel change only through the model's own code
    _dealer_protected_fields = ("state", "serial_status", "source")

    name = fields.Char(default="/", copy=False, readonly=True, required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    dealer_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    date = fields.Date(
        string="Retail Date", required=True, default=fields.Date.context_today, tracking=True, index=True,
    )
    product_id = fields.Many2one("product.product", required=True, index=True, check_company=True)
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    price_unit = fields.Monetary(
        string="Net Retail Price", currency_field="currency_id", help="Unit price paid by the end customer, net.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    customer_name = fields.Char(string="Customer")
    customer_phone = fields.Char()
    customer_state_id = fields.Many2one("res.country.state", string="Customer Province")
    customer_city = fields.Char()
    customer_street = fields.Char(string="Customer Address")
    lot_name = fields.Char(
        string="Serial/VIN Entered", index="btree_not_null",
        help="The serial number or VIN as reported by the dealer; matched to the company's serials on save.",
    )
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
        SERIAL_STATUSES, readonly=True, copy=False, index="btree_not_null", tracking=True,
        help="Result of the serial check at confirmation.",
    )
    violation_ids = fields.One2many("dealer.violation", "dealer_sellout_id", string="Violations")
    violation_count = fields.Integer(compute="_compute_violation_count")

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for sellout in self:
            sellout.amount = sellout.quantity * sellout.price_unit

    @api.depends("violation_ids")
    def _compute_violation_count(self):
        for sellout in self:
            sellout.violation_count = len(sellout.violation_ids)

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        if self.lot_id:
            self.lot_name = self.lot_id.name

    # ------------------------------------------------------------------ create / write
    @api.model_create_multi
    def create(self, vals_list):
        # an import through Odoo's importer is recorded as such (the importer's context marks it)
        source = "import" if self.env.context.get("import_file") else None
        self._dealer_match_serials(vals_list)
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._dealer_next_names(len(unnamed)), strict=True):
            vals["name"] = name
        records = super().create(vals_list)
        if source:
            records._dealer_trusted().write({"source": source})
        return records

    @api.model
    def _dealer_next_names(self, count):
        """``count`` numbers of the sell-out sequence, drawn in one query for a standard sequence (an import
        of thousands of lines would otherwise spend two queries per line on its numbers)."""
        if not count:
            return []
        Sequence = self.env["ir.sequence"]
        sequence = Sequence.search([("code", "=", "dealer.sellout"), ("company_id", "in", [self.env.company.id,
                                   False])], order="company_id", limit=1)
        if count == 1 or not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            return [Sequence.next_by_code("dealer.sellout") or "/" for _index in range(count)]
        # the PostgreSQL sequence behind a standard ir.sequence, as ir.sequence._next_do() reads it
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)",
                                f"ir_sequence_{sequence.id:03d}", count))
        return [sequence.get_next_char(number) for (number,) in self.env.cr.fetchall()]

    def write(self, vals):
        if not (self._is_dealer_manager() or self._dealer_is_trusted()):
            for sellout in self.filtered(lambda s: s.state != "draft"):
                raise AccessError(_(
                    "Sell-out %(name)s is %(state)s: only a Dealer Manager may change it.",
                    name=sellout.name, state=sellout._state_label(),
                ))
        result = super().write(vals)
        if ("lot_name" in vals or "product_id" in vals) and "lot_id" not in vals:
            self._dealer_rematch_serials()
        return result

    # ------------------------------------------------------------------ rules of a line
    @api.model
    def _dealer_sellout_line_errors(self, dealer, product, lot, lot_name, quantity, price_unit, new=True):
        """Messages (whole sentences) of what is wrong with one sell-out line; empty when it is right.

        The dealer must be active for a ``new`` line only: a confirmed sale stays correctable after its dealer
        was suspended."""
        errors = []
        if not dealer:
            errors.append(_("The dealer is missing."))
        elif not dealer.is_dealer:
            errors.append(_("%(partner)s is not a dealer.", partner=dealer.display_name))
        elif new and dealer.dealer_state != "active":
            errors.append(_(
                "Dealer %(dealer)s is %(state)s: only an active dealer's retail sales are recorded.",
                dealer=dealer.display_name, state=dealer._selection_label("dealer_state"),
            ))
        if not product:
            errors.append(_("The product is missing."))
        if quantity <= 0:
            errors.append(_("The quantity must be positive."))
        if price_unit <= 0:
            errors.append(_("The net retail price must be positive."))
        if product and product.tracking == "serial":
            if not (lot or lot_name):
                errors.append(_(
                    "Product %(product)s is tracked by serial number: enter the serial/VIN of the unit sold.",
                    product=product.display_name,
                ))
            if quantity != 1:
                errors.append(_(
                    "Product %(product)s is tracked by serial number: one line per serial, with quantity 1.",
                    product=product.display_name,
                ))
        if lot and product and lot.product_id != product:
            errors.append(_(
                "Serial %(serial)s belongs to %(lot_product)s, not to %(product)s.",
                serial=lot.name, lot_product=lot.product_id.display_name, product=product.display_name,
            ))
        return errors

    @api.constrains("dealer_id", "product_id", "lot_id", "lot_name", "quantity", "price_unit")
    def _check_sellout_line(self):
        for sellout in self.filtered(lambda s: s.state != "cancelled"):
            errors = self._dealer_sellout_line_errors(
                sellout.dealer_id, sellout.product_id, sellout.lot_id, sellout.lot_name, sellout.quantity,
                sellout.price_unit, new=sellout.state == "draft",
            )
            if errors:
                raise ValidationError("\n".join(errors))

    # ------------------------------------------------------------------ state machine
    def action_confirm(self):
        """Draft → confirmed: the serial is matched and checked, and the detections propose violations."""
        self._check_dealer_manager(_("Only a Dealer Manager may confirm a retail sale."))
        self._check_state(("draft",), _("Sell-out %(name)s cannot be confirmed: it is %(state)s, not draft."))
        for sellout in self:
            if sellout.dealer_id.dealer_state != "active":
                raise ValidationError(_(
                    "Sell-out %(name)s cannot be confirmed: dealer %(dealer)s is %(state)s.",
                    name=sellout.name, dealer=sellout.dealer_id.display_name,
                    state=sellout.dealer_id._selection_label("dealer_state"),
                ))
        trusted = self._dealer_trusted()
        statuses = trusted._dealer_serial_statuses()
        for status in set(statuses.values()):
            trusted.filtered(lambda s, st=status: statuses.get(s.id) == st).write(
                {"state": "confirmed", "serial_status": status})
        trusted.filtered(lambda s: s.id not in statuses).write({"state": "confirmed", "serial_status": False})
        trusted._dealer_link_lots()
        trusted._dealer_detect_violations()
        return True

    def action_cancel(self):
        """Draft/confirmed → cancelled; the serial is free to be sold again."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a retail sale."))
        self._check_state(("draft", "confirmed"), _("Sell-out %(name)s cannot be cancelled: it is %(state)s."))
        self._dealer_trusted().write({"state": "cancelled"})
        self._dealer_unlink_lots()
        return True

    def action_draft(self):
        """Cancelled → draft."""
        self._check_dealer_manager(_("Only a Dealer Manager may reset a retail sale to draft."))
        self._check_state(("cancelled",), _("Sell-out %(name)s cannot be reset to draft: it is %(state)s."))
        self._dealer_trusted().write({"state": "draft", "serial_status": False})
        return True

    def action_view_violations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Violations"),
            "res_model": "dealer.violation",
            "view_mode": "list,form",
            "domain": [("dealer_sellout_id", "=", self.id)],
        }
