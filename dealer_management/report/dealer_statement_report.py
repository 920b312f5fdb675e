from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class ReportDealerStatement(models.AbstractModel):
    """The statement of account PDF of dealers: ``data`` holds date_from and date_to; the company is each
    dealer's (``res.partner._dealer_statement_company``), never one the request names."""

    _name = "report.dealer_management.report_dealer_statement"
    _description = "Dealer Statement of Account"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not (
            self.env.su or self.env.user.has_group("dealer_management.group_dealer_user")
            or self.env.user.has_group("account.group_account_invoice")
        ):
            raise AccessError(_("Only Dealer Users and accountants may print a dealer's statement of account."))
        data = data or {}
        if not data.get("date_from") or not data.get("date_to"):
            raise UserError(_("Print the statement of account from its wizard, which asks for the period."))
        partners = self.env["res.partner"].browse(docids)
        date_from, date_to = fields.Date.to_date(data["date_from"]), fields.Date.to_date(data["date_to"])
        return {
            "doc_ids": partners.ids, "doc_model": "res.partner", "docs": partners,
            "statements": {partner.id: partner._dealer_statement(date_from, date_to) for partner in partners},
        }
