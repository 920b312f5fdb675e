from odoo import _, api, models
from odoo.exceptions import AccessError


class DealerScorecardComputedMixin(models.AbstractModel):
    """What scorecards and their lines share: written only by the assessment's computation, locked once approved.

    Every field is the computation's (``_dealer_trusted()``): any create, write or unlink from elsewhere is
    refused. A scorecard is a line of its assessment and a KPI line a line of its scorecard
    (``dealer.workflow.line.mixin``): both lock when the assessment is approved, for the computation too.
    """

    _name = "dealer.scorecard.computed.mixin"
    _description = "Dealer Scorecard Computation"
    _inherit = ["dealer.workflow.mixin", "dealer.workflow.line.mixin"]

    def _dealer_check_protected(self, fnames):
        """Every field of a scorecard is the computation's: refuse any create or write from elsewhere."""
        if fnames and not self._dealer_is_trusted():
            raise AccessError(_(
                "Scorecards are written only by the Compute button of their assessment, not by hand.",
            ))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_computation(self):
        self._dealer_check_protected({"id"})
