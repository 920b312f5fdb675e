from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

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
    only through its buttons (``dealer.workflow.mixin``: the claim fields are protected): filing checks, the
    company's decision, settlement by a credit note.
    """

    _name = "repair.order"
    _inherit = ["repair.order", "dealer.workflow.mixin", "dealer.queue.mixin"]

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

    # ------------------------------------------------------------------ helpers
    def _dealer_check_claim_state(self, allowed, message):
        """Raise UserError(message) for the first record that is not a claim in one of the `allowed` states."""
        for repair in self:
            if not repair.dealer_claim or repair.dealer_claim_state not in allowed:
                state = repair._selection_label("dealer_claim_state") if repair.dealer_claim else _("not a claim")
                raise UserError(message % {"name": repair.display_name, "state": state})

    def _dealer_claim_product(self):
        """The product of the credit note lines settling claims (Settings > Dealers), or an empty recordset."""
        product_id = self.env["ir.config_parameter"].sudo().get_param("dealer_service.claim_product_id")
        # sudo: the configured product is read for its id only, whoever settles
        product = self.env["product.product"].sudo().browse(int(product_id or 0)).exists()
        return product.sudo(False) or self.env.ref("dealer_service.product_dealer_warranty_claim",
                                                    raise_if_not_found=False) or self.env["product.product"]

    def _dealer_claim_filing_error(self):
        """Why this claim cannot be filed (a whole sentence), or None: dealer and serial set, the serial sold
        out by this dealer, and under warranty on the repair date."""
        self.ensure_one()
        if not self.dealer_id:
            return _("Warranty claim %(name)s needs the dealer who files it.", name=self.display_name)
        lot = self.lot_id
        if not lot:
            return _("Warranty claim %(name)s needs the serial/VIN of the repaired product.", name=self.display_name)
        dealer = self.dealer_id.commercial_partner_id
        seller = lot.dealer_sellout_id.dealer_id.commercial_partner_id
        if not seller:
            return _(
                "Warranty claim %(name)s is refused: serial %(serial)s has no confirmed retail sale, so it has no "
                "warranty. The dealer who sold it must record its sell-out first.",
                name=self.display_name, serial=lot.name,
            )
        if seller != dealer:
            return _(
                "Warranty claim %(name)s is refused: serial %(serial)s was not sold out by %(dealer)s (its retail "
                "sale is by %(seller)s). Only the dealer who sold it may claim its warranty.",
                name=self.display_name, serial=lot.name, dealer=dealer.display_name, seller=seller.display_name,
            )
        repair_day = self.schedule_date.date()
        if not lot.dealer_warranty_end:
            return _(
                "Warranty claim %(name)s is refused: product %(product)s carries no warranty.",
                name=self.display_name, product=lot.product_id.display_name,
            )
        if not lot._dealer_in_warranty(repair_day):
            return _(
                "Warranty claim %(name)s is refused: serial %(serial)s is out of warranty on the repair date "
                "%(date)s (warranty from %(start)s to %(end)s).",
                name=self.display_name, serial=lot.name, date=format_date(self.env, repair_day),
                start=format_date(self.env, lot.dealer_warranty_start),
                end=format_date(self.env, lot.dealer_warranty_end),
            )
        return None

    def _dealer_check_claim_filing(self):
        for repair in self:
            error = repair._dealer_claim_filing_error()
            if error:
                raise UserError(error)

    # ------------------------------------------------------------------ transitions
    def action_dealer_claim_submit(self):
        """Draft → submitted: the dealer files the claim, once the serial and warranty checks pass."""
        self._dealer_check_claim_state(("draft",), _("Warranty claim %(name)s cannot be submitted: it is %(state)s."))
        self._dealer_check_claim_filing()
        self._dealer_trusted().write({
            "dealer_claim_state": "submitted", "dealer_claim_submit_date": fields.Date.context_today(self),
        })
        return True

    def action_dealer_claim_approve(self):
        """Submitted → approved by the company, at the claim amount of that moment."""
        self._check_dealer_manager(_("Only a Dealer Manager may approve a warranty claim."))
        self._dealer_check_claim_state(
            ("submitted",), _("Warranty claim %(name)s cannot be approved: it is %(state)s, not submitted."))
        self._dealer_check_claim_filing()
        for repair in self:
            if repair.dealer_claim_currency_id.compare_amounts(repair.dealer_claim_amount, 0.0) <= 0:
                raise UserError(_(
                    "Warranty claim %(name)s cannot be approved: it claims %(amount)s. Add its parts or labour, or "
                    "reject it.",
                    name=repair.display_name,
                    amount=format_amount(self.env, repair.dealer_claim_amount, repair.dealer_claim_currency_id),
                ))
        for repair in self:
            repair._dealer_trusted().write({
                "dealer_claim_state": "approved", "dealer_claim_approved_amount": repair.dealer_claim_amount,
            })
            repair.message_post(body=_(
                "Warranty claim approved for %(amount)s.",
                amount=format_amount(self.env, repair.dealer_claim_amount, repair.dealer_claim_currency_id),
            ))
        return True

    def action_dealer_claim_reject(self, reason):
        """Submitted/approved → rejected, with the reason given to the dealer."""
        self._check_dealer_manager(_("Only a Dealer Manager may reject a warranty claim."))
        self._dealer_check_claim_state(
            ("submitted", "approved"), _("Warranty claim %(name)s cannot be rejected: it is %(state)s."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason for rejecting the warranty claim; the dealer will read it."))
        self._dealer_trusted().write({
            "dealer_claim_state": "rejected", "dealer_claim_reject_reason": reason,
            "dealer_claim_approved_amount": 0.0,
        })
        for repair in self:
            repair.message_post(body=_("Warranty claim rejected: %(reason)s", reason=reason))
        return True

    def action_dealer_claim_draft(self):
        """Rejected → draft, for the dealer to correct and file again."""
        self._dealer_check_claim_state(
            ("rejected",), _("Warranty claim %(name)s cannot be reset to draft: it is %(state)s, not rejected."))
        self._dealer_trusted().write({"dealer_claim_state": "draft", "dealer_claim_submit_date": False})
        return True

    def action_dealer_claim_settle(self):
        """Approved → settled, once the repair is done: post a credit note of the approved amount to the dealer.
        More claims than the company's threshold of documents are settled in the background, as one job."""
        return self._dealer_run_or_queue(
            _("Settlement of %(count)s warranty claims", count=len(self)), self._dealer_claim_settle_now,
            "_dealer_check_claim_settle", "_dealer_job_claim_settle",
        )

    def _dealer_claim_settle_now(self):
        self._dealer_check_claim_settle()
        self._dealer_claim_settle()
        return True

    def _dealer_job_claim_settle(self):
        """Job: settle the queued claims, checked again as they are now (all credit notes or none)."""
        return self._dealer_job_checked(
            "_dealer_check_claim_settle", "_dealer_claim_settle",
            lambda claims: claims.env._("%(count)s warranty claims settled by credit note.", count=len(claims)),
        )

    def _dealer_check_claim_settle(self):
        """Refuse to settle unless the user is a Dealer Manager and every claim is approved, its repair done."""
        self._check_dealer_manager(_("Only a Dealer Manager may settle a warranty claim."))
        self._dealer_check_claim_state(
            ("approved",), _("Warranty claim %(name)s cannot be settled: it is %(state)s, not approved."))
        unrepaired = self.filtered(lambda r: r.state != "done")
        if unrepaired:
            raise UserError(_(
                "Warranty claim %(name)s cannot be settled before its repair is done (the repair is %(state)s): "
                "end the repair first.",
                name=unrepaired[0].display_name, state=unrepaired[0]._selection_label("state"),
            ))
        if not self._dealer_claim_product():
            raise UserError(_("Set the Warranty Claim Product in Settings > Dealers before settling claims."))

    def _dealer_claim_settle(self):
        """Post the credit notes of these checked claims (see ``_dealer_check_claim_settle``)."""
        for repair in self:
            move = repair._dealer_create_claim_credit_note()
            repair._dealer_trusted().write({"dealer_claim_state": "settled", "dealer_claim_credit_note_id": move.id})
            repair.message_post(body=_("Warranty claim settled by credit note %(move)s.", move=move._get_html_link()))

    def action_open_claim_reject_wizard(self):
        """Ask for the rejection reason."""
        self._check_dealer_manager(_("Only a Dealer Manager may reject a warranty claim."))
        return {
            "type": "ir.actions.act_window", "res_model": "dealer.claim.reject.wizard", "view_mode": "form",
            "target": "new", "name": _("Reject Warranty Claim"),
            "context": {"default_repair_ids": self.ids},
        }

    def action_view_claim_credit_note(self):
        """Open the credit note settling the claim."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "account.move", "view_mode": "form",
            "res_id": self.dealer_claim_credit_note_id.id, "name": _("Credit Note"),
        }

    # ------------------------------------------------------------------ settlement
    def _dealer_claim_credit_note_vals(self):
        """One untaxed line on the warranty claim product, of the approved amount."""
        self.ensure_one()
        return {
            "move_type": "out_refund",
            "partner_id": self.dealer_id.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.dealer_claim_currency_id.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_origin": self.name,
            "ref": _("Warranty claim %(name)s", name=self.name),
            "invoice_line_ids": [fields.Command.create({
                "product_id": self._dealer_claim_product().id,
                "name": _("Warranty claim %(name)s, serial %(serial)s", name=self.name, serial=self.lot_id.name),
                "quantity": 1.0,
                "price_unit": self.dealer_claim_approved_amount,
                "tax_ids": [fields.Command.clear()],
            })],
        }

    def _dealer_create_claim_credit_note(self):
        """Create and post the customer credit note of the claim."""
        self.ensure_one()
        # sudo: a Dealer Manager settles claims without being an accountant; the right is checked by the caller
        move = self.env["account.move"].sudo().with_company(self.company_id).create(
            self._dealer_claim_credit_note_vals())
        move.action_post()
        return move.sudo(False)
