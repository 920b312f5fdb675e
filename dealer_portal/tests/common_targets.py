"""A dealer whose contract has past, current and coming monthly targets (issue 15: /my/targets)."""
from datetime import timedelta

from odoo import Command

from odoo.addons.dealer_management.tools.period import period_bounds

from .common_pages import DealerPagesCase


class DealerTargetsCase(DealerPagesCase):
    """Dealer Gamma and its owner: an active contract from the month before last to the month after next, one
    target of 1,000 per month (two of them over, whatever today is), and 300 invoiced today."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_c = cls._create_dealer("Dealer Gamma", state="active", grade=cls.grade_gold)
        cls.owner_c = cls._create_owner(cls.dealer_c, "pg_owner_c", "Carla Owner C")
        this_month = period_bounds(cls.today, "month")[0]
        start = period_bounds(this_month - timedelta(days=40), "month")[0]
        months = [period_bounds(start, "month")]
        for _index in range(4):
            months.append(period_bounds(months[-1][1] + timedelta(days=1), "month"))
        cls.contract_c = cls._create_contract(
            cls.dealer_c, date_start=months[0][0], date_end=months[-1][1], activate=False, target_ids=[
                Command.create({"period_type": "month", "date_start": m_start, "date_end": m_end, "amount": 1000.0})
                for m_start, m_end in months
            ],
        )
        cls.contract_c.action_activate()
        cls.targets_c = cls.contract_c.target_ids.sorted("date_start")
        cls.past_c = cls.targets_c[:2]
        cls.open_c = cls.targets_c[2:]
        invoice = cls.init_invoice("out_invoice", partner=cls.dealer_c, amounts=[300.0], taxes=[],
                                   invoice_date=cls.today)
        invoice.action_post()
        cls.env.flush_all()

    def _open_of_year(self, year):
        """The open targets of dealer Gamma starting in `year`."""
        return self.open_c.filtered(lambda target: target.date_start.year == year)

    def _year_url(self, contract, year):
        return f"/my/contracts/{contract.id}/targets/{year}/acknowledge"

    def _answers(self, targets):
        self.env.invalidate_all()
        return self.env["dealer.target.acknowledgement"].search([("target_id", "in", targets.ids)])

    def _activities(self, contract):
        self.env.invalidate_all()
        return self.env["mail.activity"].search([("res_model", "=", "dealer.contract"), ("res_id", "=", contract.id)])
