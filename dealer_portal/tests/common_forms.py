"""Shared data of the stock report, application form and security matrix tests (dealer_portal's forms)."""
import io
from datetime import timedelta

import xlsxwriter
from stdnum.cn import uscc

from odoo import Command, http

from .common import DealerPortalCase, form_token

OWNER_GROUP = "dealer_portal.group_dealer_portal_owner"


def make_credit_code(base17):
    """A valid 统一社会信用代码 from its first 17 characters."""
    return base17 + uscc.calc_check_digit(base17)


def xlsx_bytes(rows):
    """An XLSX workbook whose first sheet holds `rows`."""
    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for index, row in enumerate(rows):
        sheet.write_row(index, 0, row)
    workbook.close()
    return stream.getvalue()


def csv_bytes(rows):
    return "\n".join(",".join(str(cell) for cell in row) for row in rows).encode()


class DealerFormsCase(DealerPortalCase):
    """Dealers A and B (DealerPortalCase), a distributor D with its sub-dealer S, products with codes,
    stock reports of each, document types of the grades; a portal user (owner) for each dealer and, when the
    owner group exists, a staff user of A.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.default_code = "PR-1"
        cls.valve = cls.env["product.product"].create({"name": "Valve PR-2", "default_code": "PR-2", "type": "consu"})
        cls.motor = cls.env["product.product"].create({"name": "Motor PR-9", "default_code": "PR-9", "type": "consu"})
        cls.distributor = cls._create_dealer("Distributor Delta", state="active", grade=cls.grade_plain)
        cls.sub_dealer = cls._create_dealer(
            "Subdealer Sigma", state="active", grade=cls.grade_plain, parent_dealer_id=cls.distributor.id,
        )
        cls.portal_d = cls._create_portal_user(cls.distributor, "pr_portal_d", "Dora Delta")
        cls.portal_s = cls._create_portal_user(cls.sub_dealer, "pr_portal_s", "Sam Sigma")
        orders = cls.env["sale.order"].create([
            {"partner_id": cls.dealer_a.id, "order_line": [Command.create({"product_id": cls.valve.id})]},
            {"partner_id": cls.distributor.id, "order_line": [Command.create({"product_id": cls.product.id})]},
            {"partner_id": cls.sub_dealer.id, "order_line": [Command.create({"product_id": cls.product.id})]},
        ])
        orders.action_confirm()
        cls.order_d, cls.order_s = orders[1], orders[2]
        cls.report_day = cls.today - timedelta(days=3)
        cls.report_a, cls.report_b, cls.report_d, cls.report_s = (
            cls._create_stock_report(dealer, cls.report_day, qty)
            for dealer, qty in ((cls.dealer_a, 11), (cls.dealer_b, 22), (cls.distributor, 33), (cls.sub_dealer, 44))
        )
        cls.doc_licence = cls.env["dealer.document.type"].create({
            "name": "Business licence PR", "grade_ids": [Command.set((cls.grade_gold | cls.grade_plain).ids)],
        })
        cls.doc_finance = cls.env["dealer.document.type"].create({
            "name": "Financial statements PR", "grade_ids": [Command.set(cls.grade_gold.ids)],
        })
        cls.owner_group = cls.env.ref(OWNER_GROUP, raise_if_not_found=False)
        cls.staff_a = None
        if cls.owner_group:
            # every dealer user above is an owner; a staff user of A has the portal group only
            (cls.portal_a | cls.portal_b | cls.portal_d | cls.portal_s).groups_id = [Command.link(cls.owner_group.id)]
            cls.staff_a = cls._create_portal_user(cls.dealer_a, "pr_staff_a", "Stan Alpha")

    @classmethod
    def _create_stock_report(cls, dealer, day, quantity, product=None):
        report = cls.env["dealer.stock.report"].create({
            "partner_id": dealer.id, "date": day,
            "line_ids": [Command.create({"product_id": (product or cls.product).id, "quantity": quantity})],
        })
        report.action_submit()
        return report

    def _call_kw_name(self, model, method, args):
        """`_call_kw`, with the name of the exception only."""
        result, error = self._call_kw(model, method, args)
        return result, error and error["name"]

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _stock_report_upload(self, content, day, name="stock.csv", token=None, **data):
        """Post a stock-report file as the upload form does, with its one-time token (read from the form's page
        unless given: a replay sends a spent one)."""
        token = token or form_token(self, "/my/stock_reports/new", "upload_token")
        return self.url_open("/my/stock_reports/upload", data={
            "csrf_token": self._csrf(), "upload_token": token, "date": str(day), **data,
        }, files={"file": (name, content)})

    def _count(self, model, domain=None):
        self.env.invalidate_all()
        return self.env[model].sudo().with_context(active_test=False).search_count(domain or [])
