from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerCreditRating(models.Model):
    """A credit rating (信用评级) a dealer earns by its payment record, and the measure it implies."""

    _name = "dealer.credit.rating"
    _description = "Dealer Credit Rating"
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code such as AAA.")
    sequence = fields.Integer(default=10, help="Lower is better: a dealer gets the first rating whose limits it meets.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id")
    max_days_late = fields.Float(
        string="Max. Average Days Late", digits=(16, 2), required=True,
        help="Highest average number of days between due date and payment over the last 12 months.",
    )
    max_overdue_share = fields.Float(
        string="Max. Overdue Share (%)", digits=(16, 2), required=True,
        help="Highest share of the open receivable that is overdue at the end of the assessed period.",
    )
    credit_limit_factor = fields.Float(
        digits=(16, 2), default=1.0, required=True,
        help="The dealer's credit limit becomes its grade's default credit limit (or, without one, its "
             "current credit limit) times this factor. 0 stops all credit.",
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", check_company=True,
        help="Payment terms given to the dealer with this rating; empty keeps its current terms.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The credit rating code must be unique per company."),
    ]

    @api.constrains("max_days_late", "max_overdue_share", "credit_limit_factor")
    def _check_limits(self):
        for rating in self:
            if rating.max_days_late < 0 or not 0 <= rating.max_overdue_share <= 100 or rating.credit_limit_factor < 0:
                raise ValidationError(_(
                    "Credit rating %(name)s: the days late and the factor cannot be negative, the overdue share "
                    "lies between 0 and 100.", name=rating.name,
                ))

    @api.model
    def _ratings_for(self, company):
        """The active ratings of ``company``, best first."""
        return self.search([("company_id", "in", (False, company.id))])

    def _rate(self, days_late, overdue_share):
        """The first (best) of these ratings whose limits the figures meet; the worst one when none does."""
        for rating in self:
            if days_late <= rating.max_days_late and overdue_share <= rating.max_overdue_share:
                return rating
        return self[-1:]

    def _credit_limit_for(self, partner, company):
        """The credit limit this rating gives ``partner`` in ``company``."""
        self.ensure_one()
        # sudo: the current credit limit is an accounting field, read here for the figure only
        base = partner.dealer_grade_id.credit_limit or partner.with_company(company).sudo().credit_limit
        return company.currency_id.round(base * self.credit_limit_factor)
