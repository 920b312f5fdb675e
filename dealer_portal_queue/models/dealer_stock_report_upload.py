from odoo import _, api, fields, models
from odoo.exceptions import UserError

# lines of a stock-report file: above the company's threshold (5,000 by default) the report is created in the
# background, so the portal takes files larger than the other uploads' 2,000 lines (as sell-out files); every line
# is still checked in the request first
MAX_STOCK_REPORT_FILE_ROWS = 10000


class DealerStockReportUpload(models.Model):
    """A stock-report file too large for one request: its rows are kept, and one job checks them again and creates
    and submits the dealer's stock report, or keeps nothing and lists the errors of every wrong row."""

    _name = "dealer.stock.report.upload"
    _description = "Dealer Stock Report Upload"
    _inherit = ["dealer.queue.upload"]
    _order = "id desc"

    date = fields.Date(string="Stock Date", required=True, readonly=True)
    note = fields.Text(readonly=True)
    report_id = fields.Many2one("dealer.stock.report", string="Stock Report", readonly=True, index="btree_not_null")

    @api.model
    def _dealer_portal_queue(self, dealer, date, note, rows):
        """Queue the checked ``rows`` of ``dealer``'s file (as ``dealer.stock.report._dealer_portal_check_lines``
        reads them) as one upload; returns it. The portal controller calls it in a sudo environment, for the
        user's own dealer, once every row has passed the checks."""
        self._dealer_check_day_free(dealer, date)
        name = _("Stock report of %(date)s, %(count)s lines", date=date, count=len(rows))
        return self._dealer_upload_queue(
            dealer, rows, name, "_dealer_job_report", _("Upload %(name)s", name=name), date=date, note=note or False,
        )

    @api.model
    def _dealer_check_day_free(self, dealer, date):
        """Refuse at once a file for a day the dealer has reported, or whose file is still being processed (the
        report's unique index refuses it in the job anyway: a form sent twice never makes two reports)."""
        # sudo: existence checks on the user's own dealer (portal users read their reports but not all states)
        if self.env["dealer.stock.report"].sudo().search_count([
            ("partner_id", "=", dealer.id), ("company_id", "=", (dealer.company_id or self.env.company).id),
            ("date", "=", date),
            ("state", "!=", "cancelled"),
        ], limit=1) or self.sudo().search_count([
            ("dealer_id", "=", dealer.id), ("date", "=", date), ("dealer_job_state", "=", "queued"),
        ], limit=1):
            raise UserError(_(
                "A stock report for %(date)s is already recorded or being processed: correct that report, or wait "
                "for its result.", date=date,
            ))

    def _dealer_job_report(self):
        """Job: check the rows of the queued uploads again (the dealer's products as they are now) and create and
        submit each report, all or none; a refused file keeps the errors of every wrong row."""
        def report(uploads):
            Report = self.env["dealer.stock.report"]
            for upload in uploads:
                lines, errors = Report._dealer_portal_check_lines(upload.dealer_id, upload.line_vals)
                if errors:
                    # the reason, then one error per line: the portal page lists them (_dealer_upload_status)
                    raise UserError("\n".join([self.env._("Nothing was saved: correct the lines below."), *errors]))
                created = Report._dealer_portal_submit(upload.dealer_id, upload.date, upload.note, lines)
                # sudo: the job links its own upload to the report it created (no write ACL on uploads)
                upload.sudo().report_id = created
            uploads._dealer_upload_done()
            # sudo: the names of the reports the job has just created, for its result message
            return self.env._("Stock report %(reports)s submitted.",
                              reports=", ".join(uploads.sudo().report_id.mapped("name")))
        return self._dealer_job_perform(report)
