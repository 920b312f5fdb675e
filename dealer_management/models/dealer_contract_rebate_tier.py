from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerContractRebateTier(models.Model):
    """A rebate tier: from this % of target reached, this % of net invoiced sales plus a fixed bonus."""

    _name = "dealer.contract.rebate.tier"
    _description = "Dealer Contract Rebate Tier"
    _inherit = ["dealer.workflow.mixin", "dealer.workflow.line.mixin"]
    # a tier has no state of its own: it is a term of the contract, frozen with it outside draft (the
    # contract's _dealer_lines_locked), changed only by an amendment
    _dealer_protected_fields = ()
    _dealer_line_parent_field = "contract_id"
    _order = "contract_id, achievement_min"

    contract_id = fields.Many2one("dealer.contract", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    achievement_min = fields.Float(
        string="From Achievement (%)", required=True, digits=(16, 2),
        help="The tier applies once this percentage of the target is reached.",
    )
    rebate_percent = fields.Float(
        string="Rebate (%)", digits=(16, 2), help="Percentage of the net invoiced sales paid back as rebate.",
    )
    fixed_bonus = fields.Monetary(currency_field="currency_id")

    _sql_constraints = [
        ("achievement_uniq", "unique(contract_id, achievement_min)",
         "Two rebate tiers of a contract cannot start at the same achievement."),
    ]

    @api.constrains("achievement_min", "rebate_percent", "fixed_bonus")
    def _check_values(self):
        for tier in self:
            if tier.achievement_min < 0 or tier.rebate_percent < 0 or tier.fixed_bonus < 0:
                raise ValidationError(_("Rebate tier values cannot be negative."))
            if tier.rebate_percent > 100:
                raise ValidationError(_("A rebate cannot exceed 100% of the sales."))
