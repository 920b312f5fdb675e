"""The level dealers are ranked within (region, province or city), chosen by the company (issue 15)."""
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AssessmentCase
from .xlsx_reader import read_xlsx


@tagged("post_install", "-at_install")
class TestRankLevel(AssessmentCase):
    """Dealers 1, 2 and 3 in three cities of Zhejiang (totals 65.0, 87.5 and 37.5, see TestAssessment): in a
    province each city has its own dealer, as in the demo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ningbo = cls.Territory.create({
            "name": "宁波", "code": "T-NB", "level": "city", "parent_id": cls.zhejiang.id, "city": "宁波",
        })
        cls.wenzhou = cls.Territory.create({
            "name": "温州", "code": "T-WZ", "level": "city", "parent_id": cls.zhejiang.id, "city": "温州",
        })
        cls.district = cls.Territory.create({
            "name": "鹿城区", "code": "T-WZ-LC", "level": "district", "parent_id": cls.wenzhou.id,
        })
        # who holds a territory is the assignment wizard's: set here as it would
        holders = ((cls.dealer_1, cls.hangzhou), (cls.dealer_2, cls.ningbo), (cls.dealer_3, cls.district))
        for dealer, territory in holders:
            dealer._dealer_trusted().write({"dealer_territory_ids": [Command.set(territory.ids)]})

    def _ranks(self, level):
        """Compute the quarter's assessment (computed again when it exists) at ``level``."""
        self.env.company.dealer_rank_level = level
        assessment = self.env["dealer.assessment"].search([("grade_id", "=", self.grade.id)]) or self._assessment()
        assessment.action_compute()
        return {
            card.partner_id: (card.rank, card.territory_rank, card.rank_territory_id, card.territory_rank_count)
            for card in assessment.scorecard_ids
        }

    def test_default_level_is_the_province(self):
        self.assertEqual(self.env["res.company"].create({"name": "New company"}).dealer_rank_level, "province")

    def test_three_cities_of_one_province_rank_1_2_3_in_the_province(self):
        self.assertEqual(self._ranks("province"), {
            self.dealer_2: (1, 1, self.zhejiang, 3),
            self.dealer_1: (2, 2, self.zhejiang, 3),
            self.dealer_3: (3, 3, self.zhejiang, 3),
        })

    def test_three_cities_of_one_province_rank_1_1_1_in_their_city(self):
        """Dealer 3 holds a district of Wenzhou: it is ranked within the city above it."""
        self.assertEqual(self._ranks("city"), {
            self.dealer_2: (1, 1, self.ningbo, 1),
            self.dealer_1: (2, 1, self.hangzhou, 1),
            self.dealer_3: (3, 1, self.wenzhou, 1),
        })

    def test_region_level_and_a_territory_wider_than_the_level(self):
        """At region level the three rank in East China; a dealer holding the region itself, at city level, is
        ranked within the region (there is no city above it)."""
        self.assertEqual({dealer: ranks[2] for dealer, ranks in self._ranks("region").items()},
                         dict.fromkeys(self.dealers, self.east))
        self.dealer_3._dealer_trusted().write({"dealer_territory_ids": [Command.set(self.east.ids)]})
        ranks = self._ranks("city")
        self.assertEqual(ranks[self.dealer_3][1:3], (1, self.east))

    def test_rank_label_says_the_level(self):
        Scorecard = self.env["dealer.scorecard"]
        for level, label in (("region", "Rank in Region"), ("province", "Rank in Province"), ("city", "Rank in City")):
            with self.subTest(level=level):
                self.env.company.dealer_rank_level = level
                self.assertEqual(Scorecard.fields_get(["territory_rank"])["territory_rank"]["string"], label)

    def test_xlsx_export_says_the_level(self):
        self._ranks("city")
        assessment = self.env["dealer.assessment"].search([("grade_id", "=", self.grade.id)])
        self.assertEqual(read_xlsx(assessment._export_xlsx())["Ranking"][0][0][5], "Rank in City")

    def test_rank_out_of_counts_on_the_scorecard_pdf(self):
        self._ranks("province")
        card = self.env["dealer.scorecard"].search([("partner_id", "=", self.dealer_1.id)], limit=1)
        self.assertEqual((card.rank_count, card.territory_rank_count), (3, 3))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_assessment.action_report_dealer_scorecard", card.ids,
        )[0].decode()
        self.assertRegex(html, r"浙江</span>: <span>2</span> / <span>3</span>")

    def test_settings_change_the_company_level(self):
        settings = self.env["res.config.settings"].create({"dealer_rank_level": "city"})
        settings.execute()
        self.assertEqual(self.env.company.dealer_rank_level, "city")

    def test_dealer_manager_cannot_change_the_level_over_rpc(self):
        """The level is a company setting: a Dealer Manager (no Settings rights) cannot write it."""
        with self.assertRefused(AccessError, "not allowed to modify|doesn't have 'write' access"):
            self.env.company.with_user(self.dealer_manager).write({"dealer_rank_level": "city"})
        self.assertEqual(self.env.company.dealer_rank_level, "province")

    def test_dealer_manager_cannot_write_the_ranking_group(self):
        self._ranks("province")
        card = self.env["dealer.scorecard"].search([("partner_id", "=", self.dealer_1.id)], limit=1)
        with self.assertRefused(AccessError, "written only by the Compute button"):
            card.with_user(self.dealer_manager).write({"rank_territory_id": self.hangzhou.id, "territory_rank": 1})
        self.assertEqual((card.rank_territory_id, card.territory_rank), (self.zhejiang, 2))
