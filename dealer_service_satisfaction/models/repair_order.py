from odoo import _, fields, models


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "dealer.customer.survey.mixin"]

    dealer_survey_answer_ids = fields.One2many("survey.user_input", "dealer_repair_id", string="Customer Surveys")

    def action_repair_done(self):
        res = super().action_repair_done()
        self.filtered(lambda r: r.state == "done")._dealer_auto_invite()
        return res

    def _dealer_survey_dealer(self):
        return self.dealer_id.commercial_partner_id or self.partner_id.commercial_partner_id

    def _dealer_survey_customer(self):
        # a warranty repair is done for the end customer of the serial's retail sale
        return (self.partner_id if not self.partner_id.commercial_partner_id.is_dealer else False), \
            self.lot_id.dealer_sellout_id.customer_name or False

    def _dealer_survey_links(self):
        return {"dealer_repair_id": self.id}

    def _dealer_survey_ready(self):
        if self.state != "done":
            return _("Repair %(name)s is not done: its customer cannot rate the dealer yet.", name=self.name)
        if not self._dealer_survey_dealer().is_dealer:
            return _("Repair %(name)s has no dealer: set the dealer who repaired it.", name=self.name)
        return None
