from odoo import fields, models

LINE_STATUSES = [("todo", "To Do"), ("in_progress", "In Progress"), ("done", "Done")]


class DealerCorrectionPlanLine(models.Model):
    """One action of a correction plan, with its owner, deadline and follow-up."""

    _name = "dealer.correction.plan.line"
    _description = "Dealer Correction Plan Action"
    _inherit = ["dealer.workflow.line.mixin"]
    _order = "plan_id, deadline, id"
    # locked with the plan once done or cancelled (its _dealer_lines_locked)
    _dealer_line_parent_field = "plan_id"

    plan_id = fields.Many2one("dealer.correction.plan", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    action = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Owner", domain=[("share", "=", False)])
    deadline = fields.Date()
    status = fields.Selection(LINE_STATUSES, default="todo", required=True)
    follow_up = fields.Text(string="Follow-up")
