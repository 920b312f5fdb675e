from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows


class DealerMarketingApplicationSettlementMixin(models.AbstractModel):
    """The settlement of verified marketing support through accounting: a customer credit note on the *Marketing
    Support* product (kept out of net sales, as rebates and warranty claims are), or a vendor bill when the company
    pays the dealer out (Settings > Dealers). Settled once: the applications' rows are locked and their state
    checked again under the lock, so a double click, a replayed request or two users at the same moment settle
    once; more applications than the company's threshold settle as one background job (dealer_queue)."""

    _name = "dealer.marketing.application.settlement.mixin"
    _description = "Marketing Support Settlement"

    move_id = fields.Many2one("account.move", string="Settlement Entry", readonly=True, copy=False,
                              check_company=True, help="The credit note or vendor bill that paid this support.")

    def action_settle(self):
        """Verified → settled: at once, or as one job above the company's documents threshold."""
        if self._dealer_queue_runs_now(len(self), "documents"):
            self._dealer_check_settle()
            self._dealer_settle()
            return True
        self._dealer_check_settle()  # what can be refused at once is refused at once
        job = self._dealer_delayable(_("Settlement of %(count)s marketing support applications",
                                       count=len(self)))._dealer_job_settle()
        return self._dealer_job_queued(job)

    def _dealer_job_settle(self):
        """Job: settle the queued applications, checked again as they are now (all entries or none)."""
        def settle(applications):
            applications._dealer_check_settle()
            applications._dealer_settle()
            return applications.env._("%(count)s marketing support applications settled.", count=len(applications))
        return self._dealer_job_perform(settle)

    def _dealer_check_settle(self):
        """Refuse unless the user is a Dealer Manager and every application is verified, with its proof."""
        self._check_dealer_manager(_("Only a Dealer Manager may settle marketing support."))
        if not self:
            raise UserError(_("Select the verified applications to settle."))
        self._check_state(("verified",), _("Marketing support application %(name)s cannot be settled: it is "
                                           "%(state)s, not verified."))
        for application in self:
            if not application.proof_attachment_ids:
                raise UserError(_("Marketing support application %(name)s has no proof: it cannot be settled.",
                                  name=application.name))
        if not self._dealer_marketing_product():
            raise UserError(_("Set the Marketing Support product in Settings > Dealers before settling."))

    def _dealer_settle(self):
        """Post the entries of these checked applications, once: the rows are locked and the states read again.

        Set-based: one lock and one state check for all the rows, one credit note (or bill) per application created
        in one ``create`` and posted in one ``action_post`` per company, the states written in one ``write`` and the
        chatter notes logged in one batch."""
        lock_rows(self)
        self.invalidate_recordset(["state", "move_id"])
        self._check_state(("verified",), _("Marketing support application %(name)s cannot be settled: it is "
                                           "%(state)s, not verified."))
        today = fields.Date.context_today(self)
        product = self._dealer_marketing_product()
        by_company = self.grouped("company_id")
        for company, applications in by_company.items():
            mode = company.dealer_marketing_settlement
            # sudo: a Dealer Manager settles without being an accountant; the right was checked above
            Move = self.env["account.move"].sudo().with_company(company)
            moves = Move.create([application._dealer_settlement_vals(mode, product) for application in applications])
            moves.action_post()
            trusted = applications._dealer_trusted()
            trusted.write({"state": "settled", "date_settled": today})
            for application, move in zip(trusted, moves, strict=True):
                application.move_id = move
            # one note per application, logged in one batch (no notification: as message_post without a subtype)
            applications._message_log_batch({
                application.id: _("Settled by %(move)s.", move=move._get_html_link())
                for application, move in zip(applications, moves, strict=True)
            })

    def _dealer_marketing_product(self):
        """The product of the settlement lines (Settings > Dealers), or an empty recordset."""
        # sudo: the configured product is read for its id only, whoever settles
        product_id = self.env["ir.config_parameter"].sudo().get_param("dealer_marketing_fund.product_id")
        product = self.env["product.product"].sudo().browse(int(product_id or 0)).exists()
        return product or self.env.ref("dealer_marketing_fund.product_dealer_marketing_support",
                                       raise_if_not_found=False) or self.env["product.product"]

    def _dealer_settlement_vals(self, mode, product=None):
        """The credit note (``mode`` "credit_note") or vendor bill ("vendor_bill") paying this application, on
        ``product`` (default: the configured Marketing Support product)."""
        self.ensure_one()
        product = product or self._dealer_marketing_product()
        return {
            "move_type": "in_invoice" if mode == "vendor_bill" else "out_refund",
            "partner_id": self.partner_id.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_origin": self.name,
            "ref": _("Marketing support %(name)s", name=self.name),
            "invoice_line_ids": [fields.Command.create({
                "product_id": product.id,
                "name": _("Marketing support %(name)s: %(activity)s on %(date)s", name=self.name,
                          activity=self.marketing_type_id.name, date=self.date_planned),
                "quantity": 1.0,
                "price_unit": self.amount_verified,
                "tax_ids": [fields.Command.clear()],
            })],
        }

    def action_view_move(self):
        """Open the settlement entry."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "account.move", "view_mode": "form",
                "res_id": self.move_id.id, "name": _("Settlement")}
