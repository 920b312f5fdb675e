from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_pages import DealerPagesCase

OWNER_GROUP = "dealer_portal.group_dealer_portal_owner"


@tagged("post_install", "-at_install")
class TestPortalRoles(DealerPagesCase):
    """The owner/staff role of a dealer's contacts and the group that follows it."""

    def test_owner_role_gives_the_owner_group(self):
        self.assertTrue(self.owner_a._dealer_portal_is_owner())
        self.assertTrue(self.owner_a.has_group(OWNER_GROUP))
        self.assertFalse(self.portal_a._dealer_portal_is_owner())
        self.assertEqual(self.portal_a.partner_id.dealer_portal_role, "staff")

    def test_owner_group_implies_no_internal_group(self):
        self.assertTrue(self.owner_a.share)
        self.assertFalse(self.owner_a.has_group("base.group_user"))

    def test_back_to_staff_removes_the_group(self):
        self.owner_a.partner_id.with_user(self.dealer_manager).dealer_portal_role = "staff"
        self.assertFalse(self.owner_a.has_group(OWNER_GROUP))
        self.assertFalse(self.owner_a._dealer_portal_is_owner())

    def test_portal_wizard_grants_the_owner_group(self):
        contact = self.Partner.create({
            "name": "Wanda Wizard", "parent_id": self.dealer_a.id, "email": "wanda@example.com",
            "dealer_portal_role": "owner",
        })
        wizard = self.env["portal.wizard"].with_context(active_ids=contact.ids).create({})
        wizard.user_ids.action_grant_access()
        user = contact.with_context(active_test=False).user_ids
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertTrue(user._dealer_portal_is_owner())

    def test_internal_user_never_gets_the_owner_group(self):
        contact = self.Partner.create({"name": "Ian Internal", "parent_id": self.dealer_a.id})
        contact.dealer_portal_role = "owner"
        user = new_test_user(self.env, "pg_internal", groups="base.group_user", partner_id=contact.id)
        self.assertFalse(user.has_group(OWNER_GROUP))

    def test_dealer_user_cannot_change_the_role(self):
        contact = self.portal_a.partner_id.with_user(self.dealer_user)
        with self.assertRefused(AccessError, "Only a Dealer Manager"):
            contact.dealer_portal_role = "owner"
        self.assertEqual(self.portal_a.partner_id.dealer_portal_role, "staff")
        self.assertFalse(self.portal_a.has_group(OWNER_GROUP))

    def test_dealer_user_cannot_create_an_owner(self):
        Partner = self.Partner.with_user(self.dealer_user)
        with self.assertRefused(AccessError, "Only a Dealer Manager"):
            Partner.create({"name": "Sneaky", "parent_id": self.dealer_a.id, "dealer_portal_role": "owner"})
        with self.assertRefused(AccessError, "Only a Dealer Manager"):
            Partner.with_context(default_dealer_portal_role="owner").create({"name": "Sneaky 2"})
        self.assertFalse(self.Partner.search([("name", "in", ("Sneaky", "Sneaky 2"))]))

    def test_portal_user_cannot_make_itself_owner(self):
        with self.assertRefused(AccessError, ""):
            self.portal_a.partner_id.with_user(self.portal_a).dealer_portal_role = "owner"
        self.assertFalse(self.portal_a.has_group(OWNER_GROUP))
