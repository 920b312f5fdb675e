from odoo import _, api, fields, models
from odoo.exceptions import UserError

SURVEY_PARAM = "dealer_service_satisfaction.survey_id"
AUTO_PARAM = "dealer_service_satisfaction.auto_invite"


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    @api.model
    def _dealer_end_customer_survey(self, raise_if_missing=True):
        """The survey end customers answer after a retail sale or a repair (Settings > Dealers)."""
        # sudo: the configured survey is a setting, read whoever triggers the invitation
        survey_id = self.env["ir.config_parameter"].sudo().get_param(SURVEY_PARAM)
        survey = self.sudo().browse(int(survey_id or 0)).exists()
        if not survey or not survey.active or not survey.is_dealer_satisfaction \
                or survey.dealer_satisfaction_kind != "customer":
            if not raise_if_missing:
                return self.browse()
            raise UserError(_(
                "Choose the end-customer satisfaction survey in Settings > Dealers: an active dealer satisfaction "
                "survey where end customers rate the dealer.",
            ))
        return survey

    def _dealer_invite_end_customer(self, dealer, partner=False, nickname=False, **links):
        """One answer of this survey rating `dealer`, linked to its document (`links`), and Odoo's invitation
        mail when the customer has an email address; returns the answer, whose link the dealer can pass on."""
        self.ensure_one()
        self.check_validity()
        # sudo: the answer (a token for the end customer) is created by the document's own button or trigger
        answer = self.sudo()._create_answer(
            partner=partner, email=partner.email if partner else False, check_attempts=False,
            dealer_partner_id=dealer.id, **links,
        )
        if nickname and not partner:
            answer.nickname = nickname
        # Odoo's invitation needs a sender address; without one the dealer passes the answer's link on
        if partner and partner.email and self.env.user.email:
            template = self.env.ref("survey.mail_template_user_input_invite", raise_if_not_found=False)
            invite = self.env["survey.invite"].sudo().with_context(
                default_email_layout_xmlid="mail.mail_notification_light",
            ).create({
                "survey_id": self.id, "partner_ids": [fields.Command.set(partner.ids)],
                "template_id": template.id if template else False, "existing_mode": "resend",
            })
            invite._send_mail(answer)
        return answer.sudo(False)
