from odoo import api, models

OWNER_GROUP = "dealer_portal.group_dealer_portal_owner"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _dealer_portal_is_owner(self):
        """True when this portal user holds its dealer's owner role (sees the dealer's finances)."""
        self.ensure_one()
        return bool(self.share and self.has_group(OWNER_GROUP) and self._dealer_portal_dealer())

    def _dealer_portal_sync_role(self):
        """Give the owner group to the portal users whose contact is an owner, take it from the others.

        Only portal (share) users hold it: the group's record rules would otherwise restrict an internal user's
        access to contracts and rebates to one dealer.
        """
        group = self.env.ref(OWNER_GROUP, raise_if_not_found=False)
        if not group:  # while the module is being installed
            return
        # sudo: group membership follows the contact's role, which only a Dealer Manager may change (see
        # res.partner._dealer_check_portal_role); the user changing it may have no right on groups
        users = self.sudo()
        owners = users.filtered(lambda user: user.share and user.partner_id.dealer_portal_role == "owner")
        to_add = owners - group.sudo().users
        to_remove = (users - owners) & group.sudo().users
        if to_add or to_remove:
            group.sudo().write({"users": [(4, user.id) for user in to_add] + [(3, user.id) for user in to_remove]})

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._dealer_portal_sync_role()
        return users

    def write(self, vals):
        res = super().write(vals)
        # the portal wizard grants access by writing the groups; a user may also be moved to another contact
        reified = any(key.startswith(("in_group_", "sel_groups_")) for key in vals)
        if reified or {"partner_id", "groups_id", "active"}.intersection(vals):
            self._dealer_portal_sync_role()
        return res
