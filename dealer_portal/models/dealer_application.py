import hashlib
import hmac
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import clean_context

from odoo.addons.dealer_management.models.dealer_application import DealerApplication as DealerApplicationBase

# how many applications one IP address may submit per hour (ir.config_parameter, default below)
RATE_LIMIT_PARAM = "dealer_portal.application_rate_limit"
RATE_LIMIT_DEFAULT = 5
RATE_LIMIT_WINDOW = timedelta(hours=1)
# how many times one IP address may submit the form per hour, refused submissions included
ATTEMPT_LIMIT_PARAM = "dealer_portal.application_attempt_limit"
ATTEMPT_LIMIT_DEFAULT = 20
# fields an applicant fills in on the public form; everything else is the back office's
APPLICATION_PUBLIC_FIELDS = frozenset({
    "company_name", "credit_code", "legal_representative", "registered_capital", "annual_turnover", "outlet_count",
    "contact_name", "phone", "email", "state_id", "city", "street", "proposed_territory_ids", "proposed_grade_id",
})


class DealerApplication(models.Model):
    """The public application form (/dealer/apply) and the applicant's tokenised status page."""

    _name = "dealer.application"
    _inherit = ["dealer.application", "portal.mixin"]
    # the applicant's share link and the rate-limit key are set by the form's own code only
    _dealer_protected_fields = (*DealerApplicationBase._dealer_protected_fields, "access_token", "portal_ip_hash")

    portal_ip_hash = fields.Char(
        string="Submitted From (hash)", readonly=True, copy=False, index=True,
        groups="dealer_management.group_dealer_manager",
        help="Keyed hash of the IP address the public form was sent from (the address itself is not kept): "
             "limits the number of applications per address and hour.",
    )

    # a compute assigns and returns nothing, as sale.order._compute_access_url in Odoo core
    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for application in self:
            application.access_url = f"/dealer/apply/{application.id}"

    # ------------------------------------------------------------------ rate limit
    @api.model
    def _dealer_portal_ip_hash(self, address):
        """A keyed hash of the IP address: compared, never reversed (the database secret is the key)."""
        # sudo: the database secret, used as the hash key only
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        return hmac.new(secret.encode(), (address or "").encode(), hashlib.sha256).hexdigest()

    @api.model
    def _dealer_portal_limit(self, param, default):
        """A limit of the public form (ir.config_parameter), a whole number from 0."""
        # sudo: a setting of the public form
        value = self.env["ir.config_parameter"].sudo().get_param(param, default)
        try:
            return max(int(value), 0)
        except ValueError:
            return default

    @api.model
    def _dealer_portal_rate_limited(self, ip_hash):
        """True when this address already submitted the allowed number of applications, or of submissions
        (refused ones included), in the last hour."""
        since = fields.Datetime.now() - RATE_LIMIT_WINDOW
        # sudo: counts applications and submissions by their address hash; nothing is read from them
        applications = self.sudo().search_count([("portal_ip_hash", "=", ip_hash), ("create_date", ">=", since)])
        attempts = self.env["dealer.application.attempt"].sudo().search_count([
            ("ip_hash", "=", ip_hash), ("create_date", ">=", since),
        ])
        return (applications >= self._dealer_portal_limit(RATE_LIMIT_PARAM, RATE_LIMIT_DEFAULT)
                or attempts >= self._dealer_portal_limit(ATTEMPT_LIMIT_PARAM, ATTEMPT_LIMIT_DEFAULT))

    @api.model
    def _dealer_portal_log_attempt(self, ip_hash):
        """Count one submission of the form from this address (kept whether the submission is accepted or not);
        False when another submission from the address is counted at the same moment: refuse this one."""
        # sudo: the public form's own bookkeeping; visitors have no right on it
        return self.env["dealer.application.attempt"].sudo()._dealer_log(ip_hash)

    # ------------------------------------------------------------------ creation from the public form
    @api.model
    def _dealer_portal_apply(self, vals, files, ip_hash, consent=False):
        """Create the submitted application with its files and send the applicant the link to follow it.

        ``vals``: the whitelisted fields the route validated; ``files``: {document type: [(name, content)]};
        ``consent``: the applicant ticked the consent to the processing of its personal data (个人信息处理同意),
        recorded with its date and time: without it nothing is created.
        """
        forbidden = set(vals) - APPLICATION_PUBLIC_FIELDS
        if forbidden:
            raise AccessError(_(
                "An applicant cannot set these fields: %(fields)s.", fields=", ".join(sorted(forbidden)),
            ))
        if consent is not True:
            raise UserError(_(
                "Tick the box to agree to the processing of the personal data of this form: without your consent "
                "we cannot examine your application."
            ))
        # sudo: the public user has no right on applications. Safe: `vals` holds only the whitelisted fields
        # the route validated, the reviewer and company are set here, clean_context drops every default_* key
        # of the caller, and the application is submitted through its own action (duplicate checks).
        Application = self.with_env(self.env(su=True, context=clean_context(self.env.context)))
        # the company whose grade the applicant chose (the public user's company is only the default one)
        grade = Application.env["dealer.grade"].browse(vals.get("proposed_grade_id"))
        company = grade.company_id or self.env.company
        if Application._dealer_portal_code_taken(vals.get("credit_code")):
            raise UserError(self._dealer_portal_refusal(company))
        application = Application.create({
            **vals, "company_id": company.id, "user_id": False, "portal_ip_hash": ip_hash,
            "privacy_consent_date": fields.Datetime.now(),
        })
        for doc_type, uploads in files.items():
            application._dealer_portal_add_files(doc_type, uploads)
        try:
            application.action_submit()
        except UserError:
            # its duplicate check names the dealer or the other application: for the back office only (this
            # happens when the same code was submitted at the same moment, after the check above)
            raise UserError(self._dealer_portal_refusal(company)) from None
        application._portal_ensure_token()
        application.message_post(
            body=_("Submitted on the public application form."), message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        template = self.env.ref("dealer_portal.mail_template_dealer_application_received", raise_if_not_found=False)
        if template:
            template.sudo().send_mail(application.id)
        return application.sudo(False)

    @api.model
    def _dealer_portal_code_taken(self, code):
        """True when the credit code is a dealer's (applicant, active, suspended or terminated) or an open
        application's: the public form refuses it. Both searches always run, whichever answers."""
        dealers = self._partners_with_code(code).filtered(lambda p: p.is_dealer and p.dealer_state != "prospect")
        applications = self._open_applications(code)
        return bool(dealers or applications)

    @api.model
    def _dealer_portal_refusal(self, company):
        """What the public form answers for a credit code it refuses: the same words whatever the reason, so that
        a visitor learns nothing of the company's dealers or applications (the back office sees the reason)."""
        company = company.sudo()  # sudo: the company's e-mail and phone, printed on its website and documents too
        contact = " / ".join(filter(None, (company.email, company.phone)))
        if contact:
            return _("This application cannot be accepted. Please contact us: %(contact)s.", contact=contact)
        return _("This application cannot be accepted. Please contact us.")

    def _dealer_portal_add_files(self, doc_type, uploads):
        """Attach checked files to the application's line of this document type (created when missing).

        Called by the public routes on the application (sudo) found by its token, after the upload checks.
        """
        self.ensure_one()
        line = self.document_ids.filtered(lambda doc: doc.document_type_id == doc_type)
        if not line:
            line = self.env["dealer.application.document"].create({
                "application_id": self.id, "document_type_id": doc_type.id,
            })
        attachments = self.env["ir.attachment"].create([{
            "name": name, "raw": content, "res_model": "dealer.application.document", "res_id": line.id,
        } for name, content in uploads])
        line.attachment_ids = [(4, attachment.id) for attachment in attachments]
        return attachments
