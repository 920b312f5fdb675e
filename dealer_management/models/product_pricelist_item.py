from odoo import api, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.pricelist_id._dealer_check_floor_pricelist_edit()
        return items

    def write(self, vals):
        self.pricelist_id._dealer_check_floor_pricelist_edit()
        result = super().write(vals)
        if "pricelist_id" in vals:
            self.pricelist_id._dealer_check_floor_pricelist_edit()
        return result

    def unlink(self):
        self.pricelist_id._dealer_check_floor_pricelist_edit()
        return super().unlink()
