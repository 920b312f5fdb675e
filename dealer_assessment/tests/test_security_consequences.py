
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin

from .common_consequences import ConsequenceCase


@tagged("post_install", "-at_install")
class TestSecurityConsequences(ConsequenceCase):
    """Attacks on consequence proposals, correction plans and credit ratings, as over RPC (plain values)."""


    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.upgrade = cls._proposal(cls, "upgrade", cls.dealer_1, old_grade_id=cls.grade.id,
                                    new_grade_id=cls.higher_grade.id)
        cls.plan = cls.env["dealer.correction.plan"].create({
            "partner_id": cls.dealer_3.id, "deadline": "2099-01-01",
            "line_ids": [(0, 0, {"action": "Train the sales staff"})],
        })

    def _snapshot(self):
        return (self.upgrade.state, self.upgrade.decided_by_id, self.upgrade.decision_note,
                self.dealer_1.dealer_grade_id, len(self.dealer_1.dealer_grade_history_ids))

    def test_dealer_user_cannot_apply_proposal(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "not allowed to create|Only a Dealer Manager may apply"):
            self._decide(self.upgrade, "apply", user=self.dealer_user)
        self.assertEqual(self._snapshot(), before)

    def test_dealer_user_cannot_apply_proposal_directly(self):
        """Even with a wizard created for it (by the manager), the decision checks the user."""
        before = self._snapshot()
        with self.assertRefused(AccessError, "Only a Dealer Manager may apply or dismiss"):
            self.upgrade.with_user(self.dealer_user)._apply()
        self.assertEqual(self._snapshot(), before)

    def test_dealer_user_cannot_dismiss_proposal(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "Only a Dealer Manager may apply or dismiss"):
            self.upgrade.with_user(self.dealer_user)._dismiss("I do not like it")
        self.assertEqual(self._snapshot(), before)

    def test_dealer_user_cannot_write_proposal_state_over_rpc(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "not allowed to modify|not by hand"):
            self.upgrade.with_user(self.dealer_user).write({"state": "applied"})
        self.assertEqual(self._snapshot(), before)

    def test_dealer_manager_cannot_write_proposal_state_over_rpc(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "not by hand"):
            self.upgrade.with_user(self.dealer_manager).write({"state": "dismissed", "decision_note": "forged"})
        self.assertEqual(self._snapshot(), before)

    def test_dealer_manager_cannot_change_proposed_grade_over_rpc(self):
        before = (self._snapshot(), self.upgrade.new_grade_id)
        with self.assertRefused(AccessError, "not by hand"):
            self.upgrade.with_user(self.dealer_manager).write({"new_grade_id": self.lower_grade.id})
        self.assertEqual((self._snapshot(), self.upgrade.new_grade_id), before)

    def test_dealer_manager_cannot_create_proposal_by_hand(self):
        Proposal = self.env["dealer.assessment.proposal"]
        count = Proposal.search_count([])
        with self.assertRefused(AccessError, "not by hand"):
            Proposal.with_user(self.dealer_manager).create({
                "assessment_id": self.approved.id, "partner_id": self.dealer_2.id, "proposal_type": "reward",
                "amount": 1000000.0,
            })
        with self.assertRefused(AccessError, "not by hand"):
            Proposal.with_user(self.dealer_manager).with_context(default_state="applied").create({
                "assessment_id": self.approved.id, "partner_id": self.dealer_2.id, "proposal_type": "reward",
            })
        self.assertEqual(Proposal.search_count([]), count)

    def test_dealer_user_cannot_create_proposal_by_hand(self):
        Proposal = self.env["dealer.assessment.proposal"]
        count = Proposal.search_count([])
        with self.assertRefused(AccessError, "not allowed to create|not by hand"):
            Proposal.with_user(self.dealer_user).create({
                "assessment_id": self.approved.id, "partner_id": self.dealer_2.id, "proposal_type": "reward",
            })
        self.assertEqual(Proposal.search_count([]), count)

    def test_dealer_manager_cannot_delete_proposal(self):
        with self.assertRefused(AccessError, "not by hand"):
            self.upgrade.with_user(self.dealer_manager).unlink()
        self.assertTrue(self.upgrade.exists())

    def test_dealer_user_cannot_forge_correction_plan_status(self):
        with self.assertRefused(AccessError, "not allowed to modify|change only through its buttons"):
            self.plan.with_user(self.dealer_user).write({"state": "done"})
        with self.assertRefused(AccessError, "not allowed to modify"):
            self.plan.line_ids.with_user(self.dealer_user).write({"status": "done"})
        with self.assertRefused(AccessError, "Only a Dealer Manager may close a correction plan"):
            self.plan.with_user(self.dealer_user).action_done()
        self.assertEqual((self.plan.state, self.plan.line_ids.status), ("in_progress", "todo"))

    def test_dealer_manager_cannot_write_plan_state_or_overdue_flag_over_rpc(self):
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.plan.with_user(self.dealer_manager).write({"state": "done"})
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.plan.with_user(self.dealer_manager).write({"is_overdue": False, "deadline": "2000-01-01"})
        self.assertEqual((self.plan.state, self.plan.is_overdue, str(self.plan.deadline)),
                         ("in_progress", False, "2099-01-01"))

    def test_dealer_user_cannot_change_credit_ratings(self):
        rating = self.env.ref("dealer_assessment.credit_rating_c")
        with self.assertRefused(AccessError, "not allowed to modify"):
            rating.with_user(self.dealer_user).write({"credit_limit_factor": 10.0})
        self.assertEqual(rating.credit_limit_factor, 0.0)


@tagged("post_install", "-at_install")
class TestSecurityConsequencesRpc(CallKwMixin, HttpCase, ConsequenceCase):
    """The same attacks through /web/dataset/call_kw, the way the web client or a script with a session would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.upgrade = cls._proposal(cls, "upgrade", cls.dealer_1, old_grade_id=cls.grade.id,
                                    new_grade_id=cls.higher_grade.id)

    def _upgrade_state(self):
        self.env.invalidate_all()
        return self.upgrade.state, self.dealer_1.dealer_grade_id

    def test_dealer_manager_cannot_write_proposal_state_over_rpc(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        error = self._rpc_error("dealer.assessment.proposal", "write", [[self.upgrade.id], {"state": "applied"}])
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertRegex(error["data"]["message"], "not by hand")
        self.assertEqual(self._upgrade_state(), ("proposed", self.grade))

    def test_dealer_user_cannot_call_private_apply_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._rpc_error("dealer.assessment.proposal", "_apply", [[self.upgrade.id]])
        self.assertTrue(error)
        self.assertEqual(self._upgrade_state(), ("proposed", self.grade))

    def test_dealer_manager_cannot_create_applied_proposal_over_rpc(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        Proposal = self.env["dealer.assessment.proposal"]
        count = Proposal.search_count([])
        error = self._rpc_error("dealer.assessment.proposal", "create", [{
            "assessment_id": self.approved.id, "partner_id": self.dealer_2.id, "proposal_type": "reward",
            "amount": 1000000.0,
        }], {"context": {"default_state": "applied"}})
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(Proposal.search_count([]), count)
