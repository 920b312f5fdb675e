"""Demo data of dealer_loyalty: two trade promotions running today and a few orders that used them.

Called from demo.py last (after the assessment and the business reviews, which read the past quarters): the
promotions run from a few days ago to some weeks ahead, so the orders placed under them are today's and no figure of
the planned history moves. One 满减 for the core dealers (an order of ¥100,000 or more takes ¥5,000 off, budget
¥50,000), one 买赠 on a new model for every dealer (buy 5, get 1 free; budget 30 free units). Two core dealers and one
regular dealer ordered under them, confirmed through the dealer checks as every demo order is.
"""
from odoo import Command

from demo_sales import confirm_checked
from demo_util import add_days, log

NEW_MODEL = {"name": "瑞泽 新风变频空调 1.5匹 挂机 KFR-35GW/XF（2025新品）", "default_code": "RZ-AC-35XF",
             "list_price": 3899.0, "standard_price": 2500.0,
             "description_sale": "瑞泽 2025 新品新风空调，全国联保3年。"}
THRESHOLD = {"name": "核心经销商 满10万减5000", "minimum": 100000.0, "discount": 5000.0, "budget": 50000.0,
             "days": (-10, 50)}
BUY_X_GET_Y = {"name": "新品上市 买5赠1（新风空调）", "buy": 5, "free": 1, "budget": 30.0, "days": (-5, 25)}
# the demo orders under them: (grade, how many dealers of it, [(default code, quantity)])
ORDERS = [
    ("CORE", 2, [("RZ-AC-72LW", 18), ("RZ-AC-35GW", 2)]),  # over ¥100,000 at the core dealers' net prices: 满减
    ("REGULAR", 1, [("RZ-AC-35XF", 10)]),  # the 买赠: 2 free units
]


def _new_model(menv, products):
    """The new air conditioner the 买赠 launches, in the air conditioners' category, dealers may order it."""
    Product = menv["product.product"]
    model = Product.search([("default_code", "=", NEW_MODEL["default_code"])], limit=1)
    if model:
        return model
    return Product.create({
        **NEW_MODEL, "type": "consu", "is_storable": True, "invoice_policy": "delivery", "sale_ok": True,
        "dealer_ok": True, "categ_id": products[0].categ_id.id, "taxes_id": [Command.clear()],
    })


def create_programs(menv, grades, new_model, today):
    """The two promotions, dated around today (Odoo's loyalty programs with the dealer limits and budgets)."""
    Program = menv["loyalty.program"]
    threshold = Program.create({
        "name": THRESHOLD["name"], "program_type": "promotion", "trigger": "auto", "applies_on": "current",
        "date_from": add_days(today, THRESHOLD["days"][0]), "date_to": add_days(today, THRESHOLD["days"][1]),
        "dealer_grade_ids": [Command.set(grades["CORE"].ids)],
        "dealer_budget_type": "amount", "dealer_budget": THRESHOLD["budget"],
        "rule_ids": [Command.create({"reward_point_mode": "order", "reward_point_amount": 1,
                                     "minimum_amount": THRESHOLD["minimum"], "minimum_qty": 0})],
        "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "per_order",
                                       "discount": THRESHOLD["discount"], "discount_applicability": "order",
                                       "required_points": 1, "description": "满10万减5000"})],
    })
    bxgy = Program.create({
        "name": BUY_X_GET_Y["name"], "program_type": "buy_x_get_y", "trigger": "auto", "applies_on": "current",
        "date_from": add_days(today, BUY_X_GET_Y["days"][0]), "date_to": add_days(today, BUY_X_GET_Y["days"][1]),
        "dealer_budget_type": "units", "dealer_budget": BUY_X_GET_Y["budget"],
        "rule_ids": [Command.create({"product_ids": [Command.set(new_model.ids)], "reward_point_mode": "unit",
                                     "reward_point_amount": 1, "minimum_qty": BUY_X_GET_Y["buy"]})],
        "reward_ids": [Command.create({"reward_type": "product", "reward_product_id": new_model.id,
                                       "reward_product_qty": BUY_X_GET_Y["free"],
                                       "required_points": BUY_X_GET_Y["buy"]})],
    })
    return threshold | bxgy


def load_promotions(menv, grades, products, manager, today):
    """The promotions and the orders that used them (confirmed through the checks; a failed credit check is
    overridden by the manager, as for the history's orders)."""
    new_model = _new_model(menv, products)
    programs = create_programs(menv, grades, new_model, today)
    by_code = {product.default_code: product for product in products | new_model}
    count = 0
    for grade_code, how_many, lines in ORDERS:
        dealers = menv["res.partner"].search([
            ("is_dealer", "=", True), ("dealer_state", "=", "active"), ("dealer_grade_id", "=", grades[grade_code].id),
            ("parent_dealer_id", "=", False),
        ], order="dealer_code", limit=how_many)
        for dealer in dealers:
            order = menv["sale.order"].create({
                "partner_id": dealer.id, "user_id": manager.id, "partner_shipping_id": dealer.id,
                "client_order_ref": f"PROMO{today:%Y%m%d}-{dealer.dealer_code[-3:]}",
                "order_line": [Command.create({"product_id": by_code[code].id, "product_uom_qty": qty})
                               for code, qty in lines],
            })
            confirm_checked(menv, order, today, None)
            if not order.order_line.filtered("reward_id"):
                raise RuntimeError(f"{order.name} ({dealer.name}) got no promotion")
            count += 1
    log(f"trade promotions: {len(programs)} running, {count} orders under them")
    return programs
