from odoo import api, models


class DealerContractTarget(models.Model):
    _inherit = "dealer.contract.target"

    @api.model
    def _net_sales_excluded_products(self):
        """The Marketing Support product as well: settled support pays the dealer, it undoes no sale."""
        return super()._net_sales_excluded_products() \
            | self.env["dealer.marketing.application"]._dealer_marketing_product()
