"""Odoo's own order pages (``sale``'s portal controller) for dealers.

- /my/orders shows each order's status and delivery; a dealer's list also holds its cancelled orders, and a
  distributor's its sub-dealers' orders, read-only: linked without their share link, named by their dealer.
- A dealer's order is acted on (signed, rejected, paid, its options changed, reordered) by the dealer's own people
  only (``sale.order._dealer_portal_may_act``). A distributor's users read their sub-dealers' orders: they get the
  page without its buttons, share link or chatter composer, and any other request on the order (a POST or JSON
  call, a wrong access token) is refused as if they could not read it. One check in ``_document_check_access``
  covers every route that reaches an order through it: ``sale``'s, ``sale_management``'s and ours.
- Signing a dealer quotation confirms it in the same transaction: a refusal of the dealer checks stores no
  signature (``portal_quote_accept``).
- A quotation waiting for the salesperson is not paid from its page either (``portal_order_transaction``): paying
  would confirm it.
- Two of Odoo's routes answered a missing or unmatched access token with a server error: they refuse it instead.
"""
import binascii

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import consteq

from odoo.addons.sale.controllers import portal as sale_portal
from odoo.addons.sale_stock.controllers.portal import SaleStockPortal

from ..models.sale_order import READ_ONLY_KEY
from .portal import DealerPortal


class DealerSaleOrderPortal(sale_portal.CustomerPortal, DealerPortal):
    # sale's CustomerPortal methods are overridden here, in the class that derives from it first: a sibling class
    # (DealerOrderingPortal) overriding them would depend on where Odoo's controller merge puts it

    def _prepare_quotations_domain(self, partner):
        """Odoo's quotations page also lists the quotations the dealer submitted and that await confirmation."""
        return expression.OR([super()._prepare_quotations_domain(partner), [
            ("message_partner_ids", "child_of", [partner.commercial_partner_id.id]),
            ("state", "=", "draft"),
            ("dealer_portal_submitted", "=", True),
        ]])

    def _prepare_orders_domain(self, partner):
        """/my/orders of a dealer's users also lists its cancelled orders and a distributor's sub-dealers' orders."""
        domain = super()._prepare_orders_domain(partner)
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return domain
        return expression.OR([domain, request.env["sale.order"]._dealer_portal_orders_domain(dealer)])

    def _prepare_sale_portal_rendering_values(self, *args, quotation_page=False, **kwargs):
        """The orders of the list that the user only reads (a sub-dealer's): linked without share link, with their
        dealer's name."""
        values = super()._prepare_sale_portal_rendering_values(*args, quotation_page=quotation_page, **kwargs)
        user = request.env.user
        values["dealer_read_only_ids"] = set() if quotation_page or not user._dealer_portal_dealer() else {
            order.id for order in values["orders"] if not order._dealer_portal_may_act(user)
        }
        return values

    @http.route()
    def portal_my_orders(self, **kwargs):
        """The previous/next links of an order page follow the list's history: it keeps none of the orders the user
        only reads, whose links Odoo's pager would make with their share link (portal's get_records_pager)."""
        response = super().portal_my_orders(**kwargs)
        read_only_ids = response.qcontext.get("dealer_read_only_ids")
        if read_only_ids:
            request.session["my_orders_history"] = [
                order_id for order_id in request.session.get("my_orders_history", []) if order_id not in read_only_ids
            ]
        return response

    def _document_check_access(self, model_name, document_id, access_token=None):
        document_sudo = super()._document_check_access(model_name, document_id, access_token=access_token)
        if model_name != "sale.order" or document_sudo._dealer_portal_may_act(request.env.user):
            return document_sudo
        wrong_token = access_token and not consteq(document_sudo.access_token or "", str(access_token))
        if request.httprequest.method != "GET" or wrong_token:
            raise AccessError(_("You may only look at this order: the people of its dealer sign, reject, pay or "
                                "change it."))
        return document_sudo._dealer_portal_read_only()

    def _get_page_view_values(self, document, access_token, values, session_history, no_breadcrumbs, **kwargs):
        values = super()._get_page_view_values(document, access_token, values, session_history, no_breadcrumbs,
                                               **kwargs)
        if document.env.context.get(READ_ONLY_KEY):
            values.update({READ_ONLY_KEY: True, "disable_composer": True})
        return values

    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        """A dealer quotation that signing confirms is signed and confirmed in one transaction.

        Odoo's route stores the signature and commits before it confirms, so a confirmation that the dealer checks
        refuse would leave a signed quotation behind. Signatures that confirm nothing (payment follows) and Odoo's
        own refusals go through Odoo's route.
        """
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            order_sudo = None
        if not (order_sudo and signature and order_sudo.dealer_is_dealer_order and order_sudo._has_to_be_signed()
                and not order_sudo._has_to_be_paid()):
            return super().portal_quote_accept(order_id, access_token=access_token, name=name, signature=signature)
        try:
            order_sudo._dealer_portal_sign_and_confirm(name, signature)
        except (TypeError, binascii.Error):
            request.env.invalidate_all()
            return {"error": _("Invalid signature data.")}
        except UserError as error:
            request.env.invalidate_all()
            return {"error": error.args[0]}
        # as Odoo's route: the signed order, in PDF, on its chatter
        # sudo: the report of the order the user just signed (as Odoo's route renders it)
        pdf = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "sale.action_report_saleorder", order_sudo.ids)[0]
        order_sudo.message_post(
            attachments=[(f"{order_sudo.name}.pdf", pdf)],
            author_id=order_sudo.partner_id.id if request.env.user._is_public() else request.env.user.partner_id.id,
            body=_("Order signed by %s", name), message_type="comment", subtype_xmlid="mail.mt_comment",
        )
        return {"force_refresh": True, "redirect_url": order_sudo.get_portal_url(query_string="&message=sign_ok")}

    @http.route()
    def portal_quote_document(self, order_id, document_id, access_token=None):
        """Odoo's route requires the token (a server error without it): a logged-in user's rights suffice."""
        return super().portal_quote_document(order_id, document_id, access_token=access_token)


class DealerSaleStockPortal(SaleStockPortal):

    def _stock_picking_check_access(self, picking_id, access_token=None):
        """Odoo compares the token with the order's, and fails with a server error when the order has none (a
        dealer's order that was never shared): no token of the order, no access by token."""
        # sudo: the picking's order, read for whether it has a share link at all
        if access_token and not request.env["stock.picking"].sudo().browse(picking_id).exists().sale_id.access_token:
            access_token = None
        return super()._stock_picking_check_access(picking_id, access_token=access_token)


class DealerSaleOrderPaymentPortal(sale_portal.PaymentPortal):

    @http.route()
    def portal_order_transaction(self, order_id, access_token, **kwargs):
        """No payment from the order page of a quotation waiting for the salesperson: paying would confirm it.

        (A payment link the salesperson sends goes through /payment/pay; the dealer checks refuse the transaction of
        a quotation they would refuse, whichever route creates it: payment.transaction in dealer_management.)
        """
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token)
        except AccessError:
            raise ValidationError(_("The access token is invalid.")) from None
        if order_sudo._dealer_portal_awaiting():
            raise ValidationError(_("This quotation waits for your salesperson's confirmation: it cannot be paid "
                                    "online."))
        return super().portal_order_transaction(order_id, access_token, **kwargs)
