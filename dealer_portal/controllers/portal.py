from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class DealerCustomerPortal(CustomerPortal):
    """The dealer's profile on /my: its code, grade, territories and status."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:  # the page itself, not the JSON counters call
            # sudo: the user's own dealer only (res.users._dealer_portal_dealer), read for display (grade and
            # territories are back-office models a portal user has no access right on)
            values["dealer_partner"] = request.env.user._dealer_portal_dealer().sudo()
        return values
