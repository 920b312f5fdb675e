from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools.misc import clean_context

from odoo.addons.dealer_management.models.sale_order import SaleOrder as DealerSaleOrder
from odoo.addons.dealer_management.tools.html import text_to_html

# the salesperson's to-do of a quotation submitted on the portal that waits for the back office
CONFIRM_ACTIVITY = "dealer_portal.mail_activity_type_confirm_portal_order"
# context key of an order a portal user only reads (see _dealer_portal_may_act): no signing, paying or share link
READ_ONLY_KEY = "dealer_portal_read_only"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # written only by the portal submission below (dealer.workflow.mixin refuses the rest)
    _dealer_protected_fields = (
        *DealerSaleOrder._dealer_protected_fields, "dealer_portal_submitted", "dealer_portal_user_id",
    )

    dealer_portal_submitted = fields.Boolean(
        string="Submitted on the Portal", copy=False, readonly=True,
        help="The dealer submitted this order from its cart on the dealer portal.",
    )
    dealer_portal_user_id = fields.Many2one(
        "res.users", string="Submitted By", copy=False, readonly=True,
        help="The dealer's portal user who submitted the order.",
    )

    @api.model
    def _dealer_portal_submit(self, dealer, cart, shipping=None, reference=None):
        """Create the order of the portal user's `dealer` from its cart, then run the dealer checks.

        `cart` is {product id: quantity}, validated by the caller (dealer.portal.catalog); every product is
        checked again here. The dealer's grade decides: ``portal_auto_confirm`` confirms the order
        (``action_confirm`` runs the checks), otherwise the quotation waits for the back office with an activity
        for the salesperson, the checks having run once so that the dealer learns of a failure at once.
        A failing check raises UserError: the caller runs this in a savepoint, so nothing is left behind.
        """
        user = self.env.user
        order = self._dealer_portal_create_order(dealer, cart, shipping=shipping, reference=reference, lock=True)
        order.message_subscribe(partner_ids=user.partner_id.ids)
        order._dealer_portal_before_checks()
        failures = order._dealer_collect_failures().get(order)
        if failures:
            raise UserError(_(
                "Your order cannot be submitted: it breaks our commercial policy.\n%(failures)s\nChange your cart "
                "(quantities or products), or contact your salesperson.",
                failures=order._dealer_format_failures(failures),
            ))
        if dealer.dealer_grade_id.portal_auto_confirm:
            order.action_confirm()
        else:
            order._dealer_portal_request_confirmation()
        return order.with_env(self.env)

    @api.model
    def _dealer_portal_create_order(self, dealer, cart, shipping=None, reference=None, lock=False, values=None):
        """The quotation of the portal user's `dealer` for its cart (every product and quantity checked again), as
        superuser; ``lock``: the dealer's row first (the submission); ``values``: more order values of the caller
        (code, not the user)."""
        products, company = self._dealer_portal_check_cart(dealer, cart, shipping=shipping, lock=lock)
        return self._dealer_portal_new_order(dealer, cart, products, company, shipping=shipping, reference=reference,
                                             values=values)

    @api.model
    def _dealer_portal_new_order(self, dealer, cart, products, company, shipping=None, reference=None, values=None):
        """Create the quotation of a cart checked by _dealer_portal_check_cart (`products`, `company`)."""
        # sudo: portal users have no create right on orders. Safe: the dealer is the user's own, the products
        # are those it may order (checked above), the values are set here only, and clean_context drops every
        # default_* key of the caller; the dealer checks below run as for any back-office order.
        Order = self.with_env(self.env(su=True, context=clean_context(self.env.context)))
        return Order.with_company(company).create({
            **self._dealer_portal_order_header(dealer, company, shipping=shipping, reference=reference),
            "order_line": [
                fields.Command.create({"product_id": product.id, "product_uom_qty": cart[product.id]})
                for product in products
            ],
            **(values or {}),
        })

    @api.model
    def _dealer_portal_check_cart(self, dealer, cart, shipping=None, lock=False):
        """(products, company) of the portal user's `dealer` cart, every product, quantity and the delivery address
        checked again; ``lock``: then the dealer's row (the submission)."""
        user = self.env.user
        if not dealer or dealer != user._dealer_portal_dealer():
            raise AccessError(_("Only the people of an active dealer can submit orders on the portal."))
        Catalog = self.env["dealer.portal.catalog"]
        products = Catalog._dealer_orderable(dealer, list(cart))
        if not cart or len(products) != len(cart):
            raise UserError(_("Your cart holds products you can no longer order: review your cart and submit again."))
        if any(Catalog._dealer_parse_quantity(quantity) is None for quantity in cart.values()):
            raise UserError(Catalog._dealer_quantity_error())
        addresses = Catalog._dealer_delivery_addresses(dealer)
        if shipping and shipping not in addresses:
            raise UserError(_("Choose one of your delivery addresses."))
        if lock:
            # two submissions of one dealer at the same time (the same form sent twice before the first answer came
            # back): the second waits on the dealer's row, then is retried by Odoo on a fresh snapshot and session,
            # where the one-time token of its form is already used (see _dealer_lock_partner)
            self._dealer_lock_partner(dealer)
        return products, Catalog._dealer_company(dealer)

    @api.model
    def _dealer_portal_order_header(self, dealer, company, shipping=None, reference=None):
        """The order values of a portal submission of the current user for `dealer` (its lines apart)."""
        Catalog = self.env["dealer.portal.catalog"]
        return {
            "partner_id": dealer.id,
            "partner_invoice_id": dealer.address_get(["invoice"])["invoice"],
            "partner_shipping_id": shipping.id if shipping else dealer.address_get(["delivery"])["delivery"],
            "pricelist_id": Catalog._dealer_pricelist(dealer).id,
            "user_id": dealer.sudo().user_id.id,
            "company_id": company.id,
            "client_order_ref": (reference or "").strip()[:100] or False,
            "dealer_portal_submitted": True,
            "dealer_portal_user_id": self.env.user.id,
        }

    def _dealer_portal_before_checks(self):
        """What a submitted portal order gets before its dealer checks run (an addon applies its promotions)."""

    def _dealer_portal_request_confirmation(self):
        """A submitted quotation waiting for the back office: a to-do for the salesperson."""
        for order in self:
            order.activity_schedule(
                CONFIRM_ACTIVITY,
                user_id=(order.user_id or self.env.ref("base.user_admin")).id,
                summary=_("Confirm the order submitted on the dealer portal"),
                # the portal user's name is its own text: escaped, a link in it stays text
                note=text_to_html(_(
                    "%(user)s submitted order %(order)s on the dealer portal; the dealer checks passed at submission. "
                    "Review and confirm it.",
                    user=order.dealer_portal_user_id.name, order=order.name,
                )),
            )

    def _dealer_portal_awaiting(self):
        """True for a quotation submitted on the portal that the back office has not confirmed yet."""
        self.ensure_one()
        return self.dealer_portal_submitted and self.state in ("draft", "sent")

    # ------------------------------------------------------------------ Odoo's portal order page
    def _dealer_portal_may_act(self, user):
        """Whether `user` may sign, reject, pay or change this order on the portal, not only look at it.

        Odoo lets whoever reads an order act on it. A dealer's order is acted on by the dealer's own people only: a
        distributor's users read their sub-dealers' orders (record rule ``rule_sale_order_portal_distributor``) and
        nothing more. Internal users, the share link (public user) and the orders of other customers keep Odoo's rule.
        """
        self.ensure_one()
        if not user.share or user._is_public() or not self.dealer_is_dealer_order:
            return True
        return self.partner_id.commercial_partner_id == user.partner_id.commercial_partner_id

    @api.model
    def _dealer_portal_orders_domain(self, dealer):
        """Orders that /my/orders lists to `dealer`'s portal users besides Odoo's (the confirmed orders they follow).

        Its cancelled orders, so that the status column says what became of them, and for a distributor its
        sub-dealers' confirmed and cancelled orders: those that record rule ``rule_sale_order_portal_distributor``
        lets it read, and that ``_dealer_portal_may_act`` leaves read-only (the caller searches as the portal user,
        so the record rules bound the list whatever this domain says).
        """
        # sudo: the sub-dealers and their contacts, which the distributor's users may not read (a path through
        # partner_id would then find nothing); a subquery of ids that only narrows the user's own search
        sub_dealer_partners = self.env["res.partner"].sudo().with_context(active_test=False)._search(
            [("commercial_partner_id.parent_dealer_id", "=", dealer.id)])
        return expression.OR([
            [("message_partner_ids", "child_of", [dealer.id]), ("state", "=", "cancel")],
            [("partner_id", "in", sub_dealer_partners), ("state", "in", ("sale", "cancel"))],
        ])

    def _dealer_portal_read_only(self):
        """This order as shown to a portal user who may only read it: no sign or pay button, no share link."""
        return self.with_context(**{READ_ONLY_KEY: True})

    def _has_to_be_signed(self):
        """Nothing to sign for a reader of the order, nor while a portal submission waits for the salesperson."""
        return super()._has_to_be_signed() and not self.env.context.get(READ_ONLY_KEY) \
            and not self._dealer_portal_awaiting()

    def _has_to_be_paid(self):
        """Nothing to pay for a reader of the order, nor while a portal submission waits for the salesperson (paying
        would confirm it)."""
        return super()._has_to_be_paid() and not self.env.context.get(READ_ONLY_KEY) \
            and not self._dealer_portal_awaiting()

    def _portal_ensure_token(self):
        """A reader of the order gets no share link: the links of its page carry no access token."""
        if self.env.context.get(READ_ONLY_KEY):
            return ""
        return super()._portal_ensure_token()

    def _get_access_action(self, access_uid=None, force_website=False):
        """A reader of the order following a link to it (/mail/view, a message's link) is sent to its page without
        the share link that Odoo's portal adds."""
        self.ensure_one()
        # sudo: the user the link is resolved for, read for whether it may act on the order
        user = self.env["res.users"].sudo().browse(access_uid) if access_uid else self.env.user
        order = self if self._dealer_portal_may_act(user) else self._dealer_portal_read_only()
        return super(SaleOrder, order)._get_access_action(access_uid=access_uid, force_website=force_website)

    def _dealer_portal_sign_and_confirm(self, name, signature):
        """Store the customer's signature and confirm the quotation in one savepoint.

        Odoo's portal stores the signature and commits before it confirms, so a confirmation that the dealer checks
        refuse would leave a signed, unconfirmed quotation behind. Here a refusal (UserError) writes nothing.
        """
        self.ensure_one()
        with self.env.cr.savepoint():
            self.write({"signed_by": name, "signed_on": fields.Datetime.now(), "signature": signature})
            self._validate_order()

    def action_confirm(self):
        """The salesperson's to-do of a portal submission is done once the order is confirmed, by whoever."""
        result = super().action_confirm()
        self.filtered(lambda order: order.state == "sale").activity_feedback([CONFIRM_ACTIVITY])
        return result
