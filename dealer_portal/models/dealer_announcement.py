from odoo import models


class DealerAnnouncement(models.Model):
    _name = "dealer.announcement"
    _inherit = ["dealer.announcement", "portal.mixin"]

    def _compute_access_url(self):
        super()._compute_access_url()
        for announcement in self:
            announcement.access_url = f"/my/announcements/{announcement.id}"
