"""Shared data of the assessment tests: three dealers in two territories, their 2025 Q2 figures."""
from datetime import date

from odoo import Command, fields

from odoo.addons.dealer_management.tests.common import DealerTestCommon

Q2_FROM, Q2_TO = date(2025, 4, 1), date(2025, 6, 30)


class AssessmentCase(DealerTestCommon):
    """Dealer 1 and 2 in Zhejiang, dealer 3 (no sales) in Jiangsu; a template of four KPIs.

    The users, the territory tree and the grades are dealer_management's shared test base.
    2025 Q2 net sales: dealer 1: 10,000 + 5,000 - 2,000 (refund) = 13,000 (target 20,000; Q2 2024: 10,000);
    dealer 2: 6,000 (target 4,000; 3,000 more in July, outside the period); dealer 3: nothing (target 10,000).
    """

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref("stock.group_stock_user")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the order checks are tested in dealer_management: this grade lets orders be confirmed freely
        cls.grade = cls.grade_unchecked
        cls.dealer_1 = cls._dealer("Dealer One", cls.zhejiang)
        cls.dealer_2 = cls._dealer("Dealer Two", cls.zhejiang)
        cls.dealer_3 = cls._dealer("Dealer Three", cls.jiangsu)
        cls.dealers = cls.dealer_1 | cls.dealer_2 | cls.dealer_3
        for dealer, target in ((cls.dealer_1, 20000.0), (cls.dealer_2, 4000.0), (cls.dealer_3, 10000.0)):
            contract = cls.env["dealer.contract"].create({
                "partner_id": dealer.id, "date_start": date(2025, 1, 1), "date_end": date(2025, 12, 31),
                "target_ids": [Command.create({
                    "period_type": "quarter", "date_start": Q2_FROM, "date_end": Q2_TO, "amount": target,
                })],
            })
            contract.action_activate()
        invoice = cls._invoice
        cls.inv_1a = invoice("out_invoice", cls.dealer_1, "2025-04-10", 10000.0)
        cls.inv_1b = invoice("out_invoice", cls.dealer_1, "2025-05-20", 5000.0)
        cls.refund_1 = invoice("out_refund", cls.dealer_1, "2025-06-01", 2000.0)
        cls.inv_1_last_year = invoice("out_invoice", cls.dealer_1, "2024-05-10", 10000.0)
        cls.inv_2 = invoice("out_invoice", cls.dealer_2, "2025-05-05", 6000.0)
        cls.inv_2_july = invoice("out_invoice", cls.dealer_2, "2025-07-01", 3000.0)
        # dealer 1 pays 10 days late, then on time; last year's invoice paid on time, in 2024
        cls._pay(cls.inv_1a, "2025-04-20")
        cls._pay(cls.inv_1b, "2025-05-20")
        cls._pay(cls.inv_1_last_year, "2024-05-10")
        cls.template = cls.env["dealer.assessment.template"].create({
            "name": "Test template", "grade_id": cls.grade.id,
            "line_ids": [
                Command.create({"kpi_id": cls.kpi("target_achievement").id, "weight": 50.0}),
                Command.create({"kpi_id": cls.kpi("sales_growth").id, "weight": 20.0}),
                Command.create({"kpi_id": cls.kpi("violation_points").id, "weight": 20.0}),
                Command.create({"kpi_id": cls.kpi("overdue_share").id, "weight": 10.0}),
            ],
        })

    @classmethod
    def kpi(cls, code):
        return cls.env.ref(f"dealer_assessment.kpi_{code}")

    @classmethod
    def _dealer(cls, name, territory):
        """An active dealer since 2024 (activation stamps today: the assessed periods lie before it)."""
        dealer = cls._create_dealer(name, state="active", grade=cls.grade, territories=territory)
        dealer._dealer_trusted().write({"dealer_since": date(2024, 1, 1)})
        return dealer

    @classmethod
    def _invoice(cls, move_type, partner, day, amount):
        """A posted invoice or credit note due on its date (immediate payment)."""
        move = cls.init_invoice(move_type, partner=partner, invoice_date=day, amounts=[amount], taxes=[])
        move.invoice_payment_term_id = cls.env.ref("account.account_payment_term_immediate")
        move.action_post()
        return move

    @classmethod
    def _pay(cls, invoice, day):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids,
        ).create({"payment_date": day})._create_payments()

    def _assessment(self, **vals):
        return self.env["dealer.assessment"].create({
            "period_type": "quarter", "date": Q2_FROM, "scope": "grade", "grade_id": self.grade.id, **vals,
        })

    def _raw(self, code, date_from=Q2_FROM, date_to=Q2_TO, dealers=None):
        kpi = self.kpi(code)
        return kpi._get_compute_method()(dealers or self.dealers, date_from, date_to, self.env.company)

    @staticmethod
    def _today_quarter():
        today = fields.Date.today()
        start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return start, today
