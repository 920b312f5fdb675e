from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows
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
        self._dealer_check_contract_open(target.contract_id)
        if not target._dealer_open_for_answer(fields.Date.context_today(self)):
            raise UserError(_(
                "The period of target %(target)s ended on %(date)s: it is closed and can no longer be acknowledged "
                "or answered.",
                target=target.display_name, date=format_date(self.env, target.date_end),
            ))
        answer = self._dealer_create_answers(target, decision, comment, proposed_amount)
        answer._dealer_notify_salesperson()
        return answer

    @api.model
    def _dealer_portal_acknowledge_year(self, contract, year):
        """Acknowledge at once the targets of `contract` (its own dealer's, checked by the caller) starting in
        `year` that still await an answer and whose period is not over, in one transaction; one activity tells
        the salesperson. Returns the answers: none when nothing is left (a second click writes nothing)."""
        self._dealer_check_contract_open(contract)
        targets = contract.target_ids.filtered(lambda target: target.date_start.year == year)
        # two clicks at once: the second waits for the first, is aborted and run again, then finds them answered
        lock_rows(targets)
        targets = targets._dealer_awaiting_answer(fields.Date.context_today(self))
        answers = self._dealer_create_answers(targets, "acknowledged")
        if answers:
            summary = _("Targets of %(year)s acknowledged by the dealer", year=year)
            note = "\n".join([_(
                "%(user)s acknowledged the %(count)s open targets of %(year)s of contract %(contract)s:",
                user=self.env.user.name, count=len(answers), year=year, contract=contract.name,
            )] + [
                f"{answer.target_id.display_name}: {answer.currency_id.format(answer.target_amount)}"
                for answer in answers
            ])
            self._dealer_schedule_todo(contract, summary, note)
        return answers

    @api.model
    def _dealer_check_contract_open(self, contract):
        """Refuse answers to the targets of a contract that is not active."""
        if contract.state != "active":
            raise UserError(_(
                "The targets of contract %(name)s can no longer be answered: it is %(state)s.",
                name=contract.name, state=contract._state_label(),
            ))

    @api.model
    def _dealer_create_answers(self, targets, decision, comment=False, proposed_amount=0.0):
        """The portal user's answers to `targets`, with their current amounts (values validated by the caller)."""
        # sudo + trusted: the route checked that the targets are the user's own dealer's; the answer's fields are
        # written here only, from the validated form values
        return self.sudo()._dealer_trusted().create([{
            "target_id": target.id, "decision": decision, "target_amount": target.amount,
            "proposed_amount": proposed_amount if decision == "counter" else 0.0,
            "comment": comment or False, "user_id": self.env.user.id,
        } for target in targets])

    def _dealer_notify_salesperson(self):
        """A to-do activity on the contract for its salesperson, with the dealer's answer."""
        for answer in self:
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
            self._dealer_schedule_todo(answer.contract_id, summary, note)

    @api.model
    def _dealer_schedule_todo(self, contract, summary, note):
        """A to-do on `contract` for its salesperson; `note` is plain text built from the dealer's words."""
        contract = contract.sudo()  # sudo: the portal user schedules on its own dealer's contract
        # the comment and the user's name are the dealer's own text: escaped, a link in them stays text
        contract.activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, note=text_to_html(note),
            user_id=(contract.user_id or contract.create_uid).id,
        )
