from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.period import PERIOD_TYPES, period_label

# what a target commits the dealer to: frozen outside draft, except through the wizards
TARGET_FIELDS = frozenset({"contract_id", "period_type", "date_start", "date_end", "amount", "quantity", "categ_id"})


class DealerContractTarget(models.Model):
    """A sales target of a contract for one month or quarter, optionally for one product category."""

    _name = "dealer.contract.target"
    _description = "Dealer Contract Target"
    _inherit = ["dealer.workflow.mixin", "dealer.workflow.line.mixin"]
    # a target has no state of its own: it is frozen with the contract outside draft (the contract's
    # _dealer_lines_locked); on an active contract only the wizards change it (Adjust Target, Split)
    _dealer_protected_fields = ()
    _dealer_line_parent_field = "contract_id"
    _dealer_line_locked_fields = TARGET_FIELDS
    _order = "contract_id, date_start, categ_id, id"

    contract_id = fields.Many2one("dealer.contract", required=True, index=True, ondelete="cascade")
    contract_state = fields.Selection(related="contract_id.state", string="Contract Status")
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, index=True, string="Dealer")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, default="month")
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    amount = fields.Monetary(string="Target Amount", currency_field="currency_id", required=True, default=0.0)
    quantity = fields.Float(string="Target Quantity", digits="Product Unit of Measure")
    categ_id = fields.Many2one(
        "product.category", string="Product Category", help="Leave empty for a target on all products.",
    )
    adjustment_ids = fields.One2many("dealer.contract.target.adjustment", "target_id", string="Adjustments")
    adjustment_count = fields.Integer(compute="_compute_adjustment_count")
    achieved_amount = fields.Monetary(
        string="Net Invoiced", currency_field="currency_id", compute="_compute_achievement",
        help="Posted customer invoices minus refunds (untaxed) of the dealer in the period (and category).",
    )
    achievement_percent = fields.Float(string="Achievement (%)", compute="_compute_achievement", digits=(16, 1))
    achieved_quantity = fields.Float(
        string="Net Invoiced Units", compute="_compute_achievement", digits="Product Unit of Measure",
        help="Units (台/件) on posted customer invoices minus refunds of the dealer in the period (and category).",
    )
    quantity_percent = fields.Float(string="Unit Achievement (%)", compute="_compute_achievement", digits=(16, 1))

    # ------------------------------------------------------------------ computes
    @api.depends("contract_id.name", "period_type", "date_start", "categ_id")
    def _compute_display_name(self):
        for target in self:
            if not target.date_start:
                target.display_name = target.contract_id.name or ""
                continue
            period = period_label(target.date_start, target.period_type or "month")
            parts = [target.contract_id.name, period, target.categ_id.name]
            target.display_name = " / ".join(part for part in parts if part)

    @api.depends("adjustment_ids")
    def _compute_adjustment_count(self):
        for target in self:
            target.adjustment_count = len(target.adjustment_ids)

    @api.depends("partner_id", "date_start", "date_end", "categ_id", "amount")
    def _compute_achievement(self):
        by_categ = defaultdict(lambda: self.browse())
        for target in self.filtered(lambda t: t.id and t.partner_id and t.date_start and t.date_end):
            by_categ[target.categ_id] |= target
        achieved, units = {}, {}
        for categ, targets in by_categ.items():
            args = (targets.partner_id, min(targets.mapped("date_start")), max(targets.mapped("date_end")),
                    targets.company_id)
            sales = self._net_invoiced_by_day(*args, categ=categ)
            quantities = self._net_invoiced_quantity_by_day(*args, categ=categ)
            for target in targets:
                achieved[target] = target._sum_in_period(sales)
                units[target] = target._sum_in_period(quantities)
        for target in self:
            target.achieved_amount = achieved.get(target, 0.0)
            target.achievement_percent = 100.0 * target.achieved_amount / target.amount if target.amount else 0.0
            target.achieved_quantity = units.get(target, 0.0)
            target.quantity_percent = (
                100.0 * target.achieved_quantity / target.quantity if target.quantity else 0.0
            )

    def _sum_in_period(self, figures):
        """Sum of ``figures`` {(partner id, company id, day): value} of this target's dealer, company and period."""
        self.ensure_one()
        return sum(
            value for (partner_id, company_id, day), value in figures.items()
            if partner_id == self.partner_id.id and company_id == self.company_id.id
            and self.date_start <= day <= self.date_end
        )

    @api.model
    def _net_sales_excluded_products(self):
        """Products whose invoice lines are not sales: the rebate paid back and the violation fine."""
        rebate_product = self.env.ref("dealer_management.product_dealer_rebate", raise_if_not_found=False)
        fine_product = self.env["dealer.violation"]._fine_product()
        return (rebate_product or self.env["product.product"]) | (fine_product or self.env["product.product"])

    @api.model
    def _net_invoiced_by_day(self, partners, date_from, date_to, companies, categ=None):
        """Net sales {(partner id, company id, invoice date): amount}, one grouped query on invoice lines.

        The one definition of a dealer's net sales for contracts, targets, rebates and the target split:
        posted customer invoices minus posted credit notes, untaxed, of the given companies only, in each
        company's currency (the journal items' balance, converted at the invoice's rate; a contract's
        currency is its company's). Lines on the rebate product (a settled rebate pays the dealer back, it
        does not undo sales) and on the violation fine product (a penalty, not a sale) are left out.
        `categ` restricts to a product category tree.
        """
        if not companies:
            return {}
        domain = self._net_sales_domain(partners, date_from, date_to, companies, categ)
        # sudo: an aggregate figure for dealer users who may not read accounting lines
        groups = self.env["account.move.line"].sudo()._read_group(
            domain, ["partner_id", "company_id", "invoice_date:day"], ["balance:sum"],
        )
        return {(partner.id, company.id, day): -balance for partner, company, day, balance in groups}

    @api.model
    def _net_invoiced_quantity_by_day(self, partners, date_from, date_to, companies, categ=None):
        """Net units {(partner id, company id, invoice date): quantity} on the lines of the net sales
        (``_net_invoiced_by_day``): invoiced quantities minus refunded ones, each line's quantity converted from
        the unit it was invoiced in to the reference unit of that unit's category (a dozen counts 12 台/件)."""
        if not companies:
            return {}
        domain = self._net_sales_domain(partners, date_from, date_to, companies, categ)
        # sudo: an aggregate figure for dealer users who may not read accounting lines
        Line = self.env["account.move.line"].sudo()
        result = defaultdict(float)
        references = {}
        for move_type, sign in (("out_invoice", 1.0), ("out_refund", -1.0)):
            groups = Line._read_group(
                [*domain, ("move_id.move_type", "=", move_type)],
                ["partner_id", "company_id", "invoice_date:day", "product_uom_id"], ["quantity:sum"],
            )
            for partner, company, day, uom, quantity in groups:
                if uom:
                    if uom not in references:
                        references[uom] = uom.category_id.uom_ids.filtered(lambda u: u.uom_type == "reference")[:1]
                    if references[uom] and references[uom] != uom:
                        quantity = uom._compute_quantity(quantity, references[uom], round=False)
                result[partner.id, company.id, day] += sign * quantity
        return dict(result)

    @api.model
    def _net_sales_domain(self, partners, date_from, date_to, companies, categ=None):
        """The invoice lines of the net sales (see ``_net_invoiced_by_day``)."""
        domain = [
            ("move_id.move_type", "in", ("out_invoice", "out_refund")), ("parent_state", "=", "posted"),
            ("display_type", "=", "product"), ("partner_id", "in", partners.ids),
            ("company_id", "in", companies.ids),
            ("invoice_date", ">=", date_from), ("invoice_date", "<=", date_to),
        ]
        excluded = self._net_sales_excluded_products()
        if excluded:
            domain.append(("product_id", "not in", excluded.ids))
        if categ:
            domain.append(("product_id.categ_id", "child_of", categ.id))
        return domain

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_start", "date_end", "contract_id")
    def _check_dates(self):
        for target in self:
            contract = target.contract_id
            if target.date_end < target.date_start:
                raise ValidationError(_(
                    "A target of contract %(contract)s ends (%(end)s) before it starts (%(start)s).",
                    contract=contract.name, end=target.date_end, start=target.date_start,
                ))
            if target.date_start < contract.date_start or target.date_end > contract.date_end:
                raise ValidationError(_(
                    "The target %(start)s – %(end)s lies outside contract %(contract)s (%(cstart)s – %(cend)s).",
                    start=target.date_start, end=target.date_end, contract=contract.name,
                    cstart=contract.date_start, cend=contract.date_end,
                ))

    @api.constrains("amount", "quantity")
    def _check_amount(self):
        for target in self:
            if target.amount < 0 or target.quantity < 0:
                raise ValidationError(_("A target cannot be negative."))

    # ------------------------------------------------------------------ adjustment
    def _adjust(self, new_amount, reason):
        """Change the target amount (动态调整), keeping old/new value, user, date and reason."""
        self.ensure_one()
        contract = self.contract_id
        contract._check_dealer_manager(_("Only a Dealer Manager may adjust a target."))
        contract._check_state(
            ("draft", "active"), _("The targets of contract %(name)s cannot be adjusted: it is %(state)s."),
        )
        if not (reason or "").strip():
            raise UserError(_("Give the reason for adjusting the target."))
        if new_amount < 0:
            raise UserError(_("A target cannot be negative."))
        if not self.currency_id.compare_amounts(new_amount, self.amount):
            raise UserError(_("The target is already %(amount)s.", amount=self.currency_id.format(self.amount)))
        old_amount = self.amount
        adjustment = self.env["dealer.contract.target.adjustment"]._dealer_trusted().create({
            "target_id": self.id, "old_amount": old_amount, "new_amount": new_amount, "reason": reason,
        })
        self._dealer_trusted().write({"amount": new_amount})
        contract.message_post(body=_(
            "Target %(target)s adjusted from %(old)s to %(new)s. Reason: %(reason)s",
            target=self.display_name, old=self.currency_id.format(old_amount),
            new=self.currency_id.format(new_amount), reason=reason,
        ))
        return adjustment

    def action_open_adjust_wizard(self):
        """Open the target adjustment wizard."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "dealer.target.adjust.wizard",
            "name": _("Adjust Target"), "view_mode": "form", "target": "new",
            "context": {"default_target_id": self.id},
        }
