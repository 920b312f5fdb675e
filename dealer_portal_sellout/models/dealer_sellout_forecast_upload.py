from odoo import _, api, models
from odoo.exceptions import UserError

# lines of a forecast file: above the company's threshold of lines (5,000 by default) the forecast is recorded in the
# background, so the portal takes files larger than the other uploads' 2,000 lines (as sell-out and stock-report
# files); every line is still checked in the request first
MAX_FORECAST_FILE_ROWS = 10000


class DealerSelloutForecastUpload(models.Model):
    """A forecast file too large for one request: its filled rows are kept, and one job checks them again (the
    dealer's products and the open months as they are when it runs) and submits the forecast, all lines or none, or
    keeps nothing and lists the errors of every wrong row."""

    _name = "dealer.sellout.forecast.upload"
    _description = "Dealer Order Forecast Upload"
    _inherit = ["dealer.queue.upload"]
    _order = "id desc"

    @api.model
    def _dealer_portal_queue(self, dealer, rows):
        """Queue the checked ``rows`` of ``dealer``'s file (as ``dealer.sellout.forecast._dealer_portal_prepare``
        reads them; the rows left empty are not kept) as one upload; returns it. The portal controller calls it in a
        sudo environment, for the user's own dealer, once every row has passed the checks."""
        Forecast = self.env["dealer.sellout.forecast"]
        rows = [row for row in rows if not Forecast._dealer_portal_row_skipped(row)]
        name = _("Forecast of %(dealer)s, %(count)s lines", dealer=dealer.name, count=len(rows))
        return self._dealer_upload_queue(dealer, rows, name, "_dealer_job_forecast", _("Upload %(name)s", name=name))

    def _dealer_job_forecast(self):
        """Job: check the rows of the queued uploads again and submit each dealer's forecast, all or none; a refused
        file keeps the errors of every wrong row."""
        def forecast(uploads):
            Forecast = self.env["dealer.sellout.forecast"]
            count = 0
            for upload in uploads:
                lines, errors = Forecast._dealer_portal_prepare(upload.dealer_id, upload.line_vals)
                if errors:
                    # the reason, then one error per line: the portal page lists them (_dealer_upload_status)
                    raise UserError("\n".join([
                        self.env._("Nothing was recorded: correct the lines below and submit again."),
                        *(self.env._("Row %(row)s: %(error)s", row=item["row"], error=item["message"])
                          for item in errors),
                    ]))
                count += len(Forecast._dealer_portal_submit(upload.dealer_id, lines))
            uploads._dealer_upload_done()
            return self.env._("%(count)s forecast lines submitted.", count=count)
        return self._dealer_job_perform(forecast)
