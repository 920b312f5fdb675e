from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .dealer_stock_report import ALERT_KINDS


class DealerStockReportLine(models.Model):
    """The quantity of one product (optionally one lot) held by the dealer at the report date."""

    _name = "dealer.stock.report.line"
    _description = "Dealer Channel Stock Report Line"
    _check_company_auto = True
    _inherit = ["dealer.workflow.mixin", "dealer.workflow.line.mixin"]
    # set by the stock alerts only, so that an alert is never sent twice (nor silenced by hand)
    _dealer_protected_fields = ("alert_sent",)
    _dealer_line_parent_field = "report_id"
    _order = "report_id, id"

    report_id = fields.Many2one("dealer.stock.report", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="report_id.partner_id", store=True, index=True, string="Dealer")
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    date = fields.Date(related="report_id.date", store=True)
    state = fields.Selection(related="report_id.state", string="Status")
    product_id = fields.Many2one(
        "product.product", required=True, index=True, domain=[("type", "=", "consu")], check_company=True,
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    quantity = fields.Float(string="Quantity on Hand", digits="Product Unit of Measure", required=True, default=0.0)
    lot_name = fields.Char(string="Lot/Serial Number")
    note = fields.Char()
    alert_sent = fields.Selection(ALERT_KINDS, readonly=True, copy=False)
    delivered_qty = fields.Float(string="Delivered", compute="_compute_figures", digits="Product Unit of Measure")
    sell_through_qty = fields.Float(string="Sold Through", compute="_compute_figures", digits="Product Unit of Measure")
    sell_through_percent = fields.Float(string="Sell-through (%)", compute="_compute_figures", digits=(16, 1))
    delivered_90d = fields.Float(string="Delivered (90 days)", compute="_compute_figures",
                                 digits="Product Unit of Measure")
    days_of_cover = fields.Float(string="Days of Cover", compute="_compute_figures", digits=(16, 1))
    alert = fields.Selection(ALERT_KINDS + [("ok", "OK")], compute="_compute_figures")

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity < 0:
                raise ValidationError(_(
                    "The quantity of %(product)s cannot be negative (%(quantity)s): enter what the dealer holds, "
                    "0 when it holds none.", product=line.product_id.display_name, quantity=line.quantity,
                ))

    @api.depends("report_id.date", "product_id", "quantity")
    def _compute_figures(self):
        """Per product of the report (all its lines together): delivered, sold through, cover and alert."""
        Analysis = self.env["dealer.stock.analysis"]
        reports = self.report_id.filtered("id")
        figures = Analysis._figures_for_reports(reports) if reports else {}
        high, low = Analysis._cover_thresholds()
        for line in self:
            row = figures.get((line.report_id.id, line.product_id.id)) or {}
            line.delivered_qty = row.get("delivered_qty") or 0.0
            line.sell_through_qty = row.get("sell_through_qty") or 0.0
            line.sell_through_percent = row.get("sell_through_percent") or 0.0
            line.delivered_90d = row.get("delivered_90d") or 0.0
            line.days_of_cover = row.get("days_of_cover") or 0.0
            line.alert = Analysis._alert_kind(row.get("days_of_cover"), high, low) if row else "ok"
