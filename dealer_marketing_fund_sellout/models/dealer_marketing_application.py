from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.dealer_marketing_fund.models.dealer_marketing_application import (
    DealerMarketingApplication as DealerMarketingApplicationBase,
)

SELLOUT_FIELDS = (
    "sellout_date_from", "sellout_date_to", "sellout_qty", "sellout_amount", "sellout_before_qty",
    "sellout_before_amount",
)


class DealerMarketingApplication(models.Model):
    """The dealer's sell-out during the activity and during as many days before it, taken when the proof is
    submitted and kept as it was then: sell-out recorded later does not change a figure the manager verified."""

    _inherit = "dealer.marketing.application"

    # the figures are taken by the application's own code when the proof comes in, never written by a user
    _dealer_protected_fields = (*DealerMarketingApplicationBase._dealer_protected_fields, *SELLOUT_FIELDS)

    sellout_date_from = fields.Date(
        string="Sell-out From", readonly=True, copy=False,
        help="First day of the sell-out counted for the activity: the activity date.",
    )
    sellout_date_to = fields.Date(
        string="Sell-out To", readonly=True, copy=False,
        help="Last day counted: the end of the activity type's window, or the proof date if the proof came "
             "earlier.",
    )
    sellout_qty = fields.Float(
        string="Units Sold During", readonly=True, copy=False, digits="Product Unit of Measure",
        help="Confirmed retail sales of the dealer in the window, as recorded when the proof was submitted.",
    )
    sellout_amount = fields.Monetary(string="Sell-out During", currency_field="currency_id", readonly=True,
                                     copy=False)
    sellout_before_qty = fields.Float(
        string="Units Sold Before", readonly=True, copy=False, digits="Product Unit of Measure",
        help="Confirmed retail sales of the dealer in as many days just before the activity, for comparison.",
    )
    sellout_before_amount = fields.Monetary(string="Sell-out Before", currency_field="currency_id",
                                            readonly=True, copy=False)
    sellout_before_date_from = fields.Date(string="Compared From", compute="_compute_sellout_before")
    sellout_before_date_to = fields.Date(string="Compared To", compute="_compute_sellout_before")
    sellout_amount_change = fields.Float(
        string="Sell-out Change (%)", compute="_compute_sellout_before",
        help="The sell-out during the activity against the same number of days before it; empty without sales "
             "before.",
    )

    @api.depends("sellout_date_from", "sellout_date_to", "sellout_amount", "sellout_before_amount")
    def _compute_sellout_before(self):
        for application in self:
            window = application._dealer_sellout_before_window()
            application.sellout_before_date_from, application.sellout_before_date_to = window or (False, False)
            before = application.sellout_before_amount
            application.sellout_amount_change = (
                100.0 * (application.sellout_amount - before) / before
                if window and application.currency_id.compare_amounts(before, 0.0) > 0 else False
            )

    def _dealer_sellout_before_window(self):
        """The days just before the activity, as many as counted during it; None without a window."""
        self.ensure_one()
        if not (self.sellout_date_from and self.sellout_date_to):
            return None
        length = (self.sellout_date_to - self.sellout_date_from).days + 1
        return self.sellout_date_from - timedelta(days=length), self.sellout_date_from - timedelta(days=1)

    def _dealer_sellout_window(self):
        """The days counted: the activity date to the end of its type's window, not past the proof date (what
        happens after the proof is not its proof); None if the proof came before the activity."""
        self.ensure_one()
        start = self.date_planned
        end = start + timedelta(days=self.marketing_type_id.sellout_window_days - 1)
        end = min(end, self.date_proof or fields.Date.context_today(self))
        return (start, end) if end >= start else None

    def _dealer_sellout_figures(self):
        """{application id: the values of SELLOUT_FIELDS}: the dealer's confirmed sell-out in the application's
        company during the window and during as many days before it, in one grouped read."""
        windows = {application.id: application._dealer_sellout_window() for application in self}
        result = {application.id: dict.fromkeys(SELLOUT_FIELDS, 0.0) | {"sellout_date_from": False,
                                                                          "sellout_date_to": False}
                  for application in self}
        dated = [(application, windows[application.id]) for application in self if windows[application.id]]
        if not dated:
            return result
        first = min(start - (end - start) - timedelta(days=1) for _application, (start, end) in dated)
        last = max(end for _application, (_start, end) in dated)
        # sudo: sums of the dealer's confirmed retail sales, for the application's figures only (no line shown)
        groups = self.env["dealer.sellout"].sudo()._read_group(
            [("dealer_id", "in", self.partner_id.commercial_partner_id.ids), ("company_id", "in", self.company_id.ids),
             ("state", "=", "confirmed"), ("date", ">=", first), ("date", "<=", last)],
            ["dealer_id", "company_id", "date:day"], ["quantity:sum", "amount:sum"],
        )
        for application, (start, end) in dated:
            key = (application.partner_id.commercial_partner_id, application.company_id)
            before_start = start - (end - start) - timedelta(days=1)
            figures = result[application.id]
            figures.update({"sellout_date_from": start, "sellout_date_to": end})
            for dealer, company, day, quantity, amount in groups:
                day = fields.Date.to_date(day)
                if (dealer, company) != key:
                    continue
                if start <= day <= end:
                    figures["sellout_qty"] += quantity
                    figures["sellout_amount"] += amount
                elif before_start <= day < start:
                    figures["sellout_before_qty"] += quantity
                    figures["sellout_before_amount"] += amount
        return result

    def action_submit_proof(self):
        """Take the sell-out figures with the proof: from then on they stay as they were."""
        result = super().action_submit_proof()
        for application_id, figures in self._dealer_sellout_figures().items():
            self.browse(application_id)._dealer_trusted().write(figures)
        return result
