"""Dealer assessment (考核) of the demo: templates per grade, last quarter approved with its consequences, the
current quarter in draft.

Everything runs as the Dealer Manager (`menv`) through dealer_assessment's own buttons and wizards: *Compute*,
*Mark as Reviewed*, *Approve* (which proposes the consequences), the decision wizard (*Apply* / *Dismiss* with
a reason) and the correction plan's form.  The scores come from the demo's own sales history (orders,
deliveries, invoices, payments, returns), violations, channel stock reports, complaints and surveys, so the
assessment runs after every other part of the demo.

Which proposals exist depends on the scores; the decisions follow fixed rules (demo_tables_assessment):
one proposal is dismissed with a reason (a reward whose rebate is already settled, else a warning letter of a
dealer rated C); every other reward, grade change, warning letter, interview and correction plan is applied;
the credit rating proposals are left for the manager to decide in the demo.
"""
from datetime import timedelta

from odoo import Command

from odoo.addons.dealer_management.tools.period import previous_period

import demo_tables_assessment as A
from demo_util import log

APPLIED_TYPES = ("reward", "upgrade", "downgrade", "warning", "interview", "correction")


# ---------------------------------------------------------------- templates
def create_templates(menv, grades):
    """One quarterly template per grade (the addon ships the KPIs, not the templates)."""
    kpis = {kpi.code: kpi for kpi in menv["dealer.kpi"].search([])}
    templates = {}
    for grade_code, row in A.TEMPLATES.items():
        a_min, b_min, c_min = row["thresholds"]
        templates[grade_code] = menv["dealer.assessment.template"].create({
            "name": row["name"], "sequence": row["sequence"], "grade_id": grades[grade_code].id,
            "period_type": "quarter", "auto_create": True,
            "rating_a_min": a_min, "rating_b_min": b_min, "rating_c_min": c_min,
            "consecutive_periods": row["consecutive_periods"], "suspension_periods": row["suspension_periods"],
            "reward_mode": "percent", "reward_a": row["reward_a"], "reward_b": row["reward_b"],
            "correction_days": row["correction_days"],
            "line_ids": [Command.create({"kpi_id": kpis[code].id, "weight": weight, "sequence": sequence})
                         for sequence, (code, weight) in enumerate(row["weights"].items(), start=1)],
        })
    log(f"assessment templates: {', '.join(t.name for t in templates.values())}")
    return templates


# ---------------------------------------------------------------- assessments
def computed_assessment(menv, day):
    """The quarterly assessment of all active dealers for the quarter of `day`, computed."""
    assessment = menv["dealer.assessment"].create({"period_type": "quarter", "date": day, "scope": "all"})
    assessment.action_compute()
    cards = assessment.scorecard_ids.sorted("rank")
    ratings = {rating: len(cards.filtered(lambda c, r=rating: c.rating == r)) for rating in "ABCD"}
    log(f"assessment {assessment.name}: {len(cards)} scorecards, totals {cards[-1:].total:.2f} – "
        f"{cards[:1].total:.2f}, ratings {', '.join(f'{r} {n}' for r, n in ratings.items())}")
    return assessment


def check_spread(assessment):
    """The demo shows a ranking: the totals must differ, with a dealer rated D for the correction plan."""
    cards = assessment.scorecard_ids
    if len(set(cards.mapped("total"))) < len(cards) // 2 or "D" not in cards.mapped("rating"):
        raise RuntimeError(f"assessment {assessment.name}: the demo sales give too little spread: "
                           f"{sorted(cards.mapped('total'))}, ratings {sorted(cards.mapped('rating'))}")


def _decide(menv, proposals, decision, reason):
    """Apply or dismiss proposals through the decision wizard, as the manager does from the list."""
    wizard = menv["dealer.assessment.proposal.wizard"].with_context(
        active_model="dealer.assessment.proposal", active_ids=proposals.ids,
    ).create({"decision": decision, "reason": reason})
    wizard.action_confirm()


def _settled_rewards(menv, proposals):
    """The rewards that cannot be added: the dealer's rebate of the period is no longer a draft."""
    rewards = proposals.filtered(lambda p: p.proposal_type == "reward")
    assessment = proposals.assessment_id
    rebates = menv["dealer.rebate"].search([
        ("partner_id", "in", rewards.partner_id.ids), ("state", "not in", ("draft", "cancelled")),
        ("date_from", "<=", assessment.date_to), ("date_to", ">=", assessment.date_from),
    ])
    return rewards.filtered(lambda p: p.partner_id in rebates.partner_id)


def _dismissed(proposals, settled):
    """The proposal to dismiss: a reward whose rebate is settled, else the warning letter of the lowest dealer
    rated C, else the reward of the last dealer rated B."""
    warnings = proposals.filtered(lambda p: p.proposal_type == "warning" and p.rating == "C")
    rewards = proposals.filtered(lambda p: p.proposal_type == "reward")
    return settled[:1] or warnings.sorted(lambda p: -p.scorecard_id.rank)[:1] or \
        rewards.sorted(lambda p: -p.scorecard_id.rank)[:1]


def decide_proposals(menv, assessment):
    """Dismiss one proposal with a reason, apply the others of APPLIED_TYPES; leave the credit ratings (and any
    other reward whose rebate is settled) to the manager."""
    proposals = menv["dealer.assessment.proposal"].search([("assessment_id", "=", assessment.id)])
    settled = _settled_rewards(menv, proposals)
    dismissed = _dismissed(proposals, settled)
    if dismissed:
        _decide(menv, dismissed, "dismiss", A.DISMISS_REASONS[dismissed.proposal_type])
    for proposal_type in APPLIED_TYPES:
        chosen = (proposals - dismissed - settled).filtered(lambda p, t=proposal_type: p.proposal_type == t)
        if chosen:
            _decide(menv, chosen, "apply", A.APPLY_NOTES[proposal_type])
    states = {}
    for proposal in proposals:
        states.setdefault(proposal.state, []).append(proposal._selection_label("proposal_type"))
    log("proposals: " + "; ".join(f"{state} {len(kinds)} ({', '.join(sorted(set(kinds)))})"
                                  for state, kinds in sorted(states.items())))
    return proposals


def check_commendations(menv, proposals):
    """Each dealer commended has the draft rebate of the period its letter speaks of: computed from its sales, with
    the reward the letter states as a bonus line (the letter is the last commendation posted on the dealer)."""
    for proposal in proposals.filtered(lambda p: p.proposal_type == "reward" and p.state == "applied"):
        rebate, line = proposal.rebate_id, proposal.rebate_line_id
        letters = proposal.partner_id.message_ids.filtered(lambda m: (m.subject or "").startswith(("表彰", "Commend")))
        stated = f"{proposal.amount:,.2f}"  # as format_amount writes it, the currency symbol aside
        in_chinese = proposal.partner_id.lang != "zh_CN" or (letters and "返利（草稿）" in letters[0].body)
        if not (rebate.state == "draft" and rebate.computed_on and rebate.net_sales > 0
                and rebate.date_from <= proposal.date_from and rebate.date_to >= proposal.date_to
                and line.amount == proposal.amount and letters and stated in letters[0].body and in_chinese):
            raise RuntimeError(f"commendation of {proposal.partner_id.name}: the letter states {stated}, the rebate "
                               f"{rebate.name} is {rebate.state} (net sales {rebate.net_sales}, bonus {line.amount})")
    log("commendations: the letters state the rewards added to the dealers' computed draft rebates")


def follow_up_correction_plan(menv, assessment, today):
    """The correction plan created by the applied proposal: its actions, one done, one in progress."""
    plan = menv["dealer.correction.plan"].search([("assessment_id", "=", assessment.id)], limit=1)
    if not plan:
        raise RuntimeError(f"assessment {assessment.name}: no correction plan was proposed and applied")
    plan.write({
        "description": A.CORRECTION_FINDINGS,
        "line_ids": [Command.create({
            "action": action, "user_id": plan.user_id.id, "deadline": today + timedelta(days=days),
            "status": status, "follow_up": follow_up,
        }) for action, days, status, follow_up in A.CORRECTION_ACTIONS],
    })
    log(f"correction plan {plan.name} {plan.partner_id.name}: {len(plan.line_ids)} actions, deadline "
        f"{plan.deadline}, {plan._selection_label('state')}")
    return plan


def load_assessment(menv, grades, today):
    """Templates, last quarter approved (proposals decided, a correction plan under way), this quarter in draft."""
    create_templates(menv, grades)
    approved = computed_assessment(menv, previous_period(today, "quarter")[0])
    check_spread(approved)
    approved.action_review()
    approved.action_approve()
    check_commendations(menv, decide_proposals(menv, approved))
    follow_up_correction_plan(menv, approved, today)
    computed_assessment(menv, today)
