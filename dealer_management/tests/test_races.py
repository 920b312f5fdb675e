from datetime import date, timedelta

from stdnum.cn import uscc

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common_race import DealerRaceCase

CREDIT_CODE = "91330100MA27RACE0" + uscc.calc_check_digit("91330100MA27RACE0")


@tagged("post_install", "-at_install")
class TestDealerRaces(DealerRaceCase):
    """Every "only one" rule of dealer_management, attacked by two transactions at the same moment: the second
    waits for the first and is refused, and only the first one's record is left."""

    @classmethod
    def _create_race_data(cls, env):
        today = date.today()
        grade = cls._race_grade(env, "RACE-R")
        dealers = cls._race_dealers(env, ["Race Rules Dealer A", "Race Rules Dealer B"], dealer_grade_id=grade.id)
        territory = env["dealer.territory"].create({
            "name": "Race exclusive region", "code": "RACE-EX", "level": "region", "is_exclusive": True,
        })
        contract = env["dealer.contract"].create({
            "partner_id": dealers[0].id, "date_start": today - timedelta(days=30),
            "date_end": today + timedelta(days=335),
        })
        contract.action_activate()
        drafts = env["dealer.contract"].create([{
            "partner_id": dealers[1].id, "date_start": today, "date_end": today + timedelta(days=364),
        } for _index in range(2)])
        # a dealer of a territory with a contract over the whole of 2031, whose targets are split
        split_territory = env["dealer.territory"].create({"name": "Race split region", "code": "RACE-SP",
                                                          "level": "region"})
        split_dealer = cls._race_dealers(env, ["Race Rules Dealer C"], dealer_grade_id=grade.id,
                                         dealer_territory_ids=[Command.set(split_territory.ids)])
        env["dealer.contract"].create({
            "partner_id": split_dealer.id, "date_start": date(2031, 1, 1), "date_end": date(2031, 12, 31),
            "territory_ids": [Command.set(split_territory.ids)],
        }).action_activate()
        # a grade's pricelist and two draft adjustments of one product on one day
        product = env["product.template"].create({"name": "Race Pump", "list_price": 100.0, "type": "consu"})
        pricelist = env["product.pricelist"].create({"name": "Race dealers"})
        price_grade = cls._race_grade(env, "RACE-P", pricelist_id=pricelist.id)
        adjustments = env["dealer.price.adjustment"].create([{
            "grade_ids": [Command.set(price_grade.ids)], "date_effective": today + timedelta(days=10),
            "reason": "Copper cost", "line_ids": [Command.create({"product_tmpl_id": product.id, "new_price": price})],
        } for price in (110.0, 120.0)])
        return {
            "grade": grade.id, "dealers": dealers.ids, "territory": territory.id, "contract": contract.id,
            "drafts": drafts.ids, "split_territory": split_territory.id, "split_dealer": split_dealer.id,
            "product": product.id, "pricelist": pricelist.id, "price_grade": price_grade.id,
            "adjustments": adjustments.ids,
        }

    @classmethod
    def _remove_race_data(cls, env, ids):
        cls._unlink_committed(env["dealer.price.adjustment"].browse(ids["adjustments"]), "draft")
        env["product.pricelist"].browse(ids["pricelist"]).unlink()
        env["dealer.grade"].browse(ids["price_grade"]).unlink()
        env["product.template"].browse(ids["product"]).unlink()
        dealers = env["res.partner"].browse([*ids["dealers"], ids["split_dealer"]])
        cls._unlink_committed(env["dealer.termination"].search([("partner_id", "in", dealers.ids)]), "draft")
        cls._unlink_committed(env["dealer.stock.report"].search([("partner_id", "in", dealers.ids)]), "draft")
        cls._unlink_committed(env["dealer.application"].search([("credit_code", "=", CREDIT_CODE)]), "draft")
        contracts = env["dealer.contract"].search([("partner_id", "in", dealers.ids)])
        cls._unlink_committed(env["dealer.rebate"].search([("contract_id", "in", contracts.ids)]), "draft")
        cls._unlink_committed(contracts, "draft")
        dealers.write({"dealer_territory_ids": [Command.clear()]})
        dealers.unlink()
        env["dealer.territory"].browse([ids["territory"], ids["split_territory"]]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_two_terminations_of_one_dealer(self):
        dealer_id = self.race_ids["dealers"][0]

        def terminate(env):
            env["dealer.termination"].create({"partner_id": dealer_id, "reason_code": "voluntary"})

        outcome = self._race(terminate, terminate)
        self.assertRaceRefused(outcome, ValidationError, "already has a termination in progress")
        self.assertEqual(self._count("dealer.termination", [("partner_id", "=", dealer_id)]), 1)

    def test_two_stock_reports_of_one_day(self):
        dealer_id = self.race_ids["dealers"][0]

        def report(env):
            env["dealer.stock.report"].create({"partner_id": dealer_id, "date": date(2024, 3, 31)})

        outcome = self._race(report, report)
        self.assertRaceRefused(outcome, ValidationError, "already has a stock report for this day")
        self.assertEqual(self._count("dealer.stock.report", [("partner_id", "=", dealer_id)]), 1)

    def test_two_applications_of_one_credit_code(self):
        def apply(env):
            env["dealer.application"].create({
                "company_name": "Race Applicant Co.", "credit_code": CREDIT_CODE,
            }).action_submit()

        outcome = self._race(apply, apply)
        self.assertRaceRefused(outcome, ValidationError, "same credit code is already being decided")
        # the refused request wrote nothing, not even its draft
        self.assertEqual(self._count("dealer.application", [("credit_code", "=", CREDIT_CODE)]), 1)

    def test_two_rebates_of_one_period(self):
        contract_id = self.race_ids["contract"]

        def rebate(start):
            def confirm(env):
                contract = env["dealer.contract"].browse(contract_id)
                env["dealer.rebate"].create({
                    "contract_id": contract_id, "date_from": contract.date_start + timedelta(days=start),
                    "date_to": contract.date_start + timedelta(days=start + 60),
                }).action_confirm()
            return confirm

        outcome = self._race(rebate(0), rebate(30))
        self.assertRaceRefused(outcome, UserError, "a period cannot be rebated twice")
        self.assertTrue(outcome["retried"])
        self.assertEqual(self._count("dealer.rebate", [("contract_id", "=", contract_id)]), 1)

    def test_two_renewals_of_one_contract(self):
        contract_id = self.race_ids["contract"]

        def renew(env):
            contract = env["dealer.contract"].browse(contract_id)
            contract._renew(*contract._renewal_dates())

        outcome = self._race(renew, renew)
        self.assertRaceRefused(outcome, ValidationError, "already been renewed")
        self.assertEqual(self._count("dealer.contract", [("renewal_of_id", "=", contract_id)]), 1)

    def test_two_overlapping_contracts_activated(self):
        first_id, second_id = self.race_ids["drafts"]
        outcome = self._race_calls("dealer.contract", first_id, second_id, "action_activate")
        self.assertRaceRefused(outcome, UserError, "overlaps its dates")
        self.assertTrue(outcome["retried"])
        active = [("id", "in", [first_id, second_id]), ("state", "=", "active")]
        self.assertEqual(self._count("dealer.contract", active), 1)

    def test_one_exclusive_territory_given_to_two_dealers(self):
        territory_id = self.race_ids["territory"]
        first_id, second_id = self.race_ids["dealers"]

        def give_to(dealer_id):
            return lambda env: env["res.partner"].browse(dealer_id).write(
                {"dealer_territory_ids": [Command.link(territory_id)]})

        outcome = self._race(give_to(first_id), give_to(second_id))
        self.assertRaceRefused(outcome, ValidationError, "exclusive")
        self.assertTrue(outcome["retried"])
        self.assertEqual(self._count("res.partner", [("dealer_territory_ids", "in", territory_id)]), 1)

    def test_two_splits_of_one_year(self):
        contract = [("contract_id.partner_id", "=", self.race_ids["split_dealer"])]

        def split(env):
            env["dealer.target.split.wizard"].create({
                "territory_id": self.race_ids["split_territory"], "year": 2031, "amount": 12000.0,
                "method": "even", "period_type": "quarter",
            }).action_split()

        outcome = self._race(split, split)
        self.assertRaceRefused(outcome, UserError, "already have targets in 2031")
        self.assertTrue(outcome["retried"])
        self.assertEqual(self._count("dealer.contract.target", contract), 4)

    def test_two_price_adjustments_of_one_product_and_day(self):
        first_id, second_id = self.race_ids["adjustments"]
        outcome = self._race_calls("dealer.price.adjustment", first_id, second_id, "action_confirm")
        self.assertRaceRefused(outcome, UserError, "already has a price for Race Pump starting on")
        self.assertTrue(outcome["retried"])
        items = [("pricelist_id", "=", self.race_ids["pricelist"]), ("product_tmpl_id", "=", self.race_ids["product"])]
        self.assertEqual(self._count("product.pricelist.item", items), 1)
