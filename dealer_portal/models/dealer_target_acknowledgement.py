from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.tools.html import text_to_html

DECISIONS = [("acknowledged", "Acknowledged"), ("counter", "Counter-proposal")]


class DealerTargetAcknowledgement(models.Model):
    """The dealer's answer to a contract target (目标共同制定): acknowledged, or a counter-proposal with a comment.

    Every answer is kept (the history); the latest one given for the target's current amount is the target's
    answer. Written only by the portal route (``_dealer_portal_answer``), never changed afterwards.
    """

    _name = "dealer.target.acknowledgement"
    _description = "Dealer Target Acknowledgement"
    _inherit = ["dealer.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _dealer_protected_fields = (
        "target_id", "decision", "target_amount", "proposed_amount", "comment", "user_id",
    )

    target_id = fields.Many2one(
        "dealer.contract.target", required=True, index=True, ondelete="cascade", readonly=True,
    )
    contract_id = fields.Many2one(related="target_id.contract_id", store=True, index=True)
    partner_id = fields.Many2one(related="target_id.partner_id", store=True, index=True, string="Dealer")
    company_id = fields.Many2one(related="target_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="target_id.currency_id")
    decision = fields.Selection(DECISIONS, string="Answer", required=True, readonly=True)
    target_amount = fields.Monetary(
        string="Target When Answered", currency_field="currency_id", readonly=True,
        help="The target amount the dealer answered; a later adjustment of the target asks for a new answer.",
    )
    proposed_amount = fields.Monetary(currency_field="currency_id", readonly=True)
    comment = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", string="Answered By", readonly=True)

    def write(self, vals):
        if not self._dealer_is_trusted():
            raise UserError(_("A dealer's answer to a target is kept as given: it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(_("A dealer's answer to a target is kept as given: it cannot be deleted."))

    @api.model
    def _dealer_portal_answer(self, target, decision, comment, proposed_amount=0.0):
        """Record the portal user's answer to `target` (its own dealer's, checked by the caller) and tell the
        contract's salesperson with an activity. Validates everything first; raises UserError with the reason."""
        if decision not in dict(DECISIONS):
            raise UserError(_("Choose whether you acknowledge the target or propose another amount."))
        comment = (comment or "").strip()
        if decision == "counter":
            if not comment:
                raise UserError(_("Explain your counter-proposal in the comment."))
            if proposed_amount is None or proposed_amount < 0:
                raise UserError(_("The proposed amount must be a positive number."))
        if target.contract_id.state != "active":
            raise UserError(_(
                "The targets of contract %(name)s can no longer be answered: it is %(state)s.",
                name=target.contract_id.name, state=target.contract_id._state_label(),
            ))
        # sudo + trusted: the route checked that the target is the user's own dealer's; the answer's fields are
        # written here only, from the validated form values
        answer = self.sudo()._dealer_trusted().create({
            "target_id": target.id, "decision": decision, "target_amount": target.amount,
            "proposed_amount": proposed_amount if decision == "counter" else 0.0,
            "comment": comment or False, "user_id": self.env.user.id,
        })
        answer._dealer_notify_salesperson()
        return answer

    def _dealer_notify_salesperson(self):
        """A to-do activity on the contract for its salesperson, with the dealer's answer."""
        for answer in self:
            contract = answer.contract_id.sudo()  # sudo: the portal user schedules on its own dealer's contract
            if answer.decision == "acknowledged":
                summary = _("Target acknowledged by the dealer")
                note = _(
                    "%(user)s acknowledged target %(target)s (%(amount)s). %(comment)s",
                    user=answer.user_id.name, target=answer.target_id.display_name,
                    amount=answer.currency_id.format(answer.target_amount), comment=answer.comment or "",
                )
            else:
                summary = _("Target counter-proposal from the dealer")
                note = _(
                    "%(user)s proposes %(proposed)s instead of %(amount)s for target %(target)s: %(comment)s",
                    user=answer.user_id.name, proposed=answer.currency_id.format(answer.proposed_amount),
                    amount=answer.currency_id.format(answer.target_amount), target=answer.target_id.display_name,
                    comment=answer.comment,
                )
            # the comment and the user's name are the dealer's own text: escaped, a link in them stays text
            contract.activity_schedule(
                "mail.mail_activity_data_todo", summary=summary, note=text_to_html(note),
                user_id=(contract.user_id or contract.create_uid).id,
            )
