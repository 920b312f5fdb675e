from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..report.dealer_assessment_xlsx import XLSX_MIMETYPE


class DealerAssessmentController(http.Controller):

    @http.route("/dealer_assessment/<int:assessment_id>/xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def export_assessment_xlsx(self, assessment_id, **kwargs):
        """The XLSX workbook of an assessment, for the users who may read it; anyone else gets a 403 and why."""
        assessment = request.env["dealer.assessment"].browse(assessment_id)
        try:
            content = assessment._export_xlsx()
        except AccessError as error:
            return request.make_response(
                error.args[0], headers=[("Content-Type", "text/plain; charset=utf-8")], status=403,
            )
        return request.make_response(content, headers=[
            ("Content-Type", XLSX_MIMETYPE),
            ("Content-Disposition", content_disposition(assessment._export_xlsx_filename())),
        ])
