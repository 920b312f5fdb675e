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
must not change, with a domain: {model: domain}, optional "marker": marker(record) -> the text that must not be on
the page (default: the record's name), optional "staff_marker": the same for the staff column of an owner_only
route (default: "marker"), optional "distributor": "reads" when the distributor reads its sub-dealer's record through
the route (its data on the page, nothing written; otherwise it gets what "expect" says)}}.
"""
import base64
import re
from datetime import timedelta

from odoo import Command

from odoo.addons.dealer_management.tools.period import period_bounds

from .common_forms import csv_bytes, make_credit_code
from .common_pages import DealerPagesCase


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


def _once(factory):
    """The factory's record of a dealer made once per test: a dealer has one active contract, one scorecard of
    a period (the routes of one model share that record)."""
    def cached(case, dealer):
        cache = case.__dict__.setdefault("matrix_cache", {})
        key = (factory.__name__, dealer.id)
        if key not in cache:
            cache[key] = factory(case, dealer)
        return cache[key]
    cached.__name__ = factory.__name__
    return cached


@_once
def finances(case, dealer):
    """(contract, targets, confirmed rebate) of the dealer: the builder of the pages tests, on this case's class
    (same DealerPortalCase base)."""
    return DealerPagesCase._create_finances.__func__(type(case), dealer)


def contract(case, dealer):
    return finances(case, dealer)[0]


def rebate(case, dealer):
    return finances(case, dealer)[2]


def approved_scorecard(env, dealer, day, total):
    """`dealer`'s scorecard scoring `total` in the approved assessment of the quarter of `day` (written as the
    computation would, one KPI line); the dealers of a quarter share its assessment (a company's quarter has one).
    The builder of dealer_portal_assessment's pages tests too."""
    Assessment = env["dealer.assessment"]
    quarter = [("period_type", "=", "quarter"), ("date_from", "=", period_bounds(day, "quarter")[0])]
    assessment = Assessment.search(quarter + [("scope", "=", "all")]) or Assessment.create(
        {"period_type": "quarter", "date": day, "scope": "all"})
    assessment._dealer_trusted().write({"state": "draft"})
    scorecard = env["dealer.scorecard"].create({
        "assessment_id": assessment.id, "partner_id": dealer.id, "total": total, "rank": 1,
        "line_ids": [Command.create({
            "kpi_id": env.ref("dealer_assessment.kpi_target_achievement").id, "raw_value": total, "points": total,
            "weight": 100.0, "weighted_points": total, "applicable": True,
        })],
    })
    assessment._dealer_trusted().write({"state": "approved"})
    return scorecard


@_once
def scorecard(case, dealer):
    """An approved scorecard (dealer_portal_assessment installed), each dealer's in a quarter of its own: a
    company's quarter has one assessment."""
    quarters = case.__dict__.setdefault("matrix_quarters", {})
    quarter = quarters.setdefault(dealer.id, len(quarters))
    return approved_scorecard(case.env, dealer, case.today - timedelta(days=100 + 92 * quarter), 70.0)


@_once
def correction_plan(case, dealer):
    """A correction plan with one action (dealer_portal_assessment installed)."""
    return case.env["dealer.correction.plan"].create({
        "partner_id": dealer.id, "deadline": case.today + timedelta(days=30), "description": f"Findings {dealer.name}",
        "line_ids": [Command.create({"action": f"Action of {dealer.name}"})],
    })


@_once
def acknowledgement(case, dealer):
    target = finances(case, dealer)[1][:1]
    return case.env["dealer.target.acknowledgement"]._dealer_portal_answer(
        target, "counter", f"Counter of {dealer.name}", 10.0,
    )


@_once
def dealer_product(case, dealer):
    """A product only this dealer has bought (delivered: stock at the dealer for sell-outs and forecasts)."""
    return order(case, dealer).order_line.product_id


def sellout(case, dealer):
    """A draft retail sale of the dealer (dealer_portal_sellout installed)."""
    return case.env["dealer.sellout"].create({
        "dealer_id": dealer.id, "product_id": dealer_product(case, dealer).id, "quantity": 1, "price_unit": 100.0,
        "customer_name": f"Buyer of {dealer.name}",
    })


def sellout_upload(case, dealer):
    """A file of the dealer recorded in the background (dealer_portal_sellout installed)."""
    return case.env["dealer.sellout.upload"].create({
        "name": f"Upload of {dealer.name}", "dealer_id": dealer.id, "source": "portal", "line_count": 1,
        "line_vals": [{"customer_name": f"Buyer of {dealer.name}"}],
    })


def stock_report_upload(case, dealer):
    """A stock-report file of the dealer recorded in the background (dealer_portal_queue installed)."""
    return case.env["dealer.stock.report.upload"].create({
        "name": f"Stock file of {dealer.name}", "dealer_id": dealer.id, "date": case.today, "line_count": 1,
        "line_vals": [{"row": 2, "product_code": "ATTACK", "quantity": "1"}],
    })


def forecast_upload(case, dealer):
    """A forecast file of the dealer submitted in the background (dealer_portal_sellout installed)."""
    return case.env["dealer.sellout.forecast.upload"].create({
        "name": f"Forecast file of {dealer.name}", "dealer_id": dealer.id, "line_count": 1,
        "line_vals": [{"row": 2, "product_code": "ATTACK", "month": "2099-01", "quantity": "1"}],
    })


@_once
def forecast(case, dealer):
    month = (case.today.replace(day=1) + timedelta(days=40)).replace(day=1)
    return case.env["dealer.sellout.forecast"].create({
        "dealer_id": dealer.id, "product_id": dealer_product(case, dealer).id, "month": month, "quantity": 7,
    })


def warranty_claim(case, dealer):
    """A draft warranty claim of the dealer (dealer_portal_service installed), with a photo its user posted."""
    claim = case.env["repair.order"].create({
        "dealer_claim": True, "dealer_id": dealer.id, "product_id": dealer_product(case, dealer).id,
        "internal_notes": f"<p>Claim notes of {dealer.name}</p>",
    })
    claim.message_post(body="Photo", attachments=[(f"claim-{dealer.id}.txt", b"SECRET FILE")],
                       author_id=case.users_by_dealer[dealer.id].partner_id.id, message_type="comment")
    return claim


def visit_finding(case, dealer):
    """A finding of a done visit of the dealer (dealer_portal_visit installed)."""
    visit = case.env["dealer.visit"].create({"dealer_id": dealer.id, "user_id": case.env.user.id})
    visit.action_check_in()
    visit.line_ids.write({"answer": "yes"})
    case.env["dealer.visit.finding"].create({
        "visit_id": visit.id, "name": f"Visit finding of {dealer.name}", "deadline": case.today + timedelta(days=7),
    })
    visit.action_check_out()
    return visit.finding_ids


def staff_adviser(case, dealer):
    """A sales adviser of the dealer who has still to pass a certification (dealer_portal_staff_certification):
    a row of the owner's qualification page."""
    survey = case.env["survey.survey"].create({
        "title": f"Certification for {dealer.name}", "scoring_type": "scoring_with_answers", "certification": True,
    })
    position = case.env.ref("dealer_staff_certification.position_sales_adviser")
    case.env["dealer.staff.requirement"].create({"position_id": position.id, "survey_id": survey.id})
    return case.env["res.partner"].create({
        "name": f"Adviser of {dealer.name}", "parent_id": dealer.id, "dealer_staff_position_id": position.id,
    })


def training_material(case, dealer):
    """A published material for the dealer's grade only (dealer_portal_training_material): the distributor and its
    sub-dealer share a grade, so the distributor reads it as its own."""
    return case.env["dealer.training.material"].create({
        "name": f"Material for {dealer.name}", "file_name": "material.pdf", "dealer_portal_published": True,
        "file": base64.b64encode(f"%PDF-1.4 Material for {dealer.name}".encode()),
        "grade_ids": [Command.set(dealer.dealer_grade_id.ids)],
    })
@_once
def business_review(case, dealer):
    """A held business review of the dealer with one agreed action (dealer_portal_business_review installed)."""
    review = case.env["dealer.business.review"].create({
        "partner_id": dealer.id, "date_from": case.today.replace(month=1, day=1),
    })
    review.action_hold()
    review.write({"minutes": f"<p>Minutes of {dealer.name}</p>", "action_ids": [Command.create({
        "name": f"Action agreed with {dealer.name}", "date_deadline": case.today + timedelta(days=30),
    })]})
    return review


@_once
def marketing_application(case, dealer):
    """An approved marketing support application of the dealer with a plan file (dealer_portal_marketing_fund)."""
    case.env["dealer.grade"].browse(dealer.dealer_grade_id.id).marketing_fund_budget = 100000.0
    application = case.env["dealer.marketing.application"].create({
        "partner_id": dealer.id,
        "marketing_type_id": case.env.ref("dealer_marketing_fund.activity_type_store_event").id,
        "date_planned": case.today, "amount_requested": 1000.0, "plan": f"Marketing plan of {dealer.name}",
    })
    application.attachment_ids = case.env["ir.attachment"].create({
        "name": f"plan-{dealer.id}.txt", "raw": b"SECRET PLAN", "res_model": application._name,
        "res_id": application.id,
    })
    application.action_submit()
    application.action_approve()
    return application


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
    "sale.order": {"owner_only": False, "record": order, "distributor_reads": True},
    "sale.order.line": {
        "owner_only": False, "record": lambda case, dealer: order(case, dealer).order_line, "distributor_reads": True,
    },
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
    # the owner's finances (group_dealer_portal_owner): staff of the same dealer are refused
    "dealer.contract": {"owner_only": True, "record": contract},
    "dealer.contract.target": {"owner_only": True, "record": lambda case, dealer: finances(case, dealer)[1]},
    "dealer.target.acknowledgement": {"owner_only": True, "record": acknowledgement},
    "dealer.rebate": {"owner_only": True, "record": rebate},
    "dealer.rebate.line": {"owner_only": True, "record": lambda case, dealer: rebate(case, dealer).line_ids},
    # the owner's scorecards and correction plans (dealer_portal_assessment, when installed)
    "dealer.scorecard": {"owner_only": True, "record": scorecard},
    "dealer.scorecard.line": {"owner_only": True, "record": lambda case, dealer: scorecard(case, dealer).line_ids},
    "dealer.correction.plan": {"owner_only": True, "record": correction_plan},
    "dealer.correction.plan.line": {
        "owner_only": True, "record": lambda case, dealer: correction_plan(case, dealer).line_ids,
    },
    # bridges (in the matrix when installed)
    "dealer.sellout": {"owner_only": False, "record": sellout, "distributor_reads": True},
    "dealer.sellout.forecast": {"owner_only": False, "record": forecast},
    "dealer.sellout.upload": {"owner_only": False, "record": sellout_upload},
    "dealer.stock.report.upload": {"owner_only": False, "record": stock_report_upload},
    "dealer.sellout.forecast.upload": {"owner_only": False, "record": forecast_upload},
    "repair.order": {"owner_only": False, "record": warranty_claim},
    "dealer.visit.finding": {
        "owner_only": False, "record": visit_finding,
        "create": lambda case, rec: {"visit_id": rec.visit_id.id, "name": "Attack", "deadline": str(case.today)},
    },
    "dealer.marketing.activity.type": {"owner_only": False, "record": None},
    "dealer.marketing.fund": {
        "owner_only": False, "record": lambda case, dealer: marketing_application(case, dealer).fund_id,
    },
    "dealer.marketing.application": {"owner_only": False, "record": marketing_application},
    "dealer.business.review": {"owner_only": True, "record": business_review},
    "dealer.business.review.action": {
        "owner_only": True, "record": lambda case, dealer: business_review(case, dealer).action_ids,
    },
}


# ------------------------------------------------------------------ routes
def _csrf_form(case, **values):
    return {"csrf_token": case._csrf(), **values}


def _other_product(sale):
    return sale.order_line.product_id


def _page_token(case, url, name):
    """The one-time token of the form on `url` for the logged-in user ("" when the page refuses the user)."""
    match = re.search(rf'name="{name}" value="([^"]+)"', case.url_open(url).text)
    return match.group(1) if match else ""


def _page(url, record, **entry):
    """A GET page (list or form) that must not show `record` (a MODELS key or a factory)."""
    return {"owner_only": False, "record": record, "url": lambda rec: url, "method": "GET", "expect": "page",
            **entry}


def _upload_routes(url, model, addon):
    """The list (and its pages) and the status page of a dealer's files recorded in the background (a
    ``dealer.queue.upload`` model): another dealer's file is not listed and its page is refused."""
    return {
        url: _page(url, model, addon=addon),
        f"{url}/page/<int:page>": _page(f"{url}/page/1", model, addon=addon),
        f"{url}/<int:upload_id>": {
            "owner_only": False, "record": model, "method": "GET", "expect": "refused", "addon": addon,
            "url": lambda rec: f"{url}/{rec.id}",
        },
    }


def _contract_of(rec):
    return rec.contract_id.name


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
    # channel stock reports (a distributor reads its sub-dealers')
    "/my/stock_reports": {"owner_only": False, "record": "dealer.stock.report", "url": lambda rec: "/my/stock_reports",
                          "method": "GET", "expect": "page", "distributor": "reads"},
    "/my/stock_reports/page/<int:page>": {"owner_only": False, "record": "dealer.stock.report",
                                          "url": lambda rec: "/my/stock_reports/page/1", "method": "GET",
                                          "expect": "page", "distributor": "reads"},
    "/my/stock_reports/<int:report_id>": {"owner_only": False, "record": "dealer.stock.report",
                                          "url": lambda rec: f"/my/stock_reports/{rec.id}", "method": "GET",
                                          "expect": "refused", "distributor": "reads"},
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
        "data": lambda case, sale: _csrf_form(
            case, upload_token=_page_token(case, "/my/stock_reports/new", "upload_token"), date=str(case.today)),
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
    # ordering (the catalog, the cart, reorder): B's order and its product never reach A's cart or orders
    "/my/catalog": _page("/my/catalog", "sale.order"),
    "/my/catalog/page/<int:page>": _page("/my/catalog/page/1", "sale.order"),
    "/my/cart": _page("/my/cart", "sale.order", marker=lambda rec: _other_product(rec).name),
    "/my/cart/add": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: "/my/cart/add", "method": "POST",
        "expect": "page", "count": {"sale.order": []},
        "data": lambda case, sale: _csrf_form(case, product_id=sale.id, quantity="1"),
    },
    "/my/cart/update": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: "/my/cart/update", "method": "POST",
        "expect": "page", "count": {"sale.order": []},
        "data": lambda case, sale: _csrf_form(case, product_id=sale.order_line[:1].id, quantity="-5"),
    },
    "/my/cart/quick": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: "/my/cart/quick", "method": "POST",
        "expect": "page", "count": {"sale.order": []},
        "data": lambda case, sale: _csrf_form(
            case, lines=f"{_other_product(sale).default_code} -5\nNO-SUCH-CODE 99999999999",
        ),
    },
    "/my/orders/<int:order_id>/reorder": {
        "owner_only": False, "record": "sale.order", "url": lambda rec: f"/my/orders/{rec.id}/reorder",
        "method": "POST", "expect": "refused", "count": {"sale.order": []},
        "marker": lambda rec: _other_product(rec).name,
    },
    "/my/cart/submit": {
        "owner_only": False, "record": person, "url": lambda rec: "/my/cart/submit", "method": "POST",
        "expect": "page", "count": {"sale.order": []},
        "data": lambda case, rec: _csrf_form(case, shipping_id=rec.id, cart_token="replayed", reference="x"),
    },
    # the dashboard (finances for owners only), targets and exit request
    # staff see their dealer's grade, contract validity and target progress, never its credit figures
    "/my/dealer": _page("/my/dealer", "dealer.contract", owner_only=True, staff_marker=lambda rec: "o_dealer_credit"),
    "/my/targets": _page("/my/targets", "dealer.target.acknowledgement", owner_only=True,
                         marker=lambda rec: rec.sudo().comment),
    "/my/targets/<int:target_id>/answer": {
        "owner_only": True, "record": "dealer.contract.target", "method": "POST", "expect": "refused",
        "url": lambda rec: f"/my/targets/{rec[:1].id}/answer", "marker": lambda rec: rec.sudo()[:1].contract_id.name,
        "count": {"dealer.target.acknowledgement": []},
        "data": lambda case, rec: _csrf_form(case, decision="acknowledged", comment="Attack"),
    },
    "/my/contracts/<int:contract_id>/targets/<int:year>/acknowledge": {
        "owner_only": True, "record": "dealer.contract", "method": "POST", "expect": "refused",
        "url": lambda rec: f"/my/contracts/{rec.id}/targets/{rec.date_start.year}/acknowledge",
        "count": {"dealer.target.acknowledgement": [], "mail.activity": [("res_model", "=", "dealer.contract")]},
    },
    "/my/dealer/exit": {
        "owner_only": True, "record": "dealer.contract", "url": lambda rec: "/my/dealer/exit", "method": "POST",
        "expect": "page", "count": {"dealer.termination": [("partner_id", "!=", False)]},
        "data": lambda case, rec: _csrf_form(
            case, reason="", effective_date="not a date", partner_id=rec.partner_id.id,
        ),
    },
    # the owner's finance pages
    "/my/rebates": _page("/my/rebates", "dealer.rebate", owner_only=True),
    "/my/rebates/page/<int:page>": _page("/my/rebates/page/1", "dealer.rebate", owner_only=True),
    "/my/rebates/<int:record_id>/pdf": {"owner_only": True, "record": "dealer.rebate", "method": "GET",
                                        "expect": "refused", "url": lambda rec: f"/my/rebates/{rec.id}/pdf"},
    "/my/contracts": _page("/my/contracts", "dealer.contract", owner_only=True),
    "/my/contracts/page/<int:page>": _page("/my/contracts/page/1", "dealer.contract", owner_only=True),
    "/my/contracts/<int:record_id>/pdf": {"owner_only": True, "record": "dealer.contract", "method": "GET",
                                          "expect": "refused", "url": lambda rec: f"/my/contracts/{rec.id}/pdf"},
    # business reviews (dealer_portal_business_review, when installed)
    "/my/business-reviews": _page("/my/business-reviews", "dealer.business.review", owner_only=True,
                                  addon="dealer_portal_business_review"),
    "/my/business-reviews/page/<int:page>": _page("/my/business-reviews/page/1", "dealer.business.review",
                                                  owner_only=True, addon="dealer_portal_business_review"),
    "/my/business-reviews/<int:review_id>": {
        "owner_only": True, "record": "dealer.business.review", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/business-reviews/{rec.id}", "addon": "dealer_portal_business_review",
    },
    "/my/business-reviews/<int:review_id>/pdf": {
        "owner_only": True, "record": "dealer.business.review", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/business-reviews/{rec.id}/pdf", "addon": "dealer_portal_business_review",
    },
    "/my/statement": _page("/my/statement", "dealer.contract", owner_only=True),
    # the owner's scorecards and correction plans (dealer_portal_assessment, when installed)
    "/my/scorecards": _page("/my/scorecards", "dealer.scorecard", owner_only=True, addon="dealer_portal_assessment"),
    "/my/scorecards/page/<int:page>": _page("/my/scorecards/page/1", "dealer.scorecard", owner_only=True,
                                            addon="dealer_portal_assessment"),
    "/my/scorecards/<int:record_id>/pdf": {"owner_only": True, "record": "dealer.scorecard", "method": "GET",
                                           "expect": "refused", "url": lambda rec: f"/my/scorecards/{rec.id}/pdf",
                                           "addon": "dealer_portal_assessment"},
    "/my/correction-plans": _page("/my/correction-plans", "dealer.correction.plan", owner_only=True,
                                  addon="dealer_portal_assessment"),
    "/my/correction-plans/page/<int:page>": _page("/my/correction-plans/page/1", "dealer.correction.plan",
                                                  owner_only=True, addon="dealer_portal_assessment"),
    "/my/correction-plans/<int:plan_id>": {
        "owner_only": True, "record": "dealer.correction.plan", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/correction-plans/{rec.id}", "addon": "dealer_portal_assessment",
    },
    "/my/correction-plans/<int:plan_id>/actions/<int:line_id>": {
        "owner_only": True, "record": "dealer.correction.plan", "method": "POST", "expect": "refused",
        "url": lambda rec: f"/my/correction-plans/{rec.id}/actions/{rec.line_ids[:1].id}",
        "data": lambda case, rec: _csrf_form(case, note="Answered by another dealer"),
        "addon": "dealer_portal_assessment",
    },
    # sell-outs (a distributor reads its sub-dealers') and forecasts (dealer_portal_sellout, when installed)
    "/my/sellouts": _page("/my/sellouts", "dealer.sellout", addon="dealer_portal_sellout", distributor="reads"),
    "/my/sellouts/page/<int:page>": _page("/my/sellouts/page/1", "dealer.sellout", addon="dealer_portal_sellout",
                                          distributor="reads"),
    "/my/sellouts/<int:sellout_id>": {
        "owner_only": False, "record": "dealer.sellout", "method": "GET", "expect": "refused", "distributor": "reads",
        "url": lambda rec: f"/my/sellouts/{rec.id}", "addon": "dealer_portal_sellout",
    },
    "/my/sellouts/new": {
        "owner_only": False, "record": "dealer.sellout", "url": lambda rec: "/my/sellouts/new", "method": "POST",
        "expect": "page", "count": {"dealer.sellout": []}, "addon": "dealer_portal_sellout",
        "data": lambda case, rec: _csrf_form(
            case, form_token=_page_token(case, "/my/sellouts/new", "form_token"), date=str(case.today),
            product_id=rec.product_id.id, quantity="1", price_unit="100", customer_name="Attack",
        ),
    },
    "/my/sellouts/upload": {
        "owner_only": False, "record": "dealer.sellout", "url": lambda rec: "/my/sellouts/upload", "method": "POST",
        "expect": "page", "count": {"dealer.sellout": []}, "addon": "dealer_portal_sellout",
        "data": lambda case, rec: _csrf_form(
            case, upload_token=_page_token(case, "/my/sellouts/upload", "upload_token"),
        ),
        "files": lambda case, rec: {"file": ("sellouts.csv", csv_bytes([
            ["date", "product_code", "quantity", "price_unit", "customer_name"],
            [str(case.today), rec.product_id.default_code, 1, 100, "Attack"],
        ]))},
    },
    **_upload_routes("/my/sellouts/uploads", "dealer.sellout.upload", "dealer_portal_sellout"),
    **_upload_routes("/my/stock_reports/uploads", "dealer.stock.report.upload", "dealer_portal_queue"),
    "/my/sellouts/template.<string:file_type>": _page(
        "/my/sellouts/template.csv", "dealer.sellout", addon="dealer_portal_sellout",
        marker=lambda rec: rec.product_id.default_code,
    ),
    "/my/forecasts": {
        "owner_only": False, "record": "dealer.sellout.forecast", "url": lambda rec: "/my/forecasts",
        "method": "POST", "expect": "page", "addon": "dealer_portal_sellout",
        "marker": lambda rec: rec.product_id.name, "count": {"dealer.sellout.forecast": []},
        "data": lambda case, rec: _csrf_form(case, **{
            "grid_token": _page_token(case, "/my/forecasts", "grid_token"),
            f"qty_{rec.product_id.id}_{rec.month:%Y-%m}": "5",
        }),
    },
    "/my/forecasts/upload": {
        "owner_only": False, "record": "dealer.sellout.forecast", "url": lambda rec: "/my/forecasts/upload",
        "method": "POST", "expect": "page", "addon": "dealer_portal_sellout",
        "marker": lambda rec: rec.product_id.name, "count": {"dealer.sellout.forecast": []},
        "data": lambda case, rec: _csrf_form(
            case, upload_token=_page_token(case, "/my/forecasts", "upload_token"),
        ),
        "files": lambda case, rec: {"file": ("forecasts.csv", csv_bytes([
            ["product_code", "month", "quantity"], [rec.product_id.default_code, str(rec.month)[:7], 5],
        ]))},
    },
    **_upload_routes("/my/forecasts/uploads", "dealer.sellout.forecast.upload", "dealer_portal_sellout"),
    "/my/forecasts/template.<string:file_type>": _page(
        "/my/forecasts/template.csv", "dealer.sellout.forecast", addon="dealer_portal_sellout",
        marker=lambda rec: rec.product_id.default_code,
    ),
    # warranty claims (dealer_portal_service, when installed)
    "/my/warranty_claims": _page("/my/warranty_claims", "repair.order", addon="dealer_portal_service"),
    "/my/warranty_claims/page/<int:page>": _page("/my/warranty_claims/page/1", "repair.order",
                                                 addon="dealer_portal_service"),
    "/my/warranty_claims/<int:claim_id>": {
        "owner_only": False, "record": "repair.order", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/warranty_claims/{rec.id}", "addon": "dealer_portal_service",
    },
    "/my/warranty_claims/<int:claim_id>/files/<int:attachment_id>": {
        "owner_only": False, "record": "repair.order", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/warranty_claims/{rec.id}/files/{rec.message_ids.attachment_ids[:1].id}",
        "addon": "dealer_portal_service",
    },
    # visit findings (dealer_portal_visit, when installed)
    "/my/visit-findings": _page("/my/visit-findings", "dealer.visit.finding", addon="dealer_portal_visit"),
    "/my/visit-findings/page/<int:page>": _page("/my/visit-findings/page/1", "dealer.visit.finding",
                                                addon="dealer_portal_visit"),
    "/my/visit-findings/<int:finding_id>": {
        "owner_only": False, "record": "dealer.visit.finding", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/visit-findings/{rec.id}", "addon": "dealer_portal_visit",
    },
    "/my/visit-findings/<int:finding_id>/answer": {
        "owner_only": False, "record": "dealer.visit.finding", "method": "POST", "expect": "refused",
        "url": lambda rec: f"/my/visit-findings/{rec.id}/answer", "addon": "dealer_portal_visit",
        "data": lambda case, rec: _csrf_form(case, form_token="", answer="Attack on another dealer's finding"),
    },
    # the dealer's people (issue 19; their bridges, when installed)
    "/my/staff-qualification": {
        "owner_only": True, "record": staff_adviser, "url": lambda rec: "/my/staff-qualification",
        "method": "GET", "expect": "page",
        "addon": "dealer_portal_staff_certification",
    },
    "/my/training-materials": {
        "owner_only": False, "record": training_material, "url": lambda rec: "/my/training-materials",
        "method": "GET", "expect": "page", "distributor": "reads", "addon": "dealer_portal_training_material",
    },
    "/my/training-materials/<int:material_id>/download": {
        "owner_only": False, "record": training_material, "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/training-materials/{rec.id}/download", "distributor": "reads",
        "addon": "dealer_portal_training_material",
    },
    "/my/warranty_claims/new": {
        "owner_only": False, "record": "repair.order", "url": lambda rec: "/my/warranty_claims/new",
        "method": "POST", "expect": "page", "count": {"repair.order": []}, "addon": "dealer_portal_service",
        "data": lambda case, rec: _csrf_form(
            case, form_token=_page_token(case, "/my/warranty_claims/new", "form_token"), lot_id=rec.lot_id.id or 0,
            repair_date=str(case.today), labour="100", description="Attack with another dealer's unit",
        ),
    },
    # marketing support (dealer_portal_marketing_fund, when installed): owner and staff alike
    "/my/marketing-funds": _page("/my/marketing-funds", "dealer.marketing.fund",
                                 addon="dealer_portal_marketing_fund"),
    "/my/marketing-applications": _page("/my/marketing-applications", "dealer.marketing.application",
                                        addon="dealer_portal_marketing_fund"),
    "/my/marketing-applications/page/<int:page>": _page("/my/marketing-applications/page/1",
                                                        "dealer.marketing.application",
                                                        addon="dealer_portal_marketing_fund"),
    "/my/marketing-applications/<int:application_id>": {
        "owner_only": False, "record": "dealer.marketing.application", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/marketing-applications/{rec.id}", "addon": "dealer_portal_marketing_fund",
    },
    "/my/marketing-applications/<int:application_id>/files/<int:attachment_id>": {
        "owner_only": False, "record": "dealer.marketing.application", "method": "GET", "expect": "refused",
        "url": lambda rec: f"/my/marketing-applications/{rec.id}/files/{rec.attachment_ids[:1].id}",
        "addon": "dealer_portal_marketing_fund",
    },
    "/my/marketing-applications/new": {
        "owner_only": False, "record": "dealer.marketing.application",
        "url": lambda rec: "/my/marketing-applications/new", "method": "POST", "expect": "page",
        "count": {"dealer.marketing.application": []},
        "addon": "dealer_portal_marketing_fund",
        "data": lambda case, rec: _csrf_form(
            case, form_token=_page_token(case, "/my/marketing-applications/new", "form_token"),
            partner_id=rec.partner_id.id, fund_id=rec.fund_id.id, marketing_type_id=rec.marketing_type_id.id,
            date_planned=str(case.today), amount_requested="999999999999", plan="Attack on another dealer's fund",
        ),
    },
    "/my/marketing-applications/<int:application_id>/edit": {
        "owner_only": False, "record": "dealer.marketing.application", "method": "POST", "expect": "refused",
        "url": lambda rec: f"/my/marketing-applications/{rec.id}/edit", "addon": "dealer_portal_marketing_fund",
        "count": {"dealer.marketing.application": []},
        "data": lambda case, rec: _csrf_form(
            case, form_token="replayed", marketing_type_id=rec.marketing_type_id.id, date_planned=str(case.today),
            amount_requested="1", plan="Changed by another dealer",
        ),
    },
    "/my/marketing-applications/<int:application_id>/proof": {
        "owner_only": False, "record": "dealer.marketing.application", "method": "POST", "expect": "refused",
        "url": lambda rec: f"/my/marketing-applications/{rec.id}/proof", "addon": "dealer_portal_marketing_fund",
        "count": {"ir.attachment": [("res_model", "=", "dealer.marketing.application")]},
        "data": lambda case, rec: _csrf_form(case, proof_token="replayed", proof_note="Planted proof"),
        "files": lambda case, rec: {"attachments": ("planted.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)},
    },
}


# ------------------------------------------------------------------ trade promotions (dealer_portal_loyalty, issue 17)
def named_promotion(case, dealer):
    """A promotion for `dealer` alone, with a coupon of its own."""
    program = case.env["loyalty.program"].create({
        "name": f"Promotion of {dealer.name}", "program_type": "coupons", "trigger": "with_code",
        "applies_on": "current", "dealer_partner_ids": [Command.set(dealer.ids)], "rule_ids": [Command.clear()],
        "reward_ids": [Command.create({"reward_type": "discount", "discount": 10, "discount_mode": "percent",
                                       "discount_applicability": "order", "required_points": 1})],
    })
    case.env["loyalty.card"].create({"program_id": program.id, "partner_id": dealer.id, "points": 1})
    return program


ROUTES.update({
    "/my/promotions": _page("/my/promotions", named_promotion,
                            addon="dealer_portal_loyalty"),
    "/my/cart/coupon": {
        "owner_only": False, "record": named_promotion, "url": lambda rec: "/my/cart/coupon", "method": "POST",
        "expect": "page", "count": {"sale.order": [], "loyalty.card": [("points", "<", 1)]},
        "addon": "dealer_portal_loyalty",
        "data": lambda case, rec: _csrf_form(
            case, code=rec.coupon_ids[:1].code, coupon_token=_page_token(case, "/my/cart", "coupon_token")),
    },
})
