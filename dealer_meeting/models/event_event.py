from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows
from odoo.addons.dealer_management.models.dealer_workflow_mixin import DEALER_MANAGER_GROUP

# Proof that the invited dealers are written by the Invite Dealers button (a private object no RPC call carries,
# as dealer.workflow.mixin's): nobody lists dealers as invited without inviting them.
_INVITING = object()


class EventEvent(models.Model):
    _inherit = "event.event"

    is_dealer_meeting = fields.Boolean(
        string="Dealer Meeting", compute="_compute_is_dealer_meeting", store=True, readonly=False, index=True,
        help="A meeting or conference of the dealer network (经销商大会): dealers are invited by grade or territory.",
    )
    dealer_invite_grade_ids = fields.Many2many(
        "dealer.grade", "dealer_meeting_invite_grade_rel", "event_id", "grade_id", string="Invite Grades",
        help="Invite the active dealers of these grades (all grades when empty).",
    )
    dealer_invite_territory_ids = fields.Many2many(
        "dealer.territory", "dealer_meeting_invite_territory_rel", "event_id", "territory_id",
        string="Invite Territories", help="Invite the active dealers of these territories and the territories "
                                          "below them (all territories when empty).",
    )
    dealer_invited_ids = fields.Many2many(
        "res.partner", "dealer_meeting_invited_rel", "event_id", "partner_id", string="Invited Dealers",
        readonly=True, copy=False, help="The dealers invited by the Invite Dealers button.",
    )
    dealer_invited_count = fields.Integer(string="Dealers Invited", compute="_compute_dealer_invited_count")

    @api.depends("event_type_id")
    def _compute_is_dealer_meeting(self):
        for event in self:
            if event.event_type_id:
                event.is_dealer_meeting = event.event_type_id.is_dealer_meeting
            elif not event.is_dealer_meeting:
                event.is_dealer_meeting = False

    @api.depends("dealer_invited_ids")
    def _compute_dealer_invited_count(self):
        for event in self:
            event.dealer_invited_count = len(event.dealer_invited_ids)

    def write(self, vals):
        if "dealer_invited_ids" in vals and self.env.context.get("dealer_meeting_inviting") is not _INVITING:
            raise AccessError(_("The invited dealers of a meeting change only through its Invite Dealers button."))
        return super().write(vals)

    def _dealer_meeting_invitees(self):
        """The active dealers (companies) of the meeting's invited grades and territories."""
        self.ensure_one()
        domain = [("is_dealer", "=", True), ("is_company", "=", True), ("dealer_state", "=", "active")]
        if self.dealer_invite_grade_ids:
            domain.append(("dealer_grade_id", "in", self.dealer_invite_grade_ids.ids))
        if self.dealer_invite_territory_ids:
            domain.append(("dealer_territory_ids", "child_of", self.dealer_invite_territory_ids.ids))
        return self.env["res.partner"].search(domain)

    def action_dealer_invite(self):
        """Invite the dealers of the chosen grades and territories not invited yet: each gets the invitation by
        email (a message of the meeting, sent to the dealer) and may register its people on the portal."""
        self.ensure_one()
        if not self.env.user.has_group(DEALER_MANAGER_GROUP):
            raise UserError(_("Only a Dealer Manager may invite dealers to a meeting."))
        if not self.is_dealer_meeting:
            raise UserError(_("%(event)s is not a dealer meeting: set its template or tick Dealer Meeting first.",
                              event=self.name))
        if self.is_finished or self.stage_id.pipe_end:
            raise UserError(_("%(event)s is over: its dealers can no longer be invited.", event=self.name))
        # two managers inviting at the same moment: the second waits, is run again and invites nobody twice
        lock_rows(self)
        dealers = self._dealer_meeting_invitees() - self.dealer_invited_ids
        if not dealers:
            raise UserError(_("Every dealer of these grades and territories is already invited."))
        self.with_context(dealer_meeting_inviting=_INVITING).write({
            "dealer_invited_ids": [fields.Command.link(dealer.id) for dealer in dealers],
        })
        self.message_post(
            subject=_("Invitation: %(event)s", event=self.name),
            body=Markup("<p>%s</p>") % _(
                "You are invited to %(event)s on %(date)s at %(place)s. Register your people on the dealer portal.",
                event=self.name, date=self.date_begin_located or "", place=self.address_id.display_name or "-",
            ),
            partner_ids=dealers.ids, message_type="comment", subtype_xmlid="mail.mt_comment",
        )
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s dealer(s) invited.", count=len(dealers)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
