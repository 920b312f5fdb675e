from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models


class DealerApplication(models.Model):
    """The step after the approval: the new dealer's first contract, without which its orders are refused."""

    _inherit = "dealer.application"

    dealer_contract_id = fields.Many2one(
        "dealer.contract", string="Contract", compute="_compute_dealer_contract_id",
        groups="dealer_management.group_dealer_user",
        help="The approved dealer's current contract (active, else draft) in the application's company.",
    )

    @api.depends("state", "partner_id", "company_id")
    def _compute_dealer_contract_id(self):
        approved = self.filtered(lambda a: a.state == "approved" and a.partner_id)
        contracts = self.env["dealer.contract"]
        if approved:
            contracts = contracts.search([
                ("partner_id", "in", approved.partner_id.ids), ("company_id", "in", approved.company_id.ids),
                ("state", "in", ("draft", "active")),
            ], order="date_start desc, id desc")
        for application in self:
            candidates = contracts.filtered(
                lambda c, a=application: a in approved and c.partner_id == a.partner_id and c.company_id == a.company_id
            )
            # an active contract is the one that lets the dealer order; a draft one is the next best
            application.dealer_contract_id = candidates.filtered(lambda c: c.state == "active")[:1] or candidates[:1]

    def action_create_contract(self):
        """Open the approved dealer's contract: its current one if it has one, else a new one prefilled from the
        application (dealer, company, one year from today; grade, territories, pricelist, payment terms and credit
        limit follow from the dealer and its grade). Nothing is created until the manager saves the form."""
        self.ensure_one()
        self._check_dealer_manager(_("Only a Dealer Manager may create a dealer contract."))
        self._check_state(("approved",), _(
            "Application %(name)s is %(state)s: a contract is made for the dealer of an approved application only."
        ))
        action = {
            "type": "ir.actions.act_window",
            "name": _("Contract of %(dealer)s", dealer=self.partner_id.display_name),
            "res_model": "dealer.contract",
            "view_mode": "form",
            "target": "current",
        }
        if self.dealer_contract_id:
            action["res_id"] = self.dealer_contract_id.id
            return action
        today = fields.Date.context_today(self)
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
            "default_date_start": fields.Date.to_string(today),
            "default_date_end": fields.Date.to_string(today + relativedelta(years=1, days=-1)),
        }
        return action
