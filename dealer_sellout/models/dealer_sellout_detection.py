from odoo import _, models


class DealerSellout(models.Model):
    """Detections at confirmation: each creates a draft dealer.violation for a Dealer Manager to confirm."""

    _inherit = "dealer.sellout"

    def _dealer_customer_territories(self):
        """{sell-out id: the most specific territory of its customer's address} (one lookup per address)."""
        Territory = self.env["dealer.territory"]
        by_address = {}
        result = {}
        for sellout in self.filtered("customer_state_id"):
            key = (sellout.customer_state_id.id, (sellout.customer_city or "").strip())
            if key not in by_address:
                address = self.env["res.partner"].new({"state_id": key[0], "city": key[1]})
                by_address[key] = Territory._find_for_address(address)
            result[sellout.id] = by_address[key]
        return result

    def _dealer_detect_cross_territory(self):
        """Sell-outs to a customer outside every territory of the dealer (窜货); dealers without territories
        and customers without a province are not judged."""
        territories = self._dealer_customer_territories()
        found = self.browse()
        for sellout in self.filtered(lambda s: s.id in territories and s.dealer_id.dealer_territory_ids):
            customer_territory = territories[sellout.id]
            dealer_territories = sellout.dealer_id.commercial_partner_id.dealer_territory_ids
            if not customer_territory or not any(t._contains(customer_territory) for t in dealer_territories):
                found |= sellout
        return found

    def _dealer_detect_below_price(self):
        """Sell-outs below the product's minimum retail price (乱价)."""
        return self.filtered(lambda s: s.product_id.dealer_min_retail_price
                             and s.currency_id.compare_amounts(
                                 s.price_unit, s.product_id.dealer_min_retail_price) < 0)

    def _dealer_violation_description(self, violation_type):
        self.ensure_one()
        if violation_type == "cross_territory":
            return _(
                "Retail sale %(name)s: customer %(customer)s in %(province)s %(city)s is outside the dealer's "
                "territories.",
                name=self.name, customer=self.customer_name or "", province=self.customer_state_id.name or "",
                city=self.customer_city or "",
            )
        if violation_type == "price":
            return _(
                "Retail sale %(name)s: %(product)s sold at %(price)s, below the minimum retail price %(minimum)s.",
                name=self.name, product=self.product_id.display_name, price=self.price_unit,
                minimum=self.product_id.dealer_min_retail_price,
            )
        return _(
            "Retail sale %(name)s: serial %(serial)s was delivered to %(owner)s, not to this dealer.",
            name=self.name, serial=self.lot_id.name, owner=self.lot_id.dealer_id.display_name,
        )

    def _dealer_detect_violations(self):
        """Propose one draft violation per sell-out and type detected; none twice (re-confirmation)."""
        found = {
            "cross_territory": self._dealer_detect_cross_territory(),
            "price": self._dealer_detect_below_price(),
            "other_dealer_goods": self.filtered(lambda s: s.serial_status == "other_dealer"),
        }
        # sudo: the detection sees every proposal already made for these sales, whoever made it
        existing = self.env["dealer.violation"].sudo().with_context(active_test=False).search_fetch(
            [("dealer_sellout_id", "in", self.ids)], ["dealer_sellout_id", "violation_type"])
        done = {(violation.dealer_sellout_id.id, violation.violation_type) for violation in existing}
        vals_list = [
            {
                "partner_id": sellout.dealer_id.commercial_partner_id.id,
                "company_id": sellout.company_id.id,
                "violation_type": violation_type,
                "date": sellout.date,
                "dealer_sellout_id": sellout.id,
                "description": sellout._dealer_violation_description(violation_type),
            }
            for violation_type, sellouts in found.items()
            for sellout in sellouts
            if (sellout.id, violation_type) not in done
        ]
        # sudo: the proposals are drafts that a Dealer Manager confirms; the confirming user may only report
        return self.env["dealer.violation"].sudo().create(vals_list)
