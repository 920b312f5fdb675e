"""Ordering on the dealer portal: catalog, cart (kept in the session), quick order, reorder and submission.

Nothing is written in the database before the submission: the cart is {product id: quantity} in the session.
The submission creates the order in one savepoint (``sale.order._dealer_portal_submit``), so a failing dealer
check leaves nothing behind, and consumes a one-time token of the cart page, so a replayed form creates nothing.
"""
from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.dealer_portal_catalog import MAX_QUANTITY
from .portal import DealerPortal

CART_KEY = "dealer_portal_cart"
TOKEN_KEY = "dealer_portal_cart_token"
# what the catalog's last "Add" put in the cart, said once by the next catalog page: [product id, quantity]
ADDED_KEY = "dealer_portal_cart_added"


class DealerOrderingPortal(DealerPortal):
    """/my/catalog, /my/cart and the reorder button of a past order."""

    _catalog_per_page = 20

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_cart_count" in counters:
            values["dealer_cart_count"] = len(self._dealer_cart()) if request.env.user._dealer_portal_dealer() else 0
        return values

    # ------------------------------------------------------------------ the cart in the session
    @staticmethod
    def _dealer_cart():
        """{product id: quantity} of the session's cart (keys are strings in the session's JSON)."""
        cart = request.session.get(CART_KEY) or {}
        result = {}
        for key, quantity in cart.items():
            try:
                result[int(key)] = float(quantity)
            except (TypeError, ValueError):
                continue
        return result

    @staticmethod
    def _dealer_save_cart(cart):
        request.session[CART_KEY] = {str(product_id): quantity for product_id, quantity in cart.items()}

    # ------------------------------------------------------------------ catalog
    @http.route(["/my/catalog", "/my/catalog/page/<int:page>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_catalog(self, page=1, search="", category="", **kw):
        dealer = request.env.user._dealer_portal_dealer()
        Catalog = request.env["dealer.portal.catalog"]
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "dealer_catalog", "dealer": dealer, "search": search, "category": category})
        if not dealer:
            return request.render("dealer_portal.portal_my_catalog", {**values, "products": []})
        Products = Catalog._dealer_products()
        domain = Catalog._dealer_orderable_domain(dealer)
        categories = request.env["product.category"].sudo().browse(
            # sudo: the categories of the products the dealer may order, for the filter
            [categ.id for categ, in Products._read_group(domain, ["categ_id"])]
        ).sorted("complete_name")
        search = (search or "").strip()[:100]
        if search:
            domain += ["|", ("name", "ilike", search), ("default_code", "ilike", search)]
        category_id = self._dealer_category_id(category, categories)
        if category_id:
            domain += [("categ_id", "child_of", category_id)]
        url_args = {key: value for key, value in (("search", search), ("category", category_id or "")) if value}
        pager = portal_pager(
            url="/my/catalog", url_args=url_args, total=Products.search_count(domain), page=page,
            step=self._catalog_per_page,
        )
        products = Products.search(domain, order="default_code, name, id", limit=self._catalog_per_page,
                                   offset=pager["offset"])
        pricelist = Catalog._dealer_pricelist(dealer)
        values.update({
            "products": products,
            "prices": Catalog._dealer_prices(dealer, products),
            "promotion_ids": Catalog._dealer_promotion_ids(dealer, products),
            "new_ids": Catalog._dealer_new_ids(products),
            "image_urls": Catalog._dealer_image_urls(products),
            "currency": pricelist.currency_id or Catalog._dealer_company(dealer).currency_id,
            "categories": categories,
            "category_id": category_id,
            "search": search,
            "pager": pager,
            "cart": self._dealer_cart(),
            "added": self._dealer_pop_added(dealer),
        })
        return request.render("dealer_portal.portal_my_catalog", values)

    def _dealer_pop_added(self, dealer):
        """The confirmation of the catalog's last "Add" (said once), or "" when there is none to say."""
        product_id, quantity = (request.session.pop(ADDED_KEY, None) or [None, None])[:2]
        product = request.env["dealer.portal.catalog"]._dealer_orderable(dealer, [product_id])
        if not product or not isinstance(quantity, (int, float)):
            return ""
        return _("%(quantity)s × %(product)s added to your cart. Products in your cart: %(count)s.",
                 quantity=int(quantity) if float(quantity).is_integer() else quantity,
                 product=product.display_name, count=len(self._dealer_cart()))

    @staticmethod
    def _dealer_category_id(value, categories):
        try:
            category_id = int(value) if value else False
        except (TypeError, ValueError):
            return False
        return category_id if category_id in categories.ids else False

    # ------------------------------------------------------------------ cart page
    def _dealer_cart_values(self, dealer, errors=None, notes=None, quick_text="", post=None):
        Catalog = request.env["dealer.portal.catalog"]
        cart = self._dealer_cart()
        lines, removed = Catalog._dealer_cart_lines(dealer, cart) if dealer else ([], [])
        pricelist = Catalog._dealer_pricelist(dealer) if dealer else request.env["product.pricelist"]
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_cart",
            "dealer": dealer,
            "lines": lines,
            # sudo: names of products the user had in its own cart, to say they can no longer be ordered
            "removed": Catalog._dealer_products().browse(removed).exists(),
            "total": sum(line["subtotal"] for line in lines),
            "currency": pricelist.currency_id or (dealer and Catalog._dealer_company(dealer).currency_id),
            "addresses": Catalog._dealer_delivery_addresses(dealer) if dealer else [],
            "default_shipping_id": dealer.address_get(["delivery"])["delivery"] if dealer else False,
            "cart_token": self._dealer_form_token(TOKEN_KEY) if dealer else "",
            "errors": errors or [],
            "notes": notes or [],
            "quick_text": quick_text,
            "post": post or {},
            "max_quantity": request.env["dealer.portal.catalog"]._dealer_quantity_error(),
        })
        return values

    def _dealer_render_cart(self, dealer, **kw):
        return request.render("dealer_portal.portal_my_cart", self._dealer_cart_values(dealer, **kw))

    @http.route(["/my/cart"], type="http", auth="user", website=True, readonly=True)
    def portal_my_cart(self, added=None, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        notes = [_("The products were added to your cart.")] if added else []
        return self._dealer_render_cart(dealer, notes=notes)

    @http.route(["/my/cart/add"], type="http", auth="user", website=True, methods=["POST"])
    def portal_cart_add(self, product_id=None, quantity="1", **kw):
        """Add a product of the catalog to the cart; back to the catalog page it came from, at the product (the
        phone layout's card has its anchor), where the page says what was added."""
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my/catalog")
        Catalog = request.env["dealer.portal.catalog"]
        product = Catalog._dealer_orderable(dealer, [self._dealer_int(product_id)])
        qty = Catalog._dealer_parse_quantity(quantity)
        error = None
        if not product:
            error = _("This product cannot be ordered by your dealer: choose one from the catalog.")
        elif qty is None:
            error = Catalog._dealer_quantity_error()
        else:
            cart = Catalog._dealer_cart_merge(self._dealer_cart(), {product.id: qty})
            if cart is None:
                error = _("The quantity of %(product)s in your cart would be above %(max)s.",
                          product=product.display_name, max=MAX_QUANTITY)
            else:
                self._dealer_save_cart(cart)
        if error:
            return self._dealer_render_cart(dealer, errors=[error])
        back = kw.get("redirect") or ""
        if not back.startswith("/my/catalog"):
            return request.redirect("/my/cart?added=1")
        request.session[ADDED_KEY] = [product.id, qty]
        return request.redirect(f"{back.split('#')[0]}#dealer-product-{product.id}")

    @http.route(["/my/cart/update"], type="http", auth="user", website=True, methods=["POST"])
    def portal_cart_update(self, product_id=None, quantity="0", **kw):
        """Change a cart line's quantity; 0 (or the Remove button) takes the product out."""
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my/catalog")
        cart = self._dealer_cart()
        pid = self._dealer_int(product_id)
        if pid not in cart:
            return request.redirect("/my/cart")
        if kw.get("remove") or str(quantity).strip() in ("0", "0.0"):
            cart.pop(pid)
        else:
            qty = request.env["dealer.portal.catalog"]._dealer_parse_quantity(quantity)
            if qty is None:
                return self._dealer_render_cart(
                    dealer, errors=[request.env["dealer.portal.catalog"]._dealer_quantity_error()])
            cart[pid] = qty
        self._dealer_save_cart(cart)
        return request.redirect("/my/cart")

    @http.route(["/my/cart/quick"], type="http", auth="user", website=True, methods=["POST"])
    def portal_cart_quick_order(self, lines="", **kw):
        """Quick order: pasted "CODE quantity" lines; nothing is added when any line is wrong."""
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my/catalog")
        lines = (lines or "")[:100000]
        Catalog = request.env["dealer.portal.catalog"]
        additions, errors = Catalog._dealer_parse_quick_order(dealer, lines)
        cart = None if errors else Catalog._dealer_cart_merge(self._dealer_cart(), additions)
        if cart is None and not errors:
            errors = [_("A product's total quantity in your cart would be above %(max)s.",
                        max=MAX_QUANTITY)]
        if errors:
            return self._dealer_render_cart(dealer, errors=errors, quick_text=lines)
        self._dealer_save_cart(cart)
        return request.redirect("/my/cart?added=1")

    @http.route(["/my/orders/<int:order_id>/reorder"], type="http", auth="user", website=True, methods=["POST"])
    def portal_order_reorder(self, order_id, **kw):
        """Put the lines of a past order of the dealer into the cart; list those no longer orderable."""
        dealer = request.env.user._dealer_portal_dealer()
        try:
            order_sudo = self._document_check_access("sale.order", order_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        if not dealer:
            return request.redirect("/my/catalog")
        Catalog = request.env["dealer.portal.catalog"]
        lines = order_sudo.order_line.filtered(
            lambda line: line.product_id and not line.display_type and not line.is_downpayment
            and line.product_uom_qty > 0
        )
        orderable = Catalog._dealer_orderable(dealer, lines.product_id.ids)
        additions = {}
        for line in lines.filtered(lambda line: line.product_id in orderable):
            additions[line.product_id.id] = additions.get(line.product_id.id, 0.0) + line.product_uom_qty
        notes = [
            _("%(product)s can no longer be ordered: it was left out.", product=product.display_name)
            for product in lines.product_id - orderable
        ]
        cart = Catalog._dealer_cart_merge(self._dealer_cart(), additions)
        if cart is None:
            return self._dealer_render_cart(dealer, errors=[_(
                "A product's total quantity in your cart would be above %(max)s.",
                max=MAX_QUANTITY,
            )])
        self._dealer_save_cart(cart)
        if additions:
            notes.insert(0, _("The products of order %(order)s were added to your cart.", order=order_sudo.name))
        return self._dealer_render_cart(dealer, notes=notes)

    # ------------------------------------------------------------------ submission
    @http.route(["/my/cart/submit"], type="http", auth="user", website=True, methods=["POST"])
    def portal_cart_submit(self, cart_token="", shipping_id=None, reference="", **kw):
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my/catalog")
        post = {"shipping_id": shipping_id, "reference": reference}
        cart = self._dealer_cart()
        if not cart:
            return self._dealer_render_cart(dealer, post=post, errors=[_("Your cart is empty.")])
        if not self._dealer_check_form_token(TOKEN_KEY, cart_token):
            return self._dealer_render_cart(dealer, post=post, errors=[_(
                "This cart was already submitted, or the page is out of date: check your orders before "
                "submitting again."
            )])
        Catalog = request.env["dealer.portal.catalog"]
        shipping = request.env["res.partner"]
        shipping_id = self._dealer_int(shipping_id)
        if shipping_id:
            shipping = Catalog._dealer_delivery_addresses(dealer).filtered(lambda a: a.id == shipping_id)
            if not shipping:
                return self._dealer_render_cart(dealer, post=post, errors=[_("Choose one of your delivery addresses.")])
        try:
            with request.env.cr.savepoint():
                order = request.env["sale.order"]._dealer_portal_submit(
                    dealer, cart, shipping=shipping, reference=reference)
        except (AccessError, UserError, ValidationError) as error:
            request.env.invalidate_all()
            message = error.args[0] if error.args else _("The order could not be submitted.")
            return self._dealer_render_cart(dealer, post=post, errors=[message])
        request.session.pop(CART_KEY, None)
        self._dealer_spend_form_token(TOKEN_KEY)
        return request.redirect(f"/my/orders/{order.id}?dealer_submitted=1")
