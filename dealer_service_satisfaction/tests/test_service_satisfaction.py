from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.dealer_sellout.tests.common import SelloutTestCommon

AUTO_PARAM = "dealer_service_satisfaction.auto_invite"


@tagged("post_install", "-at_install")
class TestServiceSatisfaction(SelloutTestCommon):
    """End customers invited to rate the dealer after a retail sale or a repair."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.email = "service@example.com"
        cls.survey = cls.env.ref("dealer_service_satisfaction.survey_end_customer_satisfaction")
        cls.customer = cls.env["res.partner"].create({"name": "Li Na", "email": "li.na@example.com"})

    def _confirmed_sale(self):
        sellout = self._sellout(product=self.accessory, price_unit=120.0)
        sellout.action_confirm()
        return sellout

    def _done_repair(self, dealer=None):
        repair = self.env["repair.order"].create({
            "partner_id": self.customer.id, "dealer_id": (dealer or self.dealer_a).id,
        })
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def test_end_customer_survey_configured(self):
        self.assertEqual(self.env["survey.survey"]._dealer_end_customer_survey(), self.survey)
        self.assertEqual(self.survey.dealer_satisfaction_kind, "customer")

    def test_no_invitation_without_setting(self):
        self.env["ir.config_parameter"].set_param(AUTO_PARAM, False)
        self.assertFalse(self._confirmed_sale().dealer_survey_answer_ids)

    def test_confirmed_sale_invites_customer_automatically(self):
        self.env["ir.config_parameter"].set_param(AUTO_PARAM, True)
        sellout = self._confirmed_sale()
        answer = sellout.dealer_survey_answer_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.dealer_partner_id, self.dealer_a)
        self.assertEqual(answer.nickname, "Wang Wei")
        self.assertIn(answer.access_token, sellout.dealer_survey_url)

    def test_button_on_draft_sale_refused(self):
        sellout = self._sellout(product=self.accessory, price_unit=120.0)
        with self.assertRefused(UserError, "is not confirmed"):
            sellout.action_dealer_invite_customer()
        self.assertFalse(self.survey.user_input_ids.filtered(lambda a: a.dealer_sellout_id == sellout))

    def test_done_repair_invites_customer_by_mail(self):
        self.env["ir.config_parameter"].set_param(AUTO_PARAM, True)
        mails_before = self.env["mail.mail"].search_count([("recipient_ids", "in", self.customer.ids)])
        repair = self._done_repair()
        answer = repair.dealer_survey_answer_ids
        self.assertEqual(answer.partner_id, self.customer)
        self.assertEqual(answer.dealer_partner_id, self.dealer_a)
        self.assertEqual(
            self.env["mail.mail"].search_count([("recipient_ids", "in", self.customer.ids)]), mails_before + 1)

    def test_button_on_done_repair(self):
        self.env["ir.config_parameter"].set_param(AUTO_PARAM, False)
        repair = self._done_repair()
        self.assertFalse(repair.dealer_survey_answer_ids)
        repair.with_user(self.dealer_user).action_dealer_invite_customer()
        self.assertEqual(len(repair.dealer_survey_answer_ids), 1)

    def test_answer_counts_for_the_dealer(self):
        """All three questions answered 4 of 5 points: 80%, counted for dealer A as an end-customer score."""
        self.env["ir.config_parameter"].set_param(AUTO_PARAM, True)
        answer = self._confirmed_sale().dealer_survey_answer_ids
        for question in self.survey.question_ids:
            choice = question.suggested_answer_ids.filtered(lambda a: a.answer_score == 4)
            self.env["survey.user_input.line"].create({
                "user_input_id": answer.id, "question_id": question.id, "answer_type": "suggestion",
                "suggested_answer_id": choice.id,
            })
        answer._mark_done()
        self.assertEqual(answer.scoring_percentage, 80.0)
        day = answer.end_datetime.date()
        self.assertEqual(
            self.env["survey.survey"]._dealer_satisfaction(self.dealer_a | self.dealer_b, day, day, kind="customer"),
            {self.dealer_a.id: 80.0})

    def test_sale_without_survey_shows_no_raw_value(self):
        """A retail sale nobody was invited for shows nothing, not "survey.user_input()" (nor its group)."""
        self.env["ir.config_parameter"].set_param(AUTO_PARAM, False)
        sellout = self._confirmed_sale()
        self.assertFalse(sellout.dealer_survey_url)
        self.assertFalse(sellout.dealer_survey_state)
        self.assertFalse(sellout.dealer_survey_score)
        repair = self._done_repair()
        self.assertFalse(repair.dealer_survey_url)
        self.assertFalse(repair.dealer_survey_state)

    def test_invited_sale_shows_link_and_status(self):
        self.env["ir.config_parameter"].set_param(AUTO_PARAM, False)
        sellout = self._confirmed_sale()
        sellout.action_dealer_invite_customer()
        answer = sellout.dealer_survey_answer_ids
        self.assertTrue(sellout.dealer_survey_url.startswith("http"))
        self.assertIn(answer.access_token, sellout.dealer_survey_url)
        self.assertEqual(sellout.dealer_survey_state, "New")
        for value in (sellout.dealer_survey_url, sellout.dealer_survey_state):
            self.assertNotIn("survey.user_input", value)
