"""The README's "Adding a KPI" example works as it is written: its Python block and its XML block, run here."""
import docutils.core
from docutils import nodes
from lxml import etree

from odoo import Command, models
from odoo.tests import tagged
from odoo.tools.convert import ParseError, xml_import
from odoo.tools.misc import file_path

from .common import AssessmentCase

# the README's class is defined in this (fictitious) addon module: Odoo files it under an addon never loaded
EXAMPLE_ADDON = "dealer_assessment_readme_example"


def readme_code_blocks():
    """{language: source} of the code blocks of the "Adding a KPI" section of dealer_assessment's README."""
    with open(file_path("dealer_assessment/README.rst"), encoding="utf-8") as f:
        doctree = docutils.core.publish_doctree(f.read(), settings_overrides={"report_level": 5})
    section = next(
        node for node in doctree.findall(nodes.section) if node.next_node(nodes.title).astext() == "Adding a KPI"
    )
    blocks = {}
    for block in section.findall(nodes.literal_block):
        language = next(c for c in block["classes"] if c != "code")
        blocks[language] = block.astext()
    return blocks


@tagged("post_install", "-at_install")
class TestKpiExample(AssessmentCase):
    """The README's order-count KPI: its method and record added exactly as documented, then computed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.blocks = readme_code_blocks()
        cls.period = cls._today_quarter()
        # dealer 1 has two confirmed orders this quarter, dealer 2 one and a cancelled one, dealer 3 none
        for dealer, state in ((cls.dealer_1, "sale"), (cls.dealer_1, "sale"), (cls.dealer_2, "sale"),
                              (cls.dealer_2, "cancel")):
            order = cls.env["sale.order"].create({
                "partner_id": dealer.id,
                "order_line": [Command.create({"product_id": cls.product_a.id, "product_uom_qty": 1})],
            })
            order.action_confirm()
            if state == "cancel":
                order._action_cancel()

    def _add_readme_method(self):
        """Execute the README's Python block and put its _kpi_ method on dealer.kpi for this test."""
        namespace = {"__name__": f"odoo.addons.{EXAMPLE_ADDON}.models"}
        exec(compile(self.blocks["python"], "README.rst", "exec"), namespace)  # pylint: disable=exec-used
        self.addCleanup(models.MetaModel.module_to_models.pop, EXAMPLE_ADDON, None)
        example = namespace["DealerKpi"]
        self.assertEqual(example._inherit, ["dealer.kpi"])
        methods = {name: value for name, value in vars(example).items() if name.startswith("_kpi_")}
        self.assertEqual(list(methods), ["_kpi_order_count"])
        registry_class = type(self.env["dealer.kpi"])
        for name, method in methods.items():
            setattr(registry_class, name, method)
            self.addCleanup(delattr, registry_class, name)

    def _load_readme_record(self):
        """Load the README's XML block as a data file of dealer_assessment would be loaded."""
        root = etree.fromstring(f'<odoo noupdate="1">{self.blocks["xml"]}</odoo>')
        xml_import(self.env, "dealer_assessment", {}, mode="init", noupdate=True).parse(root)
        return self.env.ref("dealer_assessment.kpi_order_count")

    def test_readme_kpi_computes_for_all_dealers_at_once(self):
        self._add_readme_method()
        kpi = self._load_readme_record()
        self.assertEqual((kpi.code, kpi.unit, kpi.direction, kpi.scoring_method), ("order_count", "orders",
                                                                                   "higher", "linear"))
        self.assertTrue(kpi.is_available)
        self.assertEqual(kpi._compute_raw_values(self.dealers, *self.period, self.env.company)[kpi], {
            self.dealer_1.id: 2, self.dealer_2.id: 1, self.dealer_3.id: 0,
        })
        self.assertEqual((kpi._score(0), kpi._score(2), kpi._score(6), kpi._score(9)), (0.0, 33.33, 100.0, 100.0))

    def test_readme_kpi_in_an_assessment(self):
        """A template weighting the new KPI 100 %: the scorecards carry its raw values and points."""
        self._add_readme_method()
        kpi = self._load_readme_record()
        template = self.env["dealer.assessment.template"].create({
            "name": "Orders only", "line_ids": [Command.create({"kpi_id": kpi.id, "weight": 100.0})],
        })
        assessment = self._assessment(date=self.period[0], template_id=template.id)
        assessment.with_user(self.dealer_manager).action_compute()
        lines = {card.partner_id: card.line_ids for card in assessment.scorecard_ids}
        self.assertEqual(set(lines), set(self.dealers))
        self.assertEqual(
            {dealer: (line.kpi_id, line.raw_value, line.points) for dealer, line in lines.items()},
            {self.dealer_1: (kpi, 2.0, 33.33), self.dealer_2: (kpi, 1.0, 16.67), self.dealer_3: (kpi, 0.0, 0.0)},
        )
        self.assertEqual({card.partner_id: card.rank for card in assessment.scorecard_ids},
                         {self.dealer_1: 1, self.dealer_2: 2, self.dealer_3: 3})

    def test_readme_record_without_its_method_is_refused(self):
        """The record alone is not a KPI: its code must name a method (the README loads the code first)."""
        with self.assertRaisesRegex(ParseError, "there is no method _kpi_order_count on dealer.kpi"):
            self._load_readme_record()
