from odoo import api, models

# what a file holds and where it belongs
ATTACHMENT_CONTENT_FIELDS = ("datas", "raw", "db_datas", "url", "type", "res_model", "res_id", "res_field")


class IrAttachment(models.Model):
    """The files of a locked document's lines (the business licence of an approved application...) lock with the
    line: Odoo lets whoever may write the line delete a file or replace its content, without writing the line."""

    _inherit = "ir.attachment"

    def write(self, vals):
        if any(fname in vals for fname in ATTACHMENT_CONTENT_FIELDS):
            self._dealer_check_line_files_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_line_file(self):
        self._dealer_check_line_files_unlocked()

    def _dealer_check_line_files_unlocked(self):
        """Refuse when one of these files belongs to a line (``dealer.workflow.line.mixin``) of a locked document.

        Superuser code passes: Odoo moves files between storages (Settings) as superuser."""
        if self.env.su:
            return
        line_class = self.pool["dealer.workflow.line.mixin"]
        for res_model, attachments in self.grouped("res_model").items():
            if res_model in self.env and isinstance(self.env[res_model], line_class):
                lines = self.env[res_model].browse(attachments.mapped("res_id")).exists()
                lines._dealer_line_documents()._dealer_check_lines_unlocked(lines)
