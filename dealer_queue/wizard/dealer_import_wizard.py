from odoo import _, fields, models
from odoo.exceptions import UserError


class DealerImportWizard(models.TransientModel):
    """A file of more rows than the company's threshold is kept on a ``dealer.import.run`` and loaded by a job."""

    _inherit = "dealer.import.wizard"

    state = fields.Selection(selection_add=[("queued", "Queued")], ondelete={"queued": "set default"})
    run_id = fields.Many2one("dealer.import.run", string="Background Import", readonly=True)

    def action_import(self):
        """Load the file at once, or queue it above the company's threshold of lines (a file not in the
        template's shape is refused at once either way)."""
        self.ensure_one()
        self._check_rights()
        if self.state == "queued":
            raise UserError(_("This file is already queued: follow it on %(run)s.", run=self.run_id.display_name))
        with self._dealer_import_phase("parse/validate"):
            tables = self._dealer_import_tables()
        size = sum(len(rows) for rows in tables.values())
        # the job loads the file through this same button (dealer_import_now): a caller setting that key only gets
        # the file loaded in its request, as a small one is
        if self.env.context.get("dealer_import_now") or self.env.company._dealer_queue_runs_now(size):
            return self._dealer_import_load(tables)  # the file read once
        # sudo: the run keeps the file a Dealer Manager (checked above) imports; no ACL lets a user create one
        run = self.env["dealer.import.run"].sudo().create({
            "name": self.filename or _("Import"), "file": self.file, "csv_sheet": self.csv_sheet, "row_count": size,
        }).sudo(False)
        job = run._dealer_delayable(_("Import of %(name)s", name=run.name))._dealer_job_import()
        run._dealer_job_queued(job)
        self.with_context(dealer_import_result=True).write({
            "state": "queued", "run_id": run.id, "summary": _(
                "%(count)s rows are loaded in the background: the result (or every refused row) will be posted on "
                "%(run)s, with a notification.", count=size, run=run.display_name,
            ),
        })
        return {
            "type": "ir.actions.act_window", "res_model": run._name, "res_id": run.id, "view_mode": "form",
            "name": _("Import Dealer Network"),
        }
