from odoo import api, models


class DealerContract(models.Model):
    _inherit = "dealer.contract"

    @api.model
    def _find_active(self, partners, day, company=None):
        """{dealer: contract}: the active contract of each dealer covering ``day`` in ``company``.

        ``partners`` may be contacts: each is looked up by its commercial partner, which is the key of the
        result. Dealers without such a contract are missing from the result. When several contracts cover the
        day, the latest started wins. One query for any number of dealers; the search runs as superuser
        because the salesperson or portal user confirming an order may not read contracts, and only the
        contract the caller's own documents point at is returned.
        """
        dealers = partners.commercial_partner_id
        if not dealers:
            return {}
        company = company or self.env.company
        # sudo: see the docstring; callers read only the terms they need (dates, credit limit)
        contracts = self.sudo().search([
            ("partner_id", "in", dealers.ids),
            ("company_id", "=", company.id),
            ("state", "=", "active"),
            ("date_start", "<=", day),
            ("date_end", ">=", day),
        ], order="date_start desc, id desc")
        found = {}
        for contract in contracts:
            found.setdefault(contract.partner_id, contract.with_env(self.env))
        return found
