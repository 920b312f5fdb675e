from odoo import models

# dealers whose people use the dealer portal (announcements, complaints, feedback)
DEALER_PORTAL_STATES = ("active", "suspended")


class ResUsers(models.Model):
    _inherit = "res.users"

    def _dealer_portal_dealer(self):
        """The dealer (commercial partner) this user works for when it may use the dealer portal, else empty.

        The one answer to "which dealer is this portal user": portal routes, record rules and models ask here.
        """
        self.ensure_one()
        # sudo: the user's own commercial partner, read for its dealer flag and status only
        dealer = self.sudo().partner_id.commercial_partner_id
        if dealer.is_dealer and dealer.dealer_state in DEALER_PORTAL_STATES:
            return self.env["res.partner"].browse(dealer.id)
        return self.env["res.partner"]
