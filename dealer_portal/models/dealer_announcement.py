from odoo import models


class DealerAnnouncement(models.Model):
    _name = "dealer.announcement"
    _inherit = ["dealer.announcement", "portal.mixin"]

    # a compute assigns and returns nothing, as sale.order._compute_access_url in Odoo core
    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for announcement in self:
            announcement.access_url = f"/my/announcements/{announcement.id}"
