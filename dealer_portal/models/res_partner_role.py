from odoo import _, api, fields, models
from odoo.exceptions import AccessError

PORTAL_ROLES = [("owner", "Owner"), ("staff", "Staff")]


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_portal_role = fields.Selection(
        PORTAL_ROLES, default="staff", required=True, copy=False,
        help="Owner: sees the dealer's finances on the portal (credit, statement, rebates, contracts, scorecards, "
             "correction plans, exit request). Staff: catalog, orders, stock reports and complaints. "
             "Set by a Dealer Manager.",
    )

    def _dealer_portal_with_sub_dealers(self):
        """This dealer and, for a distributor, its sub-dealers: whose orders, stock reports and retail sales the
        dealer's portal users read (the sub-dealers' read-only)."""
        if not self:
            return self
        # sudo: the sub-dealers of the user's own dealer, found to list their records (read-only)
        return self | self.env["res.partner"].sudo().search([("parent_dealer_id", "in", self.ids)]).sudo(False)

    def can_edit_vat(self):
        """A dealer's name and 统一社会信用代码 (VAT), checked when it applied, are the back office's to change: Odoo's
        portal (/my/account) then refuses to change them, as it does once invoices exist."""
        return super().can_edit_vat() and not self.is_dealer

    def _dealer_check_portal_role(self, vals, records=None):
        """Only a Dealer Manager (or the dealer code itself) gives a contact the owner role or takes it away."""
        if "dealer_portal_role" not in vals or self._dealer_is_trusted() or self._is_dealer_manager():
            return
        if records is None:  # a create: only the default is free
            changed = vals["dealer_portal_role"] != "staff"
        else:
            changed = any(partner.dealer_portal_role != vals["dealer_portal_role"] for partner in records)
        if changed:
            raise AccessError(_("Only a Dealer Manager may change the dealer portal role of a contact."))

    @api.model_create_multi
    def create(self, vals_list):
        default_role = self.env.context.get("default_dealer_portal_role")
        for vals in vals_list:
            self._dealer_check_portal_role(vals if "dealer_portal_role" in vals or not default_role
                                           else dict(vals, dealer_portal_role=default_role))
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_portal_role(vals, self)
        res = super().write(vals)
        if "dealer_portal_role" in vals:
            self.with_context(active_test=False).user_ids._dealer_portal_sync_role()
        return res
