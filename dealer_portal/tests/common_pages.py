"""Owner and staff users, contracts with targets and rebates of dealers A and B."""
from datetime import timedelta

from odoo import Command, http
from odoo.exceptions import AccessError

from odoo.addons.dealer_management.tools.period import period_bounds

from .common import DealerPortalCase

REFUSED_READ = r"doesn't have 'read' access|not allowed to access"


class DealerPagesCase(DealerPortalCase):
    """Dealer A and B each get an owner (the staff users of DealerPortalCase stay staff) and their finances.

    Dealer A: an active contract over this month and the next two with one monthly target per month, a confirmed
    rebate. Dealer B: the same, its own, so that every attack has a target.
    (dealer_portal_assessment's DealerAssessmentPagesCase adds their scorecards and correction plans.)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_owner(cls.dealer_a, "pg_owner_a", "Olga Owner A")
        cls.owner_b = cls._create_owner(cls.dealer_b, "pg_owner_b", "Oscar Owner B")
        for key, dealer in (("a", cls.dealer_a), ("b", cls.dealer_b)):
            contract, targets, rebate = cls._create_finances(dealer)
            setattr(cls, f"contract_{key}", contract)
            setattr(cls, f"targets_{key}", targets)
            setattr(cls, f"rebate_{key}", rebate)
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

    # ------------------------------------------------------------------ helpers
    def _post(self, url, data, files=None):
        """A form post with the session's CSRF token."""
        return self.url_open(url, data={**data, "csrf_token": http.Request.csrf_token(self)}, files=files)

    def _login(self, user):
        self.authenticate(user.login, user.login)

    # ------------------------------------------------------------------ attacks shared with the link modules' pages
    def _assert_rpc_reads_refused(self, records, staff=False):
        """The logged-in user reads none of `records` ({model: records}) over JSON-RPC: read is refused; an owner's
        search_read finds nothing (the record rules), staff's read is an AccessError (no access right at all)."""
        for model, record in records.items():
            with self.subTest(model=model):
                result, error = self._call_kw(model, "read", [record.ids], {"fields": ["display_name"]})
                self.assertIsNone(result)
                if staff:
                    self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                self.assertRegex(error["message"], REFUSED_READ)
                if not staff:
                    found, error = self._call_kw(model, "search_read", [[("id", "in", record.ids)]],
                                                 {"fields": ["id"]})
                    self.assertEqual(found, [])

    def _assert_no_access(self, user, models):
        """`user` has no read right on `models` and its search is refused."""
        for model in models:
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(user).has_access("read"))
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def _assert_pages_not_found(self, urls, secret):
        """Each of `urls` answers 404 to the logged-in user, without `secret` (the other dealer's name)."""
        for url in urls:
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(secret, response.text)

    def _assert_reports_refused(self, reports, secret):
        """Odoo's report URL (PDF and HTML) refuses each (report, record) of `reports` to the logged-in user."""
        for report, record in reports:
            for report_type in ("pdf", "html"):
                with self.subTest(report=report, record=record.display_name, report_type=report_type):
                    response = self.url_open(f"/report/{report_type}/{report}/{record.id}")
                    self.assertNotEqual(response.status_code, 200)
                    self.assertNotIn(secret, response.text)
