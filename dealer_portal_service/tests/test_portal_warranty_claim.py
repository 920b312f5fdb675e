from lxml import html

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import JPEG

from .common import FORM, PortalServiceCase

SCRIPT = "<script>alert('x')</script>"


@tagged("post_install", "-at_install")
class TestPortalWarrantyClaim(PortalServiceCase):
    """Filing warranty claims on the portal: serials the dealer sold, warranty, photos, all or nothing."""

    def setUp(self):
        super().setUp()
        self.authenticate("sv_portal_a", "sv_portal_a")

    def test_form_offers_only_serials_the_dealer_sold(self):
        response = self.url_open(FORM)
        self.assertEqual(response.status_code, 200)
        self.assertIn("VIN-W-001", response.text)
        self.assertNotIn("VIN-W-002", response.text, "sold by the sub-dealer, not by A")
        self.assertNotIn("VIN-W-003", response.text, "never sold out")

    def test_file_claim_with_photo(self):
        response = self._file_claim(files={"attachments": ("brake.jpg", JPEG)})
        claim = self._claims()
        self.assertEqual(len(claim), 1)
        self.assertTrue(response.url.endswith(f"/my/warranty_claims/{claim.id}?submitted=1"))
        self.assertIn("Your warranty claim was submitted.", response.text)
        self.assertRecordValues(claim, [{
            "dealer_claim": True, "dealer_claim_state": "submitted", "lot_id": self.lot_sold.id,
            "product_id": self.vehicle.id, "partner_id": self.dealer_a.id, "dealer_labour_amount": 400.0,
            "dealer_claim_description": "Brake pads worn at 20,000 km; replaced both front pads.",
        }])
        self.assertEqual(str(claim.schedule_date.date()), "2026-11-02")
        photos = self.env["ir.attachment"].search([("res_model", "=", "repair.order"), ("res_id", "=", claim.id)])
        self.assertEqual(photos.mapped("name"), ["brake.jpg"])
        self.assertIn("brake.jpg", response.text)

    def test_claim_out_of_warranty_refused(self):
        self.vehicle.dealer_warranty_months = 12  # 2025-03-10 to 2026-03-09
        response = self._file_claim()
        self.assertPageError(response, "is out of warranty on the repair date")
        self.assertFalse(self._claims())

    def test_serial_of_other_dealer_refused(self):
        for lot_id in (self.lot_sub.id, self.lot_unsold.id, 999999, "abc"):
            with self.subTest(lot_id=lot_id):
                response = self._file_claim(lot_id=str(lot_id))
                self.assertPageError(response, "Choose one of the serials you sold.")
                self.assertNotIn(self.sub_dealer_a1.name, response.text)
        self.assertFalse(self._claims())

    def test_dealer_without_sold_serial_gets_no_form(self):
        self.authenticate("sv_portal_b", "sv_portal_b")
        response = self.url_open(FORM)
        self.assertIn("None of your retail sales with a serial is confirmed yet.", response.text)
        self.assertNotIn('name="lot_id"', response.text)

    def test_bad_values_refused(self):
        cases = [
            ({"labour": "-50"}, "The labour amount must be a number, zero or more."),
            ({"labour": "lots"}, "The labour amount must be a number, zero or more."),
            ({"repair_date": "2999-01-01"}, "is in the future"),
            ({"repair_date": "yesterday"}, "Enter the date of the repair"),
            ({"description": "   "}, "Describe the fault and the repair."),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                self.assertPageError(self._file_claim(**values), message)
        self.assertFalse(self._claims())

    def test_bad_photos_refused(self):
        cases = [
            ({"attachments": ("virus.exe", b"MZ\x90\x00")}, "only these types are accepted"),
            ({"attachments": ("fake.jpg", b"<html><script>x</script>")}, "is not a valid JPG file"),
            ({"attachments": ("notes.csv", b"a,b\n")}, "attach photos (JPG or PNG) or PDF reports"),
            ({"attachments": ("huge.jpg", JPEG + b"\x00" * (10 * 1024 * 1024))}, "is larger than 10 MB"),
        ]
        for files, message in cases:
            with self.subTest(file=files["attachments"][0]):
                self.assertPageError(self._file_claim(files=files), message)
        self.assertFalse(self._claims())
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "repair.order"),
                                                           ("name", "in", ["virus.exe", "fake.jpg", "huge.jpg"])]))

    def test_script_in_description_is_escaped(self):
        response = self._file_claim(description=SCRIPT)
        self.assertEqual(self._claims().dealer_claim_description, SCRIPT)
        self.assertNotIn(SCRIPT, response.text)
        self.assertIn("&lt;script&gt;", response.text)

    def test_replayed_form_files_once(self):
        token = self._token()
        self._file_claim(token=token)
        response = self._file_claim(token=token)
        self.assertPageError(response, "This form was already submitted")
        self.assertEqual(len(self._claims()), 1)

    def test_list_and_pages_of_own_claims_only(self):
        self._file_claim()
        response = self.url_open("/my/warranty_claims")
        self.assertIn(self._claims().name, response.text)
        self.assertNotIn(self.claim_a1.name, response.text, "the sub-dealer's claims are its own")
        page = self.url_open(f"/my/warranty_claims/{self.claim_a1.id}")
        self.assertTrue(page.url.endswith("/my/warranty_claims"))
        self.assertNotIn("VIN-W-002", page.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["dealer_claim_count"]})
        self.assertEqual(counters["dealer_claim_count"], 1)

    def test_rejection_reason_shown(self):
        self.authenticate("sv_portal_a1", "sv_portal_a1")
        self.claim_a1.action_dealer_claim_reject("No wear found on the pads.")
        response = self.url_open(f"/my/warranty_claims/{self.claim_a1.id}")
        self.assertIn("No wear found on the pads.", response.text)
        self.assertNotIn("INTERNAL-ONLY-NOTE", response.text)

    # ------------------------------------------------------------------ parts and files
    def _parts_setup(self):
        self.part.default_code = "BRAKE-PAD"
        # a service the company sells to dealers (Sold to Dealers ticked): orderable, yet labour, not a part
        labour = self._create_product(name="Workshop Hour", default_code="WS-HOUR", type="service", dealer_ok=True)
        hidden = self._create_product(name="Not For Sale", default_code="NO-SALE", sale_ok=False)
        return labour, hidden

    def test_file_claim_with_parts(self):
        self._parts_setup()
        response = self._file_claim(parts="BRAKE-PAD 2\n\nBRAKE-PAD, 1\n")
        claim = self._claims()
        self.assertEqual(len(claim), 1)
        parts = claim.move_ids.filtered(lambda move: move.repair_line_type == "add")
        self.assertRecordValues(parts, [{"product_id": self.part.id, "product_uom_qty": 3.0}])
        # 3 pads at 300.00 + 400.00 labour
        self.assertRecordValues(claim, [{"dealer_parts_amount": 900.0, "dealer_claim_amount": 1300.0}])
        self.assertIn("o_dealer_claim_part", response.text)
        self.assertIn("Brake Pad", response.text)

    def test_bad_parts_refused_and_nothing_filed(self):
        self._parts_setup()
        moves_before = self.env["stock.move"].search_count([])
        cases = [
            ("GHOST 1", "Line 1: unknown product code GHOST: use a code of the catalog."),
            ("BRAKE-PAD -1", "is not a valid quantity for BRAKE-PAD"),
            ("BRAKE-PAD 1e9", "is not a valid quantity for BRAKE-PAD"),
            ("BRAKE-PAD", "Line 1: write a product code and a quantity"),
            ("NO-SALE 1", "Line 1: unknown product code NO-SALE: use a code of the catalog."),
            ("WS-HOUR 2", "Product WS-HOUR is a service, not a part: claim its work as labour."),
        ]
        for parts, message in cases:
            with self.subTest(parts=parts):
                self.assertPageError(self._file_claim(parts=f"BRAKE-PAD 1\n{parts}"),
                                     message.replace("Line 1", "Line 2"))
        # several problems at once: each on its own line, with the form's other errors
        response = self._file_claim(parts="GHOST 1\nWS-HOUR 2", labour="-1")
        self.assertPageError(response, "The labour amount must be a number", "unknown product code GHOST",
                             "is a service, not a part")
        self.assertFalse(self._claims())
        self.assertEqual(self.env["stock.move"].search_count([]), moves_before)

    def test_claim_parts_checked_by_the_model_too(self):
        labour, hidden = self._parts_setup()
        Repair = self.env["repair.order"].with_user(self.env["res.users"].search([("login", "=", "sv_portal_a")]))
        vals = {"lot_id": self.lot_sold.id, "dealer_claim_description": "Pads"}
        for parts in ({labour.id: 1.0}, {hidden.id: 1.0}, {self.part.id: -2.0}, {self.part.id: 1e12}):
            with self.subTest(parts=parts), self.assertRaisesRegex(AccessError, "A warranty claim's parts"):
                Repair._dealer_portal_claim_submit(self.dealer_a, vals, parts)
        self.assertFalse(self._claims())

    def test_dealer_downloads_its_own_files_only(self):
        self._file_claim(files={"attachments": ("brake.jpg", JPEG)})
        claim = self._claims()
        photo = self.env["ir.attachment"].search([("res_model", "=", "repair.order"), ("res_id", "=", claim.id)])
        internal = self.env["ir.attachment"].create({
            "name": "workshop-audit.txt", "raw": b"INTERNAL AUDIT", "res_model": "repair.order", "res_id": claim.id,
        })
        claim.message_post(body="Audit", attachment_ids=internal.ids, message_type="comment")
        page = self.url_open(f"/my/warranty_claims/{claim.id}")
        self.assertIn(f"/my/warranty_claims/{claim.id}/files/{photo.id}", page.text)
        self.assertNotIn("workshop-audit.txt", page.text, "the company's own files stay internal")
        response = self.url_open(f"/my/warranty_claims/{claim.id}/files/{photo.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, JPEG)
        self.assertEqual(self.url_open(f"/my/warranty_claims/{claim.id}/files/{internal.id}").status_code, 404)
        # the sub-dealer A1 reads neither A's claim nor its files
        self.authenticate("sv_portal_a1", "sv_portal_a1")
        response = self.url_open(f"/my/warranty_claims/{claim.id}/files/{photo.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(response.content, JPEG)


@tagged("post_install", "-at_install")
class TestPortalClaimApprovedAmount(PortalServiceCase):
    """Issue 15: the dealer reads how much of each claim was approved, in the list and on the claim's page."""

    def _approved_cells(self):
        response = self.url_open("/my/warranty_claims")
        self.assertEqual(response.status_code, 200)
        rows = html.fromstring(response.text).xpath("//tr[hasclass('o_dealer_claim_row')]")
        return {row.xpath("string(td[1])").strip(): " ".join(row.xpath("string(td[hasclass("
                                                                       "'o_dealer_claim_approved')])").split())
                for row in rows}

    def test_approved_amount_in_list_and_page(self):
        self.authenticate("sv_portal_a1", "sv_portal_a1")
        self.assertEqual(self._approved_cells(), {self.claim_a1.name: "-"}, "submitted: not decided yet")
        self.claim_a1.action_dealer_claim_approve()  # two brake pads at 300.00 and 400.00 of labour
        self.assertIn("1,000.00", self._approved_cells()[self.claim_a1.name])
        page = html.fromstring(self.url_open(f"/my/warranty_claims/{self.claim_a1.id}").text)
        approved = " ".join(page.xpath("string(//div[hasclass('o_dealer_claim_approved')])").split())
        self.assertRegex(approved, r"^Approved: .*1,000\.00")
