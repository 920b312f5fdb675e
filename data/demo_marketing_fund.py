"""Demo data of dealer_marketing_fund: marketing-support applications in every state on the funds of the first
dealers with a contract budget, one settled with its credit note, one lapsed by the scheduled job.

Called from demo.py when the addon is installed, after the contracts (whose Marketing Support Budget opens the
funds). Dates are relative to ``today`` and the amounts a share of each fund's budget; everything goes through the
applications' own buttons, as the Dealer Manager.
"""
from datetime import timedelta

import demo_tables as T
from demo_util import log, tiny_pdf

# (state, activity type, days from today, share of the budget, plan): one application per state
APPLICATIONS = [
    ("settled", "activity_type_store_event", -45, 0.10, "周末试驾会：门店布置、试驾礼品与茶歇"),
    ("verified", "activity_type_advertising", -30, 0.08, "本地生活号与电台联合广告投放两周"),
    ("proof_submitted", "activity_type_display", -20, 0.05, "新款车型展厅陈列与门头物料更新"),
    ("approved", "activity_type_exhibition", 25, 0.12, "参加省城春季车展：展位租赁与搭建"),
    ("submitted", "activity_type_store_event", 35, 0.06, "老客户答谢会：保养券与抽奖礼品"),
    ("changes_requested", "activity_type_advertising", 40, 0.07, "高速路牌广告三个月"),
    ("rejected", "activity_type_display", 15, 0.04, "门店外墙整体翻新"),
    ("draft", "activity_type_exhibition", 60, 0.05, "县域巡展：三个乡镇各一天"),
    ("lapsed", "activity_type_store_event", -75, 0.05, "国庆门店促销活动"),
]
CHANGES = "请补充广告位置照片与媒体报价单。"
REJECTION = "门店翻新属于经销商自身投入，不在市场支持费用范围内。"
PROOF_NOTE = "活动按计划完成，到店约一百二十人，现场成交八台。"


def _proof(application, name):
    """The dealer's photos and invoice of the activity (a PDF here)."""
    return application.env["ir.attachment"].create({
        "name": name, "raw": tiny_pdf(name), "res_model": application._name, "res_id": application.id,
    })


def _walk(application, state):
    """Take the submitted application through the buttons to ``state``."""
    if state == "changes_requested":
        application.action_request_changes(CHANGES)
        return
    if state == "rejected":
        application.action_reject(REJECTION)
        return
    if state == "submitted":
        return
    application.action_approve(application.currency_id.round(application.amount_requested * 0.9))
    if state in ("approved", "lapsed"):
        return
    proof = _proof(application, "活动照片与发票.pdf")
    application.write({"proof_note": PROOF_NOTE, "proof_attachment_ids": [(4, proof.id)]})
    application.action_submit_proof()
    if state == "proof_submitted":
        return
    application.action_verify()
    if state == "settled":
        application.action_settle()


def load_marketing_funds(menv, today):
    """Applications in every state on the first two dealers' contract funds; the lapse job run once."""
    # the portal login's dealer first (its fund page is the one shown), then the largest other budget
    portal = menv["res.users"].search([("login", "=", T.USERS["portal"]["login"])], limit=1)
    candidates = menv["dealer.contract"].search([
        ("state", "=", "active"), ("promo_budget", ">", 0), ("date_start", "<=", today - timedelta(days=90)),
        ("date_end", ">=", today),
    ], order="promo_budget desc, id")
    own = candidates.filtered(lambda c: c.partner_id == portal.partner_id.commercial_partner_id)[:1]
    contracts = own | (candidates - own)[:2 - len(own)]
    Application = menv["dealer.marketing.application"]
    created = Application
    for index, contract in enumerate(contracts):
        rows = APPLICATIONS if index == 0 else APPLICATIONS[:4]
        for state, xmlid, days, share, plan in rows:
            application = Application.create({
                "partner_id": contract.partner_id.id,
                "marketing_type_id": menv.ref(f"dealer_marketing_fund.{xmlid}").id,
                # within the contract (an annual contract may end before the planned day: its last day then)
                "date_planned": min(max(today + timedelta(days=days), contract.date_start), contract.date_end),
                "amount_requested": contract.currency_id.round(contract.promo_budget * share),
                "plan": plan,
            })
            if state != "draft":
                application.action_submit()
                _walk(application, state)
            created |= application
    Application._cron_lapse()  # the lapsed one: approved 75 days after its activity, no proof
    settled = created.filtered(lambda a: a.state == "settled")
    log(f"marketing support: {len(created)} applications on {len(contracts)} funds, "
        f"{len(settled)} settled by {', '.join(settled.move_id.mapped('name'))}")
    return created
