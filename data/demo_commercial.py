"""Commercial follow-up of the demo after the sales history: violations (with a fine invoice), rebates of the last
quarter (one settled by credit note, one draft), a price adjustment scheduled for next month and the dealers'
channel stock reports with their overstock / stock-out alerts (loaded by demo.py after the complaints, whose goods
sent back they count).

Runs as the Dealer Manager (`menv`) through the addon's own methods and wizards.
"""
from datetime import date

from odoo import Command

from odoo.addons.dealer_management.tools.period import previous_period

import demo_plan as P
import demo_plan_sellout as PS
import demo_tables_commercial as C
from demo_util import add_days, log, tiny_pdf

STATE_ACTIONS = {"confirmed": ("action_confirm",), "closed": ("action_confirm", "action_close"),
                 "cancelled": ("action_cancel",), "draft": ()}


# ---------------------------------------------------------------- violations
def _fine_invoice(menv, violation, day):
    """Invoice the fine of a confirmed violation and post the invoice on `day`."""
    action = violation.action_invoice_fine()
    invoice = menv["account.move"].browse(action.get("res_id") or violation.invoice_id.id)
    invoice.write({"invoice_date": day})
    invoice.action_post()
    return invoice


def _describe(menv, violation):
    """The violation of an overridden order described in Chinese from the order itself."""
    order = violation.sale_order_id
    values = {"order": order.name, "manager": order.dealer_override_user_id.name,
              "reason": order.dealer_override_reason}
    if violation.violation_type == "price":
        line = order.order_line.filtered(
            lambda sol: sol.price_unit * (1 - sol.discount / 100) < sol.product_id.dealer_floor_price)[:1]
        values.update(product=line.product_id.name, price=line.price_unit * (1 - line.discount / 100),
                      floor=line.product_id.dealer_floor_price)
    else:
        shipping = order.partner_shipping_id
        values.update(address=f"{shipping.state_id.name}{shipping.city}{shipping.street}",
                      territory=menv["dealer.territory"]._find_for_address(shipping).complete_name,
                      own="、".join(violation.partner_id.dealer_territory_ids.mapped("complete_name")))
    return C.OVERRIDE_VIOLATION_TEXT[violation.violation_type].format(**values)


def process_violations(menv, dealers, today):
    """Follow up the violations of the overridden orders and register the ones found by inspection."""
    Violation = menv["dealer.violation"]
    fines = 0
    for key, (state, points, note) in C.OVERRIDE_VIOLATION_OUTCOME.items():
        violations = Violation.search([("partner_id", "=", dealers[key].id), ("sale_order_id", "!=", False)])
        for violation in violations:
            violation.write({"points": points, "description": _describe(menv, violation)})
            violation.message_post(body=note)
            if state == "closed":
                violation.action_confirm()
                _fine_invoice(menv, violation, add_days(violation.date, 12))
                fines += 1
                violation.action_close()
            else:
                for method in STATE_ACTIONS[state]:
                    getattr(violation, method)()
    for row in C.MANUAL_VIOLATIONS:
        day = add_days(today, -row["days_ago"])
        violation = Violation.create({
            "partner_id": dealers[row["dealer"]].id, "violation_type": row["type"], "date": day,
            "description": row["description"], "points": row["points"],
        })
        if row.get("fine"):
            violation.fine_amount = row["fine"]
        if row.get("evidence"):
            violation.attachment_ids = [Command.create({
                "name": f"{row['evidence']}.pdf", "raw": tiny_pdf(row["evidence"]), "mimetype": "application/pdf",
            })]
        for method in STATE_ACTIONS[row["state"]]:
            getattr(violation, method)()
    states = dict(Violation._read_group([], ["state"], ["__count"]))
    log(f"violations: {', '.join(f'{state} {count}' for state, count in sorted(states.items()))}; "
        f"{fines} fine invoiced")


# ---------------------------------------------------------------- rebates
def last_quarter(today):
    """First and last day of the quarter before today's."""
    return previous_period(today, "quarter")


def create_rebates(menv, contracts, today):
    """Last quarter's rebates of every active contract through the generate wizard, computed and left in draft
    for review (the assessment's rewards are added to them); one settled by credit note, one with a bonus."""
    date_from, date_to = last_quarter(today)
    wizard = menv["dealer.rebate.generate.wizard"].create({"date_from": date_from, "date_to": date_to})
    action = wizard.action_generate()  # the wizard's contracts: every active one over the quarter
    rebates = menv["dealer.rebate"].search(action["domain"])
    log(f"rebates {date_from} – {date_to}: {len(rebates)} computed, total {sum(rebates.mapped('total_amount')):,.2f}")
    for row in C.REBATES:
        rebate = rebates.filtered(lambda r, key=row["dealer"]: r.contract_id == contracts[key])
        rebate.note = row["note"]
        if row.get("bonus"):
            rebate._add_adjustment_line("bonus", *row["bonus"])
        if row["state"] == "settled":
            rebate.action_confirm()
            rebate.action_settle()
        log(f"rebate {rebate.name} {rebate.partner_id.name} {date_from} – {date_to}: net {rebate.net_sales:,.2f}, "
            f"achievement {rebate.achievement_percent:.1f}%, total {rebate.total_amount:,.2f} ({rebate.state}"
            f"{', ' + rebate.credit_note_id.name if rebate.credit_note_id else ''})")


# ---------------------------------------------------------------- price adjustment
def schedule_price_adjustment(menv, grades, products, today):
    """New core-grade prices from the first day of next month, dealers notified."""
    data = C.PRICE_ADJUSTMENT
    effective = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    grade_recs = menv["dealer.grade"].browse([grades[code].id for code in data["grades"]])
    pricelist = grade_recs[:1].pricelist_id
    by_code = {product.default_code: product for product in products}
    lines = []
    for code in data["products"]:
        template = by_code[code].product_tmpl_id
        new_price = round(pricelist._get_product_price(template, 1.0) * (1 + data["increase"]))
        lines.append(Command.create({"product_tmpl_id": template.id, "new_price": new_price}))
    adjustment = menv["dealer.price.adjustment"].create({
        "grade_ids": [Command.set(grade_recs.ids)], "date_effective": effective, "reason": data["reason"],
        "line_ids": lines,
    })
    # the dealers' notification mails are queued for the mail cron (sent at once, they fail without SMTP)
    adjustment.with_context(mail_notify_force_send=False).action_confirm()
    log(f"price adjustment {adjustment.name}: {adjustment.state} from {effective}, "
        f"{adjustment.notified_count} dealers notified")
    return adjustment


# ---------------------------------------------------------------- channel stock
def create_stock_reports(menv, dealers, products, today):
    """The reporting dealers' stock counts at each month's end and today (demo_plan_sellout: the stock derived from
    deliveries, returns and retail sales, give or take a unit), validated; the latest ones raise the planned
    overstock / stock-out alerts, to-dos of the salesperson."""
    plan = P.plan_history(today)
    counts = PS.plan_sellout(plan).counts
    by_code = {product.default_code: product for product in products}
    reports = menv["dealer.stock.report"].create([{
        "partner_id": dealers[count.key].id, "date": count.day,
        "note": C.STOCK_REPORT_NOTE if count.day.month != add_days(count.day, 1).month else C.STOCK_REPORT_NOTE_TODAY,
        "line_ids": [Command.create({"product_id": by_code[code].id, "quantity": quantity})
                     for code, quantity in sorted(count.quantities.items())],
    } for count in counts])
    reports.action_submit()
    reports.action_validate()
    latest = reports.browse([report.id for report, count in zip(reports, counts, strict=True) if count.latest])
    latest.action_check_stock_alerts()
    raised = {(line.report_id.partner_id.id, line.product_id.default_code): line.alert_sent
              for line in latest.line_ids if line.alert_sent}
    planned = {(dealers[count.key].id, code): kind for count in counts if count.latest
               for code, kind in count.alerts.items()}
    if raised != planned:
        raise RuntimeError(f"the stock counts raise the alerts {raised}, the plan said {planned}")
    alerts = list(raised.values())
    log(f"channel stock reports: {len(reports)} validated ({len(reports.line_ids)} lines) of "
        f"{len(latest)} dealers; alerts: {alerts.count('overstock')} overstock, "
        f"{alerts.count('stockout_risk')} stock-out risk")


def load_commercial(menv, dealers, products, contracts, grades, today):
    process_violations(menv, dealers, today)
    create_rebates(menv, contracts, today)
    schedule_price_adjustment(menv, grades, products, today)
