"""Each proposal type is applied by the method ``dealer.assessment.proposal._apply_methods()`` lists for it."""
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_consequences import ConsequenceCase


@tagged("post_install", "-at_install")
class TestProposalApplyRegistry(ConsequenceCase):

    def test_every_proposal_type_has_its_apply_method(self):
        Proposal = self.env["dealer.assessment.proposal"]
        types = {value for value, _label in Proposal._fields["proposal_type"]._description_selection(self.env)}
        methods = Proposal._apply_methods()
        self.assertEqual(set(methods), types)
        self.assertTrue(all(callable(method) for method in methods.values()))
        proposal = self._proposal("warning", self.dealer_3)
        self.assertEqual(proposal._apply_method(), proposal._apply_warning)
        self.assertEqual(self._proposal("upgrade", self.dealer_1)._apply_method().__name__, "_apply_grade_change")

    def test_type_without_method_is_refused_and_nothing_applied(self):
        """A type no method applies (an addon's type without its method) is refused with a clear message."""
        proposal = self._proposal("warning", self.dealer_3)
        proposal.flush_recordset()
        # the column holds a type the registry does not know, as an addon's new type without its method would
        self.env.cr.execute("UPDATE dealer_assessment_proposal SET proposal_type = 'bogus' WHERE id = %s",
                            [proposal.id])
        proposal.invalidate_recordset()
        messages = len(self.dealer_3.message_ids)
        with self.assertRaisesRegex(UserError, r"cannot be applied: no method applies a consequence of type bogus"):
            self._decide(proposal, "apply")
        self.env.invalidate_all()
        self.assertEqual((proposal.state, proposal.decided_by_id.id), ("proposed", False))
        self.assertEqual(len(self.dealer_3.message_ids), messages, "no letter was sent")
