from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class DealerGradeChangeWizard(models.TransientModel):
    """Change a dealer's grade, with the reason kept in the grade history."""

    _name = "dealer.grade.change.wizard"
    _description = "Change Dealer Grade"

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, domain=[("is_dealer", "=", True)])
    current_grade_id = fields.Many2one(related="partner_id.dealer_grade_id", string="Current Grade")
    new_grade_id = fields.Many2one("dealer.grade", required=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        """Apply the new grade to the dealer (Dealer Manager only); the history line keeps the reason."""
        self.ensure_one()
        partner = self.partner_id
        if not partner._is_dealer_manager():
            raise AccessError(_("Only a Dealer Manager may change a dealer's grade."))
        if not partner.is_dealer:
            raise UserError(_(
                "%(name)s is not a dealer: register it as a dealer before giving it a grade.",
                name=partner.display_name,
            ))
        grade_company = self.new_grade_id.company_id
        if partner.company_id and grade_company and grade_company != partner.company_id:
            raise UserError(_(
                "Grade %(grade)s belongs to %(company)s, dealer %(name)s to %(dealer_company)s: choose a grade of "
                "the dealer's company.",
                grade=self.new_grade_id.name, company=grade_company.name, name=partner.display_name,
                dealer_company=partner.company_id.name,
            ))
        if self.new_grade_id == self.current_grade_id:
            raise UserError(_("The dealer already has grade %(grade)s.", grade=self.new_grade_id.name))
        partner._dealer_trusted().with_context(dealer_grade_change_reason=self.reason).write(
            {"dealer_grade_id": self.new_grade_id.id}
        )
        return {"type": "ir.actions.act_window_close"}
