from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DealerStatementWizard(models.TransientModel):
    """Ask the period of a dealer's statement of account (对账单), then print it."""

    _name = "dealer.statement.wizard"
    _description = "Dealer Statement of Account"

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, domain=[("is_dealer", "=", True)])
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id",
        help="The dealer's company, or your current company for a dealer shared by the companies.",
    )
    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.depends("partner_id")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.partner_id and wizard.partner_id._dealer_statement_company()

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" and self.env.context.get("active_id"):
            partner = self.env["res.partner"].browse(self.env.context["active_id"])
            values["partner_id"] = partner.commercial_partner_id.id
        return values

    def action_print(self):
        """Print the statement of account of the period."""
        self.ensure_one()
        self.partner_id._dealer_check_statement_access()
        if self.date_from > self.date_to:
            raise UserError(_("The statement period starts after it ends: choose a start date before the end date."))
        return self.env.ref("dealer_management.action_report_dealer_statement").report_action(
            self.partner_id, data={
                "date_from": fields.Date.to_string(self.date_from), "date_to": fields.Date.to_string(self.date_to),
            },
        )
