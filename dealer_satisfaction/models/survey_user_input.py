from odoo import api, fields, models


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "dealer.person.mixin"]

    # an average of percentages is what makes sense when grouping answers (pivot of dealer satisfaction)
    scoring_percentage = fields.Float(aggregator="avg")
    dealer_partner_id = fields.Many2one(
        readonly=False,
        help="Dealer this answer counts for: the answering dealer, or for end-customer surveys the rated dealer.",
    )

    @api.depends("partner_id.commercial_partner_id.is_dealer", "survey_id.dealer_satisfaction_kind")
    def _compute_dealer_partner_id(self):
        for user_input in self:
            if user_input.survey_id.dealer_satisfaction_kind == "customer":
                # the rated dealer is chosen when sending; keep it
                user_input.dealer_partner_id = user_input.dealer_partner_id
                continue
            user_input.dealer_partner_id = user_input._dealer_of_person()

    @api.model_create_multi
    def create(self, vals_list):
        dealer_id = self.env.context.get("dealer_satisfaction_dealer_id")
        if dealer_id:
            for vals in vals_list:
                vals.setdefault("dealer_partner_id", dealer_id)
        return super().create(vals_list)
