from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context


class DealerPortalDocument(models.AbstractModel):
    """A dealer document filed from the portal (complaint, feedback): created by the portal routes only.

    Portal users have read access on their dealer's records and no create right. The routes validate the
    form, then call ``_dealer_portal_create``; the chatter goes through Odoo's ``/mail/message/post`` route,
    which posts as superuser with the author and recipients it checked itself. A portal user calling
    ``create`` or ``message_post`` over RPC is refused.
    """

    _name = "dealer.portal.document"
    _description = "Dealer Document Filed on the Portal"

    # fields a dealer's portal user fills in the form; everything else is the back office's
    _dealer_portal_fields = frozenset()

    @api.model
    def _dealer_portal_create(self, dealer, vals):
        """Create the record for `dealer` from the values a portal form validated (whitelisted fields only)."""
        forbidden = set(vals) - self._dealer_portal_fields
        if forbidden:
            raise AccessError(_(
                "A dealer cannot set these fields on %(document)s: %(fields)s.",
                document=self._description, fields=", ".join(sorted(forbidden)),
            ))
        if not dealer:
            raise AccessError(_("Only the users of an active or suspended dealer can file this request."))
        # sudo: portal users have no create right on dealer documents. Safe: `vals` holds only the whitelisted
        # fields the route validated (the dealer's own orders and products), the dealer is the user's own
        # (res.users._dealer_portal_dealer) and clean_context drops every default_* key of the caller.
        return self.with_env(self.env(su=True, context=clean_context(self.env.context))).create(
            {**vals, "partner_id": dealer.id}
        ).sudo(False)

    @api.model
    def _dealer_portal_orders(self, dealer):
        """Confirmed orders of the dealer a record may refer to (read with the caller's rights)."""
        return self.env["sale.order"].search(
            [("partner_id", "child_of", dealer.id), ("state", "=", "sale")], order="date_order desc", limit=200,
        )

    @api.model
    def _dealer_portal_products(self, dealer):
        """Products the dealer bought on those orders."""
        orders = self._dealer_portal_orders(dealer)
        # sudo: product names of the dealer's own order lines only (portal users have no right on products)
        return orders.sudo().order_line.product_id.sorted("display_name")

    def _dealer_check_portal_post(self):
        """Portal users post through the portal chatter only, never with an author or recipients they choose.

        Called by ``message_post`` of each model (an override here would come after mail.thread's in the MRO).
        """
        if self.env.user.share and not self.env.su:
            raise AccessError(_(
                "Post your message from the page of the document on the portal: "
                "messages cannot be posted on it directly."
            ))
