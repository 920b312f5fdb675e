from odoo import Command, _, api, models
from odoo.exceptions import UserError

# context key: the coupon and promo codes the dealer entered on its cart, applied to the submitted order
CODES_KEY = "dealer_portal_coupon_codes"
# the preview's quotation is rolled back: no chatter, followers or tracking to write for it
PREVIEW_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True,
                   "mail_notrack": True}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _dealer_portal_before_checks(self):
        """The cart's codes, then the dealer's promotions: the rewards are on the order before its checks run."""
        result = super()._dealer_portal_before_checks()
        for order in self:
            for code in self.env.context.get(CODES_KEY) or ():
                error = order._dealer_portal_apply_code(code)
                if error:
                    raise UserError(error)
        self._dealer_apply_promotions()
        return result

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
    def _dealer_portal_promotion_preview(self, dealer, cart, codes=()):
        """What the cart would get on submission, without writing anything: {"rewards": [(description, saving)],
        "saving": total, "errors": [messages of the codes refused], "codes": the codes kept}.

        The quotation is built, its codes and promotions applied, read, then rolled back (its savepoint); its
        name is set so that no order number is used up. Being rolled back, it writes no chatter, followers or
        tracking, and its lines no analytic distribution (a search per line, which no promotion reads).
        """
        result = {"rewards": [], "saving": 0.0, "errors": [], "codes": []}
        if not cart:
            return result
        savepoint = self.env.cr.savepoint()
        try:
            products = self.env["dealer.portal.catalog"]._dealer_orderable(dealer, list(cart))
            order = self.with_context(**PREVIEW_CONTEXT)._dealer_portal_create_order(dealer, cart, values={
                "name": "/",
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": cart[product.id],
                                               "analytic_distribution": False}) for product in products],
            })
            for code in codes:
                error = order._dealer_portal_apply_code(code)
                if error:
                    result["errors"].append(error)
                else:
                    result["codes"].append(code)
            order._dealer_apply_promotions()
            lines = order.order_line.filtered("reward_id")
            result["rewards"] = [(line.name, self._dealer_reward_saving(line)) for line in lines]
            result["saving"] = self._dealer_reward_saving(lines)
        except UserError as error:
            result["errors"].append(error.args[0])
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
        return result
