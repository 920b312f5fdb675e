from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.dealer_management.models.dealer_workflow_mixin import context_defaults

# fields of a serial written only by the dealer_sellout code (deliveries, retail sales)
LOT_DEALER_FIELDS = ("dealer_id", "dealer_sellout_id")


class StockLot(models.Model):
    _inherit = "stock.lot"

    dealer_id = fields.Many2one(
        "res.partner", index="btree_not_null", readonly=True, copy=False,
        help="The dealer this serial was last delivered to (done outgoing deliveries to a dealer); empty once "
             "it is returned.",
    )
    dealer_sellout_id = fields.Many2one(
        "dealer.sellout", string="Retail Sale", index="btree_not_null", readonly=True, copy=False,
        help="The confirmed retail sale (sell-out) of this serial, if any.",
    )
    dealer_retail_date = fields.Date(
        string="Retail Date", related="dealer_sellout_id.date", store=True,
        help="Date of the retail sale to the end customer.",
    )
    dealer_path_html = fields.Html(
        string="Path", compute="_compute_dealer_path_html", sanitize=False,
        help="Factory → dealer (→ sub-dealer) → customer → services.",
    )

    def init(self):
        # serials are matched by product and exact name (sell-out imports, Odoo's uniqueness check): a btree
        # index keeps that one query per batch fast, where the trigram index on the name alone is slow
        tools.create_index(self.env.cr, "stock_lot_product_id_name_index", self._table, ["product_id", "name"])

    # ------------------------------------------------------------------ protected fields
    def _dealer_trusted_lot(self):
        """These serials, allowed to write their dealer fields (for dealer_sellout's own code only)."""
        return self.with_context(**self.env["dealer.sellout"]._dealer_trusted().env.context)

    @api.model_create_multi
    def create(self, vals_list):
        # a default_<field> context key sets the field as well
        self._dealer_check_lot_fields({fname for vals in vals_list for fname in vals} | set(context_defaults(self.env)))
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_lot_fields(vals)
        return super().write(vals)

    def _dealer_check_lot_fields(self, fnames):
        if any(fname in fnames for fname in LOT_DEALER_FIELDS) \
                and not self.env["dealer.sellout"]._dealer_is_trusted():
            raise AccessError(_(
                "The dealer and the retail sale of a serial follow its deliveries and sell-outs; they cannot be "
                "set directly.",
            ))

    # ------------------------------------------------------------------ dealer of a serial
    def _dealer_update_dealers(self):
        """Set each serial's dealer from its last done move to or from a customer location, in one query.

        Delivered to a dealer (the commercial partner of the move's or the picking's partner): that dealer;
        returned from a customer, or delivered to a non-dealer: none.
        """
        if not self:
            return
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            WITH lot AS (SELECT unnest(%(ids)s::int[]) AS id),
            last AS (
                SELECT DISTINCT ON (line.lot_id) line.lot_id,
                       CASE WHEN dest.usage = 'customer' AND dealer.is_dealer THEN dealer.id END AS dealer_id
                  FROM stock_move_line line
                  JOIN lot ON lot.id = line.lot_id
                  JOIN stock_move move ON move.id = line.move_id
                  JOIN stock_location src ON src.id = line.location_id
                  JOIN stock_location dest ON dest.id = line.location_dest_id
             LEFT JOIN stock_picking picking ON picking.id = line.picking_id
             LEFT JOIN res_partner partner ON partner.id = COALESCE(move.partner_id, picking.partner_id)
             LEFT JOIN res_partner dealer ON dealer.id = partner.commercial_partner_id
                 WHERE line.state = 'done' AND (src.usage = 'customer') <> (dest.usage = 'customer')
              ORDER BY line.lot_id, line.date DESC, line.id DESC
            )
            UPDATE stock_lot
               SET dealer_id = last.dealer_id
              FROM lot LEFT JOIN last ON last.lot_id = lot.id
             WHERE stock_lot.id = lot.id AND stock_lot.dealer_id IS DISTINCT FROM last.dealer_id
        """, ids=self.ids))
        self.invalidate_recordset(["dealer_id"])

    # ------------------------------------------------------------------ path
    def _dealer_serial_path_services(self):
        """Service steps of the serial's path (repairs, warranty claims): none here; dealer_service adds them.

        Each step is a dict: date, stage (label), partner (display name), reference, note.
        """
        self.ensure_one()
        return []

    def _dealer_serial_path(self):
        """The serial's path as steps (dicts: date, stage, partner, reference, note), oldest first."""
        self.ensure_one()
        steps = []
        # sudo: the path shows the serial's moves to a Dealer User who may not read stock documents
        lines = self.env["stock.move.line"].sudo().search(
            [("lot_id", "=", self.id), ("state", "=", "done")], order="date, id")
        for line in lines:
            src, dest = line.location_id.usage, line.location_dest_id.usage
            partner = (line.move_id.partner_id or line.picking_id.partner_id).commercial_partner_id
            reference = line.picking_id.name or line.reference or ""
            if src in ("supplier", "production", "inventory") and dest == "internal":
                steps.append({"kind": "factory", "date": line.date.date(), "stage": _("Factory"),
                              "partner": line.company_id.name, "reference": reference, "note": ""})
            elif dest == "customer":
                stage = _("Delivered to dealer") if partner.is_dealer else _("Delivered to customer")
                steps.append({"date": line.date.date(), "stage": stage, "partner": partner.display_name,
                              "reference": reference, "note": ""})
            elif src == "customer":
                steps.append({"date": line.date.date(), "stage": _("Returned"), "partner": partner.display_name,
                              "reference": reference, "note": ""})
        if not any(step.get("kind") == "factory" for step in steps):
            steps.insert(0, {"kind": "factory", "date": self.create_date.date(), "stage": _("Factory"),
                             "partner": (self.company_id or self.env.company).name, "reference": self.name,
                             "note": _("Serial registered")})
        # sudo: the retail sales of the serial, for its path only
        sellouts = self.env["dealer.sellout"].sudo().search(
            [("lot_id", "=", self.id), ("state", "=", "confirmed")], order="date, id")
        for sellout in sellouts:
            dealer = sellout.dealer_id.commercial_partner_id
            if self.dealer_id and dealer.parent_dealer_id == self.dealer_id:
                steps.append({"date": sellout.date, "stage": _("Sub-dealer"), "partner": dealer.display_name,
                              "reference": "", "note": _("from distributor %(dealer)s",
                                                         dealer=self.dealer_id.display_name)})
            note = "" if sellout.serial_status in (False, "ok") else sellout._selection_label("serial_status")
            customer = ", ".join(filter(None, [sellout.customer_name, sellout.customer_city]))
            steps.append({"date": sellout.date, "stage": _("Sold to customer"), "partner": customer,
                          "reference": sellout.name, "note": note or _("by %(dealer)s", dealer=dealer.display_name)})
        # in date order (a stable sort: a delivery and the sale of the same day stay in that order)
        return sorted(steps, key=lambda step: step["date"]) + self._dealer_serial_path_services()

    @api.depends("dealer_id", "dealer_sellout_id")
    def _compute_dealer_path_html(self):
        for lot in self:
            if not lot.id:
                lot.dealer_path_html = False
                continue
            lot.dealer_path_html = self.env["ir.qweb"]._render(
                "dealer_sellout.stock_lot_dealer_path", {"steps": lot._dealer_serial_path()})
