"""Dealer relations of the demo: announcements (read by the portal user), complaints at every stage (a return, a
credit note, an escalation), market feedback, trainings with attendance and the satisfaction survey answers.

The back office works as the Dealer Manager (`menv`); the portal user files its own complaint and feedback and
reads announcements with its own rights; survey answers are written as the respondents' public answers.
"""
from datetime import datetime, time, timedelta

from odoo import Command

from odoo.addons.dealer_management.tools.period import previous_period

import demo_plan_sellout as PS
import demo_tables as T
import demo_tables_relations as R
from demo_sales import _deliver, _post_invoice
from demo_util import add_days, log

SHANGHAI = timedelta(hours=8)


def _utc(day, hour, minute=0):
    """Naive UTC datetime of a local (Asia/Shanghai) time on `day`."""
    return datetime.combine(day, time(hour, minute)) - SHANGHAI


def _contact(dealer):
    """The dealer's main contact person (created with the dealer)."""
    return dealer.child_ids.filtered(lambda child: child.type == "contact").sorted("id")[:1]


def _portal_user(menv):
    return menv["res.users"].sudo().search([("login", "=", T.USERS["portal"]["login"])])


# ---------------------------------------------------------------- announcements
QUARTER_NAMES = "一二三四"


def _announcement_dates(today, row):
    """The dates an announcement's text speaks of, from its publication day (today for a draft)."""
    published = add_days(today, -(row["published"] or 0))
    before = previous_period(published, "quarter")[0]
    end = add_days(published, row.get("visible") or 0)
    return {"year": published.year, "next_year": published.year + 1,
            "quarter": f"{before.year}年第{QUARTER_NAMES[(before.month - 1) // 3]}季度",
            "start": f"{published.month}月{published.day}日", "end": f"{end.month}月{end.day}日"}


def create_announcements(menv, grades, territories, today):
    portal_user = _portal_user(menv)
    Announcement = menv["dealer.announcement"]
    announcements = Announcement.browse()
    for row in R.ANNOUNCEMENTS:
        dates = _announcement_dates(today, row)
        vals = {"name": row["name"].format(**dates), "body": row["body"].format(**dates), "category": row["category"],
                "audience": row["audience"]}
        if row.get("grades"):
            vals["grade_ids"] = [Command.set([grades[code].id for code in row["grades"]])]
        if row.get("territories"):
            vals["territory_ids"] = [Command.set([territories[code].id for code in row["territories"]])]
        announcement = Announcement.create(vals)
        announcements |= announcement
        if row["published"] is None:
            continue
        published = add_days(today, -row["published"])
        announcement.date_publish = published
        if row.get("visible") and not row.get("archive"):
            announcement.date_expire = add_days(published, row["visible"])
        announcement.action_publish()
        if row.get("read"):
            announcement.with_user(portal_user)._mark_read()
            receipt = announcement.read_ids.filtered(lambda r: r.user_id == portal_user)
            receipt.date = _utc(add_days(published, 1), 10, 30)
        if row.get("archive"):  # its window is over: an end date in the past archives it (as the hourly job)
            announcement.date_expire = add_days(published, row["visible"])
            if announcement.state != "archived":
                announcement.action_archive_announcement()
    states = ", ".join(f"{a.state}" for a in announcements)
    log(f"announcements: {len(announcements)} ({states}); read by {portal_user.login}: "
        f"{menv['dealer.announcement.read'].search_count([('user_id', '=', portal_user.id)])}")


# ---------------------------------------------------------------- complaints
def _delivered_order(menv, dealer, before, product):
    """The dealer's latest delivered and invoiced order of the product (else of anything) before a day."""
    domain = [("partner_id", "=", dealer.id), ("state", "=", "sale"), ("date_order", "<", _utc(before, 0)),
              ("invoice_ids.state", "=", "posted")]
    Order = menv["sale.order"]
    return (Order.search(domain + [("order_line.product_id", "=", product.id)], order="date_order desc", limit=1)
            or Order.search(domain, order="date_order desc", limit=1))


def _resolve_by_return(menv, complaint, day):
    """Return picking from the complaint (stock's return wizard), credit note of the returned goods."""
    action = complaint.action_open_return_wizard()
    wizard = menv["stock.return.picking"].with_context(**action["context"]).create({})
    for line in wizard.product_return_moves:
        line.write({"quantity": complaint.product_qty if line.product_id == complaint.product_id else 0.0,
                    "to_refund": True})
    returned = menv["stock.picking"].browse(wizard.action_create_returns()["res_id"])
    _deliver(returned, day)
    order = complaint.sale_order_id
    refund = order._create_invoices(final=True)
    refund.write({"ref": complaint.name, "narration": complaint.description})
    _post_invoice(refund, day)
    complaint._link_refunds(refund)
    _set_off(order.invoice_ids, refund)


def _resolve_by_credit_note(menv, complaint, day):
    """Credit note of the complained goods through the invoice reversal wizard opened from the complaint."""
    action = complaint.action_open_credit_note()
    invoices = menv["account.move"].browse(action["context"]["active_ids"])[:1]
    context = dict(action["context"], active_ids=invoices.ids)
    wizard = menv["account.move.reversal"].with_context(**context).create({
        "date": day, "journal_id": invoices.journal_id.id,  # required: computed only after the insert
    })
    wizard.refund_moves()
    refund = complaint.refund_ids[:1]
    keep = refund.invoice_line_ids.filtered(lambda line: line.product_id == complaint.product_id)[:1]
    refund.write({"invoice_date": day, "invoice_line_ids": [Command.unlink(line.id)
                                                            for line in refund.invoice_line_ids - keep]})
    keep.quantity = complaint.product_qty
    refund.action_post()
    _set_off(invoices, refund)


def _set_off(invoices, refund):
    """Deduct the credit note from an open invoice of the order, if any."""
    invoice = invoices.filtered(lambda m: m.move_type == "out_invoice" and m.payment_state in ("not_paid", "partial"))
    credit_line = refund.line_ids.filtered(lambda line: line.account_type == "asset_receivable" and not line.reconciled)
    if invoice and credit_line:
        invoice[:1].js_assign_outstanding_line(credit_line.id)


def create_complaints(menv, dealers, products, today):
    portal_user = _portal_user(menv)
    by_code = {product.default_code: product for product in products}
    Complaint = menv["dealer.complaint"]
    now = datetime.now().replace(microsecond=0)
    complaints = Complaint.browse()
    for row in R.COMPLAINTS:
        dealer = dealers[row["dealer"]]
        reported = now - timedelta(days=row["days_ago"], hours=2)
        product = by_code[row["product"]]
        order = _delivered_order(menv, dealer, reported.date(), product)
        line = (order.order_line.filtered(lambda sol, p=product: sol.product_id == p)
                or order.order_line.sorted(lambda sol: (-sol.product_uom_qty, sol.id)))[:1]
        vals = {
            "origin": row.get("origin", "dealer"),
            "category_id": menv.ref(f"dealer_management.complaint_category_{row['category']}").id,
            "subject_type": row["subject"], "product_id": line.product_id.id,
            "product_qty": min(row["qty"], line.product_uom_qty), "sale_order_id": order.id,
            "description": row["description"],
        }
        if row.get("customer"):
            vals.update(customer_name=row["customer"][0], customer_phone=row["customer"][1])
        if row.get("by_portal"):  # filed by the dealer's own people on the portal
            as_portal = Complaint.with_user(portal_user)  # the portal route's own path (dealer_portal)
            complaint = as_portal._dealer_portal_create(portal_user._dealer_portal_dealer(), vals).with_env(menv)
        else:
            complaint = Complaint.create(dict(vals, partner_id=dealer.id))
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing" and p.state == "done")[:1]
        complaint.write({"date_reported": reported, "picking_id": picking.id})
        complaints |= complaint
        _advance_complaint(menv, complaint, row, reported, today)
    states = dict(Complaint._read_group([], ["state"], ["__count"]))
    log(f"complaints: {', '.join(f'{s} {c}' for s, c in sorted(states.items()))}; "
        f"{len(complaints.return_picking_ids)} return, {len(complaints.refund_ids)} credit notes, "
        f"{len(complaints.filtered('escalated'))} escalated")


def _advance_complaint(menv, complaint, row, reported, today):
    state = row["state"]
    if state == "new":
        return
    if state == "rejected":
        menv["dealer.complaint.reject.wizard"].create({
            "complaint_ids": [Command.set(complaint.ids)], "reason": row["reject"],
        }).action_confirm()
        return
    complaint.action_start()
    if row.get("escalate"):  # the deadline passed without resolution: what the daily cron does
        complaint._escalate()
    if state == "in_progress":
        return
    resolved = reported + timedelta(hours=row["hours"])
    if row.get("resolve") == "return":  # on the day the sell-out plan counts the goods back
        _resolve_by_return(menv, complaint, PS.complaint_return_day(today, row))
    elif row.get("resolve") == "credit_note":
        _resolve_by_credit_note(menv, complaint, resolved.date())
    complaint.resolution = row["resolution"]
    complaint.action_resolve()
    complaint.date_resolved = resolved
    if state == "closed":
        complaint.action_close()


# ---------------------------------------------------------------- feedback
def create_feedback(menv, dealers, products):
    portal_user = _portal_user(menv)
    Feedback = menv["dealer.feedback"]
    by_code = {product.default_code: product for product in products}
    for row in R.FEEDBACK:
        vals = {"name": row["name"], "feedback_type": row["type"], "description": row["description"]}
        if row.get("product"):
            vals["product_id"] = by_code[row["product"]].id
        if row.get("competitor"):
            vals.update(competitor_name=row["competitor"], competitor_price=row["competitor_price"])
        if row.get("by_portal"):
            as_portal = Feedback.with_user(portal_user)  # the portal route's own path (dealer_portal)
            feedback = as_portal._dealer_portal_create(portal_user._dealer_portal_dealer(), vals).with_env(menv)
        else:
            feedback = Feedback.create(dict(vals, partner_id=dealers[row["dealer"]].id))
        if row["state"] in ("in_progress", "done"):
            feedback.action_start()
        if row.get("response"):
            feedback.response = row["response"]
        if row["state"] == "done":
            feedback.action_done()
        elif row["state"] == "rejected":
            feedback.action_reject()
    states = dict(Feedback._read_group([], ["state"], ["__count"]))
    log(f"market feedback: {', '.join(f'{s} {c}' for s, c in sorted(states.items()))}")


# ---------------------------------------------------------------- trainings
def create_trainings(menv, dealers, grades, today):
    portal_user = _portal_user(menv)
    Event = menv["event.event"]
    training_type = menv.ref("dealer_training.event_type_dealer_training")
    for row in R.TRAININGS:
        first = add_days(today, row["days"])
        name = row["name"].format(year=first.year)
        event = Event.create({
            "name": name, "event_type_id": training_type.id, "dealer_training_topic": row["topic"],
            "dealer_required_grade_ids": [Command.set([grades[code].id for code in row["grades"]])],
            "date_begin": _utc(first, 9), "date_end": _utc(add_days(first, row["duration"] - 1), 17),
            "date_tz": "Asia/Shanghai", "address_id": menv.company.partner_id.id,
            "seats_limited": True, "seats_max": row.get("seats", 40),
            "description": R.TRAINING_DESCRIPTION.format(name=name, location=row["location"]),
            "dealer_portal_published": bool(row.get("portal")),
        })
        event.event_mail_ids.unlink()  # no invitation / reminder mails for the demo's registrations
        people = {key: (portal_user.partner_id if key == "portal" else _contact(dealers[key]))
                  for key in row.get("attended", []) + row.get("absent", []) + row.get("registered", [])}
        registrations = menv["event.registration"].create([
            {"event_id": event.id, "partner_id": person.id, "name": person.name, "email": person.email,
             "phone": person.mobile or person.phone}
            for person in people.values()
        ])
        attendees = [people[key] for key in row.get("attended", [])]
        attended = registrations.filtered(lambda r, persons=attendees: r.partner_id in persons)
        attended.action_set_done()
        if row["days"] < 0:
            event.stage_id = menv.ref("event.event_stage_done")
        else:
            event.stage_id = menv.ref("event.event_stage_announced")
        log(f"training {event.name} ({row['topic']}, {first}): {len(registrations)} registered, "
            f"{len(attended)} attended{', on the portal' if row.get('portal') else ''}")


# ---------------------------------------------------------------- satisfaction survey
def answer_survey(menv, senv, dealers, today):
    """The survey sent to every active dealer; some answered it (their public answers, as superuser)."""
    survey = menv.ref("dealer_satisfaction.survey_dealer_satisfaction")
    survey.action_send_dealer_survey()
    invitations = senv["survey.user_input"].search([("survey_id", "=", survey.id)])
    questions = survey.sudo().question_ids.sorted("sequence")
    lines = []
    done = senv["survey.user_input"].browse()
    for key, (scores, _days_ago) in R.SURVEY_ANSWERS.items():
        answer = invitations.filtered(lambda a, d=dealers[key]: a.partner_id == d)[:1]
        for question, score in zip(questions, scores, strict=True):
            choice = question.suggested_answer_ids.filtered(lambda a, s=score: a.answer_score == s)
            lines.append({"user_input_id": answer.id, "question_id": question.id, "answer_type": "suggestion",
                          "suggested_answer_id": choice.id})
        done |= answer
    senv["survey.user_input.line"].create(lines)
    done._mark_done()
    for key, (_scores, days_ago) in R.SURVEY_ANSWERS.items():
        answer = done.filtered(lambda a, d=dealers[key]: a.partner_id == d)
        answered = _utc(add_days(today, -days_ago), 15, 20)
        answer.write({"start_datetime": answered - timedelta(minutes=6), "end_datetime": answered})
    scores = ", ".join(f"{a.partner_id.name[:4]} {a.scoring_percentage:.0f}%" for a in done)
    log(f"satisfaction survey: sent to {len(invitations)} dealers, {len(done)} answered ({scores})")


def load_relations(menv, senv, dealers, products, grades, territories, today):
    create_announcements(menv, grades, territories, today)
    create_complaints(menv, dealers, products, today)
    create_feedback(menv, dealers, products)
    create_trainings(menv, dealers, grades, today)
    answer_survey(menv, senv, dealers, today)
