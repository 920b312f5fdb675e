from odoo import _, api, fields, models
from odoo.exceptions import UserError

# the terms an amendment may change (also the wizard's own field names)
AMEND_FIELDS = (
    "date_end", "credit_limit", "pricelist_id", "payment_term_id", "deposit_amount", "promo_budget",
    "penalty_price_violation", "penalty_cross_territory",
)

# a term field of the wizard: computed from the contract, then edited by the user
TERM = {"compute": "_compute_terms", "store": True, "readonly": False, "precompute": True}


class DealerContractAmendWizard(models.TransientModel):
    """Amend an active contract (变更): the new terms become version+1, the current one is superseded."""

    _name = "dealer.contract.amend.wizard"
    _description = "Amend Dealer Contract"

    contract_id = fields.Many2one(
        "dealer.contract", required=True, readonly=True, ondelete="cascade", domain=[("state", "=", "active")],
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    reason = fields.Text(required=True)
    # the new terms, prefilled from the contract
    date_end = fields.Date(string="End Date", required=True, **TERM)
    credit_limit = fields.Monetary(currency_field="currency_id", **TERM)
    pricelist_id = fields.Many2one("product.pricelist", **TERM)
    payment_term_id = fields.Many2one("account.payment.term", string="Payment Terms", **TERM)
    deposit_amount = fields.Monetary(string="Deposit", currency_field="currency_id", **TERM)
    promo_budget = fields.Monetary(string="Marketing Support Budget", currency_field="currency_id", **TERM)
    penalty_price_violation = fields.Monetary(
        string="Fine per Price Violation", currency_field="currency_id", **TERM,
    )
    penalty_cross_territory = fields.Monetary(
        string="Fine per Cross-territory Sale", currency_field="currency_id", **TERM,
    )

    @api.depends("contract_id")
    def _compute_terms(self):
        for wizard in self:
            for name in AMEND_FIELDS:
                wizard[name] = wizard.contract_id[name]

    def _changed_terms(self):
        """The amended terms that differ from the contract, as write values."""
        self.ensure_one()
        vals = {}
        for name in AMEND_FIELDS:
            if self[name] != self.contract_id[name]:
                value = self[name]
                vals[name] = value.id if isinstance(value, models.BaseModel) else value
        return vals

    def action_amend(self):
        """Create the new version and open it."""
        self.ensure_one()
        vals = self._changed_terms()
        if not vals:
            raise UserError(_("Nothing to amend: change at least one term of contract %(name)s.",
                              name=self.contract_id.name))
        new = self.contract_id._amend(vals, self.reason)
        return {
            "type": "ir.actions.act_window", "res_model": "dealer.contract", "res_id": new.id,
            "view_mode": "form", "target": "current",
        }
