from odoo import api, fields, models


class DealerAnnouncementRead(models.Model):
    """Read receipt: a user of a dealer opened an announcement."""

    _name = "dealer.announcement.read"
    _description = "Dealer Announcement Read Receipt"
    _order = "date desc, id desc"
    _rec_name = "announcement_id"

    announcement_id = fields.Many2one("dealer.announcement", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one(
        "res.users", string="Read By", required=True, ondelete="cascade", index=True,
        default=lambda self: self.env.user,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", compute="_compute_partner_id", store=True, index=True,
        help="The dealer the reader worked for when the receipt was recorded (empty for internal users).",
    )
    date = fields.Datetime(string="Read On", required=True, default=fields.Datetime.now)
    category = fields.Selection(related="announcement_id.category")

    _sql_constraints = [
        ("announcement_user_uniq", "unique(announcement_id, user_id)",
         "An announcement is marked read once per user."),
    ]

    @api.depends("user_id")
    def _compute_partner_id(self):
        for receipt in self:
            receipt.partner_id = receipt.user_id._dealer_portal_dealer() if receipt.user_id else False
