from odoo import _, api, fields, models
from odoo.exceptions import UserError

DECISIONS = [("apply", "Apply"), ("dismiss", "Dismiss")]


class DealerAssessmentProposalWizard(models.TransientModel):
    """Apply or dismiss consequence proposals (a reason is required to dismiss)."""

    _name = "dealer.assessment.proposal.wizard"
    _description = "Decide Assessment Proposals"

    proposal_ids = fields.Many2many(
        "dealer.assessment.proposal", "dealer_assessment_proposal_wizard_rel", "wizard_id", "proposal_id",
        string="Proposals", required=True,
    )
    decision = fields.Selection(DECISIONS, required=True, default="apply")
    reason = fields.Text(help="Why the proposals are dismissed (required), or a note on applying them.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "dealer.assessment.proposal" and "proposal_ids" in fields_list:
            values["proposal_ids"] = [fields.Command.set(self.env.context.get("active_ids") or [])]
        return values

    def action_confirm(self):
        self.ensure_one()
        if not self.proposal_ids:
            raise UserError(_("Choose the proposals to decide."))
        if self.decision == "apply":
            self.proposal_ids._apply(self.reason)
        else:
            self.proposal_ids._dismiss(self.reason)
        return {"type": "ir.actions.act_window_close"}
