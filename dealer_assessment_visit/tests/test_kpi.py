from datetime import datetime, timedelta

from odoo.tests import tagged

from odoo.addons.dealer_visit.tests.common import VisitTestCommon


@tagged("post_install", "-at_install")
class TestVisitKpi(VisitTestCommon):
    """Dealer A this month: 3 visits planned, 2 done (one with a finding closed in time, one with a finding
    closed late), 1 cancelled: coverage 2 ÷ 3; follow-up 1 ÷ 2. Dealer B: nothing planned, no values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = (cls.today.replace(day=1), cls.today)
        first = cls._done_visit()
        first.finding_ids.action_close()
        second = cls._done_visit()
        second.finding_ids.action_close()
        second.finding_ids._dealer_trusted().date_closed = second.finding_ids.deadline + timedelta(days=2)
        cls._visit().action_cancel()
        cls.visits = cls.Visit.search([("dealer_id", "=", cls.dealer_a.id)])
        # in the period whatever today is: planned on its first day
        cls.visits._dealer_trusted().write({"date_planned": datetime.combine(cls.period[0], datetime.min.time())})
        cls.visits.finding_ids._dealer_trusted().write({"deadline": cls.today})
        second.finding_ids._dealer_trusted().date_closed = cls.today + timedelta(days=1)
        cls.dealers = cls.dealer_a | cls.dealer_b
        cls.kpis = cls.env["dealer.kpi"].search([("code", "in", ("visit_coverage", "visit_findings_followup"))])

    def _kpi(self, code):
        kpi = self.kpis.filtered(lambda k: k.code == code)
        return kpi._get_compute_method()(self.dealers, *self.period, self.env.company)

    def test_coverage(self):
        self.assertEqual(self._kpi("visit_coverage"), {self.dealer_a.id: round(100.0 * 2 / 3, 2)})

    def test_coverage_is_the_count_of_visits(self):
        """The same figure counted by hand from the visits' states."""
        visits = self.visits.filtered(lambda v: self.period[0] <= v.date_planned.date() <= self.period[1])
        done = len(visits.filtered(lambda v: v.state == "done"))
        self.assertEqual(self._kpi("visit_coverage")[self.dealer_a.id], round(100.0 * done / len(visits), 2))

    def test_findings_followup(self):
        self.assertEqual(self._kpi("visit_findings_followup"), {self.dealer_a.id: 50.0})

    def test_records_shipped_by_this_module(self):
        self.assertEqual(len(self.kpis), 2)
        self.assertEqual(set(self.kpis.get_external_id().values()), {
            "dealer_assessment_visit.kpi_visit_coverage", "dealer_assessment_visit.kpi_visit_findings_followup"})
        self.assertTrue(all(self.kpis.mapped("is_available")))
        values = {kpi.code: value for kpi, value in self.kpis._compute_raw_values(
            self.dealers, *self.period, self.env.company).items()}
        self.assertEqual(values["visit_findings_followup"], {self.dealer_a.id: 50.0})
        template = self.env.ref("dealer_assessment.template_default")
        self.assertFalse(template.line_ids.kpi_id & self.kpis, "in no template by default")
