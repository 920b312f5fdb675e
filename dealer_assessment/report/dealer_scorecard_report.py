from odoo import _, api, models
from odoo.exceptions import AccessError, MissingError


class DealerScorecardReport(models.AbstractModel):
    """Values of the PDF scorecard: the scorecards, once the user's right to read them is checked."""

    _name = "report.dealer_assessment.report_dealer_scorecard"
    _description = "Dealer Scorecard Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["dealer.scorecard"].browse(docids)
        try:
            # a refusal before rendering, in words, rather than an error from inside the template
            docs.check_access("read")
            if len(docs.exists()) != len(docs):
                raise MissingError(docs._name)
        except (AccessError, MissingError, ValueError):
            raise AccessError(_(
                "You cannot print these scorecards: they do not exist, belong to a company you do not work for, "
                "or your access does not include dealer assessments.",
            )) from None
        return {"doc_ids": docs.ids, "doc_model": "dealer.scorecard", "docs": docs, "data": data}
