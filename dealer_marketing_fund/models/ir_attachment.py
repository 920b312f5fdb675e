from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _dealer_check_line_files_unlocked(self):
        """The files of a submitted marketing support application lock with it, as a locked line's files do."""
        super()._dealer_check_line_files_unlocked()
        if self.env.su:
            return
        files = self.filtered(lambda file: file.res_model == "dealer.marketing.application")
        applications = self.env["dealer.marketing.application"].browse(files.mapped("res_id")).exists()
        applications._dealer_check_lines_unlocked(self.browse())
