from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_customer_survey_id = fields.Many2one(
        "survey.survey", string="End-customer Survey", config_parameter="dealer_service_satisfaction.survey_id",
        domain=[("is_dealer_satisfaction", "=", True), ("dealer_satisfaction_kind", "=", "customer")],
        help="The survey end customers answer to rate the dealer after a retail sale or a repair.",
    )
    dealer_customer_survey_auto = fields.Boolean(
        string="Invite End Customers Automatically", config_parameter="dealer_service_satisfaction.auto_invite",
        help="Invite the end customer when a retail sale is confirmed and when a dealer's repair is done.",
    )
