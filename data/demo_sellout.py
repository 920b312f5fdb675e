"""Demo data of dealer_sellout: vehicles with VINs delivered to dealers through real pickings, their retail sales
(one 窜货 and one below-price case detected, one serial sold by a dealer it was not delivered to), an import batch
left in draft and the dealers' order forecasts. Loaded by demo.py when dealer_sellout is installed."""
from dateutil.relativedelta import relativedelta

from odoo import Command

import demo_plan as P
import demo_plan_sellout as PS
from demo_util import add_days, log

VEHICLE = {"name": "瑞泽E5 纯电动轿车", "default_code": "RZ-E5", "list_price": 128000.0, "standard_price": 96000.0,
           "dealer_min_retail_price": 149800.0}
VEHICLE_CATEGORY = "新能源汽车"  # its after-sales parts (demo_service) in a child category
VIN_PREFIX = "LRZE5A2R"  # 17 characters with the 9-digit sequence
DELIVERED_DAYS_AGO = 60  # before the first retail sale
# dealer key: number of vehicles delivered
DELIVERIES = {"D01": 6, "D06": 3, "D08": 3}
# dealer key, VIN index of the delivered list (dealer key, n), price, customer, province, city, street, days ago
SELLOUTS = [
    ("D01", ("D01", 0), 158000.0, "王建军", "ZJ", "杭州市", "西湖区文三路90号", 40),
    ("D01", ("D01", 1), 155800.0, "刘芳", "ZJ", "杭州市", "滨江区江南大道588号", 25),
    # 窜货: 瑞丰 (杭州) sells to a customer in 宁波, the exclusive territory of 甬达
    ("D01", ("D01", 2), 156000.0, "陈志明", "ZJ", "宁波市", "鄞州区天童南路1号", 18),
    # 乱价: 甬达 sells below the minimum retail price of 149,800
    ("D06", ("D06", 0), 139900.0, "张丽", "ZJ", "宁波市", "海曙区中山西路12号", 12),
    # goods of another dealer: 姑苏 sells a VIN delivered to 瑞丰
    ("D08", ("D01", 3), 152000.0, "周强", "JS", "苏州市", "工业园区星湖街218号", 8),
    # sub-dealer: 瓯信 (温州, distributor 瑞丰) sells a VIN of its distributor
    ("D07", ("D01", 4), 153500.0, "郑海燕", "ZJ", "温州市", "鹿城区人民路66号", 5),
]


# the dealers' monthly retail sales of the appliances (demo_plan_sellout): one line per product and month
MONTHLY_CUSTOMER = "门店零售（{day:%Y年%m月}汇总）"
PROJECT_CUSTOMER = "楼盘精装房项目（开发商集采）"


def load_sellout_history(menv, dealers, products, orders, today):
    """The dealers' retail sales of the history planned by demo_plan_sellout, confirmed as the Dealer Manager: each
    month most of what was delivered, and the group purchase sold on to its project (its delivered quantities).

    Loaded right after the sales history, while every trading dealer is still active (a suspended or terminated
    dealer's retail sales are refused). One create and one confirmation for all the lines.
    """
    plan = P.plan_history(today)
    sellout_plan = PS.plan_sellout(plan)
    problems = PS.sellout_problems(plan, sellout_plan)
    if problems:
        raise RuntimeError("the sell-out planned for {} breaks the demo:\n{}".format(today, "\n".join(problems)))
    by_code = {product.default_code: product for product in products}
    vals_list = []
    for sellout in sellout_plan.sellouts:
        dealer = dealers[sellout.key]
        quantity = sellout.qty
        if sellout.project:  # the group purchase as delivered (sized over the credit limit at the load)
            order = orders[sellout.project.key, sellout.project.index]
            quantity = sum(order.order_line.filtered(
                lambda line, code=sellout.code: line.product_id.default_code == code).mapped("qty_delivered"))
        vals_list.append({
            "dealer_id": dealer.id, "product_id": by_code[sellout.code].id, "quantity": quantity,
            "price_unit": sellout.price, "date": sellout.day,
            "customer_name": PROJECT_CUSTOMER if sellout.project else MONTHLY_CUSTOMER.format(day=sellout.day),
            "customer_state_id": dealer.state_id.id, "customer_city": dealer.city,
        })
    Sellout = menv["dealer.sellout"].with_context(tracking_disable=True, mail_create_nolog=True)
    sellouts = Sellout.create(vals_list)
    sellouts.action_confirm()
    if sellouts.violation_ids:
        raise RuntimeError(f"the planned retail sales raise violations: {sellouts.violation_ids.mapped('description')}")
    delivered = sum(qty for order in plan.orders for _code, qty in order.lines)
    log(f"sell-out history: {len(sellouts)} monthly retail sales of {len(set(sellouts.dealer_id.ids))} dealers, "
        f"{sum(sellouts.mapped('quantity')):,.0f} units sold of {delivered:,} delivered as planned")
    return sellouts


def _vin(n):
    return f"{VIN_PREFIX}{n:09d}"


def _vehicle(senv):
    categ = senv["product.category"].create({"name": VEHICLE_CATEGORY,
                                             "parent_id": senv.ref("product.product_category_all").id})
    template = senv["product.template"].create({
        **VEHICLE, "type": "consu", "is_storable": True, "tracking": "serial", "invoice_policy": "delivery",
        "categ_id": categ.id, "sale_ok": True, "dealer_ok": True, "purchase_ok": True,
        "description_sale": "瑞泽E5 纯电动轿车，整车质保3年或10万公里，三电系统质保8年。",
    })
    return template.product_variant_id


def _stock(senv, vehicle, count, day):
    """`count` VINs in the main warehouse (an inventory count per serial, dated `day`)."""
    warehouse = senv["stock.warehouse"].search([("company_id", "=", senv.company.id)], limit=1)
    lots = senv["stock.lot"].create([{"name": _vin(n), "product_id": vehicle.id} for n in range(1, count + 1)])
    Quant = senv["stock.quant"].with_context(inventory_mode=True)
    Quant.create([{"product_id": vehicle.id, "location_id": warehouse.lot_stock_id.id, "lot_id": lot.id,
                   "inventory_quantity": 1} for lot in lots]).action_apply_inventory()
    moves = senv["stock.move"].search([("is_inventory", "=", True), ("product_id", "=", vehicle.id)])
    moves.write({"date": day})
    moves.move_line_ids.write({"date": day})
    return warehouse, lots


def _deliver(senv, warehouse, dealer, lots, day):
    """A delivery of `lots` to `dealer` on `day`, validated with those VINs."""
    vehicle = lots.product_id
    source, destination = warehouse.lot_stock_id, senv.ref("stock.stock_location_customers")
    picking = senv["stock.picking"].create({
        "picking_type_id": warehouse.out_type_id.id, "partner_id": dealer.id,
        "location_id": source.id, "location_dest_id": destination.id,
        "move_ids": [Command.create({
            "name": vehicle.name, "product_id": vehicle.id, "product_uom_qty": len(lots),
            "product_uom": vehicle.uom_id.id, "location_id": source.id, "location_dest_id": destination.id,
        })],
    })
    picking.action_confirm()
    move = picking.move_ids
    move.move_line_ids.unlink()
    move.write({"move_line_ids": [Command.create({
        "product_id": vehicle.id, "lot_id": lot.id, "quantity": 1, "product_uom_id": vehicle.uom_id.id,
        "location_id": source.id, "location_dest_id": destination.id, "picking_id": picking.id,
    }) for lot in lots], "picked": True})
    picking.button_validate()
    # the delivery happened on `day`, before the retail sales (the serial's path is in date order)
    picking.move_ids.write({"date": day})
    picking.move_ids.move_line_ids.write({"date": day})
    picking.date_done = day
    return picking


def load_sellout(menv, senv, dealers, today):
    vehicle = _vehicle(senv)
    warehouse, lots = _stock(senv, vehicle, sum(DELIVERIES.values()) + 4, add_days(today, -DELIVERED_DAYS_AGO - 5))
    delivered = {}
    offset = 0
    for key, count in DELIVERIES.items():
        delivered[key] = lots[offset:offset + count]
        _deliver(senv, warehouse, dealers[key], delivered[key], add_days(today, -DELIVERED_DAYS_AGO))
        offset += count
    log(f"sell-out: {offset} VINs of {vehicle.name} delivered to {len(DELIVERIES)} dealers")

    Sellout = menv["dealer.sellout"]
    states = {code: senv.ref(f"base.state_cn_{code}") for code in ("ZJ", "JS")}
    sellouts = Sellout.create([{
        "dealer_id": dealers[key].id, "product_id": vehicle.id, "lot_name": delivered[owner][index].name,
        "quantity": 1, "price_unit": price, "customer_name": customer, "customer_phone": f"+86 138 0000 {n:04d}",
        "customer_state_id": states[state].id, "customer_city": city, "customer_street": street,
        "date": add_days(today, -days),
    } for n, (key, (owner, index), price, customer, state, city, street, days) in enumerate(SELLOUTS, 1)])
    sellouts.action_confirm()
    violations = sellouts.violation_ids
    log(f"sell-out: {len(sellouts)} retail sales confirmed, {len(violations)} violation proposals "
        f"({', '.join(sorted(set(violations.mapped('violation_type'))))})")

    # an import batch waiting for confirmation
    batch = Sellout._dealer_sellout_create_checked([{
        "dealer_id": dealers["D01"].id, "product_id": vehicle.id, "lot_name": delivered["D01"][5].name,
        "quantity": 1, "price_unit": 157000.0, "customer_name": "孙磊", "customer_state_id": states["ZJ"].id,
        "customer_city": "杭州市", "date": add_days(today, -1),
    }])
    Forecast = menv["dealer.sellout.forecast"]
    months = Forecast._dealer_forecast_months(today)
    for key, base in (("D01", 4), ("D06", 2), ("D08", 2)):
        Forecast._dealer_forecast_submit(dealers[key], [
            {"product_id": vehicle.id, "month": month, "quantity": base + n} for n, month in enumerate(months)
        ], day=today)
    # last month's forecast of 瑞丰, to compare with its orders
    Forecast._dealer_forecast_submit(dealers["D01"], [
        {"product_id": vehicle.id, "month": today.replace(day=1), "quantity": 5}
    ], day=today - relativedelta(months=1))
    log(f"sell-out: import batch {batch.name} in draft; forecasts of 3 dealers for {len(months)} months")
