from stdnum.cn import uscc

from odoo import Command, _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq, single_email_re

from odoo.addons.dealer_management.models.dealer_application import normalize_credit_code

from ..provinces import sort_provinces
from .portal import DealerPortal

# the longest text an applicant may type in a one-line field
MAX_TEXT_LENGTH = 200
# registered capital and annual turnover are typed in 万元 (10,000 CNY), as on a business licence
TEN_THOUSAND = 10000
# largest figures the form accepts: 万元 (one trillion CNY) and outlets
MAX_AMOUNT = 100_000_000
MAX_OUTLETS = 100_000
# states of an application in which the applicant may still send a missing document
UPLOAD_STATES = ("draft", "submitted", "review")


class DealerApplyPortal(DealerPortal):
    """The public dealer application form (/dealer/apply, no login) and the applicant's tokenised status page.

    The form is protected by Odoo's CSRF token (every POST), limited per IP address and hour, and creates the
    application through ``dealer.application._dealer_portal_apply`` (whitelisted fields, one savepoint).
    """

    # ------------------------------------------------------------------ form
    @staticmethod
    def _apply_choices():
        """Provinces (in GB/T 2260 order: 北京, 天津, 河北 …), territories, grades and document types offered by the
        form (names only)."""
        # sudo: the public user has no right on these; only names and the grades' required documents are shown
        china = request.env.ref("base.cn")
        provinces = request.env["res.country.state"].sudo().search([("country_id", "=", china.id)])
        return {
            "provinces": sort_provinces(provinces),
            "territories": request.env["dealer.territory"].sudo().search([], order="complete_name"),
            "grades": request.env["dealer.grade"].sudo().search([]),
            "document_types": request.env["dealer.document.type"].sudo().search([]),
        }

    def _render_apply_form(self, post=None, error=None, status=200):
        values = {
            "page_name": "dealer_apply",
            "post": post or {},
            "error": error,
            **self._apply_choices(),
            **self._dealer_upload_values(),
        }
        return request.render("dealer_portal.dealer_apply_form", values, status=status)

    def _apply_vals_from_post(self, post, choices):
        """Validate the form: (vals, error message)."""
        texts = {}
        for name in ("company_name", "credit_code", "legal_representative", "contact_name", "phone", "email", "city",
                     "street"):
            texts[name] = (post.get(name) or "").strip()
            if len(texts[name]) > MAX_TEXT_LENGTH:
                return None, _(
                    "A field of the form is longer than %(max)s characters: shorten it.", max=MAX_TEXT_LENGTH,
                )
        for name, message in (
            ("company_name", _("Give the legal name of your company.")),
            ("credit_code", _("Give the unified social credit code of your company.")),
            ("legal_representative", _("Give the name of the legal representative of your company.")),
            ("contact_name", _("Give the name of the contact person.")),
            ("phone", _("Give a phone number.")),
            ("email", _("Give an e-mail address: the link to follow your application is sent there.")),
        ):
            if not texts[name]:
                return None, message
        code = normalize_credit_code(texts["credit_code"])
        if not uscc.is_valid(code):
            return None, _(
                "The unified social credit code %(code)s is not valid: copy the 18 characters printed on your "
                "business licence.", code=texts["credit_code"],
            )
        if not single_email_re.match(texts["email"]):
            return None, _("The e-mail address %(email)s is not valid.", email=texts["email"])
        state_id = self._dealer_int(post.get("state_id"))
        if not state_id or state_id not in choices["provinces"].ids:
            return None, _("Choose your province.")
        grade_id = self._dealer_int(post.get("proposed_grade_id"))
        if not grade_id or grade_id not in choices["grades"].ids:
            return None, _("Choose the dealer grade you apply for.")
        territory_id = self._dealer_int(post.get("territory_id"))
        grade = choices["grades"].browse(grade_id)
        territories = choices["territories"].filtered(
            lambda territory: not territory.company_id or territory.company_id == grade.company_id
        )
        if territory_id is None or (territory_id and territory_id not in territories.ids):
            return None, _("Choose one of the listed territories.")
        figures, error = self._apply_figures(post)
        if error:
            return None, error
        if not post.get("privacy_consent"):
            return None, _(
                "Tick the box to agree to the processing of the personal data of this form: without your consent "
                "we cannot examine your application."
            )
        return {
            **{name: value or False for name, value in texts.items()},
            **figures,
            "credit_code": code,
            "state_id": state_id,
            "proposed_grade_id": grade_id,
            "proposed_territory_ids": [Command.set([territory_id] if territory_id else [])],
        }, None

    @staticmethod
    def _apply_figures(post):
        """The company's figures typed in the form: ({registered_capital, annual_turnover, outlet_count}, error).

        Capital and turnover are typed in 万元 and stored in CNY; each is required, a number from 0."""
        figures = {}
        for name, integer, maximum, message in (
            ("registered_capital", False, MAX_AMOUNT, _(
                "Give the registered capital of your company in 10,000 CNY (万元), as on the business licence: a "
                "number from 0 to %(max)s.", max=MAX_AMOUNT)),
            ("annual_turnover", False, MAX_AMOUNT, _(
                "Give the annual turnover of your company in 10,000 CNY (万元): a number from 0 to %(max)s.",
                max=MAX_AMOUNT)),
            ("outlet_count", True, MAX_OUTLETS, _(
                "Give the number of your sales outlets and stores: a whole number from 0 to %(max)s.",
                max=MAX_OUTLETS)),
        ):
            text = (post.get(name) or "").strip().replace(",", "")
            try:
                value = int(text) if integer else float(text)
            except ValueError:
                return None, message
            # float() reads "nan" and "inf" too: neither passes the range check
            if not 0 <= value <= maximum:
                return None, message
            figures[name] = value if integer else value * TEN_THOUSAND
        return figures, None

    def _apply_files(self, document_types):
        """Files posted per document type (inputs ``document_<type id>``): ({type: uploads}, error or None)."""
        files = {}
        for doc_type in document_types:
            uploads, error = self._dealer_uploads(f"document_{doc_type.id}")
            if error:
                return {}, error
            if uploads:
                files[doc_type] = uploads
        return files, None

    @http.route(["/dealer/apply"], type="http", auth="public", website=True, methods=["GET", "POST"], sitemap=False)
    def dealer_apply(self, **post):
        if request.httprequest.method != "POST":
            return self._render_apply_form()
        if post.get("website_url"):  # the honeypot field, hidden from people: a robot filled it in
            return self._render_apply_form(post=post, error=_("The application could not be sent."), status=400)
        Application = request.env["dealer.application"]
        ip_hash = Application._dealer_portal_ip_hash(request.httprequest.remote_addr)
        # counted unless over the limit; a submission sent at the same moment as another one is refused too
        if Application._dealer_portal_rate_limited(ip_hash) or not Application._dealer_portal_log_attempt(ip_hash):
            return self._render_apply_form(post=post, status=429, error=_(
                "Too many applications were sent from your network in the last hour: please try again later."
            ))
        choices = self._apply_choices()
        vals, error = self._apply_vals_from_post(post, choices)
        files, upload_error = self._apply_files(choices["document_types"])
        error = error or upload_error
        if not error:
            try:
                with request.env.cr.savepoint():
                    application = Application._dealer_portal_apply(vals, files, ip_hash, consent=True)
            except (AccessError, UserError, ValidationError) as e:
                error = self._dealer_error_message(e)
        if error:
            return self._render_apply_form(post=post, error=error)
        # sudo: the application just created by this request, for its link
        return request.redirect(application.sudo().get_portal_url(query_string="&submitted=1"))

    # ------------------------------------------------------------------ the applicant's page
    @staticmethod
    def _apply_application(application_id, access_token):
        """The application (sudo) when the token is its own, else 404: the link is the applicant's only key."""
        # sudo: found by id, then shown only with its own access token (compared in constant time)
        application = request.env["dealer.application"].sudo().browse(application_id).exists()
        if not application or not access_token or not application.access_token or not consteq(
            application.access_token, str(access_token)
        ):
            raise request.not_found()
        return application

    def _render_apply_status(self, application, error=None, uploaded=False, submitted=False, status=200):
        values = {
            "page_name": "dealer_apply_status",
            "application": application,
            "missing": application.missing_document_ids if application.state in UPLOAD_STATES else [],
            "error": error,
            "uploaded": uploaded,
            "submitted": submitted,
            **self._dealer_upload_values(),
        }
        return request.render("dealer_portal.dealer_apply_status", values, status=status)

    @http.route(["/dealer/apply/<int:application_id>"], type="http", auth="public",
                website=True, sitemap=False, readonly=DealerPortal._dealer_readonly_page)
    def dealer_apply_status(self, application_id, access_token=None, submitted=None, uploaded=None, **kw):
        application = self._apply_application(application_id, access_token)
        return self._render_apply_status(application, submitted=submitted, uploaded=uploaded)

    @http.route(["/dealer/apply/<int:application_id>/document"], type="http", auth="public", website=True,
                methods=["POST"], sitemap=False)
    def dealer_apply_document(self, application_id, access_token=None, document_id=None, **kw):
        """Send a file of a missing required document (the only change an applicant makes after submitting)."""
        application = self._apply_application(application_id, access_token)
        if application.state not in UPLOAD_STATES:
            return self._render_apply_status(application, error=_(
                "Application %(name)s is closed: no document can be added any more.", name=application.name,
            ))
        line_id = self._dealer_int(document_id)
        line = application.missing_document_ids.filtered(lambda doc: doc.id == line_id)
        if not line:
            return self._render_apply_status(application, error=_("Choose one of the missing documents."))
        uploads, error = self._dealer_uploads("file")
        if not error and not uploads:
            error = _("Choose the file of the document.")
        if error:
            return self._render_apply_status(application, error=error)
        try:
            with request.env.cr.savepoint():
                application._dealer_portal_add_files(line.document_type_id, uploads)
                application.message_post(
                    body=_("The applicant sent %(document)s.", document=line.document_type_id.name),
                    message_type="notification", subtype_xmlid="mail.mt_note",
                )
        except (AccessError, MissingError, UserError, ValidationError) as e:
            return self._render_apply_status(application, error=self._dealer_error_message(e))
        return request.redirect(application.get_portal_url(query_string="&uploaded=1"))
