from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.pages_finance import DealerFinancePortal

# the colour of a scorecard's rating on the portal
RATING_BADGES = {"A": "text-bg-success", "B": "text-bg-info", "C": "text-bg-warning", "D": "text-bg-danger"}


class DealerAssessmentPortal(DealerFinancePortal):
    """The owner's scorecards (list and PDFs, among the owner's documents) and correction plans (list, plan,
    answer per action). Staff get a 404; the records are searched with the owner's rights and record rules."""

    def _dealer_owner_document_kinds(self):
        return {
            **super()._dealer_owner_document_kinds(),
            "scorecards": ("dealer.scorecard", "dealer_assessment.action_report_dealer_scorecard",
                           "dealer_scorecards", "dealer_portal_assessment.portal_my_scorecards"),
        }

    # ------------------------------------------------------------------ scorecards
    @http.route(["/my/scorecards", "/my/scorecards/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_scorecards(self, page=1, **kw):
        Scorecard = request.env["dealer.scorecard"]
        return self._dealer_owner_documents(
            "scorecards", page, RATING_BADGES=RATING_BADGES,
            # sudo: the ranking level of the user's own company, a setting it may not read
            rank_label=Scorecard._rank_level_label(request.env.user.company_id.sudo().dealer_rank_level),
        )

    @http.route(["/my/scorecards/<int:record_id>/pdf"], type="http", auth="user", website=True, readonly=True)
    def portal_scorecard_pdf(self, record_id, **kw):
        return self._dealer_owner_pdf("scorecards", record_id)

    # ------------------------------------------------------------------ correction plans
    @http.route(["/my/correction-plans", "/my/correction-plans/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_correction_plans(self, page=1, **kw):
        dealer = self._dealer_pages_dealer(owner=True)
        values = self._dealer_list_values(
            "dealer.correction.plan", "/my/correction-plans", page, "dealer_correction_plans",
            [("partner_id", "=", dealer.id)],
        )
        return request.render("dealer_portal_assessment.portal_my_correction_plans", values)

    def _dealer_plan(self, plan_id):
        self._dealer_pages_dealer(owner=True)
        try:
            return self._document_check_access("dealer.correction.plan", plan_id)
        except (AccessError, MissingError):
            raise request.not_found() from None

    @http.route(["/my/correction-plans/<int:plan_id>"], type="http", auth="user", website=True,
                readonly=DealerFinancePortal._dealer_readonly_page)
    def portal_correction_plan(self, plan_id, answered=None, **kw):
        plan_sudo = self._dealer_plan(plan_id)
        return request.render("dealer_portal_assessment.portal_correction_plan", self._dealer_pages_values(
            "dealer_correction_plan", plan=plan_sudo, answered=answered, error=None, error_line=None,
            **self._dealer_upload_values(),
        ))

    @http.route(["/my/correction-plans/<int:plan_id>/actions/<int:line_id>"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_correction_plan_answer(self, plan_id, line_id, **post):
        plan_sudo = self._dealer_plan(plan_id)
        line = plan_sudo.line_ids.filtered(lambda action: action.id == line_id)
        if not line:
            raise request.not_found()
        uploads, error = self._dealer_uploads()
        if not error:
            try:
                with request.env.cr.savepoint():
                    # back to the user's environment: the answer records who answered; the method writes the
                    # answer fields as superuser once everything was checked
                    line.with_env(self._dealer_clean_env())._dealer_portal_answer(post.get("note"), uploads)
            except (AccessError, UserError, ValidationError) as e:
                error = self._dealer_error_message(e)
        if error:
            return request.render("dealer_portal_assessment.portal_correction_plan", self._dealer_pages_values(
                "dealer_correction_plan", plan=plan_sudo, answered=None, error=error, error_line=line_id,
                post=post, **self._dealer_upload_values(),
            ))
        return request.redirect(f"/my/correction-plans/{plan_id}?answered=1")
