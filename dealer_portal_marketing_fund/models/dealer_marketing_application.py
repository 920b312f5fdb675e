from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context

# what a dealer fills in on the portal; everything else is set by the route or by the application's own code
PORTAL_PLAN_FIELDS = frozenset({"marketing_type_id", "date_planned", "amount_requested", "plan"})


class DealerMarketingApplication(models.Model):
    """Applications filed, changed and proven by a dealer on the portal."""

    _inherit = "dealer.marketing.application"

    def _dealer_portal_env(self):
        """These records as superuser, without the caller's ``default_*`` keys (see the callers for why)."""
        return self.with_env(self.env(su=True, context=clean_context(self.env.context)))

    @api.model
    def _dealer_portal_apply(self, dealer, vals, uploads, application=None):
        """File and submit an application of ``dealer`` (or submit ``application`` again after changes were asked
        for) with the values the portal form checked and the plan's files; a refusal (over the budget...) raises
        and the caller's savepoint drops everything."""
        forbidden = set(vals) - PORTAL_PLAN_FIELDS
        if forbidden:
            raise AccessError(_("A dealer cannot set these fields on a marketing support application: %(fields)s.",
                                fields=", ".join(sorted(forbidden))))
        if not dealer:
            raise AccessError(_("Only the users of a dealer can apply for marketing support."))
        # sudo: portal users have no right on applications. Safe: the values are the whitelisted plan fields the
        # route checked, the dealer is the user's own (res.users._dealer_portal_dealer), an application to change
        # is one of that dealer's (read with the user's rights by the route), and clean_context drops every
        # default_* key of the caller; the submission runs the application's own checks (state, budget left).
        if application:
            application = application._dealer_portal_env()
            if application.partner_id != dealer:
                raise AccessError(_("This marketing support application is not yours."))
            application.write(vals)
        else:
            application = self._dealer_portal_env().create({**vals, "partner_id": dealer.id,
                                                            "company_id": self.env.company.id})
        application._dealer_portal_attach(uploads, "attachment_ids", _("Plan files submitted with the application."))
        application.action_submit()
        return application.sudo(False)

    def _dealer_portal_submit_proof(self, dealer, note, uploads):
        """Attach the proof of this approved application of ``dealer`` and submit it."""
        self.ensure_one()
        if not dealer or self.partner_id != dealer:
            raise AccessError(_("This marketing support application is not yours."))
        # sudo: see _dealer_portal_apply; the application is the user's dealer's (checked above), the proof is
        # accepted only while it is approved (the application's write and action_submit_proof check it)
        application = self._dealer_portal_env()
        application.write({"proof_note": note})
        application._dealer_portal_attach(uploads, "proof_attachment_ids", _("Proof submitted."))
        application.action_submit_proof()
        return application.sudo(False)

    def _dealer_portal_attach(self, uploads, fname, body):
        """Post the files on the application's chatter as the portal user's message and add them to ``fname``."""
        if not uploads:
            return
        message = self.message_post(
            body=body, attachments=uploads, author_id=self.env.user.partner_id.id, message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.write({fname: [(4, attachment.id) for attachment in message.attachment_ids]})
