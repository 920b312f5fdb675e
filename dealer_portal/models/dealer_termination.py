import uuid

from odoo import models


class DealerTermination(models.Model):
    _inherit = "dealer.termination"

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
