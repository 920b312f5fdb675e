from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        # the dealer of each serial delivered to or returned from a customer (one query for all of them)
        customer_moves = moves.filtered(
            lambda m: m.state == "done" and "customer" in (m.location_id.usage, m.location_dest_id.usage))
        lots = customer_moves.move_line_ids.lot_id
        if lots:
            # sudo: the serials' dealer follows the deliveries just validated
            lots.sudo()._dealer_update_dealers()
        return moves
