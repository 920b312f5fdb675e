from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_business_review_count = fields.Integer(
        compute="_compute_dealer_business_review_count", string="Business Reviews",
        groups="dealer_management.group_dealer_user",
    )

    def _compute_dealer_business_review_count(self):
        """Count the dealer's business reviews (cancelled ones excluded)."""
        dealers = self.filtered("is_dealer")
        counts = {}
        if dealers.ids:
            counts = dict(self.env["dealer.business.review"]._read_group(
                [("partner_id", "in", dealers.ids), ("state", "!=", "cancel")], ["partner_id"], ["__count"],
            ))
        for partner in self:
            partner.dealer_business_review_count = counts.get(partner, 0)

    def action_view_dealer_business_reviews(self):
        """Open the dealer's business reviews."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dealer_business_review.action_dealer_business_review"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
