from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

FINE_PRODUCT_PARAM = "dealer_management.fine_product_id"

VIOLATION_TYPES = [
    ("cross_territory", "Cross-territory selling (窜货)"),
    ("price", "Price violation (低价/乱价)"),
    ("late_payment", "Late payment"),
    ("quality", "Counterfeit / quality"),
    ("other", "Other"),
]
VIOLATION_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# contract field holding the default fine of a violation type (used when the contract has it)
PENALTY_FIELD_BY_TYPE = {
    "price": "penalty_price_violation",
    "cross_territory": "penalty_cross_territory",
}


class DealerViolation(models.Model):
    """Register of a dealer's breaches (窜货, price, payment, quality) with points and fines."""

    _name = "dealer.violation"
    _description = "Dealer Violation"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin"]
    _order = "date desc, id desc"

    # the state and the fine invoice change only through the actions
    _dealer_protected_fields = ("state", "invoice_id")
    # the sanction is the Dealer Manager's decision: a Dealer User reports the facts only
    _dealer_manager_fields = ("points", "fine_amount")

    name = fields.Char(default="/", copy=False, readonly=True, required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    violation_type = fields.Selection(
        VIOLATION_TYPES, string="Type", required=True, default="other", tracking=True, index=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    description = fields.Text()
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", index="btree_not_null", copy=False, check_company=True,
    )
    contract_id = fields.Many2one(
        "dealer.contract", compute="_compute_contract_id", store=True, readonly=False,
        precompute=True, domain="[('partner_id', '=', partner_id)]",
        help="The dealer's active contract on the violation date.", check_company=True,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_violation_attachment_rel", "violation_id", "attachment_id", string="Evidence",
    )
    points = fields.Float(
        string="Points Deducted", tracking=True, copy=False, help="Points deducted in the dealer assessment.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    fine_amount = fields.Monetary(
        string="Fine", currency_field="currency_id", compute="_compute_fine_amount", store=True,
        readonly=False, precompute=True, tracking=True,
        help="Defaults to the contract's penalty for this type of violation.",
    )
    invoice_id = fields.Many2one("account.move", string="Fine Invoice", readonly=True, copy=False, check_company=True)
    state = fields.Selection(
        VIOLATION_STATES, string="Status", default="draft", required=True, readonly=True, copy=False,
        tracking=True, index=True,
    )
    can_manage = fields.Boolean(
        compute="_compute_can_manage", help="Technical: the user may set the sanction (Dealer Manager).",
    )

    @api.depends_context("uid")
    def _compute_can_manage(self):
        self.can_manage = self._is_dealer_manager()

    @api.depends("partner_id", "date", "company_id")
    def _compute_contract_id(self):
        for violation in self:
            if not violation.partner_id:
                violation.contract_id = False
                continue
            day = violation.date or fields.Date.context_today(violation)
            dealer = violation.partner_id.commercial_partner_id
            violation.contract_id = self.env["dealer.contract"]._find_active(
                dealer, day, violation.company_id or None).get(dealer, False)

    @api.depends("violation_type", "contract_id")
    def _compute_fine_amount(self):
        for violation in self:
            field = PENALTY_FIELD_BY_TYPE.get(violation.violation_type)
            contract = violation.contract_id
            if contract and field and contract[field]:
                violation.fine_amount = contract[field]
            else:
                violation.fine_amount = violation.fine_amount or 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.violation") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not (self._is_dealer_manager() or self._dealer_is_trusted()):
            for violation in self.filtered(lambda v: v.state != "draft"):
                raise AccessError(_(
                    "Violation %(name)s is %(state)s: only a Dealer Manager may change it.",
                    name=violation.name, state=violation._state_label(),
                ))
        return super().write(vals)

    # a check: it raises or returns nothing, like the mixin's method it extends
    def _dealer_check_protected(self, fnames):  # pylint: disable=missing-return
        """Points and fine are set by a Dealer Manager; state and invoice only by the actions."""
        super()._dealer_check_protected(fnames)
        sanction = [fname for fname in self._dealer_manager_fields if fname in fnames]
        if sanction and not (self._dealer_is_trusted() or self._is_dealer_manager()):
            raise AccessError(_(
                "Only a Dealer Manager may set the points or the fine of a violation. Report the facts in "
                "the description; a Dealer Manager decides the sanction.",
            ))

    # ------------------------------------------------------------------ state machine
    def action_confirm(self):
        """Draft → confirmed."""
        self._check_dealer_manager(_("Only a Dealer Manager may confirm a violation."))
        self._check_state(("draft",), _("Violation %(name)s cannot be confirmed: it is %(state)s, not draft."))
        self._dealer_trusted().write({"state": "confirmed"})
        return True

    def action_close(self):
        """Confirmed → closed."""
        self._check_dealer_manager(_("Only a Dealer Manager may close a violation."))
        self._check_state(("confirmed",), _("Violation %(name)s cannot be closed: it is %(state)s, not confirmed."))
        self._dealer_trusted().write({"state": "closed"})
        return True

    def action_cancel(self):
        """Draft/confirmed → cancelled; a posted fine invoice must be reversed or cancelled first."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a violation."))
        self._check_state(("draft", "confirmed"), _("Violation %(name)s cannot be cancelled: it is %(state)s."))
        if self.invoice_id.filtered(lambda move: move.state == "posted"):
            raise UserError(_("Cancel or reverse the posted fine invoice before cancelling the violation."))
        self._dealer_trusted().write({"state": "cancelled"})
        return True

    def action_draft(self):
        """Cancelled → draft."""
        self._check_dealer_manager(_("Only a Dealer Manager may reset a violation to draft."))
        self._check_state(
            ("cancelled",), _("Violation %(name)s cannot be reset to draft: it is %(state)s, not cancelled."),
        )
        self._dealer_trusted().write({"state": "draft"})
        return True

    # ------------------------------------------------------------------ fine invoice
    def action_invoice_fine(self):
        """Create the customer invoice of the fine of confirmed violations and open it."""
        self._check_dealer_manager(_("Only a Dealer Manager may invoice a violation fine."))
        self._check_state(
            ("confirmed", "closed"),
            _("Violation %(name)s cannot be invoiced: it is %(state)s, not confirmed or closed."),
        )
        for violation in self:
            if violation.invoice_id and violation.invoice_id.state != "cancel":
                raise UserError(_("Violation %(name)s already has a fine invoice.", name=violation.name))
            if violation.currency_id.compare_amounts(violation.fine_amount, 0.0) <= 0:
                raise UserError(_("Violation %(name)s has no fine to invoice.", name=violation.name))
        # sudo: like sale's invoicing, Dealer Managers issue the fine without accounting rights
        invoices = self.env["account.move"].sudo().create([violation._prepare_fine_invoice() for violation in self])
        for violation, invoice in zip(self, invoices, strict=True):
            violation._dealer_trusted().invoice_id = invoice
            violation.message_post(body=_("Fine invoice %(invoice)s created.", invoice=invoice.display_name))
        return self.action_view_fine_invoice()

    @api.model
    def _fine_product(self):
        """The product of fine invoice lines (Settings), which keeps fines out of the net sales."""
        param = self.env["ir.config_parameter"].sudo().get_param(FINE_PRODUCT_PARAM)
        product = self.env["product.product"].sudo().browse(int(param)).exists() if param else None
        return product or self.env.ref("dealer_management.product_dealer_violation_fine", raise_if_not_found=False)

    def _prepare_fine_invoice(self):
        """Values of the customer invoice with one line on the fine product."""
        self.ensure_one()
        product = self._fine_product()
        if not product:
            raise UserError(_("Set the violation fine product in the Dealers settings to invoice fines."))
        journal = self.env["account.journal"].sudo().search([
            *self.env["account.journal"]._check_company_domain(self.company_id),
            ("type", "=", "sale"),
        ], limit=1)
        if not journal.default_account_id:
            raise UserError(_(
                "Define a sales journal with a default income account for %(company)s to invoice fines.",
                company=self.company_id.name,
            ))
        type_label = self._selection_label("violation_type")
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "invoice_line_ids": [Command.create({
                "product_id": product.id,
                "name": _("Fine for violation %(name)s (%(type)s)", name=self.name, type=type_label),
                "quantity": 1.0,
                "price_unit": self.fine_amount,
                "account_id": (
                    product.with_company(self.company_id).property_account_income_id or journal.default_account_id
                ).id,
                "tax_ids": [Command.clear()],
            })],
        }

    def action_view_fine_invoice(self):
        """Open the fine invoice(s)."""
        invoices = self.invoice_id
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        if len(invoices) == 1:
            action.update(views=[(self.env.ref("account.view_move_form").id, "form")], res_id=invoices.id)
        else:
            action["domain"] = [("id", "in", invoices.ids)]
        return action
