"""Demo data of dealer_service (warranty claims in each state, one settled with its credit note) and of
dealer_service_inspection (two inspections).

Called from demo.py when each is installed, after the sell-out data: the claims are filed on serials
(VINs) that the demo's dealers delivered and sold out (confirmed sell-outs with a checked serial). Everything goes
through the claims' and inspections' own buttons, as the Dealer Manager.
"""
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command

from demo_util import add_days, log

# (claim state, labour, brake pads, note): one claim per state, from the first serials sold out
CLAIMS = [
    ("settled", 680.0, 2, "刹车异响，更换前刹车片"),
    ("approved", 450.0, 1, "空调不制冷，检修并更换滤芯"),
    ("submitted", 300.0, 0, "仪表盘警示灯常亮，检查线束"),
    ("rejected", 900.0, 2, "前保险杠碰撞损坏"),
    ("draft", 200.0, 1, "车窗升降异响"),
]
PART = {"name": "瑞泽E5 前刹车片（原厂配件）", "default_code": "RZ-E5-BPF", "list_price": 320.0,
        "description_sale": "瑞泽E5 原厂前刹车片（一套两片），用于经销商售后维修与保修索赔。"}
PART_CATEGORY = "售后配件"
PART_STOCK = 40  # sets of brake pads in the main warehouse
REJECT_REASON = "事故造成的损坏，不在保修范围内。"
# (checked point sequence → score) of the two inspections: one good, one with a finding
INSPECTIONS = [
    ({10: 95, 20: 90, 30: 85, 40: 90, 50: 88, 60: 92, 70: 80}, None),
    ({10: 80, 20: 75, 30: 70, 40: 85, 50: 55, 60: 70, 70: 40},
     ("维修等待时间过长，未按承诺时间交车", "增设一名服务顾问，维修进度每日短信告知客户", 30)),
]
FINDING_POINT = 50  # the checked point the inspector writes the finding up from


def _claim_part(menv, vehicle):
    """The vehicle's spare part (front brake pads) for the claims' repair lines: the dealers' workshops order it
    from the catalog too, so it is a product for dealers, in the after-sales parts under the vehicle's category."""
    Product = menv["product.product"]
    part = Product.search([("default_code", "=", PART["default_code"])], limit=1)
    if part:
        return part
    categ = menv["product.category"].create({"name": PART_CATEGORY, "parent_id": vehicle.categ_id.id})
    part = Product.create({
        **PART, "is_storable": True, "categ_id": categ.id, "sale_ok": True, "dealer_ok": True,
        "taxes_id": [Command.clear()],
    })
    # the parts the repairs use come from the main warehouse: its opening count (sudo: the warehouse manager's
    # inventory adjustment, which the Dealer Manager may not apply)
    warehouse = menv["stock.warehouse"].search([("company_id", "=", menv.company.id)], limit=1)
    menv["stock.quant"].sudo().with_context(inventory_mode=True).create({
        "product_id": part.id, "location_id": warehouse.lot_stock_id.id, "inventory_quantity": PART_STOCK,
    }).action_apply_inventory()
    return part


def _repair_done(claim):
    """The dealer's workshop did the repair: started, its parts used in full, ended (Odoo's repair buttons)."""
    claim.action_repair_start()
    for move in claim.move_ids:
        move.write({"quantity": move.product_uom_qty, "picked": True})
    claim.action_repair_end()


def create_claims(menv, today):
    """One warranty claim per state on serials sold out by their dealer, repaired within warranty."""
    sellouts = menv["dealer.sellout"].search(
        [("state", "=", "confirmed"), ("lot_id", "!=", False), ("serial_status", "=", "ok")], order="date, id")
    sellouts = sellouts.filtered(lambda s: s.lot_id.dealer_sellout_id == s)
    if not sellouts:
        log("warranty claims: no serial sold out in the demo data, none created")
        return menv["repair.order"]
    for template in sellouts.product_id.product_tmpl_id.filtered(lambda t: not t.dealer_warranty_months):
        template.dealer_warranty_months = 36  # 整车三年质保
    part = _claim_part(menv, sellouts.product_id[:1])
    claims = menv["repair.order"]
    for (state, labour, pads, note), sellout in zip(CLAIMS, sellouts, strict=False):
        day = min(add_days(sellout.date, 60), today)
        claim = menv["repair.order"].create({
            "dealer_claim": True, "under_warranty": True, "dealer_id": sellout.dealer_id.id,
            "product_id": sellout.product_id.id, "lot_id": sellout.lot_id.id,
            "schedule_date": datetime.combine(day, time(2, 0)), "dealer_labour_amount": labour,
            "internal_notes": f"<p>{note}</p>",
            "move_ids": [Command.create({"product_id": part.id, "product_uom_qty": pads, "repair_line_type": "add"})]
            if pads else [],
        })
        if state != "draft":
            claim.action_dealer_claim_submit()
        if state in ("approved", "settled"):
            claim.action_dealer_claim_approve()
        if state == "settled":  # a claim is settled once its repair is done
            _repair_done(claim)
            claim.action_dealer_claim_settle()
        if state == "rejected":
            claim.action_dealer_claim_reject(REJECT_REASON)
        claims |= claim
    log(f"warranty claims: {len(claims)} ({', '.join(claims.mapped('dealer_claim_state'))})")
    return claims


def create_inspections(menv, dealers, today):
    """Two done inspections of the standard checklist, the second with two proposed findings, one confirmed with
    its correction deadline."""
    template = menv.ref("dealer_service_inspection.inspection_template_default")
    active = [dealer for dealer in dealers.values() if dealer.dealer_state == "active"][:2]
    inspections = menv["dealer.service.inspection"]
    for dealer, (scores, finding) in zip(active, INSPECTIONS, strict=False):
        inspection = menv["dealer.service.inspection"].create({
            "dealer_id": dealer.id, "template_id": template.id, "date": today - relativedelta(months=1),
        })
        for line in inspection.line_ids:
            line.score = scores.get(line.sequence, 80)
        if finding:
            # the points scored under the checklist's threshold propose findings: the inspector writes up the
            # waiting-time one and confirms it, and leaves the other proposed, as a field visit would
            inspection.action_propose_findings()
            name, action, days = finding
            proposal = inspection.finding_ids.filtered(lambda f: f.inspection_line_id.sequence == FINDING_POINT)
            proposal.write({"name": name, "action": action, "deadline": add_days(today, days)})
            proposal.action_confirm()
        inspection.action_done()
        inspections |= inspection
    for grade in menv["dealer.grade"].search([]):
        grade.service_inspection_interval = 6 if grade.sequence <= 1 else 12
    scores = ", ".join(str(score) for score in inspections.mapped("total_score"))
    log(f"service inspections: {len(inspections)} (scores {scores})")
    return inspections

