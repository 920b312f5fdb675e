from collections import defaultdict

from odoo import _, api, fields, models

ACK_STATES = [("pending", "Awaiting Answer"), ("acknowledged", "Acknowledged"), ("counter", "Counter-proposal")]
# contracts whose targets count in the dealer's year to date (a superseded contract's targets were replaced)
YEAR_TO_DATE_CONTRACT_STATES = ("active", "expired")


class DealerContractTarget(models.Model):
    _inherit = "dealer.contract.target"

    dealer_ack_ids = fields.One2many(
        "dealer.target.acknowledgement", "target_id", string="Dealer Answers", readonly=True,
    )
    dealer_ack_state = fields.Selection(
        ACK_STATES, string="Dealer Answer", compute="_compute_dealer_ack",
        help="The dealer's latest answer on the portal to the target's current amount.",
    )
    dealer_ack_comment = fields.Text(string="Dealer Comment", compute="_compute_dealer_ack")
    dealer_ack_proposed_amount = fields.Monetary(
        string="Dealer Proposal", currency_field="currency_id", compute="_compute_dealer_ack",
    )

    @api.depends("amount", "dealer_ack_ids")
    def _compute_dealer_ack(self):
        """The latest answer per target, read for all targets in one query."""
        latest = {}
        ids = [target_id for target_id in self.ids if target_id]
        if ids:
            # sudo: the answers of targets the user may read (record rules apply to the targets themselves)
            answers = self.env["dealer.target.acknowledgement"].sudo().search_read(
                [("target_id", "in", ids)], ["target_id", "decision", "target_amount", "proposed_amount", "comment"],
                order="id desc",
            )
            for answer in answers:
                latest.setdefault(answer["target_id"][0], answer)
        for target in self:
            answer = latest.get(target.id) if target.id else None
            if answer and not target.currency_id.compare_amounts(answer["target_amount"], target.amount):
                target.dealer_ack_state = answer["decision"]
                target.dealer_ack_comment = answer["comment"]
                target.dealer_ack_proposed_amount = answer["proposed_amount"]
            else:
                target.dealer_ack_state = "pending"
                target.dealer_ack_comment = False
                target.dealer_ack_proposed_amount = 0.0

    # ------------------------------------------------------------------ the dealer's answers on the portal
    def _dealer_open_for_answer(self, day):
        """The targets the dealer may still answer on ``day``: of an active contract, their period not over.

        A period that ended before ``day`` is closed: what was sold in it is known, and an answer to it would
        commit nobody to anything.
        """
        return self.filtered(lambda target: target.contract_id.state == "active" and target.date_end >= day)

    def _dealer_awaiting_answer(self, day):
        """The targets open for an answer on ``day`` that the dealer has not answered (at their current amount)."""
        return self._dealer_open_for_answer(day).filtered(lambda target: target.dealer_ack_state == "pending")

    def _dealer_year_groups(self, day):
        """The years the dealer may acknowledge at once: the targets awaiting an answer on ``day`` per contract
        and calendar year of their start. [{"contract", "year", "targets", "label"}]"""
        groups = defaultdict(lambda: self.browse())
        for target in self._dealer_awaiting_answer(day):
            groups[target.contract_id, target.date_start.year] |= target
        return [{
            "contract": contract, "year": year, "targets": targets,
            "label": _("Acknowledge the %(count)s open targets of %(year)s", count=len(targets), year=year),
        } for (contract, year), targets in sorted(
            groups.items(), key=lambda item: (item[0][1], item[0][0].date_start, item[0][0].id),
        )]

    def _dealer_year_to_date(self, day):
        """The year to date of these targets on ``day``: per product category (all products first), the targets
        and net sales added up over the periods of ``day``'s year begun by ``day`` (targets of active and expired
        contracts only). [{"label", "categ", "amount", "achieved", "percent", "currency"}]"""
        started = self.filtered(lambda target: (
            target.contract_id.state in YEAR_TO_DATE_CONTRACT_STATES
            and target.date_start.year == day.year and target.date_start <= day
        ))
        by_categ = defaultdict(lambda: self.browse())
        for target in started:
            by_categ[target.categ_id] |= target
        lines = []
        for categ, targets in sorted(by_categ.items(), key=lambda item: (bool(item[0]), item[0].complete_name or "")):
            amount = sum(targets.mapped("amount"))
            achieved = sum(targets.mapped("achieved_amount"))
            lines.append({
                "label": _("%(year)s to date", year=day.year), "categ": categ, "amount": amount, "achieved": achieved,
                "percent": 100.0 * achieved / amount if amount else 0.0, "currency": targets.currency_id[:1],
            })
        return lines
