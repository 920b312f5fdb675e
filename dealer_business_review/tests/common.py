"""The shared base of the business review tests: one dealer with a quarter of figures (2025 Q1)."""
from datetime import date

from odoo import Command

from odoo.addons.dealer_management.tests.common import DealerTestCommon

Q1 = date(2025, 1, 1)


class BusinessReviewCase(DealerTestCommon):
    """A dealer with a contract for 2025 (a target of 100,000 for Q1), a credit limit of 500,000, 80,000 invoiced
    in Q1 and 30,000 in the quarter before (both overdue), a validated stock report, two complaints of Q1 (one
    still open); another dealer with nothing."""

    run_as_superuser = True  # the set-up acts as the administrator entering data
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["dealer.business.review"]
        cls.dealer = cls._create_dealer("Ningbo Review Dealer", state="active", grade=cls.grade_core,
                                        user_id=cls.salesman.id)
        cls.other_dealer = cls._create_dealer("Wenzhou Review Dealer", state="active", grade=cls.grade_regular)
        cls.contract = cls._create_contract(
            cls.dealer, date_start=date(2025, 1, 1), date_end=date(2025, 12, 31),
            target_ids=[
                Command.create({"period_type": "quarter", "date_start": date(2025, 1, 1),
                                "date_end": date(2025, 3, 31), "amount": 100000.0}),
                Command.create({"period_type": "quarter", "date_start": date(2025, 4, 1),
                                "date_end": date(2025, 6, 30), "amount": 120000.0}),
            ],
        )
        # the contract of 2025 has expired: the dealer's own credit limit applies today
        cls.dealer.sudo().with_company(cls.env.company).credit_limit = 500000.0
        cls.invoice_q1 = cls._post_invoice(date(2025, 2, 10), 80000.0)
        cls.invoice_q4 = cls._post_invoice(date(2024, 11, 5), 30000.0)
        product = cls.env["product.product"].create({"name": "Review Pump", "type": "consu", "is_storable": True})
        product_2 = cls.env["product.product"].create({"name": "Review Valve", "type": "consu", "is_storable": True})
        cls.stock_report = cls.env["dealer.stock.report"].create({
            "partner_id": cls.dealer.id, "date": date(2025, 3, 28),
            "line_ids": [Command.create({"product_id": product.id, "quantity": 12.0}),
                         Command.create({"product_id": product_2.id, "quantity": 3.0})],
        })
        cls.stock_report.action_validate()
        category = cls.env["dealer.complaint.category"].create({"name": "Review Quality", "sla_hours": 48})
        cls.complaints = cls.env["dealer.complaint"].create([{
            "partner_id": cls.dealer.id, "category_id": category.id, "description": "Leaks",
            "date_reported": f"2025-0{month}-15 09:00:00",
        } for month in (2, 3)])
        cls.complaints[0].write({"resolution": "<p>Replaced</p>"})
        cls.complaints[0].action_resolve()

    @classmethod
    def _post_invoice(cls, day, amount):
        """Post an invoice of the dealer dated and due on ``day``."""
        invoice = cls.init_invoice("out_invoice", partner=cls.dealer, invoice_date=day, amounts=[amount], taxes=[])
        invoice.write({"invoice_payment_term_id": False, "invoice_date_due": day})
        invoice.action_post()
        return invoice

    @classmethod
    def _review(cls, dealer=None, date_from=Q1, **vals):
        return cls.Review.create({"partner_id": (dealer or cls.dealer).id, "date_from": date_from, **vals})

    @classmethod
    def _held_review(cls, **vals):
        """A review of Q1 held, with its minutes and one open action of the dealer."""
        review = cls._review(**vals)
        review.action_hold()
        review.write({
            "minutes": "<p>Q1 below target: the dealer hires two sales advisers.</p>",
            "action_ids": [Command.create({"name": "Hire two sales advisers", "date_deadline": date(2025, 5, 31)})],
        })
        return review
