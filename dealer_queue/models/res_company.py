from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_queue_line_threshold = fields.Integer(
        string="Background Work above (lines)", default=5000,
        help="A file upload, an assessment or an export of more lines than this runs in the background "
             "(0: always at once).",
    )
    dealer_queue_document_threshold = fields.Integer(
        string="Background Settlement above (documents)", default=20,
        help="Settling or mailing more documents (rebates, claims, monthly summaries) than this in one go runs in "
             "the background, in parts of this size (0: always at once).",
    )

    def _dealer_queue_runs_now(self, size, kind="lines"):
        """True when work of ``size`` runs at once: at or under this company's threshold for ``kind`` ("lines":
        rows of a file, scorecard lines; "documents": documents settled or mailed in one go); 0 is no limit."""
        self.ensure_one()
        threshold = self.dealer_queue_document_threshold if kind == "documents" else self.dealer_queue_line_threshold
        return not threshold or size <= threshold

    def _dealer_queue_file_note(self, max_rows):
        """What a portal upload form says about the size of a file (at most ``max_rows`` lines) and the background
        recording of one above this company's threshold of lines (the form links its uploads' status after it)."""
        self.ensure_one()
        threshold = self.dealer_queue_line_threshold
        if not threshold or threshold >= max_rows:
            return self.env._("At most %(max)s lines per file.", max=max_rows)
        return self.env._(
            "At most %(max)s lines per file; a file of more than %(threshold)s lines is recorded in the background "
            "and its status is shown under:", max=max_rows, threshold=threshold,
        )
