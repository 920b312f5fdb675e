from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# computed from the serial's retail sale and the product's warranty months, never set by hand: a longer warranty
# would let claims pass that are out of warranty
LOT_WARRANTY_FIELDS = ("dealer_warranty_start", "dealer_warranty_end")


class StockLot(models.Model):
    _inherit = "stock.lot"

    dealer_warranty_start = fields.Date(
        string="Warranty Start", compute="_compute_dealer_warranty", store=True,
        help="Retail date of the serial's confirmed sell-out: its warranty starts then.",
    )
    dealer_warranty_end = fields.Date(
        string="Warranty End", compute="_compute_dealer_warranty", store=True,
        help="Last day of warranty: the retail date plus the product's warranty months, minus one day.",
    )
    dealer_claim_count = fields.Integer(string="Warranty Claims", compute="_compute_dealer_claim_count")

    @api.depends("dealer_sellout_id.date", "product_id.product_tmpl_id.dealer_warranty_months")
    def _compute_dealer_warranty(self):
        for lot in self:
            start = lot.dealer_sellout_id.date
            months = lot.product_id.product_tmpl_id.dealer_warranty_months
            lot.dealer_warranty_start = start or False
            lot.dealer_warranty_end = start + relativedelta(months=months, days=-1) if start and months > 0 else False

    def _dealer_check_lot_fields(self, fnames):
        if any(fname in fnames for fname in LOT_WARRANTY_FIELDS) \
                and not self.env["dealer.sellout"]._dealer_is_trusted():
            raise AccessError(_(
                "The warranty of a serial runs from its retail sale for the product's warranty months; it cannot "
                "be set directly.",
            ))
        return super()._dealer_check_lot_fields(fnames)

    def _compute_dealer_claim_count(self):
        groups = self.env["repair.order"]._read_group(
            [("lot_id", "in", self.ids), ("dealer_claim", "=", True)], ["lot_id"], ["__count"])
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.dealer_claim_count = counts.get(lot.id, 0)

    def _dealer_in_warranty(self, day):
        """True when the serial is under warranty on `day` (a date)."""
        self.ensure_one()
        return bool(self.dealer_warranty_end) and self.dealer_warranty_start <= day <= self.dealer_warranty_end

    def _dealer_serial_path_services(self):
        """The serial's repairs and warranty claims, as steps of its path."""
        steps = super()._dealer_serial_path_services()
        # sudo: the path shows the serial's repairs to a Dealer User who may not read every repair
        repairs = self.env["repair.order"].sudo().search(
            [("lot_id", "=", self.id), ("state", "!=", "cancel")], order="schedule_date, id")
        for repair in repairs:
            if repair.dealer_claim:
                stage = _("Warranty claim")
                note = repair._selection_label("dealer_claim_state")
            else:
                stage = _("Repair")
                note = dict(repair._fields["state"]._description_selection(self.env)).get(repair.state, "")
            steps.append({
                "date": repair.schedule_date.date(), "stage": stage,
                "partner": (repair.dealer_id or repair.partner_id).display_name or "",
                "reference": repair.name, "note": note,
            })
        return steps

    def action_view_dealer_claims(self):
        """Open the serial's warranty claims."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_service.action_dealer_warranty_claim")
        action["domain"] = [("lot_id", "=", self.id), ("dealer_claim", "=", True)]
        return action
