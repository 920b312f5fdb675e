from odoo import api, fields, models


class ResPartner(models.Model):
    """A dealer's correction plans and credit rating (dealer_assessment's consequences)."""

    _inherit = "res.partner"

    dealer_correction_plan_ids = fields.One2many("dealer.correction.plan", "partner_id", string="Correction Plans")
    dealer_correction_overdue = fields.Boolean(
        string="Correction Plan Overdue", compute="_compute_dealer_correction_overdue",
        search="_search_dealer_correction_overdue",
        help="The dealer has a correction plan still in progress after its deadline.",
    )
    dealer_credit_rating_id = fields.Many2one(
        "dealer.credit.rating", string="Credit Rating", compute="_compute_dealer_credit_rating_id",
        help="The credit rating last applied to the dealer in the current company.",
    )

    @api.depends("dealer_correction_plan_ids.is_overdue")
    def _compute_dealer_correction_overdue(self):
        groups = self.env["dealer.correction.plan"]._read_group(
            [("partner_id", "in", self.ids), ("is_overdue", "=", True)], ["partner_id"], ["__count"],
        )
        overdue = {partner for partner, _count in groups}
        for partner in self:
            partner.dealer_correction_overdue = partner in overdue

    def _search_dealer_correction_overdue(self, operator, value):
        if operator not in ("=", "!="):
            return [("id", "=", 0)]
        positive = (operator == "=") == bool(value)
        subquery = self.env["dealer.correction.plan"]._search([("is_overdue", "=", True)])
        return [("id", "in" if positive else "not in", subquery.subselect("partner_id"))]

    def _compute_dealer_credit_rating_id(self):
        current = self._dealer_current_credit_ratings(self.env.company)
        for partner in self:
            partner.dealer_credit_rating_id = current.get(partner.id, False)

    def _dealer_current_credit_ratings(self, company):
        """{dealer id: credit rating} last applied in ``company`` (one query for all the dealers)."""
        proposals = self.env["dealer.assessment.proposal"].search([
            ("partner_id", "in", self.ids), ("company_id", "=", company.id), ("proposal_type", "=", "credit"),
            ("state", "=", "applied"),
        ], order="decided_on desc, id desc")
        result = {}
        for proposal in proposals:
            result.setdefault(proposal.partner_id.id, proposal.credit_rating_id)
        return result
