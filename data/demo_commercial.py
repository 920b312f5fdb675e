"""Commercial follow-up of the demo after the sales history: violations (with a fine invoice), rebates of the last
quarter (one settled by credit note, one draft), a price adjustment scheduled for next month and the dealers'
channel stock reports with their overstock / stock-out alerts.

Runs as the Dealer Manager (`menv`) through the addon's own methods and wizards.
"""
from datetime import date

from odoo import Command

from odoo.addons.dealer_management.models.dealer_period import previous_period

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
    """Last quarter's rebates of two dealers through the generate wizard: one settled, one left in draft."""
    date_from, date_to = last_quarter(today)
    wizard = menv["dealer.rebate.generate.wizard"].create({"date_from": date_from, "date_to": date_to})
    wizard.contract_ids = [Command.set([contracts[row["dealer"]].id for row in C.REBATES])]
    action = wizard.action_generate()
    rebates = menv["dealer.rebate"].search(action["domain"])
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
def _reported_quantities(report, figures, pattern):
    """Quantities the dealer holds: most products covered 1-2 months; one overstocked, one about to run out."""
    rows = {product_id: row for (report_id, product_id), row in figures.items() if report_id == report.id}
    recent = sorted((pid for pid, row in rows.items() if row["delivered_90d"] > 0),
                    key=lambda pid: (rows[pid]["delivered_90d"], pid))
    stockout = recent[-1] if pattern in (0, 2) and recent else None
    overstock = recent[0] if pattern in (0, 1) and len(recent) > 1 else None
    quantities = {}
    for index, (product_id, row) in enumerate(sorted(rows.items())):
        delivered_90d, delivered = row["delivered_90d"], row["delivered_qty"]
        if product_id == stockout:
            quantity = int(delivered_90d * 0.08)
        elif product_id == overstock:
            quantity = int(delivered_90d * 1.3) + 2
        elif delivered_90d > 0:
            quantity = round(delivered_90d * (0.3 + 0.1 * (index % 5)))
        else:
            quantity = round(delivered * 0.2)
        quantities[product_id] = quantity
    return quantities


def create_stock_reports(menv, dealers, products, today):
    """Stock reports of several dealers, validated; the alerts become to-dos of the salesperson."""
    Report = menv["dealer.stock.report"]
    Analysis = menv["dealer.stock.analysis"]
    day = add_days(today, -C.STOCK_REPORT_DAYS_AGO)
    reports = Report.browse()
    for key in C.STOCK_REPORT_DEALERS:
        dealer = dealers[key]
        bought = menv["sale.order.line"].search([
            ("order_id.partner_id", "=", dealer.id), ("order_id.state", "=", "sale")]).product_id
        reports |= Report.create({
            "partner_id": dealer.id, "date": day, "note": C.STOCK_REPORT_NOTE,
            "line_ids": [Command.create({"product_id": product.id, "quantity": 0.0})
                         for product in products if product in bought],
        })
    figures = Analysis._figures_for_reports(reports)
    for pattern, report in enumerate(reports):
        quantities = _reported_quantities(report, figures, pattern % 3)
        for line in report.line_ids:
            line.quantity = quantities.get(line.product_id.id, 0)
    reports.action_submit()
    reports.action_validate()
    reports.action_check_stock_alerts()
    alerts = dict(menv["dealer.stock.report.line"]._read_group(
        [("report_id", "in", reports.ids), ("alert_sent", "!=", False)], ["alert_sent"], ["__count"]))
    log(f"channel stock reports: {len(reports)} validated ({sum(len(r.line_ids) for r in reports)} lines); "
        f"alerts: {alerts.get('overstock', 0)} overstock, {alerts.get('stockout_risk', 0)} stock-out risk")


def load_commercial(menv, dealers, products, contracts, grades, today):
    process_violations(menv, dealers, today)
    create_rebates(menv, contracts, today)
    schedule_price_adjustment(menv, grades, products, today)
    create_stock_reports(menv, dealers, products, today)
