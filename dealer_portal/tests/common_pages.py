"""Owner and staff users, contracts with targets, rebates, scorecards and correction plans of dealers A and B."""
from datetime import timedelta

from odoo import Command, http

from odoo.addons.dealer_management.tools.period import period_bounds

from .common import DealerPortalCase


class DealerPagesCase(DealerPortalCase):
    """Dealer A and B each get an owner (the staff users of DealerPortalCase stay staff) and their finances.

    Dealer A: an active contract over this month and the next two with one monthly target per month, a confirmed
    rebate, an approved scorecard (and an older one for the trend), a correction plan with one action.
    Dealer B: the same, its own, so that every attack has a target.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_owner(cls.dealer_a, "pg_owner_a", "Olga Owner A")
        cls.owner_b = cls._create_owner(cls.dealer_b, "pg_owner_b", "Oscar Owner B")
        cls.kpi = cls.env.ref("dealer_assessment.kpi_target_achievement")
        for key, dealer in (("a", cls.dealer_a), ("b", cls.dealer_b)):
            contract, targets, rebate = cls._create_finances(dealer)
            setattr(cls, f"contract_{key}", contract)
            setattr(cls, f"targets_{key}", targets)
            setattr(cls, f"rebate_{key}", rebate)
            setattr(cls, f"old_scorecard_{key}", cls._create_scorecard(dealer, cls.today - timedelta(days=200), 61.0))
            setattr(cls, f"scorecard_{key}", cls._create_scorecard(dealer, cls.today - timedelta(days=100), 72.5))
            setattr(cls, f"plan_{key}", cls.env["dealer.correction.plan"].create({
                "partner_id": dealer.id, "deadline": cls.today + timedelta(days=30),
                "description": f"FINDINGS-{key.upper()}",
                "line_ids": [Command.create({"action": f"Clean the showroom {key.upper()}"})],
            }))
        # write everything now: a test's first flush would otherwise happen inside its savepoint and be rolled back
        # with it, leaving the next tests with a cache that no longer matches the database
        cls.env.flush_all()

    @classmethod
    def _create_owner(cls, dealer, login, name):
        user = cls._create_portal_user(dealer, login, name)
        user.partner_id.dealer_portal_role = "owner"
        return user

    @classmethod
    def _create_finances(cls, dealer):
        """An active contract over this month and the next two, one target per month (none of them over: a past
        period is closed to the dealer's answers), a confirmed rebate of the contract's period."""
        start = period_bounds(cls.today, "month")[0]
        months = [period_bounds(start, "month"), period_bounds(start + timedelta(days=32), "month"),
                  period_bounds(start + timedelta(days=63), "month")]
        end = months[-1][1]
        contract = cls._create_contract(dealer, date_start=start, date_end=end, activate=False, target_ids=[
            Command.create({"period_type": "month", "date_start": m_start, "date_end": m_end, "amount": 1000.0})
            for m_start, m_end in months
        ])
        contract.action_activate()
        rebate = cls.env["dealer.rebate"].create({"contract_id": contract.id, "date_from": start, "date_to": end})
        rebate._add_adjustment_line("bonus", "Launch bonus", 123.0)
        rebate.action_confirm()
        return contract, contract.target_ids, rebate

    @classmethod
    def _create_scorecard(cls, dealer, day, total):
        """`dealer`'s scorecard scoring `total` in the approved assessment of the quarter of `day` (written as the
        computation would); the dealers of a quarter share its assessment (a company's quarter has one)."""
        Assessment = cls.env["dealer.assessment"]
        quarter = [("period_type", "=", "quarter"), ("date_from", "=", period_bounds(day, "quarter")[0])]
        assessment = Assessment.search(quarter + [("scope", "=", "all")]) or Assessment.create(
            {"period_type": "quarter", "date": day, "scope": "all"})
        assessment._dealer_trusted().write({"state": "draft"})
        scorecard = cls.env["dealer.scorecard"].create({
            "assessment_id": assessment.id, "partner_id": dealer.id, "total": total, "rank": 1,
            "line_ids": [Command.create({
                "kpi_id": cls.kpi.id, "raw_value": total, "points": total, "weight": 100.0,
                "weighted_points": total, "applicable": True,
            })],
        })
        assessment._dealer_trusted().write({"state": "approved"})
        return scorecard

    # ------------------------------------------------------------------ helpers
    def _post(self, url, data, files=None):
        """A form post with the session's CSRF token."""
        return self.url_open(url, data={**data, "csrf_token": http.Request.csrf_token(self)}, files=files)

    def _login(self, user):
        self.authenticate(user.login, user.login)
