from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .dealer_workflow_mixin import _TRUSTED, context_defaults


class AccountPayment(models.Model):
    _inherit = "account.payment"

    dealer_contract_id = fields.Many2one(
        "dealer.contract", string="Deposit of Contract", readonly=True, copy=False, index="btree_not_null",
        ondelete="restrict", check_company=True,
        help="The dealer contract whose deposit (保证金) this payment receives or pays back.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("dealer_contract_id") for vals in vals_list) or context_defaults(self.env).get(
                "dealer_contract_id"):
            self._dealer_check_contract_link()
        return super().create(vals_list)

    def write(self, vals):
        if "dealer_contract_id" in vals:
            self._dealer_check_contract_link()
        return super().write(vals)

    def _dealer_check_contract_link(self):
        """The link to a contract's deposit is set by the contract's deposit code only (it makes the deposit
        status): refused over RPC and from any other code, superuser included."""
        if self.env.context.get("dealer_workflow_trusted") is not _TRUSTED:
            raise AccessError(_(
                "A payment becomes a contract deposit only through the contract's Receive Deposit button or the "
                "deposit refund, not directly.",
            ))
