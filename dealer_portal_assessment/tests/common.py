"""Dealers A and B of the portal pages tests, with their scorecards and correction plans."""
from datetime import timedelta

from odoo import Command

from odoo.addons.dealer_portal.tests.common_pages import DealerPagesCase
from odoo.addons.dealer_portal.tests.matrix_entries import approved_scorecard


class DealerAssessmentPagesCase(DealerPagesCase):
    """Dealer A: an approved scorecard (and an older one for the trend), a correction plan with one action.
    Dealer B: the same, its own, so that every attack has a target."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("dealer_assessment.kpi_target_achievement")
        for key, dealer in (("a", cls.dealer_a), ("b", cls.dealer_b)):
            setattr(cls, f"old_scorecard_{key}",
                    approved_scorecard(cls.env, dealer, cls.today - timedelta(days=200), 61.0))
            setattr(cls, f"scorecard_{key}", approved_scorecard(cls.env, dealer, cls.today - timedelta(days=100), 72.5))
            setattr(cls, f"plan_{key}", cls.env["dealer.correction.plan"].create({
                "partner_id": dealer.id, "deadline": cls.today + timedelta(days=30),
                "description": f"FINDINGS-{key.upper()}",
                "line_ids": [Command.create({"action": f"Clean the showroom {key.upper()}"})],
            }))
        # as DealerPagesCase: everything written before the tests' savepoints
        cls.env.flush_all()
