from odoo import fields, models


class StockReturnPicking(models.TransientModel):
    """Stock's return wizard, opened from a dealer complaint: the return is linked to the complaint."""

    _inherit = "stock.return.picking"

    dealer_complaint_id = fields.Many2one("dealer.complaint", readonly=True)

    def _create_return(self):
        new_picking = super()._create_return()
        if self.dealer_complaint_id:
            self.dealer_complaint_id._link_returns(new_picking)
        return new_picking
