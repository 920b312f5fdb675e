from odoo import _, fields, models
from odoo.exceptions import UserError


class DealerCorrectionPlanLine(models.Model):
    _inherit = "dealer.correction.plan.line"

    dealer_note = fields.Text(string="Dealer's Answer", readonly=True, help="What the dealer did, from the portal.")
    dealer_attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_correction_line_attachment_rel", "line_id", "attachment_id",
        string="Dealer's Evidence", readonly=True,
    )
    dealer_answer_date = fields.Datetime(string="Answered On", readonly=True)
    dealer_answer_user_id = fields.Many2one("res.users", string="Answered By", readonly=True)

    def _dealer_portal_answer(self, note, uploads):
        """Record the portal user's answer to this action (its own dealer's, checked by the caller): the note and
        the evidence files (already checked for size and type), posted on the plan's chatter too."""
        self.ensure_one()
        note = (note or "").strip()
        if not note:
            raise UserError(_("Describe what you did for this action."))
        plan = self.plan_id
        if plan.state != "in_progress":
            raise UserError(_(
                "Correction plan %(name)s is %(state)s: its actions can no longer be answered.",
                name=plan.name, state=plan._state_label(),
            ))
        # sudo: the route checked that the plan is the user's own dealer's; only the answer fields are written,
        # and the files passed the portal upload checks (size, type, content)
        plan_sudo, line_sudo = plan.sudo(), self.sudo()
        message = plan_sudo.message_post(
            body=_("The dealer answered the action “%(action)s”: %(note)s", action=self.action, note=note),
            attachments=uploads, author_id=self.env.user.partner_id.id, message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        line_sudo.write({
            "dealer_note": note, "dealer_answer_date": fields.Datetime.now(),
            "dealer_answer_user_id": self.env.user.id,
            "dealer_attachment_ids": [(4, attachment.id) for attachment in message.attachment_ids],
        })
        return True
