from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import JPEG

from .common import FORM, PortalMarketingCase


@tagged("post_install", "-at_install")
class TestPortalMarketingFund(PortalMarketingCase):
    """The dealer's funds, applying, changing and proving on the portal; one-time forms; all or nothing."""

    def setUp(self):
        super().setUp()
        self.authenticate("mk_portal_a", "mk_portal_a")

    def test_fund_page_shows_budget_committed_spent_left(self):
        self._approved(2000.0)
        settled = self._verified(1000.0)
        settled.action_settle()
        response = self.url_open("/my/marketing-funds")
        self.assertEqual(response.status_code, 200)
        for figure in ("10,000.00", "2,000.00", "1,000.00", "7,000.00"):
            self.assertIn(figure, response.text)
        self.assertIn("o_dealer_marketing_left", response.text)

    def test_apply_with_files_submits_into_the_fund(self):
        response = self._apply(files={"attachments": ("quote.jpg", JPEG)})
        application = self._applications()
        self.assertEqual(len(application), 1)
        self.assertTrue(response.url.endswith(f"/my/marketing-applications/{application.id}?submitted=1"))
        self.assertRecordValues(application, [{
            "state": "submitted", "amount_requested": 2000.0, "marketing_type_id": self.store_event.id,
            "plan": "Test-drive weekend in the showroom", "fund_id": application.fund_id.id,
        }])
        self.assertEqual(application.fund_id.contract_id, self.contract_a)
        self.assertEqual(application.attachment_ids.mapped("name"), ["quote.jpg"])

    def test_staff_may_apply_too(self):
        self.authenticate("mk_staff_a", "mk_staff_a")
        self._apply()
        self.assertEqual(self._applications().state, "submitted")

    def test_applying_over_the_budget_refused(self):
        response = self._apply(amount_requested="10000.01")
        self.assertPageError(response, "10,000.00", "cannot be granted")
        self.assertFalse(self._applications())

    def test_bad_values_refused(self):
        cases = [
            ({"amount_requested": "-5"}, "The amount must be a number above zero."),
            ({"amount_requested": "lots"}, "The amount must be a number above zero."),
            ({"date_planned": "soon"}, "Enter the date of the activity"),
            ({"marketing_type_id": "999999"}, "Choose the type of activity."),
            ({"plan": "  "}, "Describe the activity"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                self.assertPageError(self._apply(**values), message)
        self.assertFalse(self._applications())

    def test_replayed_form_refused(self):
        token = self._token()
        self._apply(token=token)
        response = self._apply(token=token)
        self.assertPageError(response, "This form was already submitted")
        self.assertEqual(len(self._applications()), 1)

    def test_change_and_submit_again(self):
        application = self._application(2000.0)
        application.action_request_changes("Add the venue's quote")
        url = f"/my/marketing-applications/{application.id}/edit"
        self.assertIn("Add the venue&#39;s quote", self.url_open(f"/my/marketing-applications/{application.id}").text)
        self._apply(url=url, amount_requested="1500", files={"attachments": ("venue.jpg", JPEG)})
        application.invalidate_recordset()
        self.assertEqual((application.state, application.amount_requested), ("submitted", 1500.0))

    def test_edit_of_a_submitted_application_refused(self):
        application = self._application(2000.0)
        response = self._apply(url=f"/my/marketing-applications/{application.id}/edit", token="x",
                               amount_requested="9000")
        self.assertTrue(response.url.endswith(f"/my/marketing-applications/{application.id}"))
        application.invalidate_recordset()
        self.assertEqual((application.state, application.amount_requested), ("submitted", 2000.0))

    def test_submit_proof(self):
        application = self._approved(2000.0)
        response = self._proof(application, files={"attachments": ("stand.jpg", JPEG)})
        self.assertTrue(response.url.endswith("?submitted=1"))
        application.invalidate_recordset()
        self.assertEqual((application.state, application.proof_note), ("proof_submitted", "120 visitors, 8 orders"))
        self.assertEqual(application.proof_attachment_ids.mapped("name"), ["stand.jpg"])

    def test_proof_without_files_refused(self):
        application = self._approved(2000.0)
        self.assertPageError(self._proof(application), "Attach the photos and invoices")
        application.invalidate_recordset()
        self.assertEqual(application.state, "approved")

    def test_form_page_renders(self):
        response = self.url_open(FORM)
        self.assertIn('name="marketing_type_id"', response.text)
        self.assertIn("Store Event", response.text)
