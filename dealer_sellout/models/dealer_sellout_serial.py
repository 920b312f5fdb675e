from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# protected fields a batch may not carry: the batch method sets the source itself
BATCH_FORBIDDEN = ("state", "serial_status")


class DealerSellout(models.Model):
    """Serial matching (set-based: one query per batch), serial checks at confirmation, checked batches."""

    _inherit = "dealer.sellout"

    # ------------------------------------------------------------------ serial matching
    @api.model
    def _dealer_lots_by_name(self, pairs, company_ids):
        """{(product id, serial name): lot id} of the given pairs, in one query."""
        names = list({name for _product, name in pairs})
        product_ids = list({product for product, _name in pairs})
        if not names:
            return {}
        # sudo: serials are matched by name only; the sell-out's own company check applies to the result
        lots = self.env["stock.lot"].sudo().search_fetch(
            [("name", "in", names), ("product_id", "in", product_ids), ("company_id", "in", [False, *company_ids])],
            ["name", "product_id"],
        )
        return {(lot.product_id.id, lot.name): lot.id for lot in lots}

    @api.model
    def _dealer_match_serials(self, vals_list):
        """Fill ``lot_id`` in place from ``lot_name`` and ``product_id`` where it is not given."""
        todo = [
            vals for vals in vals_list
            if vals.get("lot_name") and not vals.get("lot_id") and vals.get("product_id")
        ]
        if not todo:
            return
        for vals in todo:
            vals["lot_name"] = vals["lot_name"].strip()
        company_ids = {vals.get("company_id") or self.env.company.id for vals in todo}
        lots = self._dealer_lots_by_name({(vals["product_id"], vals["lot_name"]) for vals in todo}, company_ids)
        for vals in todo:
            lot_id = lots.get((vals["product_id"], vals["lot_name"]))
            if lot_id:
                vals["lot_id"] = lot_id

    def _dealer_rematch_serials(self):
        """Match again the serial of records whose entered serial or product changed."""
        todo = self.filtered(lambda s: s.lot_name and s.lot_id.name != s.lot_name.strip() or s.lot_id.product_id
                             and s.lot_id.product_id != s.product_id)
        if not todo:
            return
        lots = self._dealer_lots_by_name(
            {(s.product_id.id, s.lot_name.strip()) for s in todo if s.lot_name}, todo.company_id.ids)
        for sellout in todo:
            lot_id = lots.get((sellout.product_id.id, (sellout.lot_name or "").strip()), False)
            sellout.write({"lot_id": lot_id})

    # ------------------------------------------------------------------ checks at confirmation
    def _dealer_serial_statuses(self):
        """{sell-out id: serial status} of the records with a serialised product or an entered serial.

        unknown: the serial entered matches no serial of the product; sold_twice: the serial has another
        confirmed retail sale (or appears twice among these records); other_dealer: the serial was last
        delivered to another dealer; not_delivered: it is not at any dealer; ok: it was last delivered to this
        dealer, or to the distributor of this sub-dealer.
        """
        checked = self.filtered(lambda s: s.lot_id or s.lot_name or s.product_id.tracking == "serial")
        if not checked:
            return {}
        lots = checked.lot_id
        others = self.search_fetch([
            ("lot_id", "in", lots.ids), ("state", "=", "confirmed"), ("id", "not in", self.ids),
        ], ["lot_id"]) if lots else self.browse()
        sold = set(others.lot_id.ids)
        seen = set()
        statuses = {}
        for sellout in checked.sorted(lambda s: (s.date, s.id)):
            lot = sellout.lot_id
            dealer = sellout.dealer_id.commercial_partner_id
            if not lot:
                statuses[sellout.id] = "unknown"
            elif lot.id in sold or lot.id in seen:
                statuses[sellout.id] = "sold_twice"
            elif lot.dealer_id and lot.dealer_id in (dealer | dealer.parent_dealer_id):
                statuses[sellout.id] = "ok"
            elif lot.dealer_id:
                statuses[sellout.id] = "other_dealer"
            else:
                statuses[sellout.id] = "not_delivered"
            seen.add(lot.id)
        return statuses

    def _dealer_link_lots(self):
        """Record each confirmed sale on its serial (the first sale of a serial stays its retail sale)."""
        linked = self.filtered(lambda s: s.lot_id and s.state == "confirmed" and s.serial_status != "sold_twice")
        for sellout in linked:
            # sudo: the serial's retail link is written by the confirmation, after its checks
            sellout.lot_id.sudo()._dealer_trusted_lot().write({"dealer_sellout_id": sellout.id})

    def _dealer_unlink_lots(self):
        """Free the serials of cancelled sales."""
        # sudo: the serial's retail link is cleared by the cancellation itself
        lots = self.env["stock.lot"].sudo().search([("dealer_sellout_id", "in", self.ids)])
        lots._dealer_trusted_lot().write({"dealer_sellout_id": False})

    # ------------------------------------------------------------------ checked batch (import, portal)
    @api.model
    def _dealer_sellout_create_checked(self, vals_list, source="import", row_offset=0):
        """Create all the lines of ``vals_list`` or none: every row is checked first, and a UserError lists
        the errors of every wrong row (numbered from 1 + ``row_offset``)."""
        fnames = {fname for vals in vals_list for fname in vals}
        fnames |= {key[8:] for key in self.env.context if key.startswith("default_")}
        if fnames & set(BATCH_FORBIDDEN):
            raise AccessError(_("A batch of retail sales is recorded in draft: it cannot set their status."))
        # the batch is created trusted (to set its source): no other default reaches it
        self = self.with_env(self.env(context={key: value for key, value in self.env.context.items()
                                               if not key.startswith("default_")}))
        vals_list = [dict(vals) for vals in vals_list]
        self._dealer_match_serials(vals_list)
        Partner, Product, Lot = self.env["res.partner"], self.env["product.product"], self.env["stock.lot"]
        dealer_ids = [vals.get("dealer_id") for vals in vals_list if vals.get("dealer_id")]
        product_ids = [vals.get("product_id") for vals in vals_list if vals.get("product_id")]
        lot_ids = [vals.get("lot_id") for vals in vals_list if vals.get("lot_id")]
        serial_rows = {}
        errors = []
        for index, vals in enumerate(vals_list, 1 + row_offset):
            dealer = Partner.browse(vals.get("dealer_id")).with_prefetch(dealer_ids)
            product = Product.browse(vals.get("product_id")).with_prefetch(product_ids)
            lot = Lot.browse(vals.get("lot_id")).with_prefetch(lot_ids)
            row_errors = self._dealer_sellout_line_errors(
                dealer, product, lot, vals.get("lot_name"), vals.get("quantity", 1.0) or 0.0,
                vals.get("price_unit") or 0.0,
            )
            serial = (vals.get("product_id"), vals.get("lot_id") or vals.get("lot_name"))
            if serial[1]:
                if serial in serial_rows:
                    row_errors.append(_(
                        "Serial %(serial)s is already sold on row %(row)s of this batch.",
                        serial=lot.name or vals.get("lot_name"), row=serial_rows[serial],
                    ))
                serial_rows.setdefault(serial, index)
            for error in row_errors:
                errors.append(_("Row %(row)s: %(error)s", row=index, error=error))
        if errors:
            raise UserError(_(
                "Nothing was recorded: correct these rows and submit the whole batch again.\n%(errors)s",
                errors="\n".join(errors),
            ))
        # a batch is logged once by its caller, not by one chatter message per line
        batch = self._dealer_trusted().with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
        return batch.create([{**vals, "source": source} for vals in vals_list])
