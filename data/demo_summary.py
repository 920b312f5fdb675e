"""Counts per model printed at the end of the demo load."""
from odoo import fields


def _by(env, model, field, domain=()):
    """'state: count, …' of a model grouped by a field."""
    groups = env[model]._read_group(list(domain), [field], ["__count"])
    return ", ".join(f"{value}: {count}" for value, count in sorted(groups, key=lambda g: str(g[0]))) or "0"


def _trade_rows(env):
    Partner = env["res.partner"]
    moves = env["account.move"].search([("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted")])
    fines = env["dealer.violation"].search([]).invoice_id
    invoices = moves.filtered(lambda m: m.move_type == "out_invoice") - fines
    refunds = moves - invoices - fines
    rebate_notes = env["dealer.rebate"].search([]).credit_note_id
    complaint_notes = env["dealer.complaint"].search([]).refund_ids
    today = fields.Date.context_today(env["account.move"])
    unpaid = invoices.filtered(lambda m: m.payment_state in ("not_paid", "partial"))
    overdue = unpaid.filtered(lambda m: m.invoice_date_due < today)
    orders = env["sale.order"]
    return [
        ("dealer.grade", env["dealer.grade"].search_count([])),
        ("dealer.territory", env["dealer.territory"].search_count([])),
        ("res.partner dealers", Partner.search_count([("is_dealer", "=", True)])),
        ("  by status", _by(env, "res.partner", "dealer_state", [("is_dealer", "=", True)])),
        ("  sub-dealers", Partner.search_count([("parent_dealer_id", "!=", False)])),
        ("dealer.grade.history", env["dealer.grade.history"].search_count([])),
        ("dealer.application", _by(env, "dealer.application", "state")),
        ("dealer.termination", env["dealer.termination"].search_count([])),
        ("product.template (storable)", env["product.template"].search_count([("is_storable", "=", True)])),
        ("  with a dealer floor price", env["product.template"].search_count([("dealer_floor_price", ">", 0)])),
        ("sale.order (confirmed)", orders.search_count([("state", "=", "sale")])),
        ("  dealer checks passed", orders.search_count([("state", "=", "sale"), ("dealer_checks_passed", "=", True)])),
        ("  confirmed by manager override", orders.search_count([("dealer_override_user_id", "!=", False)])),
        ("stock.picking (done)", env["stock.picking"].search_count([("state", "=", "done")])),
        ("stock.quant negative (should be 0)", env["stock.quant"].search_count(
            [("location_id.usage", "=", "internal"), ("quantity", "<", 0)])),
        ("customer invoices (sales)", len(invoices)),
        ("  paid / partial / open / overdue", "{} / {} / {} / {}".format(
            len(invoices.filtered(lambda m: m.payment_state in ("paid", "in_payment"))),
            len(unpaid.filtered(lambda m: m.payment_state == "partial")),
            len(unpaid.filtered(lambda m: m.payment_state == "not_paid")),
            len(overdue))),
        ("  invoiced (CNY incl. VAT)", f"{sum(invoices.mapped('amount_total')):,.2f}"),
        ("credit notes", f"{len(refunds)} (returns {len(refunds - rebate_notes - complaint_notes)}, "
                         f"complaints {len(complaint_notes)}, rebates {len(rebate_notes)})"),
        ("fine invoices (violations)", len(fines)),
        ("account.payment", env["account.payment"].search_count([])),
        ("res.users (internal / portal)", "{} / {}".format(
            env["res.users"].search_count([("share", "=", False)]),
            env["res.users"].search_count([("share", "=", True)]))),
    ]


def _dealer_rows(env):
    alerts = dict(env["dealer.stock.report.line"]._read_group(
        [("alert_sent", "!=", False)], ["alert_sent"], ["__count"]))
    registrations = env["event.registration"].search([("event_id.is_dealer_training", "=", True)])
    answers = env["survey.user_input"].search([("survey_id.is_dealer_satisfaction", "=", True)])
    return [
        ("dealer.contract", _by(env, "dealer.contract", "state")),
        ("  versions > 1 / renewals", "{} / {}".format(
            env["dealer.contract"].search_count([("version", ">", 1)]),
            env["dealer.contract"].search_count([("renewal_of_id", "!=", False)]))),
        ("dealer.contract.target", env["dealer.contract.target"].search_count([])),
        ("dealer.contract.target.adjustment", env["dealer.contract.target.adjustment"].search_count([])),
        ("dealer.contract.rebate.tier", env["dealer.contract.rebate.tier"].search_count([])),
        ("dealer.violation", _by(env, "dealer.violation", "state")),
        ("dealer.rebate", _by(env, "dealer.rebate", "state")),
        ("dealer.price.adjustment", _by(env, "dealer.price.adjustment", "state")),
        ("dealer.stock.report", _by(env, "dealer.stock.report", "state")),
        ("  alerts overstock / stock-out", "{} / {}".format(alerts.get("overstock", 0),
                                                            alerts.get("stockout_risk", 0))),
        ("dealer.announcement", _by(env, "dealer.announcement", "state")),
        ("dealer.announcement.read", env["dealer.announcement.read"].search_count([])),
        ("dealer.complaint", _by(env, "dealer.complaint", "state")),
        ("dealer.feedback", _by(env, "dealer.feedback", "state")),
        ("event.event dealer trainings", env["event.event"].search_count([("is_dealer_training", "=", True)])),
        ("  registrations / attended", "{} / {}".format(
            len(registrations), len(registrations.filtered(lambda r: r.state == "done")))),
        ("survey.user_input satisfaction", "{} sent, {} completed".format(
            len(answers), len(answers.filtered(lambda a: a.state == "done")))),
    ]


def _optional_rows(env):
    """Counts of the optional addons' models the story relies on (targets answered, retail sales)."""
    rows = []
    if "dealer.target.acknowledgement" in env:
        rows.append(("dealer.target.acknowledgement", _by(env, "dealer.target.acknowledgement", "decision")))
    if "dealer.sellout" in env:
        sold = env["dealer.sellout"]._read_group([("state", "=", "confirmed")], [], ["quantity:sum"])[0][0]
        rows.append(("dealer.sellout", _by(env, "dealer.sellout", "state")))
        rows.append(("  units sold (confirmed)", f"{sold or 0:,.0f}"))
    return rows


def _assessment_rows(env):
    return [
        ("dealer.assessment.template", env["dealer.assessment.template"].search_count([])),
        ("dealer.assessment", _by(env, "dealer.assessment", "state")),
        ("dealer.scorecard ratings", _by(env, "dealer.scorecard", "rating")),
        ("dealer.assessment.proposal", _by(env, "dealer.assessment.proposal", "state")),
        ("dealer.correction.plan", _by(env, "dealer.correction.plan", "state")),
        ("  actions by status", _by(env, "dealer.correction.plan.line", "status")),
    ]


def summary(env):
    """Counts per model, printed at the end of the load."""
    print("\n  Demo data summary")
    for label, value in _trade_rows(env) + _dealer_rows(env) + _optional_rows(env) + _assessment_rows(env):
        print(f"    {label:<36} {value}")
    print(flush=True)
