from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from .pages import DealerPagesPortal

# the longest statement of account a dealer may ask for at once
MAX_STATEMENT_DAYS = 5 * 366
# owner-only documents: URL part -> (model, PDF report, page name); the record rules choose the records
OWNER_DOCUMENTS = {
    "rebates": ("dealer.rebate", "dealer_management.action_report_dealer_rebate", "dealer_rebates"),
    "contracts": ("dealer.contract", "dealer_management.action_report_dealer_contract", "dealer_contracts"),
    "scorecards": ("dealer.scorecard", "dealer_assessment.action_report_dealer_scorecard", "dealer_scorecards"),
}
# the colour of a scorecard's rating on the portal
RATING_BADGES = {"A": "text-bg-success", "B": "text-bg-info", "C": "text-bg-warning", "D": "text-bg-danger"}


class DealerFinancePortal(DealerPagesPortal):
    """The owner's finance pages: rebates, contracts, scorecards (lists and PDFs), the statement of account and
    the correction plans. Staff get a 404; the records are searched with the owner's rights and record rules."""

    # ------------------------------------------------------------------ documents and their PDFs
    def _dealer_owner_documents(self, kind, page, **extra):
        dealer = self._dealer_pages_dealer(owner=True)
        model, _report, page_name = OWNER_DOCUMENTS[kind]
        values = self._dealer_list_values(
            model, f"/my/{kind}", page, page_name, [("partner_id", "=", dealer.id)],
        )
        return request.render(f"dealer_portal.portal_my_{kind}", {**values, **extra})

    def _dealer_owner_pdf(self, kind, record_id):
        self._dealer_pages_dealer(owner=True)
        model, report, _page_name = OWNER_DOCUMENTS[kind]
        try:
            # the owner's rights and record rules decide (its own dealer's released documents only)
            record_sudo = self._document_check_access(model, record_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return self._dealer_pdf_response(report, record_sudo, f"{record_sudo.display_name}.pdf")

    @staticmethod
    def _dealer_pdf_response(report_ref, records_sudo, filename, data=None):
        """The PDF of `report_ref` for records the caller checked, rendered as superuser, as a download."""
        # sudo: the caller checked the records (the owner's own dealer's documents, through its record rules)
        report = request.env["ir.actions.report"].sudo()
        pdf = report._render_qweb_pdf(report_ref, records_sudo.ids, data=data)[0]
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(filename.replace("/", "-"))),
        ])

    @http.route(["/my/rebates", "/my/rebates/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_rebates(self, page=1, **kw):
        return self._dealer_owner_documents("rebates", page)

    @http.route(["/my/rebates/<int:record_id>/pdf"], type="http", auth="user", website=True)
    def portal_rebate_pdf(self, record_id, **kw):
        return self._dealer_owner_pdf("rebates", record_id)

    @http.route(["/my/contracts", "/my/contracts/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_contracts(self, page=1, **kw):
        return self._dealer_owner_documents("contracts", page)

    @http.route(["/my/contracts/<int:record_id>/pdf"], type="http", auth="user", website=True)
    def portal_contract_pdf(self, record_id, **kw):
        return self._dealer_owner_pdf("contracts", record_id)

    @http.route(["/my/scorecards", "/my/scorecards/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_scorecards(self, page=1, **kw):
        Scorecard = request.env["dealer.scorecard"]
        return self._dealer_owner_documents(
            "scorecards", page, RATING_BADGES=RATING_BADGES,
            # sudo: the ranking level of the user's own company, a setting it may not read
            rank_label=Scorecard._rank_level_label(request.env.user.company_id.sudo().dealer_rank_level),
        )

    @http.route(["/my/scorecards/<int:record_id>/pdf"], type="http", auth="user", website=True)
    def portal_scorecard_pdf(self, record_id, **kw):
        return self._dealer_owner_pdf("scorecards", record_id)

    # ------------------------------------------------------------------ statement of account
    @http.route(["/my/statement"], type="http", auth="user", website=True)
    def portal_my_statement(self, date_from=None, date_to=None, **kw):
        dealer = self._dealer_pages_dealer(owner=True)
        error = None
        if date_from or date_to:
            period, error = self._dealer_statement_period(date_from, date_to)
            if not error:
                # the company is the dealer's own (or the user's): the report takes it from the record
                data = {"date_from": fields.Date.to_string(period[0]), "date_to": fields.Date.to_string(period[1])}
                filename = _("Statement %(from)s %(to)s.pdf", **{"from": data["date_from"], "to": data["date_to"]})
                # the owner's own dealer (checked above); the report refuses anyone else unless rendered as here
                return self._dealer_pdf_response(
                    "dealer_management.action_report_dealer_statement", dealer.sudo(), filename, data=data,
                )
        today = fields.Date.context_today(request.env.user)
        return request.render("dealer_portal.portal_my_statement", self._dealer_pages_values(
            "dealer_statement", error=error, date_from=date_from or fields.Date.to_string(today.replace(day=1)),
            date_to=date_to or fields.Date.to_string(today),
        ))

    @staticmethod
    def _dealer_statement_period(date_from, date_to):
        """((from, to), None) for a valid period typed in the form, else (None, the error to show)."""
        try:
            start, end = fields.Date.to_date(date_from or None), fields.Date.to_date(date_to or None)
        except ValueError:
            return None, _("Give the dates as YYYY-MM-DD.")
        if not start or not end:
            return None, _("Choose the first and the last day of the statement.")
        if start > end:
            return None, _("The statement period starts after it ends: choose a start date before the end date.")
        if (end - start).days > MAX_STATEMENT_DAYS:
            return None, _("Choose a period of at most five years.")
        return (start, end), None

    # ------------------------------------------------------------------ correction plans
    @http.route(["/my/correction-plans", "/my/correction-plans/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_correction_plans(self, page=1, **kw):
        dealer = self._dealer_pages_dealer(owner=True)
        values = self._dealer_list_values(
            "dealer.correction.plan", "/my/correction-plans", page, "dealer_correction_plans",
            [("partner_id", "=", dealer.id)],
        )
        return request.render("dealer_portal.portal_my_correction_plans", values)

    def _dealer_plan(self, plan_id):
        self._dealer_pages_dealer(owner=True)
        try:
            return self._document_check_access("dealer.correction.plan", plan_id)
        except (AccessError, MissingError):
            raise request.not_found() from None

    @http.route(["/my/correction-plans/<int:plan_id>"], type="http", auth="user", website=True)
    def portal_correction_plan(self, plan_id, answered=None, **kw):
        plan_sudo = self._dealer_plan(plan_id)
        return request.render("dealer_portal.portal_correction_plan", self._dealer_pages_values(
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
            return request.render("dealer_portal.portal_correction_plan", self._dealer_pages_values(
                "dealer_correction_plan", plan=plan_sudo, answered=None, error=error, error_line=line_id,
                post=post, **self._dealer_upload_values(),
            ))
        return request.redirect(f"/my/correction-plans/{plan_id}?answered=1")
