from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_amount, format_date

# The checks in the order they run: (name of the _dealer_check_<name> method, grade switch).
DEALER_CHECKS = [
    ("contract", "check_contract"),
    ("floor_price", "check_floor_price"),
    ("credit", "check_credit"),
    ("territory", "check_territory"),
]
# Failed checks recorded as a violation when a manager overrides them.
VIOLATION_TYPE_BY_CHECK = {"floor_price": "price", "territory": "cross_territory"}
OVERRIDE_FIELDS = ("dealer_override_reason", "dealer_override_user_id", "dealer_check_failures")
OVERDUE_DAYS_PARAM = "dealer_management.overdue_days_block"
DEFAULT_OVERDUE_DAYS = 30

# Context value letting a confirmation skip the dealer checks. A private Python object, not a string or
# boolean: a JSON-RPC context can never carry it, so only the manager override path can set it.
_OVERRIDE_TOKEN = object()


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_is_dealer_order = fields.Boolean(
        related="partner_id.commercial_partner_id.is_dealer", string="Dealer Order",
    )
    dealer_checks_passed = fields.Boolean(
        string="Dealer Checks Passed", copy=False, readonly=True,
        help="Set when the order was confirmed with every enabled dealer check passing.",
    )
    dealer_override_reason = fields.Text(string="Override Reason", copy=False, readonly=True)
    dealer_override_user_id = fields.Many2one("res.users", string="Overridden By", copy=False, readonly=True)
    dealer_check_failures = fields.Text(
        string="Overridden Check Failures", copy=False, readonly=True,
        help="The dealer checks that failed when a Dealer Manager confirmed the order anyway.",
    )
    dealer_violation_ids = fields.One2many(
        "dealer.violation", "sale_order_id", string="Dealer Violations", groups="dealer_management.group_dealer_user",
    )

    # ------------------------------------------------------------------ ORM / confirmation
    def write(self, vals):
        """Keep the override record (reason, manager, failures) writable by Dealer Managers only."""
        if any(field in vals for field in OVERRIDE_FIELDS):
            self._dealer_check_manager()
        return super().write(vals)

    def action_confirm(self):
        """Run the enabled dealer checks on dealer orders before Odoo's own confirmation."""
        if self.env.context.get("dealer_override") is _OVERRIDE_TOKEN:
            # checks overridden by a manager; the token must not travel further down the confirmation
            return super(SaleOrder, self.with_context(dealer_override=None)).action_confirm()
        self._dealer_enforce_checks()
        return super().action_confirm()

    def _dealer_enforce_checks(self):
        """Refuse the confirmation with one error listing every failure, or mark the orders as checked."""
        orders = self.filtered(lambda o: o.state in ("draft", "sent") and o.dealer_is_dealer_order)
        if not orders:
            return
        failures = orders._dealer_collect_failures()
        if failures:
            blocks = [
                (self.env._("Order %(name)s:", name=order.name) + "\n" if len(orders) > 1 else "")
                + order._dealer_format_failures(order_failures)
                for order, order_failures in failures.items()
            ]
            raise UserError(_(
                "The order breaks the dealer commercial policy and cannot be confirmed:\n\n%(failures)s\n\n"
                "Correct the order, or ask a Dealer Manager to confirm it with “Override Dealer Checks” "
                "and a reason.",
                failures="\n\n".join(blocks),
            ))
        orders.write({"dealer_checks_passed": True})

    def _dealer_collect_failures(self, lock=True):
        """Run each dealer order's enabled checks; return {order: {check: [messages]}} for failing orders."""
        result = {}
        pending = defaultdict(float)  # earlier orders of this batch, per (dealer, company), company currency
        for order in self.filtered("dealer_is_dealer_order"):
            failures = {}
            checks = order._dealer_enabled_checks()
            contract = order._dealer_active_contract() if {"contract", "credit"} & set(checks) else None
            for check in checks:
                if check == "credit":
                    key = (order.partner_id.commercial_partner_id.id, order.company_id.id)
                    messages = order._dealer_check_credit(pending=pending[key], lock=lock, contract=contract)
                    pending[key] += order._dealer_amount_company_currency()
                elif check == "contract":
                    messages = order._dealer_check_contract(contract=contract)
                else:
                    messages = getattr(order, f"_dealer_check_{check}")()
                if messages:
                    failures[check] = messages
            if failures:
                result[order] = failures
        return result

    def _dealer_enabled_checks(self):
        """Names of the checks the dealer's grade switches on (all of them for a dealer without grade)."""
        self.ensure_one()
        grade = self.partner_id.commercial_partner_id.dealer_grade_id
        return [name for name, switch in DEALER_CHECKS if not grade or grade[switch]]

    def _dealer_check_labels(self):
        """Translated label of each check."""
        return {
            "contract": _("Active contract"),
            "floor_price": _("Floor price"),
            "credit": _("Credit"),
            "territory": _("Territory"),
        }

    def _dealer_format_failures(self, failures):
        """Render {check: [messages]} as text, one line per failure."""
        labels = self._dealer_check_labels()
        return "\n".join(
            f"- {labels[check]}: {message}" for check, messages in failures.items() for message in messages
        )

    # ------------------------------------------------------------------ the checks
    def _dealer_order_day(self):
        """The date the order is confirmed at: confirmation stamps date_order with the current time."""
        return fields.Date.context_today(self)

    def _dealer_active_contract(self):
        """The dealer's active contract covering the order date, or an empty recordset."""
        self.ensure_one()
        day = self._dealer_order_day()
        # sudo: a salesman or portal user confirming the order may not read contracts
        return self.env["dealer.contract"].sudo().search([
            ("partner_id", "=", self.partner_id.commercial_partner_id.id),
            ("company_id", "=", self.company_id.id),
            ("state", "=", "active"),
            ("date_start", "<=", day),
            ("date_end", ">=", day),
        ], order="date_start desc, id desc", limit=1)

    def _dealer_check_contract(self, contract=None):
        """The dealer is active and holds an active contract covering the order date."""
        self.ensure_one()
        if contract is None:
            contract = self._dealer_active_contract()
        dealer = self.partner_id.commercial_partner_id
        messages = []
        if dealer.dealer_state != "active":
            states = dict(dealer._fields["dealer_state"]._description_selection(self.env))
            messages.append(_(
                "Dealer %(dealer)s is not active (status: %(state)s).",
                dealer=dealer.display_name, state=states.get(dealer.dealer_state, _("none")),
            ))
        if not contract:
            messages.append(_(
                "Dealer %(dealer)s has no active contract covering %(date)s.",
                dealer=dealer.display_name, date=format_date(self.env, self._dealer_order_day()),
            ))
        return messages

    def _dealer_check_floor_price(self):
        """Every product line sells at or above the product's dealer floor price."""
        self.ensure_one()
        messages = []
        lines = self.order_line.filtered(lambda l: not l.display_type and not l.is_downpayment and l.product_id)
        floors = lines._dealer_floor_prices()
        for line in lines:
            floor = floors[line]
            price = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)
            if floor and self.currency_id.compare_amounts(price, floor) < 0:
                messages.append(_(
                    "%(product)s: unit price %(price)s is below the dealer floor price %(floor)s.",
                    product=line.product_id.display_name,
                    price=format_amount(self.env, price, self.currency_id),
                    floor=format_amount(self.env, floor, self.currency_id),
                ))
        return messages

    def _dealer_check_credit(self, pending=0.0, lock=True, contract=None):
        """Receivable + uninvoiced orders + this order within the credit limit; no invoice overdue too long."""
        self.ensure_one()
        dealer = self.partner_id.commercial_partner_id
        company = self.company_id
        limit = self._dealer_credit_limit(contract)
        if limit and lock:
            self._dealer_lock_partner(dealer)
        max_days = self._dealer_overdue_days()
        today = self._dealer_order_day()
        receivable, oldest_due = self._dealer_receivable_figures(dealer, company, today - timedelta(days=max_days))
        messages = []
        if oldest_due:
            messages.append(_(
                "Dealer %(dealer)s has a customer invoice overdue by %(days)s days (due %(date)s); orders are "
                "blocked once an invoice is more than %(max)s days overdue.",
                dealer=dealer.display_name, days=(today - oldest_due).days,
                date=format_date(self.env, oldest_due), max=max_days,
            ))
        if limit:
            uninvoiced = self._dealer_uninvoiced_amount(dealer, company)
            amount = self._dealer_amount_company_currency() + pending
            total = receivable + uninvoiced + amount
            currency = company.currency_id
            if currency.compare_amounts(total, limit) > 0:
                messages.append(_(
                    "Credit limit exceeded: open receivable %(receivable)s + confirmed uninvoiced orders "
                    "%(uninvoiced)s + this order %(order)s = %(total)s, above the credit limit of %(limit)s.",
                    receivable=format_amount(self.env, receivable, currency),
                    uninvoiced=format_amount(self.env, uninvoiced, currency),
                    order=format_amount(self.env, amount, currency),
                    total=format_amount(self.env, total, currency),
                    limit=format_amount(self.env, limit, currency),
                ))
        return messages

    def _dealer_check_territory(self):
        """The delivery address lies in one of the dealer's territories (区域保护)."""
        self.ensure_one()
        dealer = self.partner_id.commercial_partner_id
        shipping = self.partner_shipping_id or self.partner_id
        address = ", ".join(filter(None, [shipping.display_name, shipping.city, shipping.state_id.name]))
        found = self.env["dealer.territory"]._find_for_address(shipping)
        if not found:
            return [_("No dealer territory covers the delivery address %(address)s.", address=address)]
        territories = dealer.dealer_territory_ids
        if any(territory._contains(found) for territory in territories):
            return []
        return [_(
            "The delivery address %(address)s lies in territory %(territory)s, outside the territories of "
            "%(dealer)s (%(territories)s).",
            address=address, territory=found.complete_name, dealer=dealer.display_name,
            territories=", ".join(territories.mapped("complete_name")) or _("none"),
        )]

    # ------------------------------------------------------------------ credit figures
    def _dealer_amount_company_currency(self):
        """This order's total in its company's currency."""
        self.ensure_one()
        company = self.company_id
        return self.currency_id._convert(self.amount_total, company.currency_id, company, self._dealer_order_day())

    def _dealer_credit_limit(self, contract=None):
        """The active contract's credit limit if set, else the partner's; 0 means no limit."""
        self.ensure_one()
        company = self.company_id
        if contract is None:
            contract = self._dealer_active_contract()
        if contract.credit_limit:
            return contract.currency_id._convert(
                contract.credit_limit, company.currency_id, company, self._dealer_order_day())
        # sudo: credit_limit is restricted to accounting groups
        return self.partner_id.commercial_partner_id.sudo().with_company(company).credit_limit

    def _dealer_overdue_days(self):
        """Days an invoice may be overdue before it blocks new orders (system parameter, default 30)."""
        value = self.env["ir.config_parameter"].sudo().get_param(OVERDUE_DAYS_PARAM, DEFAULT_OVERDUE_DAYS)
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_OVERDUE_DAYS

    def _dealer_lock_partner(self, partner):
        """Lock the dealer's row so that concurrent credit checks of one dealer are serialized.

        Odoo runs transactions in REPEATABLE READ: each sees the snapshot taken at its first statement. A
        plain ``SELECT ... FOR UPDATE`` would make a second transaction wait for the first, but once it gets
        the lock its snapshot still misses the first transaction's order (the row itself was not modified),
        so both orders would pass. A no-op UPDATE writes a new version of the row: the second transaction
        waits on the row lock and, when the first commits, PostgreSQL aborts it with a serialization failure
        ("could not serialize access due to concurrent update"). Odoo's RPC/HTTP layer retries the whole
        request on a fresh snapshot, which now includes the first order, and the limit refuses it.
        """
        self.env.cr.execute(SQL("UPDATE res_partner SET write_date = write_date WHERE id = %s", partner.id))

    def _dealer_receivable_figures(self, dealer, company, overdue_before):
        """Open posted receivable of the dealer and the oldest due date of its invoices due before a date."""
        self.env["account.move.line"].flush_model([
            "account_id", "amount_residual", "company_id", "date_maturity", "move_id", "parent_state",
            "partner_id", "reconciled",
        ])
        self.env["account.move"].flush_model(["move_type"])
        self.env["account.account"].flush_model(["account_type"])
        self.env.cr.execute(SQL(
            """
            SELECT COALESCE(SUM(line.amount_residual), 0.0),
                   MIN(line.date_maturity) FILTER (
                       WHERE move.move_type = 'out_invoice'
                         AND line.amount_residual > 0
                         AND line.date_maturity < %(overdue_before)s)
              FROM account_move_line line
              JOIN account_account account ON account.id = line.account_id
              JOIN account_move move ON move.id = line.move_id
             WHERE line.partner_id = %(partner)s
               AND line.company_id = %(company)s
               AND line.parent_state = 'posted'
               AND line.reconciled IS NOT TRUE
               AND account.account_type = 'asset_receivable'
            """,
            partner=dealer.id, company=company.id, overdue_before=overdue_before,
        ))
        receivable, oldest_due = self.env.cr.fetchone()
        return receivable, oldest_due

    def _dealer_uninvoiced_amount(self, dealer, company):
        """Confirmed orders of the dealer not yet invoiced (posted), taxes included, in company currency.

        Per line: the untaxed amount not yet covered by posted invoices (``price_subtotal`` minus the stored
        ``untaxed_amount_invoiced``) grossed up by the line's tax ratio; ordered quantities count whatever
        the invoicing policy, since the goods are committed. Orders never go below zero.
        """
        self.env["sale.order.line"].flush_model(
            ["order_id", "price_subtotal", "price_total", "untaxed_amount_invoiced"])
        self.env["sale.order"].flush_model(["company_id", "currency_id", "partner_invoice_id", "state"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(SQL(
            """
            SELECT per_order.currency_id, SUM(GREATEST(per_order.amount, 0.0))
              FROM (
                SELECT so.id, so.currency_id,
                       SUM(CASE WHEN line.price_subtotal <> 0
                                THEN (line.price_subtotal - COALESCE(line.untaxed_amount_invoiced, 0.0))
                                     * line.price_total / line.price_subtotal
                                ELSE -COALESCE(line.untaxed_amount_invoiced, 0.0) END) AS amount
                  FROM sale_order so
                  JOIN res_partner invoice_partner ON invoice_partner.id = so.partner_invoice_id
                  JOIN sale_order_line line ON line.order_id = so.id
                 WHERE so.state = 'sale'
                   AND so.company_id = %(company)s
                   AND invoice_partner.commercial_partner_id = %(partner)s
                 GROUP BY so.id, so.currency_id
              ) per_order
             GROUP BY per_order.currency_id
            """,
            partner=dealer.id, company=company.id,
        ))
        day = self._dealer_order_day()
        Currency = self.env["res.currency"]
        return sum(
            Currency.browse(currency_id)._convert(amount, company.currency_id, company, day)
            for currency_id, amount in self.env.cr.fetchall()
        )

    # ------------------------------------------------------------------ manager override
    def _dealer_check_manager(self):
        """Raise unless the current user is a Dealer Manager (or superuser)."""
        if not (self.env.su or self.env.user.has_group("dealer_management.group_dealer_manager")):
            raise AccessError(_("Only a Dealer Manager may override the dealer order checks."))

    def action_dealer_override_checks(self):
        """Open the override wizard: a Dealer Manager confirms the order despite failing checks."""
        self.ensure_one()
        self._dealer_check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": _("Override Dealer Checks"),
            "res_model": "dealer.order.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _dealer_confirm_with_override(self, reason):
        """Confirm the order despite failing checks, recording failures, reason, manager and violations."""
        self.ensure_one()
        self._dealer_check_manager()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for overriding the dealer checks."))
        if self.state not in ("draft", "sent") or not self.dealer_is_dealer_order:
            raise UserError(_("Only a quotation of a dealer can be confirmed with an override."))
        failures = self._dealer_collect_failures().get(self)
        if not failures:
            return self.action_confirm()
        self.write({
            "dealer_checks_passed": False,
            "dealer_override_reason": reason,
            "dealer_override_user_id": self.env.user.id,
            "dealer_check_failures": self._dealer_format_failures(failures),
        })
        self._dealer_create_violations(failures, reason)
        labels = self._dealer_check_labels()
        self.message_post(body=Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
            _("Dealer checks overridden by %(manager)s:", manager=self.env.user.name),
            Markup().join(
                Markup("<li>%s: %s</li>") % (labels[check], message)
                for check, messages in failures.items() for message in messages
            ),
            _("Reason: %(reason)s", reason=reason),
        ))
        return self.with_context(dealer_override=_OVERRIDE_TOKEN).action_confirm()

    def _dealer_create_violations(self, failures, reason):
        """Register a violation for each overridden floor-price or territory failure."""
        self.ensure_one()
        labels = self._dealer_check_labels()
        contract = self._dealer_active_contract()
        return self.env["dealer.violation"].create([
            {
                "partner_id": self.partner_id.commercial_partner_id.id,
                "company_id": self.company_id.id,
                "violation_type": violation_type,
                "sale_order_id": self.id,
                "contract_id": contract.id,
                "description": self.env._(
                    "%(check)s check overridden on order %(order)s.\n%(failures)s\nReason: %(reason)s",
                    check=labels[check], order=self.name, failures="\n".join(failures[check]), reason=reason,
                ),
            }
            for check, violation_type in VIOLATION_TYPE_BY_CHECK.items() if check in failures
        ])


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _dealer_floor_prices(self):
        """{line: floor unit price in order currency and line UoM} for lines of one order; 0.0 = no floor.

        The product's dealer floor price if set, else the dealer grade's pricelist price for the product.
        """
        if not self:
            return {}
        order = self.order_id
        order.ensure_one()
        day = order._dealer_order_day()
        floors = {}
        pricelist = order.partner_id.commercial_partner_id.dealer_grade_id.pricelist_id
        priced = self.filtered(lambda line: not line.product_id.dealer_floor_price)
        rules = pricelist._get_applicable_rules(priced.product_id, day) if pricelist and priced else None
        for line in self:
            product = line.product_id
            if product.dealer_floor_price:
                floor = product.uom_id._compute_price(product.dealer_floor_price, line.product_uom)
                floors[line] = product.currency_id._convert(floor, order.currency_id, order.company_id, day)
            elif rules is not None:
                floors[line] = line._dealer_pricelist_price(rules, day)
            else:
                floors[line] = 0.0
        return floors

    def _dealer_pricelist_price(self, rules, day):
        """The pricelist price of the line's product and quantity, given the pricelist's candidate rules.

        Same rule selection as ``product.pricelist._compute_price_rule`` (first applicable rule, quantity in
        product UoM), but with the rules searched once per order instead of once per line.
        """
        self.ensure_one()
        product = self.product_id
        quantity = self.product_uom_qty or 1.0
        quantity_in_product_uom = quantity
        if self.product_uom and self.product_uom != product.uom_id:
            quantity_in_product_uom = self.product_uom._compute_quantity(
                quantity, product.uom_id, raise_if_failure=False)
        rule = next(
            (rule for rule in rules if rule._is_applicable_for(product, quantity_in_product_uom)),
            self.env["product.pricelist.item"],
        )
        return rule._compute_price(
            product, quantity, self.product_uom or product.uom_id, date=day, currency=self.order_id.currency_id)
