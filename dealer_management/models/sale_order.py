"""Dealer orders: the checks run on every path that confirms or changes a confirmed dealer order.

- Confirmation (``action_confirm``, also reached from the portal and from online payment) runs the checks.
- The status of a dealer order is written only by Odoo's own transitions (confirm, cancel, set to quotation,
  mark as sent); ``create``/``write`` of another status from anywhere else is refused.
- A change of a confirmed dealer order that could break a check (prices, discounts, quantities, new lines,
  customer, addresses, pricelist, currency, company) re-runs the checks and is refused when they fail.
- The check bookkeeping (``dealer_checks_passed``, the override record) is written only by this code.
"""
from collections import Counter
from contextlib import contextmanager

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.html import text_to_html

# Failed checks recorded as a violation when a manager overrides them.
VIOLATION_TYPE_BY_CHECK = {"floor_price": "price", "territory": "cross_territory"}
# Order fields whose change on a confirmed dealer order re-runs the checks.
CHECKED_ORDER_FIELDS = frozenset({
    "partner_id", "partner_invoice_id", "partner_shipping_id", "pricelist_id", "currency_id", "company_id",
    "order_line",
})

# Context value letting a confirmation skip the dealer checks. A private Python object, not a string or
# boolean: a JSON-RPC context can never carry it, so only the manager override path can set it.
_OVERRIDE_TOKEN = object()
# Context value of online payment confirmation: failing orders are left unconfirmed with an activity.
_PAYMENT_TOKEN = object()
# Context value of an order write: the lines it creates or changes are re-checked once, by the order.
_DEFERRED_TOKEN = object()


# Key, in the cursor's cache, of the orders whose status Odoo's own transition methods are writing right now:
# {order id: nesting depth}. No RPC call reaches the cursor's cache; and unlike a context value naming the
# orders (a new environment per call, which every later environment creation of the transaction scans: three
# per confirmed order, so a batch of confirmations in one transaction slowed down quadratically) it creates
# no environment.
_STATE_CHANGE_KEY = "dealer_management.order_state_change"


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "dealer.workflow.mixin", "dealer.sale.order.checks.mixin"]

    # written only by the confirmation and override code below (dealer.workflow.mixin refuses the rest)
    _dealer_protected_fields = (
        "dealer_checks_passed", "dealer_override_reason", "dealer_override_user_id", "dealer_check_failures",
    )

    dealer_checks_passed = fields.Boolean(
        copy=False, readonly=True,
        help="Set when the order was confirmed with every enabled dealer check passing.",
    )
    dealer_override_reason = fields.Text(
        string="Override Reason", copy=False, readonly=True, groups="sales_team.group_sale_salesman",
    )
    dealer_override_user_id = fields.Many2one(
        "res.users", string="Overridden By", copy=False, readonly=True, groups="sales_team.group_sale_salesman",
    )
    dealer_check_failures = fields.Text(
        string="Overridden Check Failures", copy=False, readonly=True, groups="sales_team.group_sale_salesman",
        help="The dealer checks that failed when a Dealer Manager confirmed the order anyway.",
    )
    dealer_violation_ids = fields.One2many(
        "dealer.violation", "sale_order_id", string="Dealer Violations", groups="dealer_management.group_dealer_user",
    )
    dealer_is_dealer_order = fields.Boolean(
        string="Dealer Order", compute="_compute_dealer_is_dealer_order", search="_search_dealer_is_dealer_order",
        help="The customer, the invoice address or the delivery address belongs to a dealer: the dealer "
             "checks apply.",
    )

    # what the confirmation would say, shown on the quotation before anyone clicks Confirm
    dealer_check_warnings = fields.Text(
        string="Dealer Checks Failing", compute="_compute_dealer_check_preview",
        groups="sales_team.group_sale_salesman",
        help="The dealer checks this quotation fails now: the confirmation will refuse it for these reasons.",
    )
    dealer_credit_limit = fields.Monetary(
        compute="_compute_dealer_check_preview", currency_field="dealer_company_currency_id",
        groups="sales_team.group_sale_salesman",
    )
    dealer_credit_available = fields.Monetary(
        compute="_compute_dealer_check_preview",
        currency_field="dealer_company_currency_id", groups="sales_team.group_sale_salesman",
        help="The dealer's credit limit minus its open receivable and its confirmed orders not yet invoiced.",
    )
    dealer_company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")

    # ------------------------------------------------------------------ computes
    @api.depends(
        "partner_id.commercial_partner_id.is_dealer",
        "partner_invoice_id.commercial_partner_id.is_dealer",
        "partner_shipping_id.commercial_partner_id.is_dealer",
    )
    def _compute_dealer_is_dealer_order(self):
        for order in self:
            order.dealer_is_dealer_order = bool(order._dealer_candidates())

    def _search_dealer_is_dealer_order(self, operator, value):
        """Orders whose customer, invoice or delivery address belongs to a dealer (as the compute says)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            "|", "|",
            ("partner_id.commercial_partner_id.is_dealer", "=", True),
            ("partner_invoice_id.commercial_partner_id.is_dealer", "=", True),
            ("partner_shipping_id.commercial_partner_id.is_dealer", "=", True),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends(
        "state", "partner_id", "partner_invoice_id", "partner_shipping_id", "company_id", "currency_id",
        "amount_total", "order_line.product_id", "order_line.product_uom_qty", "order_line.product_uom",
        "order_line.price_unit", "order_line.discount",
    )
    def _compute_dealer_check_preview(self):
        """The failing checks and the dealer's available credit, by a dry run of the confirmation's checks."""
        for order in self:
            failures, error = order._dealer_dry_run()
            order.dealer_check_warnings = error or (failures and order._dealer_format_failures(failures)) or False
            figures = {}
            if order.state in ("draft", "sent") and order.dealer_is_dealer_order and not error:
                figures = order._dealer_partner()._dealer_credit_figures(order.company_id)
            order.dealer_credit_limit = figures.get("limit", 0.0)
            order.dealer_credit_available = figures.get("available", 0.0)

    # ------------------------------------------------------------------ ORM guards
    @api.model_create_multi
    def create(self, vals_list):
        """Dealer orders are created as quotations: confirming is ``action_confirm``'s job."""
        # lines created with the order are part of its creation, not a change of a confirmed order
        deferred = self.with_context(dealer_recheck=_DEFERRED_TOKEN)
        orders = super(SaleOrder, deferred).create(vals_list).with_env(self.env)
        orders.filtered(lambda order: order.state != "draft")._dealer_check_state_change({})
        return orders

    def write(self, vals):
        """Refuse status changes from outside Odoo's transitions; re-check confirmed dealer orders."""
        if not ("state" in vals or CHECKED_ORDER_FIELDS & vals.keys()):
            return super().write(vals)
        # the full snapshot only of confirmed orders (the only ones re-checked): a quotation's amounts are not
        # computed before each write (Odoo's loyalty engine writes a quotation's lines once per reward)
        before = {order: order._dealer_snapshot() if order.state == "sale" else {"state": order.state}
                  for order in self}
        result = super(SaleOrder, self.with_context(dealer_recheck=_DEFERRED_TOKEN)).write(vals)
        if "state" in vals:
            self._dealer_check_state_change({order: snapshot["state"] for order, snapshot in before.items()})
        self._dealer_recheck_confirmed(before)
        return result

    @contextmanager
    def _dealer_state_change_allowed(self):
        """While inside, the status of these orders may be written (Odoo's own transition methods only)."""
        allowed = self.env.cr.cache.setdefault(_STATE_CHANGE_KEY, Counter())
        allowed.update(self.ids)
        try:
            yield
        finally:
            allowed.subtract(self.ids)
            for order_id in self.ids:
                if allowed[order_id] <= 0:
                    del allowed[order_id]

    def _dealer_check_state_change(self, states_before):
        """Refuse a dealer order whose status changed outside the transition methods."""
        if self.env.su:
            return
        allowed_ids = self.env.cr.cache.get(_STATE_CHANGE_KEY) or {}
        for order in self:
            before = states_before.get(order)
            if order.state == before or order.id in allowed_ids or not order.dealer_is_dealer_order:
                continue
            if before in ("draft", "sent") and order.state == "sent":
                continue  # marking a quotation as sent (e-mail composer) is harmless
            raise AccessError(_(
                "The status of dealer order %(order)s changes only through its buttons (Confirm, Cancel, Set "
                "to Quotation), where the dealer checks run; it cannot be written directly.",
                order=order.display_name,
            ))

    def action_quotation_sent(self):
        with self._dealer_state_change_allowed():
            return super().action_quotation_sent()

    def action_draft(self):
        with self._dealer_state_change_allowed():
            return super().action_draft()

    def _action_cancel(self):
        with self._dealer_state_change_allowed():
            return super()._action_cancel()

    @api.model
    def _dealer_open_quotation_domain(self):
        """The orders still open as quotations: what a dealer's termination lists and waits for."""
        return [("state", "in", ("draft", "sent"))]

    # ------------------------------------------------------------------ changes of confirmed orders
    def _dealer_snapshot(self):
        """What a change must not worsen unchecked: status, dealer, addresses, pricing and line prices."""
        self.ensure_one()
        return {
            "state": self.state,
            "partners": (self.partner_id.id, self.partner_invoice_id.id, self.partner_shipping_id.id),
            "pricing": (self.pricelist_id.id, self.currency_id.id, self.company_id.id),
            "amount": self.amount_total,
            "lines": {line.id: line._dealer_net_price() for line in self.order_line},
        }

    def _dealer_change_is_risky(self, before):
        """(re-check needed, credit concerned) for a confirmed order compared with its snapshot."""
        self.ensure_one()
        if before["partners"] != (self.partner_id.id, self.partner_invoice_id.id, self.partner_shipping_id.id) \
                or before["pricing"] != (self.pricelist_id.id, self.currency_id.id, self.company_id.id):
            return True, True
        credit = self.currency_id.compare_amounts(self.amount_total, before["amount"]) > 0
        lines = self.order_line.filtered(lambda line: not line.display_type and not line.is_downpayment)
        prices = before["lines"]
        lowered = any(
            line.id not in prices or self.currency_id.compare_amounts(line._dealer_net_price(), prices[line.id]) < 0
            for line in lines
        )
        return credit or lowered, credit

    def _dealer_recheck_confirmed(self, before):
        """Re-run the checks on confirmed dealer orders whose change could break them; refuse on failure."""
        if self.env.context.get("dealer_override") is _OVERRIDE_TOKEN:
            return
        for order in self:
            snapshot = before.get(order)
            if not snapshot or snapshot["state"] != "sale" or order.state != "sale" or not order.dealer_is_dealer_order:
                continue
            risky, credit = order._dealer_change_is_risky(snapshot)
            if not risky:
                continue
            failures = order._dealer_collect_failures(skip=() if credit else ("credit",)).get(order)
            if failures:
                raise UserError(_(
                    "This change of confirmed dealer order %(order)s breaks the dealer commercial policy:\n\n"
                    "%(failures)s\n\nUndo the change. To change the order anyway, cancel it, set it back to "
                    "quotation, change it and confirm it again; a Dealer Manager can then override the checks "
                    "with a reason.",
                    order=order.display_name, failures=order._dealer_format_failures(failures),
                ))

    # ------------------------------------------------------------------ confirmation
    def action_confirm(self):
        """Run the enabled dealer checks on dealer orders before Odoo's own confirmation."""
        if self.env.context.get("dealer_override") is _OVERRIDE_TOKEN:
            # checks overridden by a manager; the token must not travel further down the confirmation
            with self._dealer_state_change_allowed():
                return super(SaleOrder, self.with_context(dealer_override=None)).action_confirm()
        orders = self
        if self.env.context.get("dealer_payment") is _PAYMENT_TOKEN:
            orders = self - self._dealer_hold_paid_orders()
            if not orders:
                return True
        orders._dealer_enforce_checks()
        with orders._dealer_state_change_allowed():
            return super(SaleOrder, orders).action_confirm()

    def _dealer_enforce_checks(self):
        """Refuse the confirmation with one error listing every failure, or mark the orders as checked."""
        orders = self.filtered(lambda o: o.state in ("draft", "sent") and o.dealer_is_dealer_order)
        if not orders:
            return
        failures = orders._dealer_collect_failures()
        if failures:
            blocks = []
            for order, order_failures in failures.items():  # a loop, not a comprehension: _() reads self's language
                heading = _("Order %(name)s:", name=order.name) + "\n" if len(orders) > 1 else ""
                blocks.append(heading + order._dealer_format_failures(order_failures))
            raise UserError(_(
                "The order breaks the dealer commercial policy and cannot be confirmed:\n\n%(failures)s\n\n"
                "Correct the order, or ask a Dealer Manager to confirm it with “Override Dealer Checks” "
                "and a reason.",
                failures="\n\n".join(blocks),
            ))
        orders._dealer_trusted().write({"dealer_checks_passed": True})

    # ------------------------------------------------------------------ online payment
    def _dealer_payment_refusal(self):
        """The message refusing online payment of this quotation when the dealer checks fail, else None."""
        # no row lock: this only decides whether to offer payment; confirmation re-runs the checks
        failures, error = self._dealer_dry_run()
        if error or not failures:
            return error
        return _(
            "Order %(order)s cannot be paid online: it breaks the dealer commercial policy.\n%(failures)s\n"
            "Contact your salesperson.",
            order=self.name, failures=self._dealer_format_failures(failures),
        )

    def _has_to_be_paid(self):
        """No pay button for a dealer quotation that the dealer checks would refuse."""
        return super()._has_to_be_paid() and not self._dealer_payment_refusal()

    def _dealer_hold_paid_orders(self):
        """Paid quotations failing the checks: left unconfirmed, with an activity for the salesperson."""
        held = self.browse()
        for order in self.filtered(lambda o: o.state in ("draft", "sent") and o.dealer_is_dealer_order):
            # with the credit row lock, as the confirmation itself: what passes here passes there
            try:
                failures = order._dealer_collect_failures().get(order)
                refusal = failures and order._dealer_format_failures(failures)
            except UserError as error:
                refusal = error.args[0]
            if not refusal:
                continue
            held |= order
            # the refusal names the dealer and products, texts typed by others: escaped, its lines kept
            message = text_to_html(_(
                "Order %(order)s was paid online but not confirmed: it breaks the dealer commercial policy.\n"
                "%(reason)s\nCorrect the order and confirm it, have a Dealer Manager override the checks, or "
                "refund the payment.",
                order=order.name, reason=refusal,
            ))
            order.activity_schedule(
                "mail.mail_activity_data_todo", user_id=(order.user_id or self.env.ref("base.user_admin")).id,
                summary=_("Paid order blocked by the dealer checks"), note=message,
            )
            order.message_post(body=message)
        return held

    # ------------------------------------------------------------------ manager override
    def _dealer_check_manager(self):
        """Raise unless the current user is a Dealer Manager (or superuser)."""
        self._check_dealer_manager(_("Only a Dealer Manager may override the dealer order checks."))

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
        if failures.get("status"):
            raise UserError(_(
                "%(reason)s\nA suspended or terminated dealer's orders cannot be overridden: reactivate the dealer "
                "first.", reason="\n".join(failures["status"]),
            ))
        self._dealer_trusted().write({
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
                "partner_id": self._dealer_partner().id,
                "company_id": self.company_id.id,
                "violation_type": violation_type,
                "sale_order_id": self.id,
                "contract_id": contract.id,
                "description": self.env._(  # env._: the comprehension's frame has no `self` for _()
                    "%(check)s check overridden on order %(order)s.\n%(failures)s\nReason: %(reason)s",
                    check=labels[check], order=self.name, failures="\n".join(failures[check]), reason=reason,
                ),
            }
            for check, violation_type in VIOLATION_TYPE_BY_CHECK.items() if check in failures
        ])
