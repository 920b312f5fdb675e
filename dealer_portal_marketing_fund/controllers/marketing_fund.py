import os

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal

FORM_TOKEN = "dealer_portal_marketing_form_token"
PROOF_TOKEN = "dealer_portal_marketing_proof_token"
# a plan's or a proof's files: pictures, PDF (quotes, invoices) and office documents; dealer_portal checks the rest
FILE_EXTENSIONS = ("jpg", "jpeg", "png", "pdf", "docx", "xlsx")
MAX_TEXT = 5000
MAX_AMOUNT = 1e9
APPLICATION = "dealer.marketing.application"


class DealerMarketingFundPortal(DealerPortal):
    """Marketing support (市场支持费用) on the portal: the dealer's funds and what is left, its applications, applying
    (activity, date, amount, plan, files) and submitting proof. Owner and staff alike: staff order on the portal and
    run the activities. Every form carries a one-time token; a refused application leaves nothing."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_marketing_count" in counters:
            values["dealer_marketing_count"] = self._dealer_count(
                APPLICATION, lambda dealer: [("partner_id", "=", dealer.id)])
        return values

    # ------------------------------------------------------------------ helpers
    def _marketing_form_values(self, dealer, application=None, post=None, error=None):
        values = self._prepare_portal_layout_values()
        post = post if post is not None else ({
            "marketing_type_id": str(application.marketing_type_id.id), "date_planned": str(application.date_planned),
            "amount_requested": str(application.amount_requested), "plan": application.plan or "",
        } if application else {})
        values.update({
            "page_name": "dealer_marketing_form",
            "dealer": dealer,
            "application": application,
            "activity_types": request.env["dealer.marketing.activity.type"].search([]),
            "post": post,
            "today": fields.Date.to_string(fields.Date.context_today(request.env.user)),
            "error": error,
            "form_token": self._dealer_form_token(FORM_TOKEN) if dealer else "",
            "upload_limits": self._dealer_upload_values()["upload_limits"],
        })
        return values

    def _marketing_vals_from_post(self, post):
        """The plan fields typed in the form: (vals, error message)."""
        type_id = self._dealer_int(post.get("marketing_type_id"))
        if not type_id or type_id not in request.env["dealer.marketing.activity.type"].search([]).ids:
            return None, _("Choose the type of activity.")
        try:
            day = fields.Date.to_date((post.get("date_planned") or "").strip())
        except ValueError:
            day = None
        if not day:
            return None, _("Enter the date of the activity as 2026-01-31.")
        amount = self._dealer_float(post.get("amount_requested"), 0.0)
        if amount is None or amount <= 0 or amount > MAX_AMOUNT:
            return None, _("The amount must be a number above zero.")
        plan = (post.get("plan") or "").strip()
        if not plan:
            return None, _("Describe the activity: what, where, for whom and what it costs.")
        if len(plan) > MAX_TEXT:
            return None, _("The plan is longer than %(max)s characters: shorten it.", max=MAX_TEXT)
        return {"marketing_type_id": type_id, "date_planned": day, "amount_requested": amount, "plan": plan}, None

    def _marketing_files(self):
        """The files posted (dealer_portal's upload checks, then the types of a plan or a proof): (uploads, error)."""
        uploads, error = self._dealer_uploads()
        if error:
            return [], error
        for name, _content in uploads:
            if os.path.splitext(name)[1].lower().lstrip(".") not in FILE_EXTENSIONS:
                return [], _("File %(name)s cannot be attached: attach photos (JPG or PNG), PDF, DOCX or XLSX files.",
                             name=name)
        return uploads, None

    def _marketing_application(self, application_id):
        """The application, read with the user's rights (its dealer's users only), or None."""
        try:
            return self._document_check_access(APPLICATION, application_id)
        except (AccessError, MissingError):
            return None

    def _marketing_page_values(self, application_sudo, **extra):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_marketing_application",
            "application": application_sudo,
            "files": application_sudo.attachment_ids | application_sudo.proof_attachment_ids,
            "proof_token": self._dealer_form_token(PROOF_TOKEN) if application_sudo.state == "approved" else "",
            "upload_limits": self._dealer_upload_values()["upload_limits"],
            "error": None,
            "submitted": None,
            **extra,
        })
        return values

    def _marketing_save(self, dealer, post, application=None):
        """Check the form and apply (or apply again): (application, error message)."""
        vals, error = self._marketing_vals_from_post(post)
        uploads, upload_error = self._marketing_files()
        error = error or upload_error
        if error:
            return None, error
        try:
            with request.env.cr.savepoint():
                return request.env[APPLICATION]._dealer_portal_apply(dealer, vals, uploads, application), None
        except (AccessError, UserError, ValidationError) as e:
            return None, self._dealer_error_message(e)

    # ------------------------------------------------------------------ routes
    @http.route(["/my/marketing-funds"], type="http", auth="user", website=True, readonly=True)
    def portal_my_marketing_funds(self, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        values = self._prepare_portal_layout_values()
        funds = request.env["dealer.marketing.fund"].search(
            [("partner_id", "=", dealer.id)] if dealer else [(0, "=", 1)], order="date_from desc")
        values.update({
            "page_name": "dealer_marketing_funds",
            "dealer": dealer,
            # sudo: rendering only; the funds were searched with the user's rights and record rules
            "funds": funds.sudo(),
        })
        return request.render("dealer_portal_marketing_fund.portal_my_marketing_funds", values)

    @http.route(["/my/marketing-applications", "/my/marketing-applications/page/<int:page>"], type="http",
                auth="user", website=True, readonly=True)
    def portal_my_marketing_applications(self, page=1, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        values = self._dealer_list_values(
            APPLICATION, "/my/marketing-applications", page, "dealer_marketing_applications",
            [("partner_id", "=", dealer.id)] if dealer else [(0, "=", 1)], order="id desc",
        )
        values["applications"] = values["records"]
        return request.render("dealer_portal_marketing_fund.portal_my_marketing_applications", values)

    @http.route(["/my/marketing-applications/<int:application_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_marketing_application_page(self, application_id, submitted=None, **kw):
        application_sudo = self._marketing_application(application_id)
        if application_sudo is None:
            return request.redirect("/my/marketing-applications")
        return request.render("dealer_portal_marketing_fund.portal_marketing_application_page",
                              self._marketing_page_values(application_sudo, submitted=submitted))

    @http.route(["/my/marketing-applications/<int:application_id>/files/<int:attachment_id>"], type="http",
                auth="user", website=True, readonly=True)
    def portal_marketing_application_file(self, application_id, attachment_id, **kw):
        """Download a plan or proof file of the dealer's own application."""
        application_sudo = self._marketing_application(application_id)
        if application_sudo is None:
            raise request.not_found()
        attachment = (application_sudo.attachment_ids | application_sudo.proof_attachment_ids).filtered(
            lambda file: file.id == attachment_id)
        if not attachment:
            raise request.not_found()
        # sudo: a file of an application the user may read (both checked above)
        return request.env["ir.binary"]._get_stream_from(attachment.sudo()).get_response(as_attachment=True)

    @http.route(["/my/marketing-applications/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_marketing_application_new(self, **post):
        dealer = request.env.user._dealer_portal_dealer()
        template = "dealer_portal_marketing_fund.portal_marketing_application_form"
        if request.httprequest.method != "POST" or not dealer:
            return request.render(template, self._marketing_form_values(dealer))
        if not self._dealer_check_form_token(FORM_TOKEN, post.get("form_token")):
            return request.render(template, self._marketing_form_values(
                dealer, post=post, error=self._dealer_replayed_form_message()))
        application, error = self._marketing_save(dealer, post)
        if error:
            return request.render(template, self._marketing_form_values(dealer, post=post, error=error))
        self._dealer_spend_form_token(FORM_TOKEN)
        return request.redirect(f"/my/marketing-applications/{application.id}?submitted=1")

    @http.route(["/my/marketing-applications/<int:application_id>/edit"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_marketing_application_edit(self, application_id, **post):
        """Change an application the company sent back, and submit it again."""
        dealer = request.env.user._dealer_portal_dealer()
        application_sudo = self._marketing_application(application_id)
        if application_sudo is None or not dealer:
            return request.redirect("/my/marketing-applications")
        if application_sudo.state != "changes_requested":
            return request.redirect(f"/my/marketing-applications/{application_sudo.id}")
        template = "dealer_portal_marketing_fund.portal_marketing_application_form"
        application = application_sudo.sudo(False)
        if request.httprequest.method != "POST":
            return request.render(template, self._marketing_form_values(dealer, application))
        if not self._dealer_check_form_token(FORM_TOKEN, post.get("form_token")):
            return request.render(template, self._marketing_form_values(
                dealer, application, post=post, error=self._dealer_replayed_form_message()))
        saved, error = self._marketing_save(dealer, post, application)
        if error:
            return request.render(template, self._marketing_form_values(dealer, application, post=post, error=error))
        self._dealer_spend_form_token(FORM_TOKEN)
        return request.redirect(f"/my/marketing-applications/{saved.id}?submitted=1")

    @http.route(["/my/marketing-applications/<int:application_id>/proof"], type="http", auth="user", website=True,
                methods=["POST"])
    def portal_marketing_application_proof(self, application_id, **post):
        """Submit the photos and invoices of an approved application's activity."""
        dealer = request.env.user._dealer_portal_dealer()
        application_sudo = self._marketing_application(application_id)
        if application_sudo is None or not dealer:
            return request.redirect("/my/marketing-applications")
        template = "dealer_portal_marketing_fund.portal_marketing_application_page"
        if not self._dealer_check_form_token(PROOF_TOKEN, post.get("proof_token")):
            return request.render(template, self._marketing_page_values(
                application_sudo, error=self._dealer_replayed_form_message()))
        note = (post.get("proof_note") or "").strip()[:MAX_TEXT]
        uploads, error = self._marketing_files()
        if not error and not uploads:
            error = _("Attach the photos and invoices of the activity as proof.")
        if not error:
            try:
                with request.env.cr.savepoint():
                    application_sudo.sudo(False)._dealer_portal_submit_proof(dealer, note, uploads)
            except (AccessError, UserError, ValidationError) as e:
                error = self._dealer_error_message(e)
        if error:
            application_sudo.invalidate_recordset()
            return request.render(template, self._marketing_page_values(application_sudo, error=error))
        self._dealer_spend_form_token(PROOF_TOKEN)
        return request.redirect(f"/my/marketing-applications/{application_sudo.id}?submitted=1")
