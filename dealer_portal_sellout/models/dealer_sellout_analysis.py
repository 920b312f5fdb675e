from collections import defaultdict

from odoo import api, models


class DealerSelloutAnalysis(models.Model):
    _inherit = "dealer.sellout.analysis"

    @api.model
    def _dealer_summary_recipients(self, dealers):
        """The monthly summary goes to the dealer's owners (contacts with the portal role "owner" and an e-mail
        address); a dealer without such an owner gets it as before, at its own address."""
        recipients = super()._dealer_summary_recipients(dealers)
        Partner = self.env["res.partner"]
        owners = defaultdict(lambda: Partner)
        for contact in Partner.search([
            ("commercial_partner_id", "in", dealers.ids), ("dealer_portal_role", "=", "owner"), ("email", "!=", False),
        ]):
            owners[contact.commercial_partner_id.id] |= contact
        return {dealer_id: owners[dealer_id] or partners for dealer_id, partners in recipients.items()}
