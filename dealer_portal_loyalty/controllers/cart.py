"""Trade promotions on the portal cart: the rewards and the saving, coupon codes, and the open programs."""
from odoo import _, http
from odoo.http import request

from odoo.addons.dealer_portal.controllers.ordering import CART_KEY, DealerOrderingPortal

from ..models.sale_order import CODES_KEY

COUPON_TOKEN_KEY = "dealer_portal_coupon_token"
MAX_CODES = 5


class DealerLoyaltyPortal(DealerOrderingPortal):
    """The cart applies the dealer's promotions and codes on the cart's quotation, which the submission confirms;
    /my/cart/coupon adds or removes a code; /my/promotions lists the programs open to the dealer."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_promotion_count" in counters:
            dealer = request.env.user._dealer_portal_dealer()
            values["dealer_promotion_count"] = len(
                request.env["dealer.portal.catalog"]._dealer_open_programs(dealer)) if dealer else 0
        return values

    @staticmethod
    def _dealer_coupon_codes():
        return [code for code in request.session.get(CODES_KEY) or [] if isinstance(code, str)][:MAX_CODES]

    def _dealer_cart_values(self, dealer, errors=None, notes=None, quick_text="", post=None):
        values = super()._dealer_cart_values(dealer, errors=errors, notes=notes, quick_text=quick_text, post=post)
        codes = self._dealer_coupon_codes()
        preview = {"rewards": [], "saving": 0.0, "errors": [], "codes": []}
        if dealer and values["lines"] and (codes or self._dealer_automatic_programs(dealer)):
            preview = request.env["sale.order"]._dealer_portal_promotion_preview(dealer, self._dealer_cart(), codes)
            if preview["codes"] != codes:  # a code no longer valid (used elsewhere, program ended) is dropped
                request.session[CODES_KEY] = preview["codes"]
        values.update({
            "promotion_rewards": preview["rewards"],
            "promotion_saving": preview["saving"],
            "promotion_total": values["total"] - preview["saving"],
            "coupon_codes": preview["codes"] if dealer and values["lines"] else codes,
            "coupon_token": self._dealer_form_token(COUPON_TOKEN_KEY) if dealer else "",
        })
        values["errors"] = values["errors"] + preview["errors"]
        return values

    @staticmethod
    def _dealer_automatic_programs(dealer):
        """The open promotions that apply without a code: a cart without codes needs a preview only with them."""
        programs = request.env["dealer.portal.catalog"]._dealer_open_programs(dealer)
        return programs.filtered(lambda program: program.trigger == "auto")

    @staticmethod
    def _cart_preview_writes(_controller):
        """``readonly=`` of /my/cart here: read/write, because the promotions are applied on the cart's quotation
        (built, or built again, when the page shows them). A callable, not ``False``: dealer_portal declares
        the page ``readonly=True``, and Odoo takes a child's callable without warning that the mode changed."""
        return False

    @http.route(["/my/cart"], type="http", auth="user", website=True, readonly=_cart_preview_writes)
    def portal_my_cart(self, added=None, **kw):
        return super().portal_my_cart(added=added, **kw)

    @http.route(["/my/cart/coupon"], type="http", auth="user", website=True, methods=["POST"])
    def portal_cart_coupon(self, code="", coupon_token="", remove="", **kw):
        """Add a coupon or promo code to the cart (kept when the cart's preview accepts it), or remove one."""
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my/catalog")
        if not self._dealer_check_form_token(COUPON_TOKEN_KEY, coupon_token):
            return self._dealer_render_cart(dealer, errors=[self._dealer_replayed_form_message()])
        self._dealer_spend_form_token(COUPON_TOKEN_KEY)
        codes = self._dealer_coupon_codes()
        if remove:
            request.session[CODES_KEY] = [c for c in codes if c != remove]
            return request.redirect("/my/cart")
        code = (code or "").strip()[:100]
        if not code:
            return self._dealer_render_cart(dealer, errors=[_("Enter a coupon or promotion code.")])
        if code in codes:
            return self._dealer_render_cart(dealer, errors=[_("Code %(code)s is already on your cart.", code=code)])
        if len(codes) >= MAX_CODES:
            return self._dealer_render_cart(dealer, errors=[_("A cart takes at most %(max)s codes.", max=MAX_CODES)])
        cart = self._dealer_cart()
        if not cart:
            return self._dealer_render_cart(dealer, errors=[_("Add products to your cart before entering a code.")])
        preview = request.env["sale.order"]._dealer_portal_promotion_preview(dealer, cart, [*codes, code])
        if code not in preview["codes"]:
            return self._dealer_render_cart(dealer, errors=preview["errors"] or [
                _("Code %(code)s gives nothing on this cart.", code=code)])
        request.session[CODES_KEY] = preview["codes"]
        return self._dealer_render_cart(dealer, notes=[_("Code %(code)s was applied to your cart.", code=code)])

    @http.route(["/my/cart/submit"], type="http", auth="user", website=True, methods=["POST"])
    def portal_cart_submit(self, cart_token="", shipping_id=None, reference="", **kw):
        """The submission applies the cart's codes, then the promotions, before the dealer checks."""
        request.update_context(**{CODES_KEY: tuple(self._dealer_coupon_codes())})
        response = super().portal_cart_submit(cart_token=cart_token, shipping_id=shipping_id, reference=reference,
                                              **kw)
        if CART_KEY not in request.session:  # submitted: the codes went with the order
            request.session.pop(CODES_KEY, None)
        return response

    @http.route(["/my/promotions"], type="http", auth="user", website=True, readonly=True)
    def portal_my_promotions(self, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        Catalog = request.env["dealer.portal.catalog"]
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_promotions",
            "dealer": dealer,
            "programs": Catalog._dealer_open_programs(dealer) if dealer else [],
        })
        return request.render("dealer_portal_loyalty.portal_my_promotions", values)
