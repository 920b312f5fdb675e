import datetime
import os

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal

FORM_TOKEN = "dealer_portal_claim_form_token"
# a claim's photos: pictures, or a PDF (a workshop report); the size and content checks are dealer_portal's
PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "pdf")
MAX_DESCRIPTION = 5000


class DealerWarrantyClaimPortal(DealerPortal):
    """Warranty claims (保修索赔) on the portal: the dealer's claims, their pages, and filing a new one on a serial
    it sold out, with photos. A claim is created and submitted by dealer_service's own transition in one savepoint
    (``repair.order._dealer_portal_claim_submit``): a refused claim (out of warranty, ...) leaves nothing."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_claim_count" in counters:
            values["dealer_claim_count"] = self._dealer_count("repair.order", self._claim_domain)
        return values

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _claim_domain(dealer):
        """The dealer's warranty claims (the record rule enforces the same)."""
        return [("dealer_claim", "=", True), ("dealer_id", "=", dealer.id)]

    def _claim_form_values(self, dealer, post=None, error=None):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_claim_new",
            "dealer": dealer,
            "serials": (
                request.env["repair.order"]._dealer_portal_claim_serials(dealer) if dealer else request.env["stock.lot"]
            ),
            "post": post or {},
            "today": fields.Date.to_string(fields.Date.context_today(request.env.user)),
            "error": error,
            "form_token": self._dealer_form_token(FORM_TOKEN) if dealer else "",
            "upload_limits": _(
                "Photos (JPG or PNG) or PDF reports: %(limits)s",
                limits=self._dealer_upload_values()["upload_limits"],
            ),
        })
        return values

    def _claim_vals_from_post(self, dealer, post):
        """Validate the form: (vals, parts {product id: quantity}, error message, one line per problem)."""
        vals, error = self._claim_fields_from_post(dealer, post)
        parts, errors = request.env["repair.order"]._dealer_portal_claim_parts(dealer, post.get("parts"))
        if error or errors:
            return None, {}, "\n".join([error, *errors] if error else errors)
        return vals, parts, None

    def _claim_fields_from_post(self, dealer, post):
        """The claim's own fields: (vals, error message)."""
        lot_id = self._dealer_int(post.get("lot_id"))
        if not lot_id or lot_id not in request.env["repair.order"]._dealer_portal_claim_serials(dealer).ids:
            return None, _("Choose one of the serials you sold.")
        try:
            day = fields.Date.to_date((post.get("repair_date") or "").strip())
        except ValueError:
            day = None
        if not day:
            return None, _("Enter the date of the repair as 2026-01-31.")
        if day > fields.Date.context_today(request.env.user):
            return None, _("The repair date %(date)s is in the future: enter the day of the repair.", date=day)
        labour = self._dealer_float(post.get("labour"), 0.0)
        if labour is None or labour < 0 or labour > 1e9:
            return None, _("The labour amount must be a number, zero or more.")
        description = (post.get("description") or "").strip()
        if not description:
            return None, _("Describe the fault and the repair.")
        if len(description) > MAX_DESCRIPTION:
            return None, _("The description is longer than %(max)s characters: shorten it.", max=MAX_DESCRIPTION)
        return {
            "lot_id": lot_id,
            "schedule_date": datetime.datetime.combine(day, datetime.time(12, 0)),
            "dealer_labour_amount": labour,
            "dealer_claim_description": description,
        }, None

    def _claim_photos(self):
        """The photos posted (dealer_portal's upload checks, then pictures or PDF only): (uploads, error)."""
        uploads, error = self._dealer_uploads()
        if error:
            return [], error
        for name, _content in uploads:
            if os.path.splitext(name)[1].lower().lstrip(".") not in PHOTO_EXTENSIONS:
                return [], _("File %(name)s cannot be attached: attach photos (JPG or PNG) or PDF reports.", name=name)
        return uploads, None

    @staticmethod
    def _claim_dealer_files(claim_sudo):
        """The files the dealer's own people posted on its claim (the company's internal files stay internal)."""
        dealer = claim_sudo.dealer_id.commercial_partner_id
        # sudo: the messages of a claim the caller may read (checked by the route); only those written by the
        # people of the claim's dealer, with their files
        messages = request.env["mail.message"].sudo().search([
            ("model", "=", "repair.order"), ("res_id", "=", claim_sudo.id),
            ("author_id", "child_of", dealer.id), ("attachment_ids", "!=", False),
        ])
        return messages.attachment_ids.filtered(lambda file: file.res_model == "repair.order"
                                                and file.res_id == claim_sudo.id)

    @staticmethod
    def _claim_attach(claim, uploads):
        """Post the photos on the claim's chatter, as the user's own message."""
        if not uploads:
            return
        # sudo: the claim was just filed by the route for the user's own dealer and the files passed the upload
        # checks; portal users cannot create attachments or post on repair orders themselves
        claim.sudo().message_post(
            body=_("Photos submitted with the warranty claim."), attachments=uploads,
            author_id=request.env.user.partner_id.id, message_type="comment", subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------ routes
    @http.route(["/my/warranty_claims", "/my/warranty_claims/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_warranty_claims(self, page=1, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        values = self._dealer_list_values(
            "repair.order", "/my/warranty_claims", page, "dealer_claims",
            self._claim_domain(dealer) if dealer else [(0, "=", 1)], order="id desc",
        )
        values["claims"] = values["records"]
        return request.render("dealer_portal_service.portal_my_warranty_claims", values)

    @http.route(["/my/warranty_claims/<int:claim_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_warranty_claim_page(self, claim_id, submitted=None, **kw):
        try:
            claim_sudo = self._document_check_access("repair.order", claim_id)
        except (AccessError, MissingError):
            return request.redirect("/my/warranty_claims")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_claim",
            "claim": claim_sudo,
            "submitted": submitted,
            "photos": self._claim_dealer_files(claim_sudo),
            "parts": claim_sudo.move_ids.filtered(lambda move: move.repair_line_type == "add"
                                                  and move.state != "cancel"),
        })
        return request.render("dealer_portal_service.portal_warranty_claim_page", values)

    @http.route(["/my/warranty_claims/<int:claim_id>/files/<int:attachment_id>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_warranty_claim_file(self, claim_id, attachment_id, **kw):
        """Download a photo or report the dealer posted on its own claim."""
        try:
            claim_sudo = self._document_check_access("repair.order", claim_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        attachment = self._claim_dealer_files(claim_sudo).filtered(lambda file: file.id == attachment_id)
        if not attachment:
            raise request.not_found()
        # sudo: a file the dealer's own people posted on a claim the user may read (both checked above)
        return request.env["ir.binary"]._get_stream_from(attachment.sudo()).get_response(as_attachment=True)

    @http.route(["/my/warranty_claims/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_warranty_claim_new(self, **post):
        dealer = request.env.user._dealer_portal_dealer()
        template = "dealer_portal_service.portal_warranty_claim_form"
        if request.httprequest.method != "POST" or not dealer:
            return request.render(template, self._claim_form_values(dealer))
        if not self._dealer_check_form_token(FORM_TOKEN, post.get("form_token")):
            return request.render(template, self._claim_form_values(dealer, error=self._dealer_replayed_form_message()))
        vals, parts, error = self._claim_vals_from_post(dealer, post)
        uploads, upload_error = self._claim_photos()
        error = error or upload_error
        if not error:
            try:
                with request.env.cr.savepoint():
                    claim = request.env["repair.order"]._dealer_portal_claim_submit(dealer, vals, parts)
                    self._claim_attach(claim, uploads)
            except (AccessError, UserError, ValidationError) as e:
                error = self._dealer_error_message(e)
        if error:
            return request.render(template, self._claim_form_values(dealer, post=post, error=error))
        self._dealer_spend_form_token(FORM_TOKEN)
        return request.redirect(f"/my/warranty_claims/{claim.id}?submitted=1")
