"""The scorecards and correction plans in Chinese: no English word left on the owner's pages."""
from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common_chinese import DealerChineseCase

from .common import DealerAssessmentPagesCase


@tagged("post_install", "-at_install")
class TestPortalAssessmentChinese(DealerAssessmentPagesCase, DealerChineseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for assessment in cls.env["dealer.assessment"].search([]):
            assessment.name = assessment.name.replace("All Active Dealers", "全部合作经销商")

    def test_assessment_pages_have_no_english(self):
        """The owner's home and dashboard (with the scorecard), its scorecards and correction plans, in Chinese."""
        self._assert_pages_chinese(["/my", "/my/dealer", "/my/scorecards", "/my/correction-plans"])
