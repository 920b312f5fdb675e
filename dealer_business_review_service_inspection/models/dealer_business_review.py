from odoo import api, fields, models

INSPECTION_FIELDS = ("inspection_id", "inspection_score", "finding_open_count", "finding_overdue_count")


class DealerBusinessReview(models.Model):
    _inherit = "dealer.business.review"

    inspection_id = fields.Many2one(
        "dealer.service.inspection", string="Last Service Inspection", readonly=True, copy=False,
        help="The dealer's last completed service inspection by the end of the quarter.",
    )
    inspection_score = fields.Float(digits=(16, 1), readonly=True, copy=False)
    finding_open_count = fields.Integer(string="Open Findings", readonly=True, copy=False,
                                        help="Findings of the service inspections still to correct.")
    finding_overdue_count = fields.Integer(string="Overdue Findings", readonly=True, copy=False)

    @api.model
    def _review_figure_fields(self):
        return (*super()._review_figure_fields(), *INSPECTION_FIELDS)

    def _review_figures(self):
        """Add the last completed inspection and the open findings: one search and one grouped count."""
        result = super()._review_figures()
        if not self:
            return result
        # sudo: the inspections and findings are read for the review's figures only
        inspections = self.env["dealer.service.inspection"].sudo().search([
            ("dealer_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            ("state", "=", "done"), ("date", "<=", max(self.mapped("date_to"))),
        ], order="date desc, id desc")
        today = fields.Date.context_today(self)
        findings = self.env["dealer.service.finding"].sudo()._read_group(
            [("dealer_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
             ("state", "=", "open")],
            ["dealer_id", "company_id", "deadline:day"], ["__count"],
        )
        for review in self:
            inspection = next((
                inspection for inspection in inspections
                if inspection.dealer_id == review.partner_id and inspection.company_id == review.company_id
                and inspection.date <= review.date_to
            ), inspections.browse())
            own = [(deadline, count) for dealer, company, deadline, count in findings
                   if (dealer, company) == (review.partner_id, review.company_id)]
            result[review.id].update({
                "inspection_id": inspection.id,
                "inspection_score": inspection.total_score,
                "finding_open_count": sum(count for _deadline, count in own),
                "finding_overdue_count": sum(count for deadline, count in own if deadline < today),
            })
        return result
