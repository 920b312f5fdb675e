"""The test base of the trade promotions: one 满减, one 买赠 and one coupon program, as factories."""
from odoo import Command

from odoo.addons.dealer_management.tests.common import NO_CHECKS, DealerTestCommon


def remove_committed_program(program, product):
    """Delete a promotion committed by a race test, its coupons and discount products, and the race's `product`."""
    program.env["loyalty.card"].search([("program_id", "=", program.id)]).unlink()
    discount_products = program.reward_ids.discount_line_product_id
    program.active = False  # Odoo deletes no active program
    program.unlink()
    discount_products.product_tmpl_id.unlink()
    product.product_tmpl_id.unlink()


def threshold_values(name, minimum=1000.0, discount=100.0, **vals):
    """满减: an order of at least `minimum` gets `discount` off (an automatic promotion)."""
    return {
        "name": name, "program_type": "promotion", "trigger": "auto", "applies_on": "current",
        "rule_ids": [Command.create({
            "reward_point_mode": "order", "reward_point_amount": 1, "minimum_amount": minimum, "minimum_qty": 0,
        })],
        "reward_ids": [Command.create({
            "reward_type": "discount", "discount": discount, "discount_mode": "per_order",
            "discount_applicability": "order", "required_points": 1,
        })],
        **vals,
    }


def buy_x_get_y_values(name, product, buy=2, free=1, **vals):
    """买赠: every `buy` units of `product` bought give `free` unit(s) of it."""
    return {
        "name": name, "program_type": "buy_x_get_y", "trigger": "auto", "applies_on": "current",
        "rule_ids": [Command.create({
            "product_ids": [Command.set(product.ids)], "reward_point_mode": "unit", "reward_point_amount": 1,
            "minimum_qty": buy,
        })],
        "reward_ids": [Command.create({
            "reward_type": "product", "reward_product_id": product.id, "reward_product_qty": free,
            "required_points": buy,
        })],
        **vals,
    }


def coupon_values(name, percent=10.0, **vals):
    """代金券: coupons, each giving `percent` % off the order once."""
    return {
        "name": name, "program_type": "coupons", "trigger": "with_code", "applies_on": "current",
        "rule_ids": [Command.clear()],
        "reward_ids": [Command.create({
            "reward_type": "discount", "discount": percent, "discount_mode": "percent",
            "discount_applicability": "order", "required_points": 1,
        })],
        **vals,
    }


class DealerLoyaltyCommon(DealerTestCommon):
    """A core dealer in 杭州 (east) and a regular dealer in 华西 (west), all order checks off but the floor price;
    a 满减 (≥ 1,000 → 100 off) and a 买赠 (2 bought → 1 free) for the core grade, a coupon program for all."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grade_core.write({**NO_CHECKS, "check_floor_price": True})
        cls.grade_regular.write({**NO_CHECKS, "check_floor_price": True})
        cls.dealer_core = cls._create_dealer("Core Promo Dealer", state="active", grade=cls.grade_core,
                                             territories=cls.hangzhou)
        cls.dealer_regular = cls._create_dealer("Regular Promo Dealer", state="active", grade=cls.grade_regular,
                                                territories=cls.west)
        cls.customer = cls.Partner.create({"name": "Walk-in Customer"})
        Program = cls.env["loyalty.program"]
        cls.threshold = Program.create(threshold_values(
            "满减 Core", dealer_grade_ids=[Command.set(cls.grade_core.ids)]))
        cls.bxgy = Program.create(buy_x_get_y_values(
            "买赠 Core", cls.product_floor, dealer_grade_ids=[Command.set(cls.grade_core.ids)]))
        cls.coupons = Program.create(coupon_values("代金券"))

    @classmethod
    def _order(cls, dealer, lines, user=None):
        """A quotation of `dealer` with `lines` [(product, quantity, price unit or None)]."""
        Order = cls.env["sale.order"].with_user(user) if user else cls.env["sale.order"]
        return Order.create({
            "partner_id": dealer.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": quantity,
                                **({"price_unit": price} if price is not None else {})})
                for product, quantity, price in lines
            ],
        })

    def _reward_lines(self, order, program=None):
        lines = order.order_line.filtered("reward_id")
        return lines.filtered(lambda line: line.reward_id.program_id == program) if program else lines

    def _coupon(self, partner=None, code=None):
        return self.env["loyalty.card"].create({
            "program_id": self.coupons.id, "partner_id": partner.id if partner else False, "points": 1,
            **({"code": code} if code else {}),
        })
