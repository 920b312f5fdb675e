"""Issue 15: the warranty claim as its handlers see it, and settled only once its repair is done."""
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin

from .common import ServiceTestCommon

NOT_REPAIRED = r"cannot be settled before its repair is done \(the repair is (New|Under Repair)\): end the repair"


class ClaimFormCommon(ServiceTestCommon):
    """An approved claim of 1,000.00 on VIN-W-001 (sold out by A to Wang Wei), its repair not done yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim = cls._claim()
        cls.claim.action_dealer_claim_submit()
        cls.claim.action_dealer_claim_approve()

    def _credit_notes(self):
        return self.env["account.move"].search_count([("move_type", "=", "out_refund"),
                                                      ("partner_id", "=", self.dealer_a.id)])

    def _claim_settlement(self):
        self.env.invalidate_all()
        return self.claim.dealer_claim_state, self.claim.dealer_claim_credit_note_id, self._credit_notes()


@tagged("post_install", "-at_install")
class TestClaimForm(ClaimFormCommon):

    def _form_arch(self, user):
        """The claim form as the web client loads it for ``user`` (the nodes of other groups removed)."""
        view = self.env.ref("repair.view_repair_order_form")
        views = self.Repair.with_user(user).get_views([(view.id, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_claim_handler_sees_serial_and_end_customer(self):
        """A Dealer User has no lots group: the claim still shows the serial/VIN and who bought the vehicle."""
        self.assertFalse(self.dealer_user.has_group("stock.group_production_lot"))
        arch = self._form_arch(self.dealer_user)
        vin = arch.xpath("//sheet//field[@name='lot_id']")
        self.assertEqual(len(vin), 1)
        self.assertEqual(vin[0].get("invisible"), "not dealer_claim")
        self.assertTrue(arch.xpath("//sheet//field[@name='dealer_end_customer']"))
        claim = self.claim.with_user(self.dealer_user)
        self.assertEqual((claim.lot_id.name, claim.dealer_end_customer), ("VIN-W-001", "Wang Wei"))

    def test_plain_repair_keeps_odoo_serial_field(self):
        """A repair that is no claim shows Odoo's own serial field, to the lots group as before."""
        self.env.user.groups_id += self.env.ref("stock.group_production_lot")
        fields = self._form_arch(self.env.user).xpath("//sheet//field[@name='lot_id']")
        self.assertEqual([field.get("invisible") for field in fields],
                         ["tracking not in ['serial', 'lot'] or dealer_claim", "not dealer_claim"])

    def test_header_shows_claim_status(self):
        arch = self._form_arch(self.dealer_manager)
        statusbars = arch.xpath("//header/field[@widget='statusbar']")
        self.assertEqual([field.get("name") for field in statusbars], ["state", "dealer_claim_state"])

    def test_settle_button_hidden_until_repair_done(self):
        button = self._form_arch(self.dealer_manager).xpath("//header/button[@name='action_dealer_claim_settle']")
        self.assertEqual(button[0].get("invisible"), "dealer_claim_state != 'approved' or state != 'done'")

    def test_settling_claim_before_repair_done(self):
        self.assertEqual(self.claim.state, "draft")
        with self.assertRefused(UserError, NOT_REPAIRED):
            self.claim.with_user(self.dealer_manager).action_dealer_claim_settle()
        self.claim.action_repair_start()
        with self.assertRefused(UserError, NOT_REPAIRED):
            self.claim.with_user(self.dealer_manager).action_dealer_claim_settle()
        self.assertEqual(self._claim_settlement(), ("approved", self.env["account.move"], 0))

    def test_settling_claim_once_repair_done(self):
        self._repair_done(self.claim)
        self.assertEqual(self.claim.state, "done")
        self.claim.with_user(self.dealer_manager).action_dealer_claim_settle()
        state, move, count = self._claim_settlement()
        self.assertEqual((state, move.amount_total, count), ("settled", 1000.0, 1))


@tagged("post_install", "-at_install")
class TestClaimSettleRpc(CallKwMixin, HttpCase, ClaimFormCommon):

    def test_manager_settling_unrepaired_claim_over_rpc(self):
        """The hidden button called by hand: refused, no credit note."""
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        _result, error = self._call_kw("repair.order", "action_dealer_claim_settle", [self.claim.ids])
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertRegex(error["message"], NOT_REPAIRED)
        self.assertEqual(self._claim_settlement(), ("approved", self.env["account.move"], 0))
