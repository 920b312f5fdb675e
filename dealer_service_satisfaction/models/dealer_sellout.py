from odoo import _, fields, models


class DealerSellout(models.Model):
    _name = "dealer.sellout"
    _inherit = ["dealer.sellout", "dealer.customer.survey.mixin"]

    dealer_survey_answer_ids = fields.One2many("survey.user_input", "dealer_sellout_id", string="Customer Surveys")

    def action_confirm(self):
        res = super().action_confirm()
        self._dealer_auto_invite()
        return res

    def _dealer_survey_dealer(self):
        return self.dealer_id.commercial_partner_id

    def _dealer_survey_customer(self):
        return False, self.customer_name or False

    def _dealer_survey_links(self):
        return {"dealer_sellout_id": self.id}

    def _dealer_survey_ready(self):
        if self.state != "confirmed":
            return _("Retail sale %(name)s is not confirmed: its customer cannot rate the dealer yet.", name=self.name)
        return None
