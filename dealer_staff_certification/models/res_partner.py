from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_staff_position_id = fields.Many2one(
        "dealer.staff.position", index="btree_not_null", ondelete="restrict",
        help="Position of this person at their dealer (销售顾问, 服务顾问, 技师 …): it decides the certifications "
             "they must hold.",
    )
    dealer_staff_missing_count = fields.Integer(
        string="Missing Certifications", compute="_compute_dealer_staff_qualification",
        help="Required staff certifications of this dealer that are missing or expired.",
    )
    dealer_staff_qualified_count = fields.Integer(
        string="Held Certifications", compute="_compute_dealer_staff_qualification",
    )

    @api.constrains("dealer_staff_position_id", "parent_id", "is_company")
    def _check_dealer_staff_position(self):
        """A staff position belongs to a person working for a dealer."""
        for partner in self.filtered("dealer_staff_position_id"):
            if partner.is_company or not partner.commercial_partner_id.is_dealer:
                raise ValidationError(self.env._(
                    "Only a contact person of a dealer can hold a dealer staff position (%(name)s).",
                    name=partner.display_name,
                ))

    def _compute_dealer_staff_qualification(self):
        counts = self.env["dealer.staff.qualification"]._dealer_qualification_counts(self.filtered("is_dealer"))
        for partner in self:
            held, required = counts.get(partner.id, (0, 0))
            partner.dealer_staff_qualified_count = held
            partner.dealer_staff_missing_count = required - held

    def action_view_dealer_staff_qualification(self):
        """The qualification rows of this dealer's staff."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dealer_staff_certification.action_dealer_staff_qualification")
        action["domain"] = [("dealer_id", "=", self.id)]
        action["context"] = {"search_default_group_partner": 1}
        return action
