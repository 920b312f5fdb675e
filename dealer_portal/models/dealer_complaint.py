from odoo import api, models


class DealerComplaint(models.Model):
    _name = "dealer.complaint"
    _inherit = ["dealer.complaint", "portal.mixin", "dealer.portal.document"]
    _mail_post_access = "read"  # the dealer answers through the portal chatter without write access
    _dealer_portal_fields = frozenset({
        "origin", "customer_name", "customer_phone", "category_id", "subject_type",
        "product_id", "product_qty", "sale_order_id", "description",
    })

    # a compute assigns and returns nothing, as sale.order._compute_access_url in Odoo core
    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        self._dealer_check_portal_post()
        return super().message_post(**kwargs)
