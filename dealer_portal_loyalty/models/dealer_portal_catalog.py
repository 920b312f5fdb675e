from odoo import api, models


class DealerPortalCatalog(models.AbstractModel):
    _inherit = "dealer.portal.catalog"

    @api.model
    def _dealer_open_programs(self, dealer):
        """The promotions open to `dealer` now, for its pricelist and company."""
        # sudo: portal users do not read loyalty programs; the search keeps those open to the user's own dealer
        return self.env["loyalty.program"].sudo()._dealer_open_programs(
            dealer, self._dealer_company(dealer), self._dealer_pricelist(dealer))

    @api.model
    def _dealer_promotion_ids(self, dealer, products):
        """Also the products a promotion open to the dealer now is about: bought to earn it, or given by it."""
        promoted = super()._dealer_promotion_ids(dealer, products)
        programs = self._dealer_open_programs(dealer) if dealer and products else None
        if not programs:
            return promoted
        # rules naming products (a rule on every product would flag the whole catalog: the cart shows those)
        rules = programs.rule_ids.filtered(
            lambda rule: rule.product_ids or rule.product_category_id or rule.product_tag_id)
        valid = rules.program_id._get_valid_products(products) if rules else {}
        for rule, rule_products in valid.items():
            if rule in rules:
                promoted.update(rule_products.ids)
        promoted.update((programs.reward_ids.reward_product_ids & products).ids)
        return promoted
