"""What a dealer may order on the portal, at which net price, and the validation of what it asks for.

The routes of controllers/ordering.py stay thin: every rule of the catalog, the cart and the quick order is
here, written for a whole page or cart at once (a fixed number of queries whatever the number of products).
"""
import math
import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools.misc import limited_field_access_token

# largest quantity of one product a dealer may put in its cart (a typo guard, not a business limit)
MAX_QUANTITY = 100000
NEW_PRODUCT_DAYS_PARAM = "dealer_portal.new_product_days"
DEFAULT_NEW_PRODUCT_DAYS = 60
# one quick-order line: a product code, then a separator (spaces, tab, comma or semicolon), then the quantity
QUICK_LINE_RE = re.compile(r"^(?P<code>.+?)[\s,;]+(?P<qty>\S+)$")


class DealerPortalCatalog(models.AbstractModel):
    _name = "dealer.portal.catalog"
    _description = "Dealer Portal Catalog and Cart Rules"

    # ------------------------------------------------------------------ what a dealer may order
    @api.model
    def _dealer_company(self, dealer):
        """The company the dealer orders from: its own, else the portal user's."""
        return dealer.company_id or self.env.user.company_id

    @api.model
    def _dealer_orderable_domain(self, dealer):
        """Products the dealer may order: sold to dealers, for sale, active, of its company or shared, allowed for
        its grade."""
        company = self._dealer_company(dealer)
        grade_domain = self.env["product.template"]._dealer_grade_domain(dealer.dealer_grade_id)
        return [
            ("dealer_ok", "=", True),
            ("sale_ok", "=", True),
            ("active", "=", True),
            ("company_id", "in", (False, company.id)),
            *grade_domain,  # a template field, searchable on the variants (_inherits)
        ]

    @api.model
    def _dealer_products(self):
        """product.product as superuser: portal users have no access right on products.

        Every caller narrows the search with ``_dealer_orderable_domain`` (or checks ids against it), so a
        dealer never sees or orders a product outside its catalog.
        """
        return self.env["product.product"].sudo()

    @api.model
    def _dealer_orderable(self, dealer, product_ids):
        """The products among `product_ids` the dealer may order (one query)."""
        ids = [pid for pid in product_ids if isinstance(pid, int)]
        if not ids or not dealer:
            return self._dealer_products()
        return self._dealer_products().search([("id", "in", ids), *self._dealer_orderable_domain(dealer)])

    @api.model
    def _dealer_image_urls(self, products):
        """{product id: URL of its 128 px image} for the catalog page.

        Portal users have no right on products, so the URL carries a token limited to that field of that product
        (Odoo's own way for avatars, tools.misc.limited_field_access_token); the catalog shows only products the
        dealer may order. A product without an image gets Odoo's placeholder from the same URL.
        """
        return {
            product.id: f"/web/image/product.product/{product.id}/image_128"
                        f"?access_token={limited_field_access_token(product, 'image_128')}"
            for product in products
        }

    @api.model
    def _dealer_pricelist(self, dealer):
        """The dealer's own pricelist in the company it orders from."""
        company = self._dealer_company(dealer)
        # sudo: the dealer's pricelist property, read for the dealer's own prices
        return dealer.sudo().with_company(company).property_product_pricelist

    @api.model
    def _dealer_prices(self, dealer, products, quantity=1.0):
        """{product id: net unit price} from the dealer's pricelist, for all `products` in one call."""
        pricelist = self._dealer_pricelist(dealer)
        if not pricelist:
            return {product.id: product.lst_price for product in products}
        return pricelist._get_products_price(products, quantity)

    @api.model
    def _dealer_promotion_ids(self, dealer, products):
        """Ids of `products` that a dated rule of the dealer's pricelist applies to right now (one query)."""
        pricelist = self._dealer_pricelist(dealer)
        if not pricelist or not products:
            return set()
        now = fields.Datetime.now()
        # sudo: the rules of the dealer's own pricelist, read to flag its current promotions
        items = self.env["product.pricelist.item"].sudo().search([
            ("pricelist_id", "=", pricelist.id),
            "|", ("date_start", "!=", False), ("date_end", "!=", False),
            "|", ("date_start", "=", False), ("date_start", "<=", now),
            "|", ("date_end", "=", False), ("date_end", ">=", now),
        ])
        promoted = set()
        for product in products:
            for item in items:
                if (
                    item.applied_on == "3_global"
                    or (item.applied_on == "2_product_category"
                        and product.categ_id.parent_path.startswith(item.categ_id.parent_path))
                    or (item.applied_on == "1_product" and item.product_tmpl_id == product.product_tmpl_id)
                    or (item.applied_on == "0_product_variant" and item.product_id == product)
                ):
                    promoted.add(product.id)
                    break
        return promoted

    @api.model
    def _dealer_new_product_days(self):
        """Days a product is flagged as new on the catalog (setting, default 60)."""
        value = self.env["ir.config_parameter"].sudo().get_param(NEW_PRODUCT_DAYS_PARAM, DEFAULT_NEW_PRODUCT_DAYS)
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_NEW_PRODUCT_DAYS

    @api.model
    def _dealer_new_ids(self, products):
        """Ids of `products` created within the last N days."""
        since = fields.Datetime.now() - timedelta(days=self._dealer_new_product_days())
        return {product.id for product in products if product.create_date and product.create_date >= since}

    # ------------------------------------------------------------------ quantities and the cart
    @api.model
    def _dealer_parse_quantity(self, value):
        """A quantity typed by the dealer: a finite number above 0 and up to MAX_QUANTITY, else None."""
        try:
            quantity = float(str(value).strip().replace(",", "."))
        except (TypeError, ValueError):
            return None
        if not math.isfinite(quantity) or quantity <= 0 or quantity > MAX_QUANTITY:
            return None
        return quantity

    @api.model
    def _dealer_quantity_error(self):
        return _("Give a quantity above 0 and at most %(max)s.", max=MAX_QUANTITY)

    @api.model
    def _dealer_parse_quick_order(self, dealer, text):
        """Read the pasted "CODE quantity" lines: ({product id: quantity}, [error per wrong line]).

        Every line is checked before anything is returned; the caller adds nothing when there is an error.
        Blank lines are skipped; a code given twice adds up its quantities.
        """
        parsed, errors = [], []
        for number, raw in enumerate((text or "").splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            match = QUICK_LINE_RE.match(line)
            if not match:
                errors.append(_("Line %(line)s: write a product code and a quantity, e.g. “ABC-100 5”.", line=number))
                continue
            quantity = self._dealer_parse_quantity(match["qty"])
            if quantity is None:
                errors.append(_(
                    "Line %(line)s: %(qty)s is not a valid quantity for %(code)s: give a number above 0 and at "
                    "most %(max)s.",
                    line=number, qty=match["qty"], code=match["code"], max=MAX_QUANTITY,
                ))
                continue
            parsed.append((number, match["code"].strip(), quantity))
        if not parsed and not errors:
            return {}, [_("Paste one line per product: its code and the quantity.")]
        codes = {code for __, code, __ in parsed}
        Products = self._dealer_products()
        orderable = Products.search([("default_code", "in", list(codes)), *self._dealer_orderable_domain(dealer)])
        by_code = {product.default_code: product for product in orderable}
        cart = {}
        for number, code, quantity in parsed:
            product = by_code.get(code)
            if product:
                cart[product.id] = cart.get(product.id, 0.0) + quantity
            else:
                # the same words for a code that exists but is not the dealer's to order: nothing about it leaks
                errors.append(_(
                    "Line %(line)s: unknown product code %(code)s: use a code of the catalog.", line=number, code=code,
                ))
        errors.extend(
            self.env._("Product %(code)s: the total quantity is above %(max)s.", code=product.default_code,
                       max=MAX_QUANTITY)
            for product in orderable if cart.get(product.id, 0.0) > MAX_QUANTITY
        )
        return cart, errors

    @api.model
    def _dealer_cart_merge(self, cart, additions):
        """The cart with `additions` ({product id: quantity}) added; None when a total would exceed the maximum."""
        merged = dict(cart)
        for product_id, quantity in additions.items():
            merged[product_id] = merged.get(product_id, 0.0) + quantity
            if merged[product_id] > MAX_QUANTITY:
                return None
        return merged

    @api.model
    def _dealer_cart_lines(self, dealer, cart):
        """(lines, products no longer orderable) for a cart {product id: quantity}.

        lines: [{"product", "quantity", "price", "subtotal"}] in the dealer's pricelist currency, priced at
        each line's quantity (one pricelist call per distinct quantity).
        """
        products = self._dealer_orderable(dealer, list(cart))
        removed = [pid for pid in cart if pid not in products.ids]
        by_quantity = {}
        for product in products:
            by_quantity.setdefault(cart[product.id], []).append(product.id)
        prices = {}
        for quantity, ids in by_quantity.items():
            prices.update(self._dealer_prices(dealer, products.browse(ids), quantity))
        lines = [{
            "product": product,
            "quantity": cart[product.id],
            "price": prices.get(product.id, 0.0),
            "subtotal": prices.get(product.id, 0.0) * cart[product.id],
        } for product in products.sorted("display_name")]
        return lines, removed

    @api.model
    def _dealer_delivery_addresses(self, dealer):
        """The dealer's delivery addresses a portal order may go to (the dealer itself first)."""
        # sudo: addresses of the user's own dealer, for the choice on the cart page
        children = self.env["res.partner"].sudo().search([
            ("id", "child_of", dealer.id), ("type", "=", "delivery"), ("id", "!=", dealer.id),
        ])
        return dealer.sudo() | children
