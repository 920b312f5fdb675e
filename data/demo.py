"""Demo data set of the dealer suite (杭州瑞泽家电有限公司 and its dealers).

Run by `make demo` (scripts/harness.py) on a fresh database with the three addons installed:

    python3 -m odoo shell -c .local/odoo.conf -d <db> --no-http < data/demo.py

from the repository root (the helper modules are found in ./data).  Everything goes through the ORM and
the addons' own business methods, mostly as the Dealer Manager user, so every rule applies; the dealer order
checks stay on: every established dealer gets its annual contract before the first order, and the few orders
that break a check on purpose are confirmed through the manager override wizard.  Then come the contract
changes, violations, rebates, a price adjustment, channel stock reports, announcements, complaints, feedback,
trainings and the satisfaction survey (demo_contracts, demo_commercial, demo_relations), and last the dealer
assessment computed from all of it (demo_assessment: last quarter approved with its consequences decided, the
current quarter in draft).  A second run
on a loaded database finds the marker parameter `dealer_demo.loaded` and stops without duplicating anything;
a database left half-loaded by a failed run (the history is committed in steps) is refused.
"""
import os
import sys

from odoo import fields

sys.path.insert(0, os.path.join(os.getcwd(), "data"))

import demo_assessment
import demo_business_review
import demo_commercial
import demo_contracts
import demo_dealers
import demo_elearning
import demo_loyalty
import demo_marketing_fund
import demo_money
import demo_people
import demo_relations
import demo_sales
import demo_service
import demo_setup
import demo_tables as T
import demo_visit
from demo_summary import summary
from demo_util import checkpoint, log

MARKER = "DEMO DATA LOADED"
LOADED_PARAM = "dealer_demo.loaded"  # set in the final commit: the data set is complete


def ensure_chinese(env):
    """The data set is in Chinese: make sure zh_CN is installed (the harness loads it already)."""
    if not env["res.lang"]._lang_get("zh_CN"):
        env["res.lang"]._activate_lang("zh_CN")
        env["ir.module.module"].search([("state", "=", "installed")])._update_translations(["zh_CN"])
        log("language zh_CN installed")


def already_loaded(env):
    """True when a previous run completed; stop when a previous run failed half-way."""
    if env["ir.config_parameter"].get_param(LOADED_PARAM):
        log(f"demo data already present (loaded on {env['ir.config_parameter'].get_param(LOADED_PARAM)})")
        return True
    if env["res.users"].with_context(active_test=False).search_count([("login", "=", T.USERS["manager"]["login"])]):
        raise RuntimeError("This database holds a partial demo data set (a previous load failed after a commit). "
                           "Drop it and load again: python3 scripts/harness.py demo --reset")
    return False


def main(env):
    if already_loaded(env):
        return
    ensure_chinese(env)
    # company, currency and chart first: installing l10n_cn rebuilds the registry (and commits)
    demo_setup.setup_company(env)
    chart = demo_setup.setup_chart(env)
    senv = env(context=dict(env.context, lang="zh_CN", tz="Asia/Shanghai"))
    demo_setup.setup_settings(senv)
    manager = demo_setup.setup_users(senv)
    menv = senv(user=manager.id)  # the Dealer Manager does the business from here on
    manager = manager.with_env(menv)
    today = fields.Date.context_today(menv["res.partner"])  # in Asia/Shanghai

    grades = demo_setup.setup_grades(menv)
    territories = demo_setup.setup_territories(menv)
    products = demo_setup.setup_products(senv, today)

    dealers = demo_dealers.create_dealers(menv, grades, territories, manager)
    demo_dealers.activate_dealers(menv, dealers, today)
    contact = demo_dealers.add_portal_contact(menv, dealers)
    demo_setup.setup_portal_user(senv, contact)
    demo_dealers.create_applications(menv, grades, territories, dealers, manager)

    # floor prices and annual contracts before the first order: the orders go through the dealer checks
    demo_contracts.set_floor_prices(menv, products)
    contracts = demo_contracts.create_contracts(menv, dealers, territories, today)
    checkpoint(menv)
    orders = demo_sales.load_sales_history(menv, dealers, products, manager, today)
    if "dealer.sellout" in env:  # the dealers' retail sales, while the dealers that stop trading are still active
        import demo_sellout  # only with the dealer_sellout addon

        checkpoint(menv)
        demo_sellout.load_sellout_history(menv, dealers, products, orders, today)

    demo_dealers.change_grade(menv, dealers, grades)
    demo_dealers.suspend_dealers(menv, dealers)
    demo_dealers.terminate_dealer(menv, dealers, today)
    demo_contracts.contract_changes(menv, contracts, grades, today)
    checkpoint(menv)

    demo_commercial.load_commercial(menv, dealers, products, contracts, grades, today)
    checkpoint(menv)
    demo_relations.load_relations(menv, senv, dealers, products, grades, territories, today)
    demo_people.load_people(menv, senv, dealers, grades, today)  # certified staff, materials, a trainer
    if env["ir.module.module"]._get("dealer_elearning").state == "installed":  # the optional set (website)
        demo_elearning.load_elearning(menv, grades)  # a course with the exam as its quiz, the advisers' progress
    demo_commercial.create_stock_reports(menv, dealers, products, today)  # after the goods sent back (complaints)
    if "dealer.sellout" in env:
        checkpoint(menv)
        demo_sellout.load_sellout(menv, senv, dealers, today)
    if "dealer.claim.reject.wizard" in env:  # dealer_service: warranty claims on the sold-out serials
        checkpoint(menv)
        demo_service.create_claims(menv, today)
    if "dealer.service.inspection" in env:  # dealer_service_inspection
        checkpoint(menv)
        demo_service.create_inspections(menv, dealers, today)
    if "dealer.visit" in env:  # dealer_visit: visits in every state, the next ones planned as today's route
        checkpoint(menv)
        demo_visit.load_visits(menv, dealers, today)
    if "dealer.marketing.fund" in env:  # dealer_marketing_fund: applications in every state, one settled
        demo_marketing_fund.load_marketing_funds(menv, today)
    checkpoint(menv)
    demo_money.load_money(menv, today)  # deposit refunded at exit, unit targets, market volume
    demo_assessment.load_assessment(menv, grades, today)
    demo_business_review.load_business_review(menv, grades, today)  # after the scorecards they show
    if "dealer.loyalty.report" in env:  # dealer_loyalty: two promotions running today, today's orders under them
        demo_loyalty.load_promotions(menv, grades, products, manager, today)

    summary(senv)
    log(f"chart of accounts: {chart}")
    env["ir.config_parameter"].set_param(LOADED_PARAM, str(today))


main(env)  # noqa: F821 - `env` is given by `odoo shell`
env.cr.commit()  # noqa: F821
log("committed")
print(MARKER, flush=True)
