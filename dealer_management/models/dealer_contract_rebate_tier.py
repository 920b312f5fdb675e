from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


def _percent_label(value):
    """A percentage without trailing zeros: 100.0 → "100", 2.5 → "2.5"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


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
    basis = fields.Selection(
        [("amount", "Amount"), ("units", "Units")], required=True, default="amount",
        help="Achievement measured on the amount targets (net invoiced sales) or on the unit targets (台/件).",
    )
    achievement_min = fields.Float(
        string="From Achievement (%)", required=True, digits=(16, 2),
        help="The tier applies once this percentage of the target is reached.",
    )
    rebate_percent = fields.Float(
        string="Rebate (%)", digits=(16, 2), help="Percentage of the net invoiced sales paid back as rebate.",
    )
    fixed_bonus = fields.Monetary(currency_field="currency_id")

    _sql_constraints = [
        ("achievement_uniq", "unique(contract_id, basis, achievement_min)",
         "Two rebate tiers of a contract cannot start at the same achievement."),
    ]

    @api.depends("basis", "achievement_min", "rebate_percent", "fixed_bonus", "currency_id")
    def _compute_display_name(self):
        """The tier as its terms read, e.g. "From 100% of target: 3% rebate" (plus the bonus when there is one)."""
        for tier in self:
            if tier.basis == "units":
                label = _(
                    "From %(achievement)s%% of the unit target: %(rebate)s%% rebate",
                    achievement=_percent_label(tier.achievement_min), rebate=_percent_label(tier.rebate_percent),
                )
            else:
                label = _(
                    "From %(achievement)s%% of target: %(rebate)s%% rebate",
                    achievement=_percent_label(tier.achievement_min), rebate=_percent_label(tier.rebate_percent),
                )
            if tier.fixed_bonus:
                label = _("%(tier)s + %(bonus)s bonus", tier=label, bonus=tier.currency_id.format(tier.fixed_bonus)
                          if tier.currency_id else tier.fixed_bonus)
            tier.display_name = label

    @api.constrains("achievement_min", "rebate_percent", "fixed_bonus")
    def _check_values(self):
        for tier in self:
            if tier.achievement_min < 0 or tier.rebate_percent < 0 or tier.fixed_bonus < 0:
                raise ValidationError(_("Rebate tier values cannot be negative."))
            if tier.rebate_percent > 100:
                raise ValidationError(_("A rebate cannot exceed 100% of the sales."))
