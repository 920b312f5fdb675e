"""SQL queries of one /my/dealer dashboard render, for a dealer with 10 and with 10,000 past orders.

Run inside an Odoo shell on a fresh database with dealer_portal installed (``make bench ONLY=dashboard``, or):

    python3 scripts/harness.py pg-start
    python3 -m odoo -c .local/odoo.conf -d dealer_bench -i dealer_portal --without-demo=all --stop-after-init
    python3 -m odoo shell -c .local/odoo.conf -d dealer_bench --no-http < bench/bench_portal_dashboard_queries.py

Builds one active dealer with an owner, an active contract with monthly targets and BENCH_ORDERS (10,000)
confirmed orders: one through the ORM, the others as SQL copies of it (bulk insert).
A render is what the /my/dealer route does for the owner: the figures
(res.partner._dealer_portal_dashboard, as the portal user) and the dashboard's template
(dealer_portal.portal_dealer_dashboard_body); the page layout around it (menus, portal header) does not depend on
the dealer's history and is not rendered here, since an Odoo shell has no HTTP request. Each count follows a warm-up
render, so that both counts have the same cached templates and rules. The same comparison runs over HTTP, with the
layout, in tests/test_portal_pages.py (10 and 200 orders). Prints figures, asserts nothing; everything is rolled
back at the end.
"""
import os
from datetime import timedelta

from odoo import Command, fields
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import period_bounds

env = globals()["env"]  # provided by `odoo shell`
ORDERS = int(os.environ.get("BENCH_ORDERS", "10000"))
BATCH = 1000


def say(message):
    print(f"[bench] {message}", flush=True)


def build():
    """A dealer with an owner, an active contract over this quarter with monthly targets, a service product."""
    grade = env["dealer.grade"].create({
        "name": "Bench dashboard grade", "code": "BENCHD", "check_contract": False, "check_floor_price": False,
        "check_credit": False, "check_territory": False,
    })
    dealer = env["res.partner"].create({
        "name": "Bench dashboard dealer", "is_company": True, "is_dealer": True, "dealer_grade_id": grade.id,
    })
    dealer._dealer_set_state("active")
    contact = env["res.partner"].create({"name": "Bench owner", "parent_id": dealer.id, "dealer_portal_role": "owner"})
    owner = env["res.users"].with_context(no_reset_password=True).create({
        "login": "bench_dashboard_owner", "partner_id": contact.id,
        "groups_id": [Command.set(env.ref("base.group_portal").ids)],
    })
    today = fields.Date.context_today(owner)
    start, end = period_bounds(today, "quarter")
    contract = env["dealer.contract"].create({
        "partner_id": dealer.id, "date_start": start, "date_end": end,
        "target_ids": [Command.create({
            "period_type": "month", "date_start": month_start, "date_end": period_bounds(month_start, "month")[1],
            "amount": 10000.0,
        }) for month_start in (start, period_bounds(start + timedelta(days=32), "month")[0],
                               period_bounds(start + timedelta(days=63), "month")[0])],
    })
    contract.action_activate()
    product = env["product.product"].create({"name": "Bench dashboard service", "type": "service", "list_price": 10.0})
    return dealer, owner, product


def _columns(table):
    """The columns of `table` but its id."""
    env.cr.execute(SQL(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'", table,
    ))
    return [row[0] for row in env.cr.fetchall()]


def create_orders(template, count):
    """`count` copies of the confirmed order `template` (and of its lines), inserted in bulk by SQL.

    Creating 10,000 orders through the ORM takes many minutes; the dashboard only reads them, so copies of one
    order made through the ORM (all columns but the id, a new name) stand for the dealer's history.
    """
    env.flush_all()
    columns = _columns("sale_order")
    values = [SQL("%s || '-' || g", SQL.identifier(c)) if c == "name" else SQL.identifier(c) for c in columns]
    env.cr.execute(SQL(
        "INSERT INTO sale_order (%s) SELECT %s FROM sale_order, generate_series(1, %s) g WHERE id = %s RETURNING id",
        SQL(", ").join(map(SQL.identifier, columns)), SQL(", ").join(values), count, template.id,
    ))
    order_ids = [row[0] for row in env.cr.fetchall()]
    columns = _columns("sale_order_line")
    values = [SQL("o.id") if c == "order_id" else SQL.identifier("l", c) for c in columns]
    env.cr.execute(SQL(
        "INSERT INTO sale_order_line (%s) SELECT %s FROM sale_order_line l, unnest(%s::int[]) o(id) "
        "WHERE l.order_id = %s",
        SQL(", ").join(map(SQL.identifier, columns)), SQL(", ").join(values), order_ids, template.id,
    ))
    env.invalidate_all()


def render_queries(dealer, owner):
    """Queries of one dashboard render for the owner (figures + template), after a warm-up render."""
    as_owner = env(user=owner)
    company = owner.company_id
    day = fields.Date.context_today(owner)

    def render():
        as_owner.invalidate_all()
        values = as_owner["res.partner"].browse(dealer.id)._dealer_portal_dashboard(company, day, full=True)
        return as_owner["ir.qweb"]._render("dealer_portal.portal_dealer_dashboard_body", values)

    render()
    before = env.cr.sql_log_count
    html = render()
    assert "o_dealer_credit" in html
    return env.cr.sql_log_count - before


dealer, owner, product = build()
template = env["sale.order"].create({
    "partner_id": dealer.id, "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1.0})],
})
template.action_confirm()
create_orders(template, 9)
count_10 = render_queries(dealer, owner)
create_orders(template, ORDERS - 10)
count_many = render_queries(dealer, owner)
say(f"/my/dealer dashboard render: {count_10} SQL queries with 10 past orders, "
    f"{count_many} with {ORDERS} past orders")
env.cr.rollback()
