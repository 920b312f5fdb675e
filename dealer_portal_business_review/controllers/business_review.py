from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.pages_finance import DealerFinancePortal

REVIEW_MODEL = "dealer.business.review"


class DealerBusinessReviewPortal(DealerFinancePortal):
    """The owner's business reviews among its documents on /my: the list, one review (figures, minutes, agreed
    actions) and its PDF. Staff and users of no dealer get a 404; the reviews are searched and checked with the
    owner's rights and record rules (its own dealer's reviews, once held)."""

    def _dealer_owner_document_kinds(self):
        return {
            **super()._dealer_owner_document_kinds(),
            "business-reviews": (REVIEW_MODEL, "dealer_business_review.action_report_dealer_business_review",
                                 "dealer_business_reviews", "dealer_portal_business_review.portal_my_business_reviews"),
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_business_review_count" in counters:
            values["dealer_business_review_count"] = self._dealer_count(
                REVIEW_MODEL, lambda dealer: [("partner_id", "=", dealer.id)],
            ) if request.env.user._dealer_portal_is_owner() else 0
        return values

    @http.route(["/my/business-reviews", "/my/business-reviews/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_business_reviews(self, page=1, **kw):
        return self._dealer_owner_documents("business-reviews", page)

    @http.route(["/my/business-reviews/<int:review_id>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_business_review(self, review_id, **kw):
        self._dealer_pages_dealer(owner=True)
        try:
            # the owner's rights and record rules decide (its own dealer's held reviews only)
            review_sudo = self._document_check_access(REVIEW_MODEL, review_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return request.render("dealer_portal_business_review.portal_my_business_review",
                              self._dealer_pages_values("dealer_business_review", review=review_sudo))

    @http.route(["/my/business-reviews/<int:review_id>/pdf"], type="http", auth="user", website=True, readonly=True)
    def portal_business_review_pdf(self, review_id, **kw):
        return self._dealer_owner_pdf("business-reviews", review_id)
