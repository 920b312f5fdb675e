from odoo import fields, models


class DealerGradeHistory(models.Model):
    """One grade change of a dealer: who, when, from, to, why."""

    _name = "dealer.grade.history"
    _description = "Dealer Grade History"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, ondelete="cascade", index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Changed By", required=True, default=lambda self: self.env.user)
    old_grade_id = fields.Many2one("dealer.grade", string="From Grade", ondelete="restrict")
    new_grade_id = fields.Many2one("dealer.grade", string="To Grade", ondelete="restrict")
    reason = fields.Text(required=True)
