"""Dealer contracts of the demo: floor prices, annual contracts with deposit, rebate tiers and monthly targets
(one province split by the target split wizard), then the changes after the sales history (amendment to
version 2, renewal draft, target adjustment, termination of the exited dealer's contract).

Everything runs as the Dealer Manager (`menv`) through the addon's own methods and wizards.
"""

from odoo import Command
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import previous_period

import demo_plan as P
import demo_tables as T
import demo_tables_commercial as C
from demo_util import add_days, log, tiny_pdf

ESTABLISHED = ("active", "suspended", "terminated")


# ---------------------------------------------------------------- floor prices
def set_floor_prices(menv, products):
    """The dealer floor price of each product: a little under the core grade's price."""
    for product in products:
        template = product.product_tmpl_id
        template.dealer_floor_price = int(template.list_price * C.FLOOR_RATIO / 10) * 10
    log(f"floor prices set on {len(products)} products ({C.FLOOR_RATIO:.0%} of list price, rounded down)")


# ---------------------------------------------------------------- contracts before the history
def _monthly_targets(annual, months, currency):
    """Direct target lines: the annual target spread over the months by seasonality (a part month pro rata)."""
    amounts = P.monthly_target_amounts(annual, months, currency.round)
    return [Command.create({"period_type": "month", "date_start": start, "date_end": end, "amount": amount})
            for (start, end), amount in zip(months, amounts, strict=True)]


def _contract_vals(dealer, grade_code, date_start, date_end, targets):
    policy = C.CONTRACT_POLICY[grade_code]
    return {
        "partner_id": dealer.id,
        "date_start": date_start,
        "date_end": date_end,
        "deposit_amount": policy["deposit"],
        "promo_budget": policy["promo_budget"],
        "penalty_price_violation": policy["penalty_price"],
        "penalty_cross_territory": policy["penalty_cross"],
        "rebate_tier_ids": [Command.create({"achievement_min": minimum, "rebate_percent": percent,
                                            "fixed_bonus": bonus})
                            for minimum, percent, bonus in policy["tiers"]],
        "target_ids": targets,
    }


def create_contracts(menv, dealers, territories, today):
    """An active annual contract for every active dealer: deposit received, then activated.

    The established dealers' contracts cover the whole history up to the end of the year; a dealer admitted
    by an application during the load signs from its admission day.
    """
    date_start, date_end = P.contract_period(today)
    currency = menv.company.currency_id
    vals_list, keys = [], []
    for row in T.DEALERS:
        key, grade_code, status = row[0], row[2], row[-1]
        if status not in ESTABLISHED:
            continue
        # the dealers of the split province get the current year's targets from the split wizard (below)
        targets = [Command.create({"period_type": "month", "date_start": start, "date_end": end, "amount": amount})
                   for start, end, amount in P.contract_targets(key, today, currency.round)]
        vals_list.append(_contract_vals(dealers[key], grade_code, date_start, date_end, targets))
        keys.append(key)
    newcomers = menv["res.partner"].search([
        ("is_dealer", "=", True), ("dealer_state", "=", "active"),
        ("id", "not in", [dealer.id for dealer in dealers.values()])])
    for dealer in newcomers:  # admitted today: the rest of the year, targets pro rata
        grade_code = dealer.dealer_grade_id.code
        start = max(dealer.dealer_since or today, date_start)
        own_months = P.months_of(start, date_end)
        annual = C.CONTRACT_POLICY[grade_code]["annual_target"]
        share = sum(((end - first).days + 1) / end.day for first, end in own_months) / 12
        vals_list.append(_contract_vals(dealer, grade_code, start, date_end,
                                        _monthly_targets(annual * share, own_months, currency)))
        keys.append(dealer.dealer_code)
    contracts = menv["dealer.contract"].create(vals_list)
    by_key = dict(zip(keys, contracts, strict=True))
    for contract in contracts:
        title = C.CONTRACT_TITLE.format(year=date_end.year)
        contract.attachment_ids = [Command.create({
            "name": f"{contract.name} {contract.partner_id.name} {title}.pdf",
            "raw": tiny_pdf(f"{contract.name} {title}"),
            "mimetype": "application/pdf",
        })]
    contracts.action_receive_deposit()
    contracts.action_activate()
    for contract in contracts:
        contract.message_post(body=C.CONTRACT_NOTE.format(
            grade=contract.grade_id.name, deposit=contract.deposit_amount,
            territories="、".join(contract.territory_ids.mapped("name"))))
    _split_targets(menv, territories, today)
    log(f"contracts: {len(contracts)} active {date_start} – {date_end} ({len(newcomers)} from the admission day), "
        f"deposits received, "
        f"{len(contracts.target_ids)} monthly targets, {len(contracts.rebate_tier_ids)} rebate tiers")
    return by_key


def _split_targets(menv, territories, today):
    """The province's annual target split over its dealers and months by the target split wizard."""
    wizard = menv["dealer.target.split.wizard"].create({
        "territory_id": territories[C.TARGET_SPLIT["territory"]].id,
        "year": today.year,
        "amount": C.TARGET_SPLIT["amount"],
        "method": C.TARGET_SPLIT["method"],
        "period_type": "month",
    })
    contracts = wizard._find_contracts()
    wizard.action_split()
    log(f"target split: {C.TARGET_SPLIT['amount']:,} over {wizard.territory_id.complete_name} → "
        f"{', '.join(contracts.partner_id.mapped('name'))}")


# ---------------------------------------------------------------- changes after the history
def amend_contract(menv, contracts, grades):
    """The promoted dealer's contract amended to the core grade's terms: version 2, version 1 superseded."""
    data = C.AMENDMENT
    contract = contracts[data["dealer"]]
    grade = grades[data["grade"]]
    policy = C.CONTRACT_POLICY[data["grade"]]
    wizard = menv["dealer.contract.amend.wizard"].create({"contract_id": contract.id, "reason": data["reason"]})
    wizard.write({
        "credit_limit": grade.credit_limit,
        "pricelist_id": grade.pricelist_id.id,
        "payment_term_id": menv.ref(data["payment_term"]).id,
        "promo_budget": policy["promo_budget"],
        "penalty_price_violation": policy["penalty_price"],
        "penalty_cross_territory": policy["penalty_cross"],
    })
    action = wizard.action_amend()
    new = menv["dealer.contract"].browse(action["res_id"])
    contracts[data["dealer"]] = new
    log(f"contract amended: {contract.name} → {new.name} (version {new.version}, credit {new.credit_limit:,.0f})")
    return new


def renew_contract(menv, contracts):
    """Next year's contract of a core dealer, drafted by the renewal wizard (targets grown)."""
    contract = contracts[C.RENEWAL["dealer"]]
    wizard = menv["dealer.contract.renew.wizard"].create({
        "contract_id": contract.id, "growth_percent": C.RENEWAL["growth"],
    })
    action = wizard.action_renew()
    renewal = menv["dealer.contract"].browse(action["res_id"])
    renewal.attachment_ids = [Command.clear()]  # the copy carried last year's signed contract over
    log(f"renewal draft: {renewal.name} {renewal.date_start} – {renewal.date_end} "
        f"(targets {renewal.target_total:,.0f}, +{C.RENEWAL['growth']:g}%)")
    return renewal


def adjust_target(menv, contracts, today):
    """This month's target of a dealer raised through the adjustment wizard, with the reason."""
    data = C.TARGET_ADJUSTMENT
    contract = contracts[data["dealer"]]
    target = contract.target_ids.filtered(lambda t: t.date_start <= today <= t.date_end)[:1]
    wizard = menv["dealer.target.adjust.wizard"].create({
        "target_id": target.id,
        "new_amount": menv.company.currency_id.round(target.amount * data["factor"]),
        "reason": data["reason"],
    })
    wizard.action_apply()
    log(f"target adjusted: {target.display_name} → {target.amount:,.2f}")


def terminate_contract(menv, contracts):
    """The terminated dealer's contract ends with it."""
    key, reason = C.CONTRACT_TERMINATION
    contract = contracts[key]
    contract.termination_reason = reason
    contract.action_terminate()
    log(f"contract terminated: {contract.name} ({contract.partner_id.name})")


def answer_targets(menv, contracts, today):
    """The dealers' answers to the targets of the months already over (see C.TARGET_COUNTERS), dated in their month.

    The history's answers are written as the portal route writes them (trusted, the route's own fields), without
    its to-do for the salesperson: those were dealt with at the time. The current and future months stay pending.
    """
    Answer = menv["dealer.target.acknowledgement"].sudo()._dealer_trusted()  # sudo: written by the portal route only
    portal_user = menv["res.users"].sudo().search([("login", "=", T.USERS["portal"]["login"])])
    portal_dealer = contracts[T.PORTAL_DEALER].partner_id
    assessed_from = previous_period(today, "quarter")[0]
    active = menv["dealer.contract"].browse([contract.id for contract in contracts.values()]).filtered(
        lambda contract: contract.state == "active")
    past = active.target_ids.filtered(lambda target: target.date_end < today).sorted(lambda t: (t.date_start, t.id))
    counters = {row["dealer"]: row for row in C.TARGET_COUNTERS}
    dated = []  # (answer, day answered)

    def answer(target, decision, day, comment, proposed=0.0):
        user = portal_user if target.partner_id == portal_dealer else menv["res.users"]
        record = Answer.create({
            "target_id": target.id, "decision": decision, "target_amount": target.amount, "comment": comment,
            "proposed_amount": proposed, "user_id": user.id,
        })
        dated.append((record, day))

    for key, row in counters.items():
        target = past.filtered(lambda t, key=key: t.contract_id == contracts[key])[:1]
        answer(target, "counter", add_days(target.date_start, 1), row["comment"],
               menv.company.currency_id.round(target.amount * row["proposed"]))
        if row["decision"] == "adjust" and target.date_end < assessed_from:
            target._adjust(menv.company.currency_id.round(target.amount * row["settled"]), row["reason"])
        else:
            target.contract_id.message_post(body=C.TARGET_COUNTER_NOTE.format(target=target.display_name,
                                                                              reply=row["reply"]))
        answer(target, "acknowledged", add_days(target.date_start, 4), row["answer"])
        past -= target
    for target in past:
        answer(target, "acknowledged", add_days(target.date_start, 2), C.TARGET_ANSWER_COMMENT)
    for record, day in dated:  # answered in the target's month, not at the load
        menv.cr.execute(SQL("UPDATE dealer_target_acknowledgement SET create_date = %s, write_date = %s WHERE id = %s",
                            f"{day} 02:00:00", f"{day} 02:00:00", record.id))
    answered = active.target_ids.filtered(lambda target: target.date_end < today)
    pending = active.target_ids - answered
    states = (set(answered.mapped("dealer_ack_state")), set(pending.mapped("dealer_ack_state")))
    if states != ({"acknowledged"}, {"pending"} if pending else set()):
        raise RuntimeError(f"target answers: past months {states[0]}, current and future months {states[1]}")
    log(f"target answers: {len(dated)} for {len(dated) - len(counters)} past months "
        f"({len(counters)} adjustment requests decided), {len(pending)} current and future targets pending")


def contract_changes(menv, contracts, grades, today):
    amend_contract(menv, contracts, grades)
    renew_contract(menv, contracts)
    adjust_target(menv, contracts, today)
    terminate_contract(menv, contracts)
    if "dealer.target.acknowledgement" in menv:  # dealer_portal: the dealers' answers to their targets
        answer_targets(menv, contracts, today)
