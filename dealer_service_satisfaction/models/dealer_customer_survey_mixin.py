from odoo import _, fields, models
from odoo.exceptions import UserError

from .survey_survey import AUTO_PARAM


class DealerCustomerSurveyMixin(models.AbstractModel):
    """Invite the end customer of a document (retail sale, repair) to rate the dealer.

    A model using it defines ``dealer_survey_answer_ids`` (its answers) and the hooks
    ``_dealer_survey_dealer``, ``_dealer_survey_customer``, ``_dealer_survey_links`` and
    ``_dealer_survey_ready``.
    """

    _name = "dealer.customer.survey.mixin"
    _description = "End-customer Satisfaction Invitation"

    dealer_survey_url = fields.Char(
        string="Survey Link", compute="_compute_dealer_survey", help="Link of the end customer's survey answer.")
    dealer_survey_state = fields.Char(string="Survey", compute="_compute_dealer_survey")
    dealer_survey_score = fields.Float(string="Customer Score (%)", compute="_compute_dealer_survey")

    def _compute_dealer_survey(self):
        for record in self:
            answer = record.dealer_survey_answer_ids.sorted("id")[-1:]
            # no answer: empty values (an empty recordset written to a text field would read "survey.user_input()")
            record.dealer_survey_url = answer.get_base_url() + answer.get_start_url() if answer else False
            states = dict(answer._fields["state"]._description_selection(self.env))
            record.dealer_survey_state = states.get(answer.state) if answer else False
            record.dealer_survey_score = answer.scoring_percentage if answer.state == "done" else 0.0

    # ------------------------------------------------------------------ hooks
    def _dealer_survey_dealer(self):
        """The rated dealer."""
        raise NotImplementedError

    def _dealer_survey_customer(self):
        """(partner or False, name) of the end customer."""
        raise NotImplementedError

    def _dealer_survey_links(self):
        """Values linking the answer to this document."""
        raise NotImplementedError

    def _dealer_survey_ready(self):
        """A whole sentence saying why the customer cannot be invited yet, or None."""
        raise NotImplementedError

    # ------------------------------------------------------------------ invitation
    def action_dealer_invite_customer(self):
        """Button: invite the end customer of each document to rate its dealer."""
        for record in self:
            error = record._dealer_survey_ready()
            if error:
                raise UserError(error)
        self._dealer_invite_customers(self.env["survey.survey"]._dealer_end_customer_survey())
        return True

    def _dealer_invite_customers(self, survey):
        for record in self:
            partner, name = record._dealer_survey_customer()
            answer = survey._dealer_invite_end_customer(
                record._dealer_survey_dealer(), partner=partner, nickname=name, **record._dealer_survey_links())
            record.message_post(body=_(
                "End customer invited to rate the dealer: %(link)s", link=answer.get_start_url()))

    def _dealer_auto_invite(self):
        """The automatic invitation (Settings > Dealers) of the documents not invited yet."""
        if not self.env["ir.config_parameter"].sudo().get_param(AUTO_PARAM):
            return
        survey = self.env["survey.survey"]._dealer_end_customer_survey(raise_if_missing=False)
        if survey:
            self.filtered(lambda r: not r.dealer_survey_answer_ids and not r._dealer_survey_ready()) \
                ._dealer_invite_customers(survey)
