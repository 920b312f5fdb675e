from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal

REVIEW_MODEL = "dealer.business.review"
REVIEW_REPORT = "dealer_business_review.action_report_dealer_business_review"


class DealerBusinessReviewPortal(DealerPortal):
    """The owner's business reviews on /my: the list, one review (figures, minutes, agreed actions) and its PDF.

    Staff and users of no dealer get a 404; the reviews are searched and checked with the owner's rights and record
    rules (its own dealer's reviews, once held)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_business_review_count" in counters:
            values["dealer_business_review_count"] = self._dealer_count(
                REVIEW_MODEL, lambda dealer: [("partner_id", "=", dealer.id)],
            ) if request.env.user._dealer_portal_is_owner() else 0
        return values

    def _dealer_business_review_owner(self):
        """The owner's dealer; a 404 for anyone else (staff, users of no dealer)."""
        user = request.env.user
        dealer = user._dealer_portal_dealer()
        if not dealer or not user._dealer_portal_is_owner():
            raise request.not_found()
        return dealer

    def _dealer_business_review_sudo(self, review_id):
        """The review, checked with the owner's rights and record rules; a 404 when it is not the owner's."""
        self._dealer_business_review_owner()
        try:
            return self._document_check_access(REVIEW_MODEL, review_id)
        except (AccessError, MissingError):
            raise request.not_found() from None

    @http.route(["/my/business-reviews", "/my/business-reviews/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_business_reviews(self, page=1, **kw):
        dealer = self._dealer_business_review_owner()
        values = self._dealer_list_values(
            REVIEW_MODEL, "/my/business-reviews", page, "dealer_business_reviews", [("partner_id", "=", dealer.id)],
        )
        return request.render("dealer_portal_business_review.portal_my_business_reviews", values)

    @http.route(["/my/business-reviews/<int:review_id>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_business_review(self, review_id, **kw):
        review_sudo = self._dealer_business_review_sudo(review_id)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "dealer_business_review", "review": review_sudo})
        return request.render("dealer_portal_business_review.portal_my_business_review", values)

    @http.route(["/my/business-reviews/<int:review_id>/pdf"], type="http", auth="user", website=True, readonly=True)
    def portal_business_review_pdf(self, review_id, **kw):
        review_sudo = self._dealer_business_review_sudo(review_id)
        # sudo: the review was checked above (the owner's own dealer's held review)
        pdf = request.env["ir.actions.report"].sudo()._render_qweb_pdf(REVIEW_REPORT, review_sudo.ids)[0]
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(f"{review_sudo.display_name}.pdf".replace("/", "-"))),
        ])
