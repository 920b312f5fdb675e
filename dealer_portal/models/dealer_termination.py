from odoo import models


class DealerTermination(models.Model):
    _inherit = "dealer.termination"

    def _execute(self):
        """Also revoke the share links of the dealer's complaints and feedback and of their files."""
        result = super()._execute()
        self._dealer_revoke_portal_tokens()
        return result

    def _dealer_revoke_portal_tokens(self):
        """Clear the access tokens of the terminated dealers' complaints, feedback and their attachments."""
        dealers = self.partner_id.commercial_partner_id
        Attachment = self.env["ir.attachment"].sudo()  # sudo: the Dealer Manager executing may lack these rights
        for model in ("dealer.complaint", "dealer.feedback"):
            # sudo: the termination was checked (Dealer Manager); only the dealer's own records are touched
            records = self.env[model].sudo().search([("partner_id", "in", dealers.ids)])
            records.write({"access_token": False})
            attachments = records.attachment_ids | Attachment.search(
                [("res_model", "=", model), ("res_id", "in", records.ids)]
            )
            attachments.write({"access_token": False})
