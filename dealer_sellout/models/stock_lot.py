from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    dealer_id = fields.Many2one(
        "res.partner", string="Dealer", index="btree_not_null", readonly=True, copy=False,
        help="The dealer this serial was last delivered to (done outgoing deliveries to a dealer).",
    )
    dealer_sellout_id = fields.Many2one(
        "dealer.sellout", string="Retail Sale", index="btree_not_null", readonly=True, copy=False,
        help="The confirmed retail sale (sell-out) of this serial, if any.",
    )
    dealer_retail_date = fields.Date(
        string="Retail Date", related="dealer_sellout_id.date", store=True,
        help="Date of the retail sale to the end customer.",
    )
