import os

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal

FORM_TOKEN = "dealer_portal_visit_answer_token"
# the photos of an answer: pictures, or a PDF; the size and content checks are dealer_portal's
PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "pdf")
MAX_ANSWER = 5000


class DealerVisitFindingPortal(DealerPortal):
    """The findings of the salesperson's visits (拜访问题) on the portal: the dealer's list, a finding's page and its
    answer (what the dealer did, with photos), which goes through dealer_visit's own ``_dealer_answer``."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_visit_finding_count" in counters:
            values["dealer_visit_finding_count"] = self._dealer_count(
                "dealer.visit.finding", self._visit_finding_domain)
        return values

    @staticmethod
    def _visit_finding_domain(dealer):
        """The dealer's findings (the record rule enforces the same, done visits only)."""
        return [("dealer_id", "=", dealer.id)]

    def _visit_finding_values(self, finding_sudo, answered=None, error=None, post=None):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_visit_finding",
            "finding": finding_sudo,
            "answered": answered,
            "error": error,
            "post": post or {},
            "form_token": self._dealer_form_token(FORM_TOKEN),
            "upload_limits": _("Photos (JPG or PNG) or PDF: %(limits)s",
                               limits=self._dealer_upload_values()["upload_limits"]),
        })
        return values

    def _visit_finding_photos(self):
        """The photos posted (dealer_portal's upload checks, then pictures or PDF only): (uploads, error)."""
        uploads, error = self._dealer_uploads()
        if error:
            return [], error
        for name, _content in uploads:
            if os.path.splitext(name)[1].lower().lstrip(".") not in PHOTO_EXTENSIONS:
                return [], _("File %(name)s cannot be attached: attach photos (JPG or PNG) or PDF files.", name=name)
        return uploads, None

    @staticmethod
    def _visit_finding_answer(finding_sudo, answer, uploads):
        """Record the answer and its photos through the finding's own method."""
        # sudo: the finding is the user's dealer's (checked by the route) and the files passed the upload checks;
        # portal users cannot create attachments nor write findings themselves
        attachments = request.env["ir.attachment"].sudo().create([{
            "name": name, "raw": content, "res_model": "dealer.visit.finding", "res_id": finding_sudo.id,
        } for name, content in uploads])
        finding_sudo._dealer_answer(answer, attachments, author=request.env.user.partner_id)

    # ------------------------------------------------------------------ routes
    @http.route(["/my/visit-findings", "/my/visit-findings/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_visit_findings(self, page=1, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        values = self._dealer_list_values(
            "dealer.visit.finding", "/my/visit-findings", page, "dealer_visit_findings",
            self._visit_finding_domain(dealer) if dealer else [(0, "=", 1)], order="state, deadline, id",
        )
        values["findings"] = values["records"]
        return request.render("dealer_portal_visit.portal_my_visit_findings", values)

    @http.route(["/my/visit-findings/<int:finding_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_visit_finding_page(self, finding_id, answered=None, **kw):
        try:
            finding_sudo = self._document_check_access("dealer.visit.finding", finding_id)
        except (AccessError, MissingError):
            return request.redirect("/my/visit-findings")
        return request.render("dealer_portal_visit.portal_visit_finding_page",
                              self._visit_finding_values(finding_sudo, answered=answered))

    @http.route(["/my/visit-findings/<int:finding_id>/answer"], type="http", auth="user", website=True,
                methods=["POST"])
    def portal_visit_finding_answer(self, finding_id, **post):
        """The dealer's answer: what it did, with photos; refused on another dealer's finding or a closed one."""
        try:
            finding_sudo = self._document_check_access("dealer.visit.finding", finding_id)
        except (AccessError, MissingError):
            return request.redirect("/my/visit-findings")
        template = "dealer_portal_visit.portal_visit_finding_page"
        if not self._dealer_check_form_token(FORM_TOKEN, post.get("form_token")):
            return request.render(template, self._visit_finding_values(
                finding_sudo, error=self._dealer_replayed_form_message()))
        answer = (post.get("answer") or "").strip()
        uploads, error = self._visit_finding_photos()
        if not answer:
            error = _("Write what you did about this finding.")
        elif len(answer) > MAX_ANSWER:
            error = _("The answer is longer than %(max)s characters: shorten it.", max=MAX_ANSWER)
        if not error:
            try:
                with request.env.cr.savepoint():
                    self._visit_finding_answer(finding_sudo, answer, uploads)
            except UserError as e:
                error = self._dealer_error_message(e)
        if error:
            return request.render(template, self._visit_finding_values(finding_sudo, error=error, post=post))
        self._dealer_spend_form_token(FORM_TOKEN)
        return request.redirect(f"/my/visit-findings/{finding_sudo.id}?answered=1")
