from odoo import _, http
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal


class DealerStaffQualificationPortal(DealerPortal):
    """The dealer owner's page of its people's certifications: qualified, expiring, expired, missing."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_staff_missing_count" in counters:
            user = request.env.user
            # sudo: the owner's own dealer only, counted for the home page
            values["dealer_staff_missing_count"] = (
                user._dealer_portal_dealer().sudo().dealer_staff_missing_count if user._dealer_portal_is_owner() else 0
            )
        return values

    @http.route("/my/staff-qualification", type="http", auth="user", website=True, readonly=True)
    def portal_my_staff_qualification(self, **kw):
        user = request.env.user
        values = self._prepare_portal_layout_values()
        values["page_name"] = "dealer_staff_qualification"
        if not user._dealer_portal_is_owner():
            values["staff_error"] = _("Only your dealer's owner sees the certifications of its people.")
            return request.render("dealer_portal_staff_certification.portal_my_staff_qualification", values,
                                  status=403)
        # sudo: portal users have no right on the qualification view; the owner's own dealer's rows only
        values["qualifications"] = request.env["dealer.staff.qualification"].sudo().search(
            [("dealer_id", "=", user._dealer_portal_dealer().id)], order="state, partner_id, survey_id",
        )
        return request.render("dealer_portal_staff_certification.portal_my_staff_qualification", values)
