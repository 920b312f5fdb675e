"""The portal cart's quotation: the promotions are applied once, on the cart page, and the submission confirms that
same quotation.

A dealer's cart lives in the portal session. When the cart page shows what the dealer's promotions or codes give,
the cart is built as a draft quotation of the portal user (as Odoo's shop keeps a cart): its lines, codes and
rewards applied by Odoo's loyalty engine. The quotation is kept, marked with a *cart key*, a hash of what it was built
from (the user, dealer, cart, codes, day, the prices' and taxes' sources) and of its lines as built. The submission
of the same cart takes it over: its number is taken then (a cart uses none), the dealer checks run, the promotions'
pass runs again over it (a new transaction: anything changed in between is caught) and it is confirmed. A cart whose
key no longer holds (cart, codes, prices, taxes, day changed, or its lines touched) is discarded and built again.

A cart quotation is nobody's order yet: hidden from the portal's lists, read-only on Odoo's portal order page, not
confirmable from the back office, counted by no budget (budgets count confirmed orders), removed after a day by a
scheduled job. Only code sets its key (a protected field).
"""
import hashlib
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import clean_context

from odoo.addons.dealer_portal.models.sale_order import SaleOrder as DealerPortalSaleOrder

# context key: the coupon and promo codes the dealer entered on its cart, applied to the submitted order
CODES_KEY = "dealer_portal_coupon_codes"
CART_KEY_FIELD = "dealer_portal_cart_key"
# a cart quotation not touched for this long is removed by the scheduled job
CART_LIFETIME = timedelta(days=1)
# the line values a cart key covers (what the dealer was shown for its cart)
_CART_LINE_FIELDS = ("product_id", "product_uom", "product_uom_qty", "price_unit", "discount", "tax_id")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # written by this module's code only (dealer.workflow.mixin refuses the rest)
    _dealer_protected_fields = (*DealerPortalSaleOrder._dealer_protected_fields, "dealer_portal_cart_key")

    dealer_portal_cart_key = fields.Char(
        string="Portal Cart Key", copy=False, readonly=True, index="btree_not_null",
        help="Technical: set while the quotation is a dealer's portal cart (its promotions shown on the cart page), "
             "a hash of what it was built from. Cleared when the dealer submits the cart.",
    )

    # ------------------------------------------------------------------ the submission
    def _dealer_portal_before_checks(self):
        """The cart's codes, then the dealer's promotions: the rewards are on the order before its checks run."""
        result = super()._dealer_portal_before_checks()
        for order in self:
            for code in self.env.context.get(CODES_KEY) or ():
                if order._dealer_code_on_order(code):  # the cart's quotation: applied on the cart page
                    continue
                error = order._dealer_portal_apply_code(code)
                if error:
                    raise UserError(error)
        self._dealer_apply_promotions()
        return result

    def _dealer_code_on_order(self, code):
        """Whether the coupon or promo `code` is already applied to this order."""
        self.ensure_one()
        order = self.sudo()  # sudo: the codes of the order's own coupons and rules, compared only
        return code in (order.applied_coupon_ids | order.order_line.coupon_id).mapped("code") \
            or code in order.code_enabled_rule_ids.mapped("code")

    def _dealer_portal_apply_code(self, code):
        """Apply a coupon or promo code and the reward it opens; the error message, or None."""
        self.ensure_one()
        status = self._try_apply_code(code)
        if "error" in status:
            return _("Code %(code)s: %(error)s", code=code, error=status["error"])
        for coupon, rewards in status.items():
            if len(rewards) == 1 and not rewards.multi_product and rewards not in self.order_line.reward_id:
                self._apply_program_reward(rewards, coupon)
        return None

    @api.model
    def _dealer_portal_create_order(self, dealer, cart, shipping=None, reference=None, lock=False, values=None):
        """The submission (``lock``, no ``values``) takes over the cart's quotation when its key still holds for the
        cart and codes submitted; otherwise it discards the user's cart quotations and builds the order."""
        if not lock or values is not None:
            return super()._dealer_portal_create_order(dealer, cart, shipping=shipping, reference=reference,
                                                       lock=lock, values=values)
        codes = tuple(self.env.context.get(CODES_KEY) or ())
        products, company = self._dealer_portal_check_cart(dealer, cart, shipping=shipping, lock=True)
        carts = self._dealer_portal_carts()
        order = self._dealer_portal_cart_quotation(dealer, cart, codes, carts)
        self._dealer_portal_remove_carts(carts - order)  # the user's other carts: stale
        if not order:
            return self._dealer_portal_new_order(dealer, cart, products, company, shipping=shipping,
                                                 reference=reference)
        header = self._dealer_portal_order_header(dealer, company, shipping=shipping, reference=reference)
        changed = {fname: value for fname, value in header.items()
                   if (order[fname].id if isinstance(order[fname], models.BaseModel) else order[fname]) != value}
        now = fields.Datetime.now()
        # sudo (the order is sudo already, see _dealer_portal_cart_quotation): the cart quotation of the user's own
        # dealer becomes its submitted order; the values are the submission's own, as for a new order
        order.write({
            **changed, CART_KEY_FIELD: False, "date_order": now,
            "name": order.env["ir.sequence"].with_company(company).next_by_code(
                "sale.order", sequence_date=fields.Datetime.context_timestamp(self, now)) or _("New"),
        })
        return order

    # ------------------------------------------------------------------ the cart page
    @api.model
    def _dealer_portal_promotion_preview(self, dealer, cart, codes=()):
        """What the cart gets from the dealer's promotions and `codes`: {"rewards": [(description, saving)],
        "saving": total, "errors": [messages of the codes refused], "codes": the codes kept}.

        Read from the cart's quotation, built (codes and promotions applied by Odoo's engine) when the user has none
        whose key holds; a refused cart (a product no longer orderable...) builds nothing (its savepoint).
        """
        result = {"rewards": [], "saving": 0.0, "errors": [], "codes": list(codes)}
        if not cart:
            return result
        carts = self._dealer_portal_carts()
        order = self._dealer_portal_cart_quotation(dealer, cart, codes, carts)
        if not order:
            result["codes"] = []
            try:
                with self.env.cr.savepoint():
                    self._dealer_portal_remove_carts(carts)  # stale: built from another cart, codes or prices
                    order = self._dealer_portal_create_order(dealer, cart, values={
                        "name": "/", "dealer_portal_submitted": False})
                    # the engine's changes of the cart being built are not tracked in its chatter (its creation is)
                    order = order.with_context(mail_notrack=True)
                    for code in codes:
                        error = order._dealer_portal_apply_code(code)
                        if error:
                            result["errors"].append(error)
                        else:
                            result["codes"].append(code)
                    order._dealer_apply_promotions()
                    order._dealer_portal_store_cart_key(self._dealer_portal_cart_inputs(dealer, cart, result["codes"]))
            except UserError as error:
                self.env.invalidate_all()
                result["errors"].append(error.args[0])
                return result
        lines = order.order_line.filtered("reward_id")
        result["rewards"] = [(line.name, self._dealer_reward_saving(line)) for line in lines]
        result["saving"] = self._dealer_reward_saving(lines)
        return result

    # ------------------------------------------------------------------ the cart's quotation
    @api.model
    def _dealer_portal_carts(self):
        """The current user's cart quotations, as superuser."""
        # sudo: portal users do not read draft orders; these are the user's own (dealer_portal_user_id), and only
        # this module's code uses them. clean_context: no default_* key of the caller reaches what is written on them
        Order = self.with_env(self.env(su=True, context=clean_context(self.env.context)))
        return Order.search([(CART_KEY_FIELD, "!=", False), ("dealer_portal_user_id", "=", self.env.uid),
                             ("state", "=", "draft")], order="id desc")

    @api.model
    def _dealer_portal_cart_quotation(self, dealer, cart, codes, carts):
        """Of the user's cart quotations `carts` (_dealer_portal_carts), the one built from this `cart` and `codes`
        whose key still holds; or none."""
        if not carts:
            return carts
        inputs = self._dealer_portal_cart_inputs(dealer, cart, codes)
        return carts.filtered(lambda order: order[CART_KEY_FIELD] == order._dealer_portal_cart_key(inputs))[:1]

    @api.model
    def _dealer_portal_remove_carts(self, orders):
        """Remove cart quotations with the coupons Odoo's engine made for them (as Odoo's own cancellation removes an
        order's)."""
        orders = orders.sudo()  # sudo: cart quotations (checked by the callers) and the engine's coupons of them
        if not orders:
            return
        coupons = orders.coupon_point_ids.coupon_id.filtered(
            lambda coupon: not coupon.program_id.is_nominative and coupon.order_id in orders)
        orders.unlink()
        coupons.invalidate_recordset()
        coupons.exists().filtered(lambda coupon: not coupon.use_count).unlink()  # used by no other order

    @api.model
    def _dealer_portal_cart_inputs(self, dealer, cart, codes):
        """A hash of what a cart quotation is built from: the user, dealer, cart, codes, day, and the stamps of its
        prices' and taxes' sources (the pricelist rules in their dates, the products, the dealer)."""
        return hashlib.sha256(repr((
            self.env.uid, dealer.id, sorted(cart.items()), tuple(codes), fields.Date.context_today(self),
            self._dealer_portal_price_stamp(dealer, list(cart)),
        )).encode()).hexdigest()

    def _dealer_portal_cart_key(self, inputs):
        """"inputs:lines" of this cart quotation: the hash of its `inputs`, then of its own lines as the dealer was
        shown them (its rewards apart: the submission's pass updates them)."""
        self.ensure_one()
        lines = self.sudo().order_line.filtered(lambda line: not line.reward_id)  # sudo: hashed only
        return f"{inputs}:" + hashlib.sha256(repr([
            (line.id, *(value.ids if isinstance(value, models.BaseModel) else value
                        for value in (line[fname] for fname in _CART_LINE_FIELDS)))
            for line in lines
        ]).encode()).hexdigest()

    def _dealer_portal_store_cart_key(self, inputs):
        """Mark this quotation as the user's cart built from `inputs`. In SQL: a technical value of this module's
        code, which the ORM refuses to every caller (a protected field) and which changes nothing else."""
        self.ensure_one()
        self.env.cr.execute(SQL("UPDATE sale_order SET %s = %s WHERE id = %s", SQL.identifier(CART_KEY_FIELD),
                                self._dealer_portal_cart_key(inputs), self.id))
        self.invalidate_recordset([CART_KEY_FIELD])

    @api.model
    def _dealer_portal_price_stamp(self, dealer, product_ids):
        """What a cart's prices and taxes come from, in one query: the dealer's pricelist and the lists its rules are
        based on (their rules in their dates now), the cart's products, templates and their taxes, the dealer."""
        Catalog = self.env["dealer.portal.catalog"]
        pricelist = Catalog._dealer_pricelist(dealer)
        for model in ("product.pricelist", "product.pricelist.item", "product.product", "product.template",
                      "res.partner"):
            self.env[model].flush_model()
        # whole rows as text: any stored value (a rule's price, a product's category, a template's UoM...) counts,
        # even one changed within the transaction, where write_date stays the same
        self.env.cr.execute(SQL(
            """
            WITH RECURSIVE lists(id) AS (
                SELECT id FROM product_pricelist WHERE id = %(pricelist)s
                 UNION
                SELECT item.base_pricelist_id
                  FROM product_pricelist_item item JOIN lists ON lists.id = item.pricelist_id
                 WHERE item.base_pricelist_id IS NOT NULL
            ), products AS (
                SELECT product.id, product.product_tmpl_id FROM product_product product
                 WHERE product.id = ANY(%(products)s)
            )
            SELECT (SELECT array_agg(pricelist::text ORDER BY pricelist.id)
                      FROM product_pricelist pricelist WHERE pricelist.id IN (SELECT id FROM lists)),
                   (SELECT array_agg(item::text ORDER BY item.id)
                      FROM product_pricelist_item item
                     WHERE item.pricelist_id IN (SELECT id FROM lists)
                       AND (item.date_start IS NULL OR item.date_start <= %(now)s)
                       AND (item.date_end IS NULL OR item.date_end >= %(now)s)),
                   (SELECT array_agg(product::text ORDER BY product.id)
                      FROM product_product product WHERE product.id IN (SELECT id FROM products)),
                   (SELECT array_agg(template::text ORDER BY template.id)
                      FROM product_template template WHERE template.id IN (SELECT product_tmpl_id FROM products)),
                   (SELECT array_agg(tax.prod_id || ':' || tax.tax_id ORDER BY tax.prod_id, tax.tax_id)
                      FROM product_taxes_rel tax WHERE tax.prod_id IN (SELECT product_tmpl_id FROM products)),
                   (SELECT array_agg(partner::text ORDER BY partner.id)
                      FROM res_partner partner WHERE partner.id IN %(partners)s)
            """,
            pricelist=pricelist.id or 0, now=fields.Datetime.now(), products=sorted(product_ids),
            partners=tuple({dealer.id, dealer.commercial_partner_id.id}),
        ))
        return repr(self.env.cr.fetchone())

    @api.model
    def _dealer_portal_gc_carts(self):
        """Scheduled: remove the cart quotations not touched for a day (the dealer left its cart)."""
        orders = self.sudo().search([(CART_KEY_FIELD, "!=", False), ("state", "=", "draft"),
                                     ("write_date", "<", fields.Datetime.now() - CART_LIFETIME)])
        self._dealer_portal_remove_carts(orders)
        return len(orders)

    # ------------------------------------------------------------------ nobody's order yet
    @api.model
    def _dealer_open_quotation_domain(self):
        """A portal cart's quotation is no open business of the dealer: it does not hold up a termination."""
        return [*super()._dealer_open_quotation_domain(), (CART_KEY_FIELD, "=", False)]

    def _dealer_portal_may_act(self, user):
        """A cart quotation is acted on by the cart's submission only: no signing or paying it on the portal."""
        return not self.sudo()[CART_KEY_FIELD] and super()._dealer_portal_may_act(user)

    def action_confirm(self):
        carts = self.filtered(CART_KEY_FIELD)  # as the user: who may not read an order learns nothing of it here
        if carts:
            raise UserError(_(
                "This quotation is the portal cart of %(dealers)s, not an order yet: it is confirmed when the dealer "
                "submits its cart on the portal.",
                dealers=", ".join(carts.partner_id.commercial_partner_id.mapped("display_name"))))
        return super().action_confirm()
