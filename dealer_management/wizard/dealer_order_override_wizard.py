from odoo import _, api, fields, models


class DealerOrderOverrideWizard(models.TransientModel):
    """A Dealer Manager confirms a dealer order despite failing checks, giving a reason."""

    _name = "dealer.order.override.wizard"
    _description = "Override Dealer Order Checks"

    order_id = fields.Many2one("sale.order", required=True, readonly=True, ondelete="cascade")
    partner_id = fields.Many2one(related="order_id.partner_id", string="Dealer")
    failure_text = fields.Text(string="Failed Checks", compute="_compute_failure_text")
    reason = fields.Text(required=True, help="Why the order is confirmed despite the failed checks.")

    @api.depends("order_id")
    def _compute_failure_text(self):
        for wizard in self:
            order = wizard.order_id
            # no row lock here: the form only displays; confirmation re-runs the checks with the lock
            failures = order._dealer_collect_failures(lock=False).get(order) if order else None
            wizard.failure_text = (
                order._dealer_format_failures(failures) if failures else _("All dealer checks currently pass.")
            )

    def action_confirm_override(self):
        """Confirm the order with the failures, the reason and the manager recorded."""
        self.ensure_one()
        self.order_id._dealer_confirm_with_override(self.reason)
        return {"type": "ir.actions.act_window_close"}
