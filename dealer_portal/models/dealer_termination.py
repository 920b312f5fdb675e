import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.models.dealer_termination import OPEN_STATES
from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows
from odoo.addons.dealer_management.tools.html import text_to_html


class DealerTermination(models.Model):
    _inherit = "dealer.termination"

    requested_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False,
        help="The dealer's portal user who asked for the voluntary exit.",
    )

    def _execute(self):
        """Also revoke the share links of the dealer's complaints and feedback and of their files."""
        result = super()._execute()
        self._dealer_revoke_portal_tokens()
        return result

    def _dealer_revoke_portal_tokens(self):
        """Invalidate the share links of the terminated dealers' complaints, feedback and their attachments.

        Attachment tokens are cleared. Record tokens are replaced by new random ones nobody holds, rather than
        cleared: Odoo's chatter token check (portal.utils.validate_thread_with_token) fails with a server
        error on a record without token.
        """
        dealers = self.partner_id.commercial_partner_id
        Attachment = self.env["ir.attachment"].sudo()  # sudo: the Dealer Manager executing may lack these rights
        for model in ("dealer.complaint", "dealer.feedback"):
            # sudo: the termination was checked (Dealer Manager); only the dealer's own records are touched
            records = self.env[model].sudo().search([("partner_id", "in", dealers.ids)])
            for record in records:
                record.access_token = str(uuid.uuid4())
            attachments = records.attachment_ids | Attachment.search(
                [("res_model", "=", model), ("res_id", "in", records.ids)]
            )
            attachments.write({"access_token": False})

    # ------------------------------------------------------------------ the dealer's exit request
    @api.model
    def _dealer_portal_exit_request(self, dealer, reason, effective_date):
        """A draft voluntary termination of `dealer` (the user's own, checked by the caller) for the back office,
        with an activity for the dealer's salesperson. One open request at a time."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Tell us why you wish to end the cooperation."))
        if not effective_date or effective_date < fields.Date.context_today(self):
            raise UserError(_("Choose the day the exit should take effect, today or later."))
        # sudo: the request is the user's own dealer's; the termination is created in draft, with the fields below
        # only, for a Dealer Manager to review (portal users have no right on terminations)
        Termination = self.sudo()
        # the same request sent twice at once (a double click, several tabs): the second waits for the first, is
        # aborted and run again, and finds the first one's request below (the database refuses a second one anyway)
        lock_rows(dealer)
        if Termination.search_count([("partner_id", "=", dealer.id), ("state", "in", OPEN_STATES)]):
            raise UserError(_(
                "An exit of your dealership is already being processed: contact your salesperson about it.",
            ))
        salesperson = dealer.sudo().user_id
        termination = Termination.create({
            "partner_id": dealer.id, "company_id": (dealer.sudo().company_id or self.env.company).id,
            "reason_code": "voluntary", "reason": reason, "effective_date": effective_date,
            "user_id": salesperson.id if salesperson and not salesperson.share else False,
            "requested_by_id": self.env.user.id,
        })
        termination.activity_schedule(
            "mail.mail_activity_data_todo", summary=_("Voluntary exit requested by the dealer"),
            # the reason and the user's name are the dealer's own text: escaped, a link in them stays text
            note=text_to_html(_("%(user)s asked on the portal to end the cooperation on %(date)s: %(reason)s",
                                user=self.env.user.name, date=effective_date, reason=reason)),
            user_id=(salesperson if salesperson and not salesperson.share else termination.create_uid).id,
        )
        return termination.sudo(False)
