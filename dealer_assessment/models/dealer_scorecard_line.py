from odoo import fields, models


class DealerScorecardLine(models.Model):
    """One KPI of a scorecard: the raw value, its points and its weight."""

    _name = "dealer.scorecard.line"
    _description = "Dealer Scorecard KPI"
    _inherit = ["dealer.scorecard.computed.mixin"]
    _dealer_line_parent_field = "scorecard_id"
    _order = "scorecard_id, sequence, id"

    scorecard_id = fields.Many2one("dealer.scorecard", required=True, ondelete="cascade", index=True, readonly=True)
    assessment_id = fields.Many2one(related="scorecard_id.assessment_id", store=True, index=True)
    partner_id = fields.Many2one(related="scorecard_id.partner_id", store=True, string="Dealer")
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
    sequence = fields.Integer(readonly=True)
    kpi_id = fields.Many2one("dealer.kpi", string="KPI", required=True, readonly=True, ondelete="restrict")
    unit = fields.Char(related="kpi_id.unit")
    applicable = fields.Boolean(
        readonly=True, help="False when the KPI has no value for this dealer: its weight is left out of the total.",
    )
    raw_value = fields.Float(string="Value", digits=(16, 2), readonly=True, aggregator="avg")
    points = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    weight = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    weighted_points = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
