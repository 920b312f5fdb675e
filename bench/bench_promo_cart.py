"""A portal cart of 50 lines priced and submitted, with three promotions open to the dealer and without any.

Run inside an Odoo shell on a fresh database with dealer_portal_loyalty installed (``make bench ONLY=promo_cart``,
or):

    python3 scripts/harness.py pg-start
    python3 -m odoo -c .local/odoo.conf -d dealer_bench -i dealer_portal_loyalty --without-demo=all --stop-after-init
    python3 -m odoo shell -c .local/odoo.conf -d dealer_bench --no-http < bench/bench_promo_cart.py

Two dealers of two grades, each with a portal user and the same 50-line cart (the same products, quantities and
prices); three promotions are open to the first grade only: a 满减 on the order, a 买赠 on one product and a 5 %
discount on ten products (two of them with a budget). One round, as each dealer's portal user: price the cart as
/my/cart does (its lines at the dealer's prices, plus, when a promotion is open to the dealer, the cart's quotation
with its promotions applied) and submit it (``sale.order._dealer_portal_submit``: the order, or the cart's quotation
taken over with its promotions' pass run again as in a new request, the dealer checks and the confirmation).
BENCH_ROUNDS (20) rounds, interleaved, after one warm-up round each: per side and per part (the cart's prices, the
cart's quotation with its promotions, the submission) wall time, CPU time of this process and SQL queries, and the
ratios of the totals (goal ≤ 1.5×). BENCH_PROFILE=1 also prints a cProfile of one round with the promotions. Prints
figures, asserts nothing; everything is rolled back at the end.
"""
import contextlib
import os
import sys

from odoo import Command

sys.path[:0] = [os.path.join(os.getcwd(), "bench", "lib")]

from dealer_bench.meter import Meter, profile  # noqa: E402  (bench/lib is on the path from here)

env = globals()["env"]  # provided by `odoo shell`
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
LINES = 50


def say(message):
    print(f"[bench] {message}", flush=True)


def build():
    """The two grades and dealers (checks on but the contract's, portal orders confirmed), products, programs.

    The database's own programs (a demo database's promotions) are archived for the run: only these three count.
    """
    env["loyalty.program"].search([]).write({"active": False})
    products = env["product.product"].create([{
        "name": f"Bench promo product {index}", "type": "consu", "list_price": 100.0 + index,
        "dealer_floor_price": 60.0, "taxes_id": [Command.clear()], "dealer_ok": True, "sale_ok": True,
    } for index in range(LINES)])
    grades = env["dealer.grade"].create([{
        "name": f"Bench promo grade {code}", "code": code, "check_contract": False, "check_territory": False,
        "check_credit": True, "check_floor_price": True, "portal_auto_confirm": True,
    } for code in ("BENCHP", "BENCHN")])
    users = env["res.users"]
    dealers = env["res.partner"]
    for grade in grades:
        dealer = env["res.partner"].create({
            "name": f"Bench promo dealer {grade.code}", "is_company": True, "is_dealer": True,
            "dealer_grade_id": grade.id,
        })
        dealer._dealer_set_state("active")
        dealer.with_company(env.company).credit_limit = 1e9
        contact = env["res.partner"].create({"name": f"Bench buyer {grade.code}", "parent_id": dealer.id})
        users |= env["res.users"].with_context(no_reset_password=True).create({
            "login": f"bench_promo_{grade.code.lower()}", "partner_id": contact.id,
            "groups_id": [Command.set(env.ref("base.group_portal").ids)],
        })
        dealers |= dealer
    open_to = {"dealer_grade_ids": [Command.set(grades[0].ids)]}
    env["loyalty.program"].create([{
        "name": "Bench 满减", "program_type": "promotion", "trigger": "auto", "applies_on": "current",
        "dealer_budget": 1e9, **open_to,
        "rule_ids": [Command.create({"reward_point_mode": "order", "minimum_amount": 1000.0, "minimum_qty": 0})],
        "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "per_order", "discount": 200.0,
                                       "discount_applicability": "order", "required_points": 1})],
    }, {
        "name": "Bench 买赠", "program_type": "buy_x_get_y", "trigger": "auto", "applies_on": "current",
        "dealer_budget_type": "units", "dealer_budget": 1e9, **open_to,
        "rule_ids": [Command.create({"product_ids": [Command.set(products[0].ids)], "reward_point_mode": "unit",
                                     "minimum_qty": 2})],
        "reward_ids": [Command.create({"reward_type": "product", "reward_product_id": products[0].id,
                                       "required_points": 2})],
    }, {
        "name": "Bench 5% on ten products", "program_type": "promotion", "trigger": "auto", "applies_on": "current",
        **open_to,
        "rule_ids": [Command.create({"product_ids": [Command.set(products[:10].ids)], "reward_point_mode": "order",
                                     "minimum_qty": 1})],
        "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "percent", "discount": 5.0,
                                       "discount_applicability": "specific",
                                       "discount_product_ids": [Command.set(products[:10].ids)],
                                       "required_points": 1})],
    }])
    cart = {product.id: 4.0 for product in products}
    return list(zip(users, dealers, strict=True)), cart


def price_and_submit(user, dealer, cart, meters=None):
    """What /my/cart then /my/cart/submit do for the cart, as the portal user (in a savepoint rolled back).

    ``meters``: {part: Meter} measuring the cart's prices, its promotions' preview and the submission apart."""
    meters = meters or {}
    Catalog = env["dealer.portal.catalog"].with_user(user)
    Order = env["sale.order"].with_user(user)

    def part(name):
        return meters[name].measure(env) if name in meters else contextlib.nullcontext()

    savepoint = env.cr.savepoint()  # the round's cart quotation and order, rolled back together
    with part("cart"):
        Catalog._dealer_cart_lines(dealer, cart)
    preview = None
    with part("preview"):
        if Catalog._dealer_open_programs(dealer).filtered(lambda program: program.trigger == "auto"):
            preview = Order._dealer_portal_promotion_preview(dealer, cart)
    # the submission comes in another request, another transaction: the promotions' pass of the cart page does not
    # hold for it (the fingerprint of a pass is of its transaction), as if the page had been committed
    env.flush_all()
    env.cr.execute("UPDATE sale_order SET dealer_promotion_fingerprint = NULL"
                   " WHERE dealer_portal_cart_key IS NOT NULL")
    env.invalidate_all()
    with part("submit"):
        order = Order._dealer_portal_submit(dealer, cart)
        state, rewards = order.state, len(order.order_line.filtered("reward_id"))
        env.flush_all()
    savepoint.close(rollback=True)
    env.invalidate_all()
    return state, rewards, preview


def main():
    (with_programs, without_programs), cart = build()
    env.flush_all()
    for user, dealer in (with_programs, without_programs):  # warm-up: templates, rules, caches
        state, rewards, preview = price_and_submit(user, dealer, cart)
        say(f"{dealer.name}: order {state}, {rewards} reward lines, cart preview "
            f"{'saves %.2f' % preview['saving'] if preview else 'not needed (no promotion open)'}")
    if os.environ.get("BENCH_PROFILE"):  # where the time of one round with the promotions goes
        _result, text = profile(lambda: price_and_submit(*with_programs, cart), top=40,
                               dump=os.environ.get("BENCH_PROFILE_DUMP"))
        say(f"cProfile of one round with the promotions (cumulative):\n{text}")
    sides = {key: {name: Meter(f"{label} {name}") for name in ("cart", "preview", "submit", "total")}
             for key, label in ((True, "with three promotions:"), (False, "without promotions:   "))}
    for _round in range(ROUNDS):  # interleaved: with, without, with, ... so that both sides see the same load
        for key, (user, dealer) in ((True, with_programs), (False, without_programs)):
            with sides[key]["total"].measure(env):
                price_and_submit(user, dealer, cart, sides[key])
    say(f"cart of {LINES} lines priced and submitted, {ROUNDS} interleaved rounds, per round:")
    for key in (True, False):
        for meter in sides[key].values():
            say(f"  {meter.line()}")
    wall, cpu, queries = sides[True]["total"].ratio(sides[False]["total"])
    say(f"ratio with / without: wall {wall:.2f}, CPU {cpu:.2f}, queries {queries:.2f} (goal <= 1.5)")


try:
    main()
finally:
    env.cr.rollback()
