from odoo import api, models


class DealerContractTarget(models.Model):
    _inherit = "dealer.contract.target"

    @api.model
    def _net_sales_excluded_products(self):
        """The warranty claim product as well: a settled claim pays the dealer's repair back, it undoes no sale."""
        return super()._net_sales_excluded_products() | self.env["repair.order"]._dealer_claim_product()
