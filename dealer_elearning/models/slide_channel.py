from odoo import api, fields, models
from odoo.exceptions import AccessError


class SlideChannel(models.Model):
    _inherit = "slide.channel"

    dealer_grade_ids = fields.Many2many(
        "dealer.grade", "dealer_slide_channel_grade_rel", "channel_id", "grade_id", string="Dealer Grades",
        help="The staff (users) of active dealers of these grades are enrolled in this course, now and every day "
             "as dealers and users change. With the visibility 'Course Attendees', only they see it.",
    )

    def _dealer_staff_partners(self):
        """The partners of the users (portal or internal) working for an active dealer of the course's grades."""
        self.ensure_one()
        if not self.dealer_grade_ids:
            return self.env["res.partner"]
        users = self.env["res.users"].search([
            ("partner_id.commercial_partner_id.is_dealer", "=", True),
            ("partner_id.commercial_partner_id.dealer_state", "=", "active"),
            ("partner_id.commercial_partner_id.dealer_grade_id", "in", self.dealer_grade_ids.ids),
        ])
        return users.partner_id

    def action_dealer_enroll(self):
        """Enroll the staff of the dealers of the course's grades (who are not members yet): Dealer Managers."""
        if not self.env.user.has_group("dealer_management.group_dealer_manager"):
            raise AccessError(self.env._("Only a Dealer Manager may enroll the dealers' staff in a course."))
        self.check_access("read")
        for channel in self:
            # sudo: an eLearning officer writes only the courses they are responsible for; a Dealer Manager enrolls
            # in any course the people its grades (set by who may edit the course) say
            channel.sudo()._action_add_members(channel._dealer_staff_partners())

    @api.model
    def _cron_dealer_enroll(self):
        """Daily: new dealer users and dealers that changed grade join the courses of their grade."""
        for channel in self.search([("dealer_grade_ids", "!=", False), ("active", "=", True)]):
            # sudo: the job runs as OdooBot; enrolling is what the course's grades already decided
            channel.sudo()._action_add_members(channel._dealer_staff_partners())
