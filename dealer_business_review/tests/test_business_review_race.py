from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestBusinessReviewRace(DealerRaceCase):
    """Two users (or the daily job and a manager's wizard) prepare the review of one dealer and quarter at the
    same moment: the second waits for the first and is refused; one review is left."""

    @classmethod
    def _create_race_data(cls, env):
        dealers = cls._race_dealers(env, ["Race Review Dealer"])
        return {"dealers": dealers.ids}

    @classmethod
    def _remove_race_data(cls, env, ids):
        cls._unlink_committed(env["dealer.business.review"].search([("partner_id", "in", ids["dealers"])]), "draft")
        env["res.partner"].browse(ids["dealers"]).unlink()

    def test_two_reviews_of_one_dealer_and_quarter(self):
        dealer_id = self.race_ids["dealers"][0]

        def prepare(env):
            return env["dealer.business.review"].create({"partner_id": dealer_id, "date_from": date(2025, 1, 1)}).id

        outcome = self._race(prepare, prepare)
        self.assertRaceRefused(outcome, ValidationError, "already has a business review for this quarter")
        self.assertEqual(self._count("dealer.business.review", [("partner_id", "=", dealer_id)]), 1)
