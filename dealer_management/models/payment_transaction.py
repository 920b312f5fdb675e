from odoo import api, models
from odoo.exceptions import ValidationError

from .sale_order import _PAYMENT_TOKEN


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.model_create_multi
    def create(self, vals_list):
        """No online payment of a dealer quotation that the dealer checks refuse (portal and payment links)."""
        transactions = super().create(vals_list)
        for order in transactions.sale_order_ids:
            refusal = order._dealer_payment_refusal()
            if refusal:
                raise ValidationError(refusal)
        return transactions

    def _check_amount_and_confirm_order(self):
        """Confirm paid quotations; one the dealer checks refuse stays a quotation with an activity.

        Raising here would roll back the post-processing, which the payment cron then retries forever:
        the order is left unconfirmed instead, and its salesperson gets an activity naming the failure.
        """
        confirmed = super(
            PaymentTransaction, self.with_context(dealer_payment=_PAYMENT_TOKEN),
        )._check_amount_and_confirm_order()
        return confirmed.filtered(lambda order: order.state == "sale").with_env(self.env)
