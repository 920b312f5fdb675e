from odoo import fields, models


class DealerApplicationCriterion(models.Model):
    _name = "dealer.application.criterion"
    _description = "Dealer Application Evaluation Line"

    application_id = fields.Many2one("dealer.application", required=True, ondelete="cascade")
