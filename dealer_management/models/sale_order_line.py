from odoo import api, models

from .sale_order import _DEFERRED_TOKEN

# Line fields whose change on a confirmed dealer order re-runs the checks.
CHECKED_LINE_FIELDS = frozenset({"price_unit", "discount", "product_uom_qty", "product_id", "product_uom", "tax_id"})


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # ------------------------------------------------------------------ changes of confirmed orders
    @api.model_create_multi
    def create(self, vals_list):
        """A line added to a confirmed dealer order re-runs the order's checks."""
        orders = self.env["sale.order"].browse({vals["order_id"] for vals in vals_list if vals.get("order_id")})
        before = self._dealer_snapshots(orders)
        lines = super().create(vals_list)
        if before:
            lines.order_id._dealer_recheck_confirmed(before)
        return lines

    def write(self, vals):
        """A price, discount, quantity, product or tax change on a confirmed dealer order re-runs its checks."""
        if not CHECKED_LINE_FIELDS & vals.keys():
            return super().write(vals)
        before = self._dealer_snapshots(self.order_id)
        result = super().write(vals)
        if before:
            self.order_id._dealer_recheck_confirmed(before)
        return result

    def _dealer_snapshots(self, orders):
        """Snapshots of the confirmed dealer orders to re-check, unless the order's own write re-checks them."""
        if self.env.context.get("dealer_recheck") is _DEFERRED_TOKEN:
            return {}
        orders = orders.filtered(lambda order: order.state == "sale" and order.dealer_is_dealer_order)
        return {order: order._dealer_snapshot() for order in orders}

    def _dealer_net_price(self):
        """Unit price after discount."""
        self.ensure_one()
        return self.price_unit * (1.0 - (self.discount or 0.0) / 100.0)

    def _dealer_floor_prices(self):
        """{line: floor unit price in order currency and line UoM} for lines of one order; 0.0 = no floor.

        The product's dealer floor price if set, else the dealer grade's pricelist price for the product.
        """
        if not self:
            return {}
        order = self.order_id
        order.ensure_one()
        day = order._dealer_order_day()
        floors = {}
        pricelist = order._dealer_partner().dealer_grade_id.pricelist_id
        priced = self.filtered(lambda line: not line.product_id.dealer_floor_price)
        rules = pricelist._get_applicable_rules(priced.product_id, day) if pricelist and priced else None
        for line in self:
            product = line.product_id
            if product.dealer_floor_price:
                floor = product.uom_id._compute_price(product.dealer_floor_price, line.product_uom)
                floors[line] = product.currency_id._convert(floor, order.currency_id, order.company_id, day)
            elif rules is not None:
                floors[line] = line._dealer_pricelist_price(rules, day)
            else:
                floors[line] = 0.0
        return floors

    def _dealer_pricelist_price(self, rules, day):
        """The pricelist price of the line's product and quantity, given the pricelist's candidate rules.

        Same rule selection as ``product.pricelist._compute_price_rule`` (first applicable rule, quantity in
        product UoM), but with the rules searched once per order instead of once per line.
        """
        self.ensure_one()
        product = self.product_id
        quantity = self.product_uom_qty or 1.0
        quantity_in_product_uom = quantity
        if self.product_uom and self.product_uom != product.uom_id:
            quantity_in_product_uom = self.product_uom._compute_quantity(
                quantity, product.uom_id, raise_if_failure=False)
        rule = next(
            (rule for rule in rules if rule._is_applicable_for(product, quantity_in_product_uom)),
            self.env["product.pricelist.item"],
        )
        return rule._compute_price(
            product, quantity, self.product_uom or product.uom_id, date=day, currency=self.order_id.currency_id)

