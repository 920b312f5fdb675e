from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.dealer_unique_mixin import lock_rows
from ..tools.period import PERIOD_TYPES, periods_between, same_period_last_year


class DealerTargetSplitWizard(models.TransientModel):
    """Split an annual company target (分解任务) over the dealers of a territory and over months/quarters.

    The dealers are those holding an active contract in the territory (or below it) that covers the whole
    year. Method `even` gives each dealer the same share; `last_year` shares in proportion to each dealer's
    net invoiced sales (posted customer invoices minus refunds, untaxed) of the previous year, read in one
    grouped query; when nobody sold anything last year it falls back to `even`. A dealer's share is then
    split evenly over the periods. Every rounding remainder goes to the last dealer and the last period,
    so the created targets add up exactly to the amount entered.
    """

    _name = "dealer.target.split.wizard"
    _description = "Split Dealer Targets"

    territory_id = fields.Many2one("dealer.territory", required=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Annual Target", currency_field="currency_id", required=True)
    method = fields.Selection(
        [("even", "Evenly"), ("last_year", "By share of last year's sales")],
        required=True, default="last_year",
    )
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="month")

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise ValidationError(_("Enter a year between 2000 and 2100."))

    # ------------------------------------------------------------------ computation
    def _periods(self):
        """(start, end) of each month or quarter of the year."""
        self.ensure_one()
        return periods_between(date(self.year, 1, 1), date(self.year, 12, 31), self.period_type)

    def _find_contracts(self):
        """One active contract per active dealer of the territory, covering the whole year."""
        self.ensure_one()
        contracts = self.env["dealer.contract"].search([
            ("state", "=", "active"), ("company_id", "=", self.company_id.id),
            ("partner_id.dealer_state", "=", "active"),
            ("territory_ids", "child_of", self.territory_id.id),
            ("date_start", "<=", date(self.year, 1, 1)), ("date_end", ">=", date(self.year, 12, 31)),
        ])
        active = self.env["dealer.contract"]._find_active(contracts.partner_id, date(self.year, 1, 1), self.company_id)
        return contracts.filtered(lambda contract: active.get(contract.partner_id) == contract).sorted(
            lambda contract: (contract.partner_id.id, contract.date_start, contract.id))

    def _last_year_sales(self, partners):
        """Net invoiced sales of the previous year per dealer id (the contracts' own definition of sales)."""
        self.ensure_one()
        last_year_start, last_year_end = same_period_last_year(date(self.year, 1, 1), "year")
        by_day = self.env["dealer.contract.target"]._net_invoiced_by_day(
            partners, last_year_start, last_year_end, self.company_id,
        )
        sales = {}
        for (partner_id, _company_id, _day), amount in by_day.items():
            sales[partner_id] = sales.get(partner_id, 0.0) + amount
        return sales

    def _split(self, total, weights):
        """Split `total` in proportion to `weights`, rounded to the currency; the remainder goes last."""
        currency = self.currency_id
        weight_sum = sum(weights)
        parts = [currency.round(total * weight / weight_sum) for weight in weights[:-1]]
        return parts + [currency.round(total - sum(parts))]

    def _dealer_amounts(self, contracts):
        """Amount per contract according to the method."""
        self.ensure_one()
        total = self.currency_id.round(self.amount)
        weights = [1.0] * len(contracts)
        if self.method == "last_year":
            sales = self._last_year_sales(contracts.partner_id)
            last_year = [max(sales.get(contract.partner_id.id, 0.0), 0.0) for contract in contracts]
            if sum(last_year) > 0:
                weights = last_year
        return dict(zip(contracts, self._split(total, weights), strict=True))

    # ------------------------------------------------------------------ action
    def action_split(self):
        """Create the targets and show them."""
        self.ensure_one()
        self.env["dealer.contract"]._check_dealer_manager(_("Only a Dealer Manager may split a target."))
        if self.amount <= 0:
            raise UserError(_("Enter a positive annual target."))
        contracts = self._find_contracts()
        if not contracts:
            raise UserError(_(
                "No active contract of an active dealer in %(territory)s covers the whole year %(year)s.",
                territory=self.territory_id.complete_name, year=self.year,
            ))
        year_start, year_end = date(self.year, 1, 1), date(self.year, 12, 31)
        # two splits of the year at the same moment: the second is retried after the first, and refused below
        lock_rows(contracts)
        already = contracts.target_ids.filtered(lambda t: t.date_start <= year_end and t.date_end >= year_start)
        if already:
            raise UserError(_(
                "These contracts already have targets in %(year)s: %(contracts)s. "
                "Adjust those targets instead of splitting again.",
                year=self.year, contracts=", ".join(already.contract_id.mapped("name")),
            ))
        periods = self._periods()
        vals_list = []
        for contract, dealer_amount in self._dealer_amounts(contracts).items():
            for (start, end), amount in zip(periods, self._split(dealer_amount, [1.0] * len(periods)), strict=True):
                vals_list.append({
                    "contract_id": contract.id, "period_type": self.period_type,
                    "date_start": start, "date_end": end, "amount": amount,
                })
        targets = self.env["dealer.contract.target"]._dealer_trusted().create(vals_list).with_env(self.env)
        method = dict(self._fields["method"]._description_selection(self.env))[self.method]
        for contract in contracts:
            contract.message_post(body=_(
                "Targets for %(year)s set by splitting %(total)s over %(territory)s (%(method)s): %(amount)s.",
                year=self.year, total=self.currency_id.format(self.amount), territory=self.territory_id.complete_name,
                method=method, amount=self.currency_id.format(sum(targets.filtered(
                    lambda t, c=contract: t.contract_id == c).mapped("amount"))),
            ))
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_contract_target")
        action["domain"] = [("id", "in", targets.ids)]
        return action
