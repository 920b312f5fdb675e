from odoo import fields, models


class DealerGrade(models.Model):
    _inherit = "dealer.grade"

    service_inspection_interval = fields.Integer(
        string="Service Inspection Interval (months)",
        help="The dealers of this grade get a service inspection (售后服务监管) scheduled this many months after "
             "their last one. 0: no scheduled inspection.",
    )
