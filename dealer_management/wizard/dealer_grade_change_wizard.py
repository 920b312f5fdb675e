from odoo import _, fields, models
from odoo.exceptions import UserError


class DealerGradeChangeWizard(models.TransientModel):
    """Change a dealer's grade, with the reason kept in the grade history."""

    _name = "dealer.grade.change.wizard"
    _description = "Change Dealer Grade"

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, domain=[("is_dealer", "=", True)])
    current_grade_id = fields.Many2one(related="partner_id.dealer_grade_id", string="Current Grade")
    new_grade_id = fields.Many2one("dealer.grade", string="New Grade", required=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        """Apply the new grade to the dealer."""
        self.ensure_one()
        if self.new_grade_id == self.current_grade_id:
            raise UserError(_("The dealer already has grade %(grade)s.", grade=self.new_grade_id.name))
        self.partner_id.with_context(dealer_grade_change_reason=self.reason).write(
            {"dealer_grade_id": self.new_grade_id.id}
        )
        return {"type": "ir.actions.act_window_close"}
