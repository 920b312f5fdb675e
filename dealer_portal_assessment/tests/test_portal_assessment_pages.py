import re
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import JPEG

from .common import DealerAssessmentPagesCase

# the owner's pages of this module (staff get a 404)
OWNER_PAGES = ["/my/scorecards", "/my/correction-plans"]


@tagged("post_install", "-at_install")
class TestPortalAssessmentPages(DealerAssessmentPagesCase):
    """The owner's scorecards and correction plans, on their pages and on the dashboard."""

    # ------------------------------------------------------------------ home and dashboard
    def test_home_shows_the_owner_cards(self):
        self._login(self.owner_a)
        body = self.url_open("/my").text
        for url in OWNER_PAGES:
            self.assertIn(f'href="{url}"', body)

    def test_home_hides_the_owner_cards_from_staff(self):
        self._login(self.portal_a)
        body = self.url_open("/my").text
        for url in OWNER_PAGES:
            self.assertNotIn(f'href="{url}"', body)

    def test_dashboard_owner_sees_the_scorecard_and_its_trend(self):
        self._login(self.owner_a)
        body = self.url_open("/my/dealer").text
        self.assertIn("o_dealer_scorecard", body)
        self.assertIn("72.5", body)  # the latest approved scorecard
        self.assertIn("<polyline", body)  # the trend chart, inline SVG

    def test_dashboard_staff_sees_no_scorecard(self):
        self._login(self.portal_a)
        body = self.url_open("/my/dealer").text
        self.assertIn("o_dealer_targets", body)
        self.assertNotIn("o_dealer_scorecard", body)

    def test_dashboard_figures(self):
        """The latest approved scorecard and the trend of the totals, read from the model."""
        values = self.dealer_a._dealer_portal_dashboard(self.env.company, self.today)
        self.assertEqual(values["scorecard"], self.scorecard_a)
        self.assertEqual([p["total"] for p in values["trend"]["points"]], [61.0, 72.5])
        self.assertEqual(values["rebate_earned"], self.rebate_a.total_amount)  # dealer_portal's figures stay
        staff_values = self.dealer_a._dealer_portal_dashboard(self.env.company, self.today, full=False)
        self.assertNotIn("scorecard", staff_values)

    # ------------------------------------------------------------------ owner pages refuse staff
    def test_staff_gets_404_on_owner_pages(self):
        self._login(self.portal_a)
        for url in OWNER_PAGES + [f"/my/scorecards/{self.scorecard_a.id}/pdf",
                                  f"/my/correction-plans/{self.plan_a.id}"]:
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_owner_opens_every_owner_page(self):
        self._login(self.owner_a)
        for url in OWNER_PAGES + [f"/my/correction-plans/{self.plan_a.id}"]:
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200)

    # ------------------------------------------------------------------ scorecards
    def test_scorecards_list_and_pdf(self):
        self._login(self.owner_a)
        body = self.url_open("/my/scorecards").text
        self.assertIn("72.50", body)
        self.assertIn("61.00", body)
        response = self.url_open(f"/my/scorecards/{self.scorecard_a.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.kpi.name, response.text)

    def test_scorecards_show_rating_and_rank_out_of_how_many(self):
        """Issue 15: the rating (A–D), the rank among the assessment's dealers and within the ranking group."""
        assessment = self.env["dealer.assessment"].create(
            {"period_type": "quarter", "date": self.today - timedelta(days=400), "scope": "all"})
        self.env["dealer.scorecard"].create([{
            "assessment_id": assessment.id, "partner_id": dealer.id, "total": total, "rank": rank,
            "rating": rating, "rank_territory_id": territory.id, "territory_rank": 1,
        } for dealer, total, rank, rating, territory in (
            (self.dealer_a, 66.0, 2, "C", self.zhejiang), (self.dealer_b, 90.0, 1, "A", self.jiangsu),
        )])
        assessment._dealer_trusted().write({"state": "approved"})
        self._login(self.owner_a)
        body = self.url_open("/my/scorecards").text
        row = re.search(r"(?s)<tr>\s*<td>%s</td>.*?</tr>" % re.escape(assessment.name), body).group(0)
        self.assertRegex(row, r'o_dealer_rating[^"]*"[^>]*>C</span>')
        self.assertIn('o_dealer_rank">No. 2 of 2</td>', row)
        self.assertIn('o_dealer_group_rank">浙江: No. 1 of 1</td>', row)
        self.assertIn("<th>Rank in Province</th>", body)

    # ------------------------------------------------------------------ correction plans
    def test_answer_a_correction_action_with_evidence(self):
        line = self.plan_a.line_ids
        self._login(self.owner_a)
        response = self._post(f"/my/correction-plans/{self.plan_a.id}/actions/{line.id}",
                              {"note": "Showroom repainted"}, files={"attachments": ("after.jpg", JPEG)})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(line.dealer_note, "Showroom repainted")
        self.assertEqual(line.dealer_answer_user_id, self.owner_a)
        self.assertEqual(line.dealer_attachment_ids.mapped("name"), ["after.jpg"])
        self.assertIn("Showroom repainted", self.plan_a.message_ids[0].body)

    def test_correction_answer_bad_input_shows_a_form_error(self):
        line = self.plan_a.line_ids
        self._login(self.owner_a)
        url = f"/my/correction-plans/{self.plan_a.id}/actions/{line.id}"
        for data, files, message in (
            ({"note": ""}, None, "Describe what you did"),
            ({"note": "x"}, {"attachments": ("evil.exe", b"MZ")}, "only these types"),
            ({"note": "x"}, {"attachments": ("fake.jpg", b"not a jpeg")}, "not a valid JPG"),
        ):
            with self.subTest(message=message):
                response = self._post(url, data, files=files)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        self.assertFalse(line.dealer_note)
        self.assertFalse(line.dealer_attachment_ids)

    def test_script_in_an_answer_is_escaped(self):
        line = self.plan_a.line_ids
        self._login(self.owner_a)
        self._post(f"/my/correction-plans/{self.plan_a.id}/actions/{line.id}", {"note": "<script>alert(1)</script>"})
        body = self.url_open(f"/my/correction-plans/{self.plan_a.id}").text
        self.assertNotIn("<script>alert(1)</script>", body)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", body)
