from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.xlsx_cells import xlsx_cells, xlsx_links

from .common import AssessmentCase
from .xlsx_reader import read_xlsx


@tagged("post_install", "-at_install")
class TestReports(AssessmentCase):
    """XLSX export, PDF scorecard and dashboard of the 2025 Q2 assessment (totals: see TestAssessment):
    Dealer Two 87.5 A, Dealer One 65.0 C, Dealer Three 37.5 D."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment = cls._assessment(cls)
        cls.assessment.action_compute()
        cls.card_1 = cls.assessment.scorecard_ids.filtered(lambda s: s.partner_id == cls.dealer_1)

    # ------------------------------------------------------------------ XLSX
    def test_xlsx_ranking_sheet(self):
        sheets = read_xlsx(self.assessment.with_user(self.dealer_user)._export_xlsx())
        self.assertEqual(list(sheets), ["Ranking", "KPI Details"])
        rows, formats, frozen = sheets["Ranking"]
        self.assertEqual(rows[0], ["Rank", "Dealer Code", "Dealer", "Grade", "Territory", "Rank in Province",
                                   "Total Score", "Rating", "Change"])
        self.assertEqual([row[2] for row in rows[1:]], ["Dealer Two", "Dealer One", "Dealer Three"])
        self.assertEqual([(row[0], row[6], row[7]) for row in rows[1:]],
                         [(1, 87.5, "A"), (2, 65.0, "C"), (3, 37.5, "D")])
        self.assertEqual(rows[2][1], self.dealer_1.dealer_code)
        self.assertEqual(rows[2][3:6], [self.grade.name, self.zhejiang.complete_name, 2])
        self.assertIsNone(rows[2][8], "no previous period: no change")
        self.assertEqual(frozen, "A2")
        self.assertEqual(formats[(1, 6)], "0.00")
        self.assertEqual(formats[(1, 0)], "0")

    def test_xlsx_kpi_details_sheet(self):
        rows, formats, frozen = read_xlsx(self.assessment._export_xlsx())["KPI Details"]
        self.assertEqual(rows[0], ["Rank", "Dealer Code", "Dealer", "KPI", "Value", "Unit", "Points", "Weight",
                                   "Weighted Points", "Applicable"])
        self.assertEqual(len(rows), 1 + 3 * 4, "one row per dealer and KPI")
        self.assertEqual([row[2] for row in rows[1::4]], ["Dealer Two", "Dealer One", "Dealer Three"])
        achievement = self.kpi("target_achievement").name
        row = next(row for row in rows if row[2] == "Dealer One" and row[3] == achievement)
        # hand-computed: 13,000 net sales on a 20,000 target = 65 % → 30 points × 50 % weight = 15
        self.assertEqual((row[4], row[6], row[7], row[8], row[9]), (65.0, 30.0, 50.0, 15.0, "Yes"))
        self.assertEqual(frozen, "A2")
        self.assertEqual(formats[(1, 4)], "#,##0.00")
        self.assertEqual(formats[(1, 8)], "0.00")

    def test_xlsx_labels_in_user_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        field = self.env["ir.model.fields"]._get("dealer.scorecard", "total")
        field.with_context(lang="zh_CN").field_description = "总分"
        self.env.registry.clear_cache()
        sheets = read_xlsx(self.assessment.with_context(lang="zh_CN")._export_xlsx())
        self.assertEqual(list(sheets), ["排名", "KPI 明细"], "sheet names in the user's language")
        self.assertEqual(sheets["排名"][0][0][6], "总分")
        rows = read_xlsx(self.assessment.with_context(lang="en_US")._export_xlsx())["Ranking"][0]
        self.assertEqual(rows[0][6], "Total Score")

    def test_xlsx_reads_in_fixed_number_of_queries(self):
        self.assessment._export_xlsx()  # warm the caches of the registry
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            self.assessment._export_xlsx()

    def test_xlsx_dealer_names_stay_text_not_formulas(self):
        """Dealer names come from the public form: one starting with = + - @ is a text cell in the export, never a
        live formula or link (the export writes nothing else in the database)."""
        names = {
            self.dealer_1: '=HYPERLINK("http://evil.example/x","Open")',
            self.dealer_2: "+1+1",
            self.dealer_3: "-2",
        }
        for dealer, name in names.items():
            dealer.name = name
        self.kpi("target_achievement").name = "@SUM(A1:A9)"
        scorecards = self.assessment.scorecard_ids
        before = scorecards.read(["total", "rank"])
        content = self.assessment.with_user(self.dealer_user)._export_xlsx()
        sheets = xlsx_cells(content)
        for sheet, cells in sheets.items():
            with self.subTest(sheet=sheet):
                self.assertFalse([cell for cell in cells.values() if cell[0] == "formula"], "no formula at all")
                dealers = {value for (row, col), (kind, value) in cells.items() if row and col == 2}
                self.assertEqual(dealers, set(names.values()))
                self.assertEqual({kind for (row, col), (kind, __) in cells.items() if row and col == 2}, {"string"})
                self.assertEqual(cells[1, 0][0], "number", "numbers stay numbers")
        kpi_cells = sheets["KPI Details"]
        self.assertIn(("string", "@SUM(A1:A9)"), [cell for (row, col), cell in kpi_cells.items() if col == 3])
        self.assertEqual(xlsx_links(content), {"Ranking": 0, "KPI Details": 0})
        self.assertEqual(scorecards.read(["total", "rank"]), before)

    def test_export_button_downloads_through_the_route(self):
        action = self.assessment.with_user(self.dealer_user).action_export_xlsx()
        self.assertEqual(action["url"], f"/dealer_assessment/{self.assessment.id}/xlsx")
        self.assertTrue(self.assessment._export_xlsx_filename().endswith(".xlsx"))
        self.assertNotIn("/", self.assessment._export_xlsx_filename())

    # ------------------------------------------------------------------ PDF
    def test_pdf_scorecard_html_has_dealer_and_kpis(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_assessment.action_report_dealer_scorecard", self.card_1.ids,
        )[0].decode()
        self.assertIn("Dealer One", html)
        for kpi in self.card_1.line_ids.kpi_id:
            self.assertIn(kpi.name, html)
        self.assertIn("65.00", html)

    # ------------------------------------------------------------------ dashboard
    def test_dashboard_opens_last_approved_ranking(self):
        action = self.env["dealer.assessment"]._action_dashboard()
        self.assertEqual(action["domain"], [("id", "=", False)], "no approved assessment yet: empty dashboard")
        self.assessment.action_review()
        self.assessment.action_approve()
        action = self.env["dealer.assessment"].with_user(self.dealer_user)._action_dashboard()
        self.assertEqual(action["domain"], [("assessment_id", "=", self.assessment.id)])
        self.assertEqual(action["res_model"], "dealer.scorecard")
        self.assertEqual([view_type for _view_id, view_type in action["views"]], ["list", "graph", "pivot", "form"])

    def test_kpi_breakdown_of_one_dealer(self):
        action = self.card_1.action_view_kpi_breakdown()
        lines = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(lines, self.card_1.line_ids)
        groups = self.env["dealer.scorecard.line"]._read_group(action["domain"], ["kpi_id"], ["points:sum"])
        self.assertEqual(
            {kpi.code: points for kpi, points in groups},
            {"target_achievement": 30.0, "sales_growth": 100.0, "violation_points": 100.0, "overdue_share": 100.0},
        )

    def test_scorecards_grouped_by_grade_and_period(self):
        groups = self.env["dealer.scorecard"]._read_group(
            [("assessment_id", "=", self.assessment.id)], ["grade_id", "date_from:quarter"], ["__count"],
        )
        self.assertEqual([(grade, count) for grade, _quarter, count in groups], [(self.grade, 3)])

    def test_scorecard_keeps_the_grade_it_was_assessed_in(self):
        other = self.env["dealer.grade"].create({"name": "Upgraded", "code": "UPGRADED"})
        # sudo: the grade change itself is dealer_management's (its wizard); only its effect matters here
        self.dealer_1.sudo().dealer_grade_id = other
        self.env.flush_all()
        self.card_1.invalidate_recordset()
        self.assertEqual(self.card_1.grade_id, self.grade)

    def test_scorecard_keeps_the_grade_changed_in_the_same_transaction(self):
        """Computed, then the grade changes before anything is flushed (an upgrade applied right after the
        approval, as the demo does): the scorecard still has the grade it was assessed in."""
        other = self.env["dealer.grade"].create({"name": "Upgraded", "code": "UPGRADED"})
        assessment = self.assessment  # the quarter's assessment (a company's quarter has one), computed again
        assessment.action_compute()
        self.dealer_1.sudo().dealer_grade_id = other  # sudo: as in the test above
        self.env.flush_all()
        assessment.scorecard_ids.invalidate_recordset()
        self.assertEqual(assessment.scorecard_ids.grade_id, self.grade)


@tagged("post_install", "-at_install")
class TestScorecardPdf(HttpCase, AssessmentCase):
    """wkhtmltopdf loads the report's stylesheets from the server: an HttpCase serves them in the test's
    transaction (from a TransactionCase the request would wait on the test's locks)."""

    def test_pdf_scorecard_renders(self):
        assessment = self._assessment()
        assessment.action_compute()
        card = assessment.scorecard_ids[:1]
        content, report_type = self.env["ir.actions.report"].with_context(
            force_report_rendering=True,
        )._render_qweb_pdf("dealer_assessment.action_report_dealer_scorecard", card.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
