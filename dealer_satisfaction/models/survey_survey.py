from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.tools.period import dealer_period_bounds


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    is_dealer_satisfaction = fields.Boolean(
        string="Dealer Satisfaction Survey", index=True,
        help="Answers to this survey are counted per dealer in the satisfaction figures (满意度调查).",
    )
    dealer_satisfaction_kind = fields.Selection(
        [("dealer", "Dealers rate the company"), ("customer", "End customers rate the dealer")],
        string="Satisfaction Kind", default="dealer",
        help="Dealers rate the company: the answer counts for the answering dealer.\n"
             "End customers rate the dealer: the answer counts for the dealer chosen when sending.",
    )

    # ------------------------------------------------------------------ sending
    def action_send_dealer_survey(self, grades=None):
        """Invite every active dealer (its main contact, the dealer partner) through Odoo's survey invitation."""
        self.ensure_one()
        if not self.is_dealer_satisfaction or self.dealer_satisfaction_kind != "dealer":
            raise UserError(_("Only a dealer satisfaction survey answered by dealers can be sent to dealer owners."))
        self.check_validity()
        domain = [("is_dealer", "=", True), ("dealer_state", "=", "active"), ("email", "!=", False)]
        if grades:
            domain.append(("dealer_grade_id", "in", grades.ids))
        dealers = self.env["res.partner"].search(domain)
        if not dealers:
            raise UserError(_("There is no active dealer with an email address to send this survey to."))
        self._dealer_invite(dealers)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The survey was sent to %(count)s dealers.", count=len(dealers)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _dealer_send_customer_survey(self, dealer, customers):
        """Invite end customers to rate `dealer`; their answers count for that dealer."""
        self.ensure_one()
        if self.dealer_satisfaction_kind != "customer":
            raise UserError(_("Only a survey where end customers rate the dealer can be sent for a dealer."))
        self.check_validity()
        self.with_context(dealer_satisfaction_dealer_id=dealer.id)._dealer_invite(customers)

    def _dealer_invite(self, partners):
        """Send Odoo's survey invitation (a new answer and its mail) to each partner."""
        self.ensure_one()
        template = self.env.ref("survey.mail_template_user_input_invite", raise_if_not_found=False)
        invite = self.env["survey.invite"].with_context(
            default_email_layout_xmlid="mail.mail_notification_light",
        ).create({
            "survey_id": self.id,
            "partner_ids": [fields.Command.set(partners.ids)],
            "template_id": template.id if template else False,
            "existing_mode": "new",
        })
        invite.action_invite()

    # ------------------------------------------------------------------ figures for assessments
    @api.model
    def _dealer_satisfaction(self, dealers, date_from, date_to, kind=None):
        """Average score (%) of each dealer's satisfaction answers completed in the period; no answer, no key."""
        start, end = dealer_period_bounds(date_from, date_to)
        domain = [
            ("dealer_partner_id", "in", dealers.ids),
            ("survey_id.is_dealer_satisfaction", "=", True),
            ("state", "=", "done"),
            ("test_entry", "=", False),
            ("end_datetime", ">=", start),
            ("end_datetime", "<", end),
        ]
        if kind:
            domain.append(("survey_id.dealer_satisfaction_kind", "=", kind))
        groups = self.env["survey.user_input"]._read_group(
            domain, ["dealer_partner_id"], ["scoring_percentage:avg"],
        )
        return {dealer.id: round(average or 0.0, 2) for dealer, average in groups}
