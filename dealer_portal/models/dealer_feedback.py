from odoo import api, models


class DealerFeedback(models.Model):
    _name = "dealer.feedback"
    _inherit = ["dealer.feedback", "portal.mixin", "dealer.portal.document"]
    _mail_post_access = "read"  # the dealer answers through the portal chatter without write access
    _dealer_portal_fields = frozenset({
        "name", "feedback_type", "description", "product_id", "competitor_name", "competitor_price",
    })

    # a compute assigns and returns nothing, as sale.order._compute_access_url in Odoo core
    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for feedback in self:
            feedback.access_url = f"/my/feedback/{feedback.id}"

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        self._dealer_check_portal_post()
        return super().message_post(**kwargs)
