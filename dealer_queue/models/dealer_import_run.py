from odoo import _, fields, models
from odoo.exceptions import UserError


class DealerImportRun(models.Model):
    """A go-live import file (上线导入) too large for one request, kept until a background job has loaded it: all of
    it, or nothing and every refused row in the run's result, message and to-do (``dealer.import.wizard``)."""

    _name = "dealer.import.run"
    _description = "Dealer Network Import Run"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.queue.mixin"]
    _check_company_auto = True
    _order = "id desc"

    name = fields.Char(string="File Name", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    file = fields.Binary(attachment=True, readonly=True, copy=False)
    csv_sheet = fields.Char(string="Table of the CSV file", readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)

    def _dealer_job_import(self):
        """Job: load the files of the queued runs through the import wizard's own code (all or none)."""
        def load(runs):
            summaries = []
            for run in runs:
                wizard = self.env["dealer.import.wizard"].with_context(dealer_import_now=True).create({
                    "file": run.with_context(bin_size=False).file, "filename": run.name, "csv_sheet": run.csv_sheet,
                })
                wizard.action_import()
                if wizard.state != "done":
                    raise UserError("\n".join([wizard.summary] + [
                        _("%(sheet)s, row %(row)s, %(column)s: %(message)s", sheet=error.sheet, row=error.row,
                          column=error.column or "-", message=error.message)
                        for error in wizard.error_ids
                    ]))
                summaries.append(wizard.summary)
            return "\n".join(summaries)
        return self._dealer_job_perform(load)
