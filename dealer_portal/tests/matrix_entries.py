"""The entries of the portal security matrix (tests/test_security_portal_matrix.py): one per model, one per route.

A new model a portal user may read, or a new dealer route, makes the matrix fail until it has an entry here.

MODELS: {model: {"owner_only": bool, "record": factory(case, dealer) -> a record of that dealer, or None for
shared master data every dealer reads; optional "distributor_reads": the distributor's users read it for their
sub-dealers; optional "write": the values of the write attempt; optional "create": create(case, record) -> the values
of the create attempt (the other dealer's ids)}}.

ROUTES: {route pattern: {"owner_only": bool, "record": a MODELS key or a factory(case, dealer) -> record,
"url": url(record) -> URL of the route for that record, "method": "GET"/"POST", optional "data":
data(case, record) -> the POSTed fields (the attack: the other dealer's ids), "expect": "refused" (redirect,
403 or 404: a page of one record) or "page" (any page without the record's data: lists and forms), optional
"token": "shared" when the record's access token is a share link by design (Odoo's portal share, the
applicant's link), optional "files": files(case, record), optional "addon": the addon of the route when
it is not dealer_portal (a bridge that may not be installed), optional "count": models whose number of records
must not change, with a domain: {model: domain}}}.
"""
from datetime import timedelta

from odoo import Command

from .common_forms import csv_bytes, make_credit_code


# ------------------------------------------------------------------ record factories (a record of `dealer`)
def person(case, dealer):
    return case.env["res.partner"].create({"name": f"Person of {dealer.name}", "parent_id": dealer.id})


def announcement(case, dealer):
    """Published to the dealer's territory only, with a file."""
    news = case.env["dealer.announcement"].create({
        "name": f"News for {dealer.name}", "body": f"<p>Body for {dealer.name}</p>", "audience": "territory",
        "territory_ids": [Command.set(dealer.dealer_territory_ids.ids)],
    })
    news.attachment_ids = case.env["ir.attachment"].create({
        "name": f"news-{dealer.id}.txt", "raw": b"NEWS", "res_model": "dealer.announcement", "res_id": news.id,
    })
    news.action_publish()
    return news


def announcement_read(case, dealer):
    return case.env["dealer.announcement.read"].create({
        "announcement_id": announcement(case, dealer).id, "user_id": case.users_by_dealer[dealer.id].id,
    })


def complaint(case, dealer):
    return case.env["dealer.complaint"].create({
        "partner_id": dealer.id, "category_id": case.category.id, "description": f"Complaint of {dealer.name}",
    })


def feedback(case, dealer):
    return case.env["dealer.feedback"].create({
        "name": f"Feedback of {dealer.name}", "partner_id": dealer.id, "description": f"Seen by {dealer.name}",
    })


def order(case, dealer):
    """A confirmed order of a product only this dealer buys (delivered: it has a picking)."""
    product = case.env["product.product"].create({
        "name": f"Part of {dealer.name}", "default_code": f"PART-{dealer.id}", "type": "consu",
    })
    sale = case.env["sale.order"].create({
        "partner_id": dealer.id, "order_line": [Command.create({"product_id": product.id})],
    })
    sale.action_confirm()
    return sale


def stock_report(case, dealer):
    case.report_days += 1
    return case._create_stock_report(dealer, case.today - timedelta(days=10 + case.report_days), 5)


def invoice(case, dealer):
    return case.init_invoice("out_invoice", partner=dealer, amounts=[100.0], post=True)


def attachment(case, dealer):
    """A file of one of the dealer's complaints."""
    return case.env["ir.attachment"].create({
        "name": f"file-of-{dealer.id}.txt", "raw": b"SECRET FILE", "res_model": "dealer.complaint",
        "res_id": complaint(case, dealer).id,
    })


def application(case, dealer):
    return case.env["dealer.application"].create({
        "company_name": f"Application of {dealer.name}", "credit_code": make_credit_code(f"9133010{dealer.id:010d}"),
        "email": "applicant@example.com",
    })


def training_registration(case, dealer):
    """A person of the dealer registered to an open dealer training (dealer_portal_training installed)."""
    start = case.today + timedelta(days=7)
    event = case.env["event.event"].create({
        "name": f"Training for {dealer.name}", "date_begin": start, "date_end": start + timedelta(days=1),
        "event_type_id": case.env.ref("dealer_training.event_type_dealer_training").id,
        "dealer_training_topic": "product", "dealer_portal_published": True,
    })
    return case.env["event.registration"].create({"event_id": event.id, "partner_id": person(case, dealer).id})


MODELS = {
    "dealer.announcement": {"owner_only": False, "record": announcement},
    "dealer.announcement.read": {"owner_only": False, "record": announcement_read},
    "dealer.complaint.category": {"owner_only": False, "record": None},
    "dealer.complaint": {"owner_only": False, "record": complaint},
    "dealer.feedback": {"owner_only": False, "record": feedback},
    "dealer.stock.report": {"owner_only": False, "record": stock_report, "distributor_reads": True},
    "dealer.stock.report.line": {
        "owner_only": False, "record": lambda case, dealer: stock_report(case, dealer).line_ids,
        "distributor_reads": True, "write": {"quantity": 999.0},
    },
    # read by a distributor for its sub-dealers once the rule of the orders pages is in (then: True)
    "sale.order": {"owner_only": False, "record": order},
    "sale.order.line": {"owner_only": False, "record": lambda case, dealer: order(case, dealer).order_line},
    "stock.picking": {"owner_only": False, "record": lambda case, dealer: order(case, dealer).picking_ids[:1]},
    "account.move": {"owner_only": False, "record": invoice},
    "account.move.line": {
        "owner_only": False, "record": lambda case, dealer: invoice(case, dealer).line_ids[:1],
        "create": lambda case, line: {"move_id": line.move_id.id, "account_id": line.account_id.id, "name": "x"},
    },
    "ir.attachment": {
        "owner_only": False, "record": attachment,
        "create": lambda case, file: {
            "name": "planted.txt", "datas": "UExBTlRFRA==", "res_model": file.res_model, "res_id": file.res_id,
        },
    },
    "dealer.application": {"owner_only": False, "record": application},
}


# ------------------------------------------------------------------ routes
def _csrf_form(case, **values):
    return {"csrf_token": case._csrf(), **values}


def _other_product(sale):
    return sale.order_line.product_id


ROUTES = {
    # announcements
    "/my/announcements": {"owner_only": False, "record": "dealer.announcement", "url": lambda rec: "/my/announcements",
                          "method": "GET", "expect": "page"},
    "/my/announcements/page/<int:page>": {"owner_only": False, "record": "dealer.announcement",
                                          "url": lambda rec: "/my/announcements/page/1", "method": "GET",
                                          "expect": "page"},
    "/my/announcements/<int:announcement_id>": {"owner_only": False, "record": "dealer.announcement",
                                                "url": lambda rec: f"/my/announcements/{rec.id}", "method": "GET",
                                                "expect": "refused"},
    "/my/announcements/<int:announcement_id>/files/<int:attachment_id>": {
        "owner_only": False, "record": "dealer.announcement", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/announcements/{rec.id}/files/{rec.attachment_ids[:1].id}",
    },
    "/my/announcements/<int:announcement_id>/read": {
        "owner_only": False, "record": "dealer.announcement", "method": "POST", "expect": "refused",
        "url": lambda rec: f"/my/announcements/{rec.id}/read", "count": {"dealer.announcement.read": []},
    },
    # complaints
    "/my/complaints": {"owner_only": False, "record": "dealer.complaint", "url": lambda rec: "/my/complaints",
                       "method": "GET", "expect": "page"},
    "/my/complaints/page/<int:page>": {"owner_only": False, "record": "dealer.complaint",
                                       "url": lambda rec: "/my/complaints/page/1", "method": "GET", "expect": "page"},
    "/my/complaints/<int:complaint_id>": {"owner_only": False, "record": "dealer.complaint", "token": "shared",
                                          "url": lambda rec: f"/my/complaints/{rec.id}", "method": "GET",
                                          "expect": "refused"},
    "/my/complaints/new": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: "/my/complaints/new", "method": "POST",
        "expect": "page", "count": {"dealer.complaint": []},
        "data": lambda case, sale: _csrf_form(
            case, category_id=case.category.id, subject_type="quality", sale_order_id=sale.id,
            product_id=_other_product(sale).id, description="Attack with another dealer's order",
        ),
    },
    # market feedback
    "/my/feedback": {"owner_only": False, "record": "dealer.feedback", "url": lambda rec: "/my/feedback",
                     "method": "GET", "expect": "page"},
    "/my/feedback/page/<int:page>": {"owner_only": False, "record": "dealer.feedback",
                                     "url": lambda rec: "/my/feedback/page/1", "method": "GET", "expect": "page"},
    "/my/feedback/<int:feedback_id>": {"owner_only": False, "record": "dealer.feedback", "token": "shared",
                                       "url": lambda rec: f"/my/feedback/{rec.id}", "method": "GET",
                                       "expect": "refused"},
    "/my/feedback/new": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: "/my/feedback/new", "method": "POST",
        "expect": "page", "count": {"dealer.feedback": []},
        "data": lambda case, sale: _csrf_form(
            case, name="Attack", feedback_type="demand", product_id=_other_product(sale).id, description="x",
        ),
    },
    # channel stock reports
    "/my/stock_reports": {"owner_only": False, "record": "dealer.stock.report", "url": lambda rec: "/my/stock_reports",
                          "method": "GET", "expect": "page"},
    "/my/stock_reports/page/<int:page>": {"owner_only": False, "record": "dealer.stock.report",
                                          "url": lambda rec: "/my/stock_reports/page/1", "method": "GET",
                                          "expect": "page"},
    "/my/stock_reports/<int:report_id>": {"owner_only": False, "record": "dealer.stock.report",
                                          "url": lambda rec: f"/my/stock_reports/{rec.id}", "method": "GET",
                                          "expect": "refused"},
    "/my/stock_reports/new": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: "/my/stock_reports/new", "method": "POST",
        "expect": "page", "count": {"dealer.stock.report": []},
        "data": lambda case, sale: _csrf_form(
            case, date=str(case.today), product_id=str(_other_product(sale).id), quantity="1",
        ),
    },
    "/my/stock_reports/upload": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: "/my/stock_reports/upload", "method": "POST",
        "expect": "page", "count": {"dealer.stock.report": []},
        "data": lambda case, sale: _csrf_form(case, date=str(case.today)),
        "files": lambda case, sale: {"file": ("stock.csv", csv_bytes([
            ["product_code", "quantity"], [_other_product(sale).default_code, 1],
        ]))},
    },
    "/my/stock_reports/template.csv": {"owner_only": False, "record": "sale.order", "method": "GET", "expect": "page",
                                       "url": lambda rec: "/my/stock_reports/template.csv",
                                       "marker": lambda rec: _other_product(rec).default_code},
    "/my/stock_reports/template.xlsx": {"owner_only": False, "record": "sale.order", "method": "GET",
                                        "expect": "page", "url": lambda rec: "/my/stock_reports/template.xlsx",
                                        "marker": lambda rec: _other_product(rec).default_code},
    # the public application form and the applicant's link
    "/dealer/apply": {"owner_only": False, "record": "dealer.application", "url": lambda rec: "/dealer/apply",
                      "method": "GET", "expect": "page"},
    "/dealer/apply/<int:application_id>": {"owner_only": False, "record": "dealer.application", "token": "shared",
                                           "url": lambda rec: f"/dealer/apply/{rec.id}", "method": "GET",
                                           "expect": "refused"},
    "/dealer/apply/<int:application_id>/document": {
        "owner_only": False, "record": "dealer.application", "method": "POST", "expect": "refused", "token": "shared",
        "url": lambda rec: f"/dealer/apply/{rec.id}/document",
        "count": {"ir.attachment": [("res_model", "=", "dealer.application.document")]},
        "data": lambda case, rec: _csrf_form(case, document_id=rec.document_ids[:1].id),
        "files": lambda case, rec: {"file": ("planted.pdf", b"%PDF-1.4\n")},
    },
    # trainings (dealer_portal_training, when installed)
    "/my/trainings": {"owner_only": False, "record": training_registration, "url": lambda rec: "/my/trainings",
                      "method": "GET", "expect": "page", "marker": lambda rec: rec.partner_id.name,
                      "addon": "dealer_portal_training"},
    "/my/trainings/<int:event_id>/register": {
        "owner_only": False, "record": training_registration, "method": "POST", "expect": "page",
        "addon": "dealer_portal_training",
        "url": lambda rec: f"/my/trainings/{rec.event_id.id}/register", "count": {"event.registration": []},
        "marker": lambda rec: rec.partner_id.name,
        "data": lambda case, rec: _csrf_form(case, partner_id=rec.partner_id.id),
    },
}
