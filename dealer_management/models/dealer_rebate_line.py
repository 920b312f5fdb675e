from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerRebateLine(models.Model):
    """A manual (or assessment) bonus or penalty added to a rebate."""

    _name = "dealer.rebate.line"
    _description = "Dealer Rebate Bonus/Penalty"
    _rec_name = "description"  # a proposal's "Rebate Bonus" link reads as the line's text, not "dealer.rebate.line,3"
    _inherit = ["dealer.workflow.line.mixin"]
    _dealer_line_parent_field = "rebate_id"
    _order = "rebate_id, id"

    rebate_id = fields.Many2one("dealer.rebate", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="rebate_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="rebate_id.currency_id")
    kind = fields.Selection([("bonus", "Bonus"), ("penalty", "Penalty")], string="Type", required=True,
                            default="bonus")
    description = fields.Char(required=True)
    amount = fields.Monetary(currency_field="currency_id", required=True, help="Positive; a penalty is deducted.")
    signed_amount = fields.Monetary(currency_field="currency_id", compute="_compute_signed_amount")

    @api.depends("kind", "amount")
    def _compute_signed_amount(self):
        for line in self:
            line.signed_amount = -line.amount if line.kind == "penalty" else line.amount

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(_("Enter a positive amount; choose the type Penalty to deduct it."))
