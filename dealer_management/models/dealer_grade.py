from odoo import api, fields, models


class DealerGrade(models.Model):
    """A dealer grade (核心/一般/特约 ...) and the commercial policy that comes with it."""

    _name = "dealer.grade"
    _description = "Dealer Grade"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short technical code, unique per company.")
    sequence = fields.Integer(default=10, help="Lower is higher: the first grade is the best one.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", help="Currency of the grade's company."
    )
    description = fields.Html(translate=True)
    pricelist_id = fields.Many2one(
        "product.pricelist", help="Pricelist given to dealers of this grade.",
        check_company=True,
    )
    credit_limit = fields.Monetary(
        string="Default Credit Limit", currency_field="currency_id",
        help="Credit limit given to a dealer when it gets this grade.",
    )
    payment_term_id = fields.Many2one("account.payment.term", string="Payment Terms", check_company=True)
    rebate_percent = fields.Float(string="Default Rebate (%)", digits=(5, 2))
    min_annual_target = fields.Monetary(string="Minimum Annual Target", currency_field="currency_id")
    min_application_score = fields.Float(
        string="Minimum Application Score", default=60.0,
        help="An application for this grade cannot be approved below this weighted score (0-100).",
    )
    document_type_ids = fields.Many2many(
        "dealer.document.type", "dealer_grade_document_type_rel", "grade_id", "document_type_id",
        string="Required Documents",
        help="Qualification documents an applicant for this grade must provide.",
    )
    check_contract = fields.Boolean(string="Check Active Contract", default=True)
    check_floor_price = fields.Boolean(default=True)
    check_credit = fields.Boolean(default=True)
    check_territory = fields.Boolean(default=True)
    dealer_ids = fields.One2many("res.partner", "dealer_grade_id", string="Dealers")
    dealer_count = fields.Integer(compute="_compute_dealer_count")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The grade code must be unique per company."),
    ]

    @api.depends("company_id")
    def _compute_currency_id(self):
        for grade in self:
            grade.currency_id = (grade.company_id or self.env.company).currency_id

    def _compute_dealer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("dealer_grade_id", "in", self.ids), ("is_dealer", "=", True)],
                ["dealer_grade_id"], ["__count"],
            )
        )
        for grade in self:
            grade.dealer_count = counts.get(grade, 0)

    def action_view_dealers(self):
        """Open the dealers of this grade."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_partner")
        action["domain"] = [("dealer_grade_id", "=", self.id)]
        action["context"] = {"default_is_dealer": True, "default_is_company": True}
        return action
