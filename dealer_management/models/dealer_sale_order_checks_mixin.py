"""The dealer order checks: which dealer an order is for, the checks of the commercial policy, their figures."""
from collections import defaultdict
from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date

from ..tools.dealer_check import DealerCheck
from .dealer_unique_mixin import lock_rows

OVERDUE_DAYS_PARAM = "dealer_management.overdue_days_block"
DEFAULT_OVERDUE_DAYS = 30


class DealerSaleOrderChecksMixin(models.AbstractModel):
    """The dealer order checks of ``sale.order``: which dealer an order is for, the list of the checks
    (``_dealer_checks``), running them, each check, and the credit figures they use.

    Inherited by ``sale.order``, whose fields and confirmation call them.
    """

    _name = "dealer.sale.order.checks.mixin"
    _description = "Dealer Order Checks"

    # ------------------------------------------------------------------ which dealer
    def _dealer_candidates(self):
        """Dealers among the commercial partners of the order's customer, invoice and delivery addresses."""
        self.ensure_one()
        partners = self.partner_id | self.partner_invoice_id | self.partner_shipping_id
        return partners.commercial_partner_id.filtered("is_dealer")

    def _dealer_partner(self):
        """The dealer the order is for; refuse an order that mixes the addresses of two dealers."""
        self.ensure_one()
        dealers = self._dealer_candidates()
        if len(dealers) > 1:
            raise UserError(_(
                "Order %(order)s mixes the addresses of several dealers (%(dealers)s): the customer, the "
                "invoice address and the delivery address must belong to the same dealer.",
                order=self.display_name, dealers=", ".join(dealers.mapped("display_name")),
            ))
        return dealers

    # ------------------------------------------------------------------ running the checks
    def _dealer_collect_failures(self, lock=True, skip=()):
        """Run each dealer order's enabled checks; return {order: {check: [messages]}} for failing orders.

        ``skip``: names of checks not to run (a name no check has is refused, as a typo would silently run
        the check).
        """
        unknown = skip and set(skip) - {check.name for check in self._dealer_checks()}
        if unknown:
            raise ValueError(f"Unknown dealer order checks {sorted(unknown)}: the checks are "
                             f"{[check.name for check in self._dealer_checks()]}")
        result = {}
        pending = defaultdict(float)  # earlier orders of this batch, per (dealer, company), company currency
        orders = self.filtered("dealer_is_dealer_order")
        contracts = {}
        for company in orders.company_id:
            company_orders = orders.filtered(lambda o, company=company: o.company_id == company)
            dealers = self.env["res.partner"].union(*(order._dealer_partner() for order in company_orders))
            contracts[company] = self.env["dealer.contract"]._find_active(
                dealers, company_orders[:1]._dealer_order_day(), company)
        for order in orders:
            dealer = order._dealer_partner()
            contract = contracts[order.company_id].get(dealer, self.env["dealer.contract"])
            failures = {}
            for check in order._dealer_enabled_checks():
                if check.name in skip:
                    continue
                # the credit and contract checks take what this batch already knows
                if check.name == "credit":
                    key = (dealer.id, order.company_id.id)
                    messages = check.method(pending=pending[key], lock=lock, contract=contract)
                    pending[key] += order._dealer_amount_company_currency()
                elif check.name == "contract":
                    messages = check.method(contract=contract)
                else:
                    messages = check.method()
                if messages:
                    failures[check.name] = messages
            if failures:
                result[order] = failures
        return result

    def _dealer_dry_run(self):
        """(failures {check: [messages]}, error message or None) the confirmation would give this quotation now.

        The confirmation's own checks, without the credit row lock and without writing anything: for what is
        shown before the confirmation (the quotation's warning banner, the online payment offer). An order
        mixing two dealers' addresses gives that refusal as the error. Nothing for a confirmed or cancelled
        order, or an order of no dealer.
        """
        self.ensure_one()
        if self.state not in ("draft", "sent") or not self.dealer_is_dealer_order:
            return {}, None
        try:
            return self._dealer_collect_failures(lock=False).get(self, {}), None
        except UserError as error:
            return {}, error.args[0]

    def _dealer_checks(self):
        """The dealer order checks, in the order they run: the one list of them.

        An addon adds a check by overriding this method, calling super() and inserting its ``DealerCheck``
        where it must run. The dealer's status has no grade switch: a suspended or terminated dealer's orders
        are blocked whatever its grade says.
        """
        return (
            DealerCheck("status", None, self._dealer_check_status, _("Dealer status")),
            DealerCheck("contract", "check_contract", self._dealer_check_contract, _("Active contract")),
            DealerCheck("floor_price", "check_floor_price", self._dealer_check_floor_price, _("Floor price")),
            DealerCheck("credit", "check_credit", self._dealer_check_credit, _("Credit")),
            DealerCheck("territory", "check_territory", self._dealer_check_territory, _("Territory")),
        )

    def _dealer_enabled_checks(self):
        """The checks the dealer's grade switches on (all of them for a dealer without grade), in order."""
        self.ensure_one()
        grade = self._dealer_partner().dealer_grade_id
        return [check for check in self._dealer_checks() if not check.switch or not grade or grade[check.switch]]

    def _dealer_check_labels(self):
        """Translated label of each check."""
        return {check.name: check.label for check in self._dealer_checks()}

    def _dealer_format_failures(self, failures):
        """Render {check: [messages]} as text: one line per failure, under the check's label."""
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
        dealer = self._dealer_partner()
        found = self.env["dealer.contract"]._find_active(dealer, self._dealer_order_day(), self.company_id)
        return found.get(dealer, self.env["dealer.contract"])

    def _dealer_check_status(self):
        """The dealer is active (always checked: suspension blocks orders until the dealer is reactivated)."""
        self.ensure_one()
        dealer = self._dealer_partner()
        if not dealer.dealer_state:
            return [_("Dealer %(dealer)s has no dealer status: it is not active.", dealer=dealer.display_name)]
        if dealer.dealer_state != "active":
            return [_(
                "Dealer %(dealer)s is not active (status: %(state)s).",
                dealer=dealer.display_name, state=dealer._selection_label("dealer_state"),
            )]
        return []

    def _dealer_check_contract(self, contract=None):
        """The dealer holds an active contract covering the order date."""
        self.ensure_one()
        if contract is None:
            contract = self._dealer_active_contract()
        dealer = self._dealer_partner()
        messages = []
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
        lines = self._dealer_floor_price_lines()
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

    def _dealer_floor_price_lines(self):
        """The lines the floor-price check compares with the floor: every product line (an addon leaves out the
        lines the company priced itself, e.g. its promotions' rewards)."""
        self.ensure_one()
        return self.order_line.filtered(
            lambda line: not line.display_type and not line.is_downpayment and line.product_id
        )

    def _dealer_check_credit(self, pending=0.0, lock=True, contract=None):
        """Receivable + uninvoiced orders + this order within the credit limit; no invoice overdue too long."""
        self.ensure_one()
        dealer = self._dealer_partner()
        company = self.company_id
        limit = self._dealer_credit_limit(contract)
        if limit and lock:
            self._dealer_lock_partner(dealer)
        max_days = self._dealer_overdue_days()
        today = self._dealer_order_day()
        receivable, oldest_due = dealer._dealer_open_receivable(
            company, overdue_before=today - timedelta(days=max_days),
        ).get((dealer.id, company.id), (0.0, None))
        messages = []
        if oldest_due:
            messages.append(_(
                "Dealer %(dealer)s has a customer invoice overdue by %(days)s days (due %(date)s); orders are "
                "blocked once an invoice is more than %(max)s days overdue.",
                dealer=dealer.display_name, days=(today - oldest_due).days,
                date=format_date(self.env, oldest_due), max=max_days,
            ))
        if limit:
            others, own = self._dealer_uninvoiced_amounts(dealer, company)
            amount = (own if self.state == "sale" else self._dealer_amount_company_currency()) + pending
            total = receivable + others + amount
            currency = company.currency_id
            if currency.compare_amounts(total, limit) > 0:
                messages.append(_(
                    "Credit limit exceeded: open receivable %(receivable)s + confirmed uninvoiced orders "
                    "%(uninvoiced)s + this order %(order)s = %(total)s, above the credit limit of %(limit)s.",
                    receivable=format_amount(self.env, receivable, currency),
                    uninvoiced=format_amount(self.env, others, currency),
                    order=format_amount(self.env, amount, currency),
                    total=format_amount(self.env, total, currency),
                    limit=format_amount(self.env, limit, currency),
                ))
        return messages

    def _dealer_check_territory(self):
        """The delivery address lies in one of the dealer's territories (区域保护)."""
        self.ensure_one()
        dealer = self._dealer_partner()
        shipping = self.partner_shipping_id or self.partner_id
        address = ", ".join(filter(None, [shipping.display_name, shipping.city, shipping.state_id.name]))
        if not shipping.state_id:
            # never fall back to the dealer's own address: the goods go where the delivery address says
            return [_(
                "The delivery address %(address)s has no province: complete the address (province and city) "
                "so that the territory check can place it.",
                address=address,
            )]
        found = self.env["dealer.territory"]._find_for_address(shipping)
        if not found:
            return [_(
                "No dealer territory covers the delivery address %(address)s: check the province and city of "
                "the address.",
                address=address,
            )]
        territories = dealer.dealer_territory_ids
        if not territories:
            return [_(
                "The delivery address %(address)s lies in territory %(territory)s, but dealer %(dealer)s has "
                "no territory.",
                address=address, territory=found.complete_name, dealer=dealer.display_name,
            )]
        if any(territory._contains(found) for territory in territories):
            return []
        return [_(
            "The delivery address %(address)s lies in territory %(territory)s, outside the territories of "
            "%(dealer)s (%(territories)s).",
            address=address, territory=found.complete_name, dealer=dealer.display_name,
            territories=", ".join(territories.mapped("complete_name")),
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
        return self._dealer_partner().sudo().with_company(company).credit_limit

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
        lock_rows(partner)

    def _dealer_uninvoiced_amounts(self, dealer, company):
        """(other orders, this order): confirmed orders of the dealer not yet invoiced, in company currency.

        Per line: the untaxed amount not yet covered by posted invoices (``price_subtotal`` minus the stored
        ``untaxed_amount_invoiced``) grossed up by the line's tax ratio; ordered quantities count whatever
        the invoicing policy, since the goods are committed. Orders never go below zero. An order is the
        dealer's when its customer or its invoice address belongs to the dealer.
        """
        self.ensure_one()
        self.env["sale.order.line"].flush_model(
            ["order_id", "price_subtotal", "price_total", "untaxed_amount_invoiced"])
        self.env["sale.order"].flush_model(
            ["company_id", "currency_id", "partner_id", "partner_invoice_id", "state"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(SQL(
            """
            SELECT per_order.id = %(order)s, per_order.currency_id, SUM(GREATEST(per_order.amount, 0.0))
              FROM (
                SELECT so.id, so.currency_id,
                       SUM(CASE WHEN line.price_subtotal <> 0
                                THEN (line.price_subtotal - COALESCE(line.untaxed_amount_invoiced, 0.0))
                                     * line.price_total / line.price_subtotal
                                ELSE -COALESCE(line.untaxed_amount_invoiced, 0.0) END) AS amount
                  FROM sale_order so
                  JOIN sale_order_line line ON line.order_id = so.id
                 WHERE so.state = 'sale'
                   AND so.company_id = %(company)s
                   -- the dealer's contacts, once: both tests use the indexes of partner_id and partner_invoice_id
                   -- instead of reading every confirmed order of the company
                   AND (so.partner_id = ANY(ARRAY(%(contacts)s)) OR so.partner_invoice_id = ANY(ARRAY(%(contacts)s)))
                 GROUP BY so.id, so.currency_id
              ) per_order
             GROUP BY per_order.id = %(order)s, per_order.currency_id
            """,
            company=company.id, order=self.id or 0,
            contacts=SQL("SELECT id FROM res_partner WHERE commercial_partner_id = %s", dealer.id),
        ))
        day = self._dealer_order_day()
        Currency = self.env["res.currency"]
        totals = {True: 0.0, False: 0.0}
        for own, currency_id, amount in self.env.cr.fetchall():
            totals[own] += Currency.browse(currency_id)._convert(amount, company.currency_id, company, day)
        return totals[False], totals[True]
