"""The money of the channel in the demo: the deposits (保证金) received as payments when the contracts were signed
(demo_contracts), the exited dealer's deposit refunded (its open fines and overdue receivables deducted), unit
targets (台/件) per product category on the active contracts, and the market volume (上险数-like registrations)
of the demo territories for the market share KPI.

Sized from the state at the moment it runs: the unit targets from the units each dealer was invoiced over the last
twelve months, the market volume from the dealers' confirmed sell-out of each month.
"""
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.dealer_management.tools.period import periods_between

from demo_util import log

# a unit target is this share above the units of the category invoiced in a quarter of the past year
UNIT_TARGET_GROWTH = 1.1
# the dealers' retail sales are this share of their territory's market (the market volume is sized from it)
MARKET_SHARE = {"空调": 0.18, "冰箱": 0.12, "洗衣机": 0.15}


def refund_exit_deposit(menv):
    """The exited dealer's deposit: open fines and overdue receivables deducted, the rest paid back."""
    termination = menv["dealer.termination"].search([("state", "=", "done")], limit=1)
    if not termination.deposit_held_amount:
        log("deposit refund: the exited dealer holds no deposit")
        return
    held, deducted = termination.deposit_held_amount, termination.deposit_deduction_amount
    termination.action_refund_deposit()
    log(f"deposit refunded at exit: {termination.partner_id.name} held {held:,.2f}, deducted {deducted:,.2f}, "
        f"paid back {held - deducted:,.2f}")


def add_unit_targets(menv, today):
    """Quarterly unit targets on the 空调 and 冰箱 categories of every active contract, agreed with the contract
    (written as the contract's own code writes its terms): the units of the category invoiced to the dealer over
    the past year, a quarter of it, grown by UNIT_TARGET_GROWTH; at least 10."""
    contracts = menv["dealer.contract"].search([("state", "=", "active")])
    categories = menv["product.category"].search([("name", "in", list(MARKET_SHARE)[:2])])
    Target = menv["dealer.contract.target"]
    year_ago = today - relativedelta(years=1)
    count = 0
    for categ in categories:
        units = defaultdict(float)
        for (partner_id, _company, _day), quantity in Target._net_invoiced_quantity_by_day(
                contracts.partner_id, year_ago, today, menv.company, categ=categ).items():
            units[partner_id] += quantity
        for contract in contracts:
            quarterly = max(10, round(units[contract.partner_id.id] / 4 * UNIT_TARGET_GROWTH))
            quarters = periods_between(contract.date_start, contract.date_end, "quarter")
            lines = [Command.create({
                "period_type": "quarter", "date_start": max(start, contract.date_start),
                "date_end": min(end, contract.date_end), "amount": 0.0, "quantity": quarterly, "categ_id": categ.id,
            }) for start, end in quarters]
            contract._dealer_trusted().write({"target_ids": lines})
            count += len(lines)
    log(f"unit targets: {count} quarterly targets in units on {len(contracts)} contracts "
        f"({', '.join(categories.mapped('name'))})")


def load_market_volume(menv, today):
    """The market volume of each territory where a dealer sold, per category and month of the past year: the
    dealers' confirmed sell-out there divided by the share MARKET_SHARE of the category."""
    groups = menv["dealer.sellout"]._read_group(
        [("state", "=", "confirmed"), ("date", ">=", today - relativedelta(years=1))],
        ["dealer_id", "product_id", "date:month"], ["quantity:sum"],
    )
    volumes = defaultdict(float)
    for dealer, product, month, quantity in groups:
        share = MARKET_SHARE.get(product.categ_id.name)
        territory = dealer.commercial_partner_id.dealer_territory_ids[:1]
        if share and territory:
            volumes[territory, product.categ_id, month] += quantity / share
    menv["dealer.market.volume"].create([
        {"territory_id": territory.id, "categ_id": categ.id, "month": month, "volume": round(volume),
         "source": "上险数"}
        for (territory, categ, month), volume in volumes.items()
    ])
    log(f"market volume: {len(volumes)} rows (territory, category, month), {sum(volumes.values()):,.0f} units")


def load_money(menv, today):
    """The deposit refunded at exit, the unit targets and, with dealer_sellout, the market volume."""
    refund_exit_deposit(menv)
    add_unit_targets(menv, today)
    if "dealer.market.volume" in menv:  # only with the dealer_sellout addon
        load_market_volume(menv, today)
