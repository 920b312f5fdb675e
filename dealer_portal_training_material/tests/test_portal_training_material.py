import base64

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestPortalTrainingMaterial(DealerTestCommon, HttpCase):
    """Training materials on the portal: the dealer's grade decides, the download route checks it."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_core = cls._create_dealer("Material Portal Core", state="active", grade=cls.grade_core)
        cls.dealer_regular = cls._create_dealer("Material Portal Regular", state="active", grade=cls.grade_regular)
        cls._create_portal_user(cls.dealer_core, "material_core")
        cls._create_portal_user(cls.dealer_regular, "material_regular")
        Material = cls.env["dealer.training.material"]
        values = {"file_name": "pitch.pdf", "dealer_portal_published": True}
        cls.core_only = Material.create(dict(
            values, name="Core pitch deck", file=base64.b64encode(b"%PDF-1.4 CORE-SECRET"),
            grade_ids=[Command.set(cls.grade_core.ids)],
        ))
        cls.for_all = Material.create(dict(values, name="Brand handbook", file=base64.b64encode(b"%PDF-1.4 ALL")))
        cls.draft = Material.create({"name": "Draft slides", "file": base64.b64encode(b"%PDF-1.4 DRAFT"),
                                     "file_name": "draft.pdf"})

    def test_list_shows_the_grade_materials(self):
        self.authenticate("material_regular", "material_regular")
        response = self.url_open("/my/training-materials")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Brand handbook", response.text)
        self.assertNotIn("Core pitch deck", response.text)
        self.assertNotIn("Draft slides", response.text)

    def test_download_of_own_grade(self):
        self.authenticate("material_core", "material_core")
        response = self.url_open(f"/my/training-materials/{self.core_only.id}/download")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"CORE-SECRET", response.content)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))

    def test_download_of_another_grade_or_unpublished_refused(self):
        self.authenticate("material_regular", "material_regular")
        for material in (self.core_only, self.draft):
            response = self.url_open(f"/my/training-materials/{material.id}/download")
            self.assertEqual(response.status_code, 404, material.name)
            self.assertNotIn(b"%PDF-1.4", response.content)
        # Odoo's own content route does not serve it either: portal users have no right on the materials
        response = self.url_open(f"/web/content/dealer.training.material/{self.core_only.id}/file")
        self.assertNotIn(b"CORE-SECRET", response.content)

    def test_anonymous_refused(self):
        response = self.url_open(f"/my/training-materials/{self.for_all.id}/download", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertNotIn(b"%PDF-1.4", response.content)
