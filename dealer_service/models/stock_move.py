from odoo import models

# what a part of a warranty claim is: the claim amount is computed from these (see repair.order)
PART_FIELDS = ("product_id", "product_uom_qty", "product_uom", "repair_line_type")


class StockMove(models.Model):
    """The parts of a repair (moves with a repair line type) are the lines of its warranty claim: locked with the
    claim once filed (``repair.order._dealer_lines_locked``), as its labour is."""

    _name = "stock.move"
    _inherit = ["stock.move", "dealer.workflow.line.mixin"]

    _dealer_line_parent_field = "repair_id"
    # Odoo's own stock processing (reservation, quantities done, state) is not the claim's
    _dealer_line_locked_fields = PART_FIELDS

    def _dealer_line_documents(self, vals=None):
        """The repairs of these moves that are parts, or become parts through ``vals``; the move of the repaired
        product itself (no repair line type) is not a part."""
        becomes_part = bool(vals and vals.get("repair_line_type"))
        parts = self if becomes_part else self.filtered("repair_line_type")
        if not (parts or becomes_part):
            return self.env["repair.order"]
        return super(StockMove, parts)._dealer_line_documents(vals)
