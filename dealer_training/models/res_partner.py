from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_training_count = fields.Integer(compute="_compute_dealer_training_count", string="Trainings")

    def _compute_dealer_training_count(self):
        """Count the dealer's registrations to dealer trainings (cancelled ones excluded)."""
        dealers = self.filtered("is_dealer")
        counts = {}
        if dealers.ids:
            counts = dict(self.env["event.registration"]._read_group(
                [("dealer_partner_id", "in", dealers.ids), ("event_id.is_dealer_training", "=", True),
                 ("state", "!=", "cancel")],
                ["dealer_partner_id"], ["__count"],
            ))
        for partner in self:
            partner.dealer_training_count = counts.get(partner, 0)

    def action_view_dealer_trainings(self):
        """Open the dealer's training registrations."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dealer_training.action_dealer_training_registration"
        )
        action["domain"] = [("dealer_partner_id", "=", self.id), ("event_id.is_dealer_training", "=", True)]
        action["context"] = {"create": False}
        return action
