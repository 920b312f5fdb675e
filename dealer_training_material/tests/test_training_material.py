import base64

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestTrainingMaterial(DealerTestCommon):
    """The library of training materials: what a dealer may read, who may publish."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Material = cls.env["dealer.training.material"]
        cls.file = base64.b64encode(b"%PDF-1.4 handbook")
        cls.for_all = cls.Material.create({
            "name": "Brand handbook", "topic": "culture", "file": cls.file, "file_name": "handbook.pdf",
            "dealer_portal_published": True,
        })
        cls.for_core = cls.Material.create({
            "name": "Model L sales pitch", "topic": "product", "url": "https://example.com/video",
            "product_tmpl_ids": [Command.set(cls.product_floor.product_tmpl_id.ids)],
            "grade_ids": [Command.set(cls.grade_core.ids)], "dealer_portal_published": True,
        })
        cls.draft = cls.Material.create({"name": "Draft slides", "file": cls.file, "file_name": "slides.pdf"})
        cls.dealer_core = cls._create_dealer("Material Core Dealer", state="active", grade=cls.grade_core)
        cls.dealer_regular = cls._create_dealer("Material Regular Dealer", state="active", grade=cls.grade_regular)

    def test_dealer_sees_published_materials_of_its_grade(self):
        core = self.Material.search(self.Material._dealer_available_domain(self.dealer_core))
        regular = self.Material.search(self.Material._dealer_available_domain(self.dealer_regular))
        self.assertEqual(core & (self.for_all | self.for_core | self.draft), self.for_all | self.for_core)
        self.assertEqual(regular & (self.for_all | self.for_core | self.draft), self.for_all)

    def test_topic_is_the_training_topic(self):
        self.assertEqual(self.Material._fields["topic"]._description_selection(self.env),
                         self.env["event.event"]._fields["dealer_training_topic"]._description_selection(self.env))

    def test_publishing_needs_content(self):
        empty = self.Material.create({"name": "Empty"})
        with self.assertRefused(ValidationError, "Add a file or a link"):
            empty.action_publish_dealer_portal()
        self.assertFalse(empty.dealer_portal_published)
        self.draft.action_publish_dealer_portal()
        self.assertTrue(self.draft.dealer_portal_published)

    def test_dealer_user_reads_but_does_not_publish(self):
        draft = self.draft.with_user(self.dealer_user)
        self.assertEqual(draft.name, "Draft slides")
        with self.assertRefused(AccessError, "not allowed to modify"):
            draft.action_publish_dealer_portal()
        with self.assertRefused(AccessError, "not allowed to create"):
            self.Material.with_user(self.dealer_user).create({"name": "Forged", "url": "https://x.example"})
        self.assertFalse(self.draft.dealer_portal_published)
        self.assertFalse(self.Material.search([("name", "=", "Forged")]))
        self.draft.with_user(self.dealer_manager).action_publish_dealer_portal()
        self.assertTrue(self.draft.dealer_portal_published)

    def test_portal_user_has_no_direct_access(self):
        portal = self._create_portal_user(self.dealer_core, "material_portal_t")
        with self.assertRefused(AccessError, "not allowed to access"):
            self.for_all.with_user(portal).read(["name"])
        with self.assertRefused(AccessError, "not allowed to modify"):
            self.draft.with_user(portal).write({"dealer_portal_published": True})
        self.assertFalse(self.draft.dealer_portal_published)
