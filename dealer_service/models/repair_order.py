from odoo import _, api, fields, models
from odoo.exceptions import UserError

CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("settled", "Settled"),
]
# what a claim is about: fixed once it is filed (submitted), so that the decision holds for what was examined
CLAIM_LOCKED_FIELDS = ("dealer_claim", "dealer_id", "lot_id", "product_id", "schedule_date", "dealer_labour_amount")


class RepairOrder(models.Model):
    """A repair order, optionally a dealer's warranty claim (保修索赔) on a serial it sold out.

    Parts are the repair's own lines (stock moves "Add"), valued at the part's sales price; labour is an
    amount. The claim moves draft → submitted → approved → settled (a credit note to the dealer) or rejected,
    only through its buttons (``dealer.workflow.mixin``: the claim fields are protected).
    """

    _name = "repair.order"
    _inherit = ["repair.order", "dealer.workflow.mixin"]

    _dealer_protected_fields = (
        "dealer_claim_state", "dealer_claim_reject_reason", "dealer_claim_approved_amount",
        "dealer_claim_credit_note_id", "dealer_claim_submit_date",
    )

    dealer_id = fields.Many2one(
        "res.partner", index="btree_not_null", tracking=True, check_company=True,
        domain=[("is_dealer", "=", True)],
        help="The dealer that repaired the product and files the warranty claim.",
    )
    dealer_claim = fields.Boolean(
        string="Warranty Claim", index=True, tracking=True,
        help="The dealer claims the parts and labour of this repair from the company under warranty.",
    )
    dealer_claim_state = fields.Selection(
        CLAIM_STATES, string="Claim Status", compute="_compute_dealer_claim_state", store=True, readonly=True,
        copy=False, index="btree_not_null", tracking=True,
    )
    dealer_claim_submit_date = fields.Date(string="Claim Filed On", readonly=True, copy=False)
    dealer_claim_reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False, tracking=True)
    dealer_claim_currency_id = fields.Many2one(related="company_id.currency_id", string="Claim Currency")
    dealer_parts_amount = fields.Monetary(
        string="Parts Amount", compute="_compute_dealer_claim_amount", currency_field="dealer_claim_currency_id",
        help="Parts added by the repair, at their sales price.",
    )
    dealer_labour_amount = fields.Monetary(
        string="Labour", currency_field="dealer_claim_currency_id", tracking=True,
        help="Labour of the repair claimed by the dealer.",
    )
    dealer_claim_amount = fields.Monetary(
        string="Claim Amount", compute="_compute_dealer_claim_amount", currency_field="dealer_claim_currency_id",
        help="Parts plus labour.",
    )
    dealer_claim_approved_amount = fields.Monetary(
        string="Approved Amount", readonly=True, copy=False, currency_field="dealer_claim_currency_id",
        help="The claim amount when it was approved: the amount of the credit note that settles it.",
    )
    dealer_claim_credit_note_id = fields.Many2one(
        "account.move", string="Claim Credit Note", readonly=True, copy=False, check_company=True,
        index="btree_not_null",
    )
    dealer_warranty_end = fields.Date(related="lot_id.dealer_warranty_end", string="Warranty End")
    # the claim handlers (Dealer Users) read the serial's retail sale: who bought the vehicle, to call them
    dealer_end_customer = fields.Char(related="lot_id.dealer_sellout_id.customer_name", string="End Customer")
    dealer_end_customer_phone = fields.Char(
        related="lot_id.dealer_sellout_id.customer_phone", string="End Customer Phone")

    @api.depends("dealer_claim")
    def _compute_dealer_claim_state(self):
        for repair in self:
            repair.dealer_claim_state = (repair.dealer_claim_state or "draft") if repair.dealer_claim else False

    @api.depends("move_ids.product_uom_qty", "move_ids.product_id", "move_ids.repair_line_type", "move_ids.state",
                 "dealer_labour_amount")
    def _compute_dealer_claim_amount(self):
        for repair in self:
            parts = repair.move_ids.filtered(lambda m: m.repair_line_type == "add" and m.state != "cancel")
            repair.dealer_parts_amount = sum(
                move.product_uom._compute_quantity(move.product_uom_qty, move.product_id.uom_id)
                * move.product_id.lst_price for move in parts
            )
            repair.dealer_claim_amount = repair.dealer_parts_amount + repair.dealer_labour_amount

    @api.onchange("partner_id")
    def _onchange_partner_id_dealer(self):
        commercial = self.partner_id.commercial_partner_id
        if commercial.is_dealer and not self.dealer_id:
            self.dealer_id = commercial

    # ------------------------------------------------------------------ guards
    def write(self, vals):
        if not self._dealer_is_trusted() and any(fname in vals for fname in CLAIM_LOCKED_FIELDS):
            filed = self._dealer_lines_locked()
            if filed:
                raise UserError(_(
                    "Warranty claim %(name)s is %(state)s: its dealer, serial, product, date and labour can no "
                    "longer change.",
                    name=filed[0].display_name, state=filed[0]._selection_label("dealer_claim_state"),
                ))
        return super().write(vals)

    def _dealer_lines_locked(self):
        """The filed claims (submitted, approved, settled): what they claim, parts included, is fixed, so that
        the decision holds for what was examined. A rejected claim is corrected after reset to draft."""
        return self.filtered(lambda r: r.dealer_claim and r.dealer_claim_state not in (False, "draft", "rejected"))

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        return _(
            "Warranty claim %(name)s is %(state)s: its parts can no longer be added, changed or removed.",
            name=self.display_name, state=self._selection_label("dealer_claim_state"),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed_claim(self):
        filed = self.filtered(lambda r: r.dealer_claim and r.dealer_claim_state not in (False, "draft"))
        if filed:
            raise UserError(_(
                "Warranty claim %(name)s is %(state)s and cannot be deleted.",
                name=filed[0].display_name, state=filed[0]._selection_label("dealer_claim_state"),
            ))
