from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from .pages import DealerPagesPortal

# the longest statement of account a dealer may ask for at once
MAX_STATEMENT_DAYS = 5 * 366
# owner-only documents: URL part -> (model, PDF report, page name, list template); the record rules choose the
# records
OWNER_DOCUMENTS = {
    "rebates": ("dealer.rebate", "dealer_management.action_report_dealer_rebate", "dealer_rebates",
                "dealer_portal.portal_my_rebates"),
    "contracts": ("dealer.contract", "dealer_management.action_report_dealer_contract", "dealer_contracts",
                  "dealer_portal.portal_my_contracts"),
}


class DealerFinancePortal(DealerPagesPortal):
    """The owner's finance pages: rebates and contracts (lists and PDFs) and the statement of account. Staff get a
    404; the records are searched with the owner's rights and record rules."""

    # ------------------------------------------------------------------ documents and their PDFs
    def _dealer_owner_document_kinds(self):
        """The owner-only documents listed at /my/<kind> with their PDFs (OWNER_DOCUMENTS); a link module adds its
        own (dealer_portal_assessment: the scorecards)."""
        return dict(OWNER_DOCUMENTS)

    def _dealer_owner_documents(self, kind, page, **extra):
        dealer = self._dealer_pages_dealer(owner=True)
        model, _report, page_name, template = self._dealer_owner_document_kinds()[kind]
        values = self._dealer_list_values(
            model, f"/my/{kind}", page, page_name, [("partner_id", "=", dealer.id)],
        )
        return request.render(template, {**values, **extra})

    def _dealer_owner_pdf(self, kind, record_id):
        self._dealer_pages_dealer(owner=True)
        model, report, _page_name, _template = self._dealer_owner_document_kinds()[kind]
        try:
            # the owner's rights and record rules decide (its own dealer's released documents only)
            record_sudo = self._document_check_access(model, record_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return self._dealer_pdf_response(report, record_sudo, f"{record_sudo.display_name}.pdf")

    @staticmethod
    def _dealer_pdf_response(report_ref, records_sudo, filename, data=None):
        """The PDF of `report_ref` for records the caller checked, rendered as superuser, as a download."""
        # sudo: the caller checked the records (the owner's own dealer's documents, through its record rules)
        report = request.env["ir.actions.report"].sudo()
        pdf = report._render_qweb_pdf(report_ref, records_sudo.ids, data=data)[0]
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(filename.replace("/", "-"))),
        ])

    @http.route(["/my/rebates", "/my/rebates/page/<int:page>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_rebates(self, page=1, **kw):
        return self._dealer_owner_documents("rebates", page)

    @http.route(["/my/rebates/<int:record_id>/pdf"], type="http", auth="user", website=True, readonly=True)
    def portal_rebate_pdf(self, record_id, **kw):
        return self._dealer_owner_pdf("rebates", record_id)

    @http.route(["/my/contracts", "/my/contracts/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_contracts(self, page=1, **kw):
        return self._dealer_owner_documents("contracts", page)

    @http.route(["/my/contracts/<int:record_id>/pdf"], type="http", auth="user", website=True, readonly=True)
    def portal_contract_pdf(self, record_id, **kw):
        return self._dealer_owner_pdf("contracts", record_id)

    # ------------------------------------------------------------------ statement of account
    @http.route(["/my/statement"], type="http", auth="user", website=True, readonly=True)
    def portal_my_statement(self, date_from=None, date_to=None, **kw):
        dealer = self._dealer_pages_dealer(owner=True)
        error = None
        if date_from or date_to:
            period, error = self._dealer_statement_period(date_from, date_to)
            if not error:
                # the company is the dealer's own (or the user's): the report takes it from the record
                data = {"date_from": fields.Date.to_string(period[0]), "date_to": fields.Date.to_string(period[1])}
                filename = _("Statement %(from)s %(to)s.pdf", **{"from": data["date_from"], "to": data["date_to"]})
                # the owner's own dealer (checked above); the report refuses anyone else unless rendered as here
                return self._dealer_pdf_response(
                    "dealer_management.action_report_dealer_statement", dealer.sudo(), filename, data=data,
                )
        today = fields.Date.context_today(request.env.user)
        return request.render("dealer_portal.portal_my_statement", self._dealer_pages_values(
            "dealer_statement", error=error, date_from=date_from or fields.Date.to_string(today.replace(day=1)),
            date_to=date_to or fields.Date.to_string(today),
        ))

    @staticmethod
    def _dealer_statement_period(date_from, date_to):
        """((from, to), None) for a valid period typed in the form, else (None, the error to show)."""
        try:
            start, end = fields.Date.to_date(date_from or None), fields.Date.to_date(date_to or None)
        except ValueError:
            return None, _("Give the dates as YYYY-MM-DD.")
        if not start or not end:
            return None, _("Choose the first and the last day of the statement.")
        if start > end:
            return None, _("The statement period starts after it ends: choose a start date before the end date.")
        if (end - start).days > MAX_STATEMENT_DAYS:
            return None, _("Choose a period of at most five years.")
        return (start, end), None
