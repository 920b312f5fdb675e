from odoo import api, fields, models

ACK_STATES = [("pending", "Awaiting Answer"), ("acknowledged", "Acknowledged"), ("counter", "Counter-proposal")]


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
