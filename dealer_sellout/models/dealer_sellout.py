from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

SELLOUT_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("cancelled", "Cancelled"),
]
SELLOUT_SOURCES = [
    ("backoffice", "Back office"),
    ("import", "Import"),
    ("portal", "Portal"),
]
SERIAL_STATUSES = [
    ("ok", "OK"),
    ("unknown", "Unknown serial"),
    ("not_delivered", "Never delivered to this dealer"),
    ("sold_twice", "Sold twice"),
    ("other_dealer", "Goods of another dealer"),
]
# serial statuses of a confirmed sale judged again by a re-matching (a later delivery may make them right)
RECHECKED_STATUSES = ("unknown", "not_delivered", "other_dealer")
# a private object no RPC call can carry: the lines created by ``_dealer_sellout_create_checked`` were checked by
# it, row by row, with the same rules as the constraint; the constraint does not check them a second time
_CHECKED_BATCH = object()
# protected fields a batch may not carry: the batch method sets the source itself
BATCH_FORBIDDEN = ("state", "serial_status")


class DealerSellout(models.Model):
    """One retail sale (分销) of a dealer to an end customer, with the serial/VIN of serialised products.

    The rules of a line (serial, quantity, price, dealer) live in ``_dealer_sellout_line_errors`` and run both
    as a constraint (back office, ``load()``: one message per row) and before a batch is created
    (``_dealer_sellout_create_checked``: all rows checked, nothing created when one is wrong).
    """

    _name = "dealer.sellout"
    _description = "Dealer Sell-out"
    _check_company_auto = True
    _inherit = ["mail.thread", "dealer.workflow.mixin"]
    _order = "date desc, id desc"

    # the state, the serial check result and the entry channel change only through the model's own code
    _dealer_protected_fields = ("state", "serial_status", "source", "upload_id")

    name = fields.Char(default="/", copy=False, readonly=True, required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    dealer_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    date = fields.Date(
        string="Retail Date", required=True, default=fields.Date.context_today, tracking=True, index=True,
    )
    product_id = fields.Many2one("product.product", required=True, index=True, check_company=True)
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    price_unit = fields.Monetary(
        string="Net Retail Price", currency_field="currency_id", help="Unit price paid by the end customer, net.",
    )
    # computed for all the lines at once (a related field is resolved again for each line a batch inserts)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    customer_name = fields.Char(string="Customer")
    customer_phone = fields.Char()
    customer_state_id = fields.Many2one("res.country.state", string="Customer Province")
    customer_city = fields.Char()
    customer_street = fields.Char(string="Customer Address")
    lot_name = fields.Char(
        string="Serial/VIN Entered", index="btree_not_null",
        help="The serial number or VIN as reported by the dealer; matched to the company's serials on save.",
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Serial/VIN", index="btree_not_null", check_company=True,
        domain="[('product_id', '=', product_id)]",
        help="Required for products tracked by serial number; the quantity is then 1.",
    )
    source = fields.Selection(SELLOUT_SOURCES, default="backoffice", required=True, readonly=True)
    state = fields.Selection(
        SELLOUT_STATES, string="Status", default="draft", required=True, readonly=True, copy=False,
        tracking=True, index=True,
    )
    serial_status = fields.Selection(
        SERIAL_STATUSES, readonly=True, copy=False, index="btree_not_null", tracking=True,
        help="Result of the serial check at confirmation.",
    )
    upload_id = fields.Many2one(
        "dealer.sellout.upload", readonly=True, index="btree_not_null", ondelete="restrict",
        help="The batch recorded in the background this retail sale came with.",
    )
    violation_ids = fields.One2many("dealer.violation", "dealer_sellout_id", string="Violations")
    violation_count = fields.Integer(compute="_compute_violation_count")

    @api.depends("company_id.currency_id")
    def _compute_currency_id(self):
        for sellout in self:
            sellout.currency_id = sellout.company_id.currency_id

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for sellout in self:
            sellout.amount = sellout.quantity * sellout.price_unit

    @api.depends("violation_ids")
    def _compute_violation_count(self):
        for sellout in self:
            sellout.violation_count = len(sellout.violation_ids)

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        if self.lot_id:
            self.lot_name = self.lot_id.name

    # ------------------------------------------------------------------ create / write
    @api.model_create_multi
    def create(self, vals_list):
        # an import through Odoo's importer is recorded as such (the importer's context marks it)
        source = "import" if self.env.context.get("import_file") else None
        self._dealer_match_serials(vals_list)
        self._dealer_round_prices(vals_list)
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._dealer_next_names(len(unnamed)), strict=True):
            vals["name"] = name
        records = super().create(vals_list)
        if source:
            records._dealer_trusted().write({"source": source})
        return records

    def _check_company(self, fnames=None):
        """Odoo's check of the companies of the serial, product and dealer, for all the lines of a company at once:
        an import creates thousands of lines of a few dealers and products, which Odoo checks line by line and field
        by field. When a value is another company's, Odoo's own check finds it and words the error."""
        if len(self) < 2:
            return super()._check_company(fnames)
        names = self._fields if fnames is None or "company_id" in fnames else fnames
        checked = [name for name in names if self._fields[name].relational and self._fields[name].check_company]
        if any(self._fields[name].company_dependent for name in checked):
            return super()._check_company(fnames)
        for company, records in self.sudo().grouped("company_id").items():
            for name in checked:
                corecords = records.mapped(name)
                domain = corecords._check_company_domain(company) if corecords else None
                if domain and corecords != corecords.with_context(active_test=False).filtered_domain(domain):
                    return super(DealerSellout, records.sudo(self.env.su))._check_company(fnames)
        return None

    @api.model
    def _dealer_round_prices(self, vals_list):
        """Round the prices in place to the currency of their company, as a Monetary field stores them: the
        currency is not known to the insert (it is computed), so the values are rounded before."""
        default_company = self.env.context.get("default_company_id") or self.env.company.id
        companies = self.env["res.company"].browse(
            {vals.get("company_id") or default_company for vals in vals_list if vals.get("price_unit")})
        currencies = {company.id: company.currency_id for company in companies}
        for vals in vals_list:
            if vals.get("price_unit"):
                vals["price_unit"] = currencies[vals.get("company_id") or default_company].round(vals["price_unit"])

    @api.model
    def _dealer_next_names(self, count):
        """``count`` numbers of the sell-out sequence, drawn in one query for a standard sequence (an import
        of thousands of lines would otherwise spend two queries per line on its numbers)."""
        if not count:
            return []
        Sequence = self.env["ir.sequence"]
        sequence = Sequence.search([("code", "=", "dealer.sellout"), ("company_id", "in", [self.env.company.id,
                                   False])], order="company_id", limit=1)
        if count == 1 or not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            return [Sequence.next_by_code("dealer.sellout") or "/" for _index in range(count)]
        # the PostgreSQL sequence behind a standard ir.sequence, as ir.sequence._next_do() reads it
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)",
                                f"ir_sequence_{sequence.id:03d}", count))
        # the prefix and suffix of the moment, interpolated once for the batch (get_next_char() does it per number)
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in self.env.cr.fetchall()]

    def write(self, vals):
        if not (self._is_dealer_manager() or self._dealer_is_trusted()):
            for sellout in self.filtered(lambda s: s.state != "draft"):
                raise AccessError(_(
                    "Sell-out %(name)s is %(state)s: only a Dealer Manager may change it.",
                    name=sellout.name, state=sellout._state_label(),
                ))
        result = super().write(vals)
        if ("lot_name" in vals or "product_id" in vals) and "lot_id" not in vals:
            self._dealer_rematch_serials()
        return result

    # ------------------------------------------------------------------ rules of a line
    @api.model
    def _dealer_sellout_line_errors(self, dealer, product, lot, lot_name, quantity, price_unit, new=True):
        """Messages (whole sentences) of what is wrong with one sell-out line; empty when it is right.

        The dealer must be active for a ``new`` line only: a confirmed sale stays correctable after its dealer
        was suspended."""
        errors = []
        if not dealer:
            errors.append(_("The dealer is missing."))
        elif not dealer.is_dealer:
            errors.append(_("%(partner)s is not a dealer.", partner=dealer.display_name))
        elif new and dealer.dealer_state != "active":
            errors.append(_(
                "Dealer %(dealer)s is %(state)s: only an active dealer's retail sales are recorded.",
                dealer=dealer.display_name, state=dealer._selection_label("dealer_state"),
            ))
        if not product:
            errors.append(_("The product is missing."))
        if quantity <= 0:
            errors.append(_("The quantity must be positive."))
        if price_unit <= 0:
            errors.append(_("The net retail price must be positive."))
        if product and product.tracking == "serial":
            if not (lot or lot_name):
                errors.append(_(
                    "Product %(product)s is tracked by serial number: enter the serial/VIN of the unit sold.",
                    product=product.display_name,
                ))
            if quantity != 1:
                errors.append(_(
                    "Product %(product)s is tracked by serial number: one line per serial, with quantity 1.",
                    product=product.display_name,
                ))
        if lot and product and lot.product_id != product:
            errors.append(_(
                "Serial %(serial)s belongs to %(lot_product)s, not to %(product)s.",
                serial=lot.name, lot_product=lot.product_id.display_name, product=product.display_name,
            ))
        return errors

    @api.constrains("dealer_id", "product_id", "lot_id", "lot_name", "quantity", "price_unit")
    def _check_sellout_line(self):
        if self.env.context.get("dealer_sellout_checked") is _CHECKED_BATCH:
            return
        for sellout in self.filtered(lambda s: s.state != "cancelled"):
            errors = self._dealer_sellout_line_errors(
                sellout.dealer_id, sellout.product_id, sellout.lot_id, sellout.lot_name, sellout.quantity,
                sellout.price_unit, new=sellout.state == "draft",
            )
            if errors:
                raise ValidationError("\n".join(errors))

    # ------------------------------------------------------------------ state machine
    def action_confirm(self):
        """Draft → confirmed: the serial is matched and checked, and the detections propose violations."""
        self._check_dealer_manager(_("Only a Dealer Manager may confirm a retail sale."))
        self._check_state(("draft",), _("Sell-out %(name)s cannot be confirmed: it is %(state)s, not draft."))
        for sellout in self:
            if sellout.dealer_id.dealer_state != "active":
                raise ValidationError(_(
                    "Sell-out %(name)s cannot be confirmed: dealer %(dealer)s is %(state)s.",
                    name=sellout.name, dealer=sellout.dealer_id.display_name,
                    state=sellout.dealer_id._selection_label("dealer_state"),
                ))
        trusted = self._dealer_trusted()
        statuses = trusted._dealer_serial_statuses()
        for status in set(statuses.values()):
            trusted.filtered(lambda s, st=status: statuses.get(s.id) == st).write(
                {"state": "confirmed", "serial_status": status})
        trusted.filtered(lambda s: s.id not in statuses).write({"state": "confirmed", "serial_status": False})
        trusted._dealer_link_lots()
        trusted._dealer_detect_violations()
        return True

    def action_cancel(self):
        """Draft/confirmed → cancelled; the serial is free to be sold again."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a retail sale."))
        self._check_state(("draft", "confirmed"), _("Sell-out %(name)s cannot be cancelled: it is %(state)s."))
        self._dealer_trusted().write({"state": "cancelled"})
        self._dealer_unlink_lots()
        return True

    def action_draft(self):
        """Cancelled → draft."""
        self._check_dealer_manager(_("Only a Dealer Manager may reset a retail sale to draft."))
        self._check_state(("cancelled",), _("Sell-out %(name)s cannot be reset to draft: it is %(state)s."))
        self._dealer_trusted().write({"state": "draft", "serial_status": False})
        return True

    def action_view_violations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Violations"),
            "res_model": "dealer.violation",
            "view_mode": "list,form",
            "domain": [("dealer_sellout_id", "=", self.id)],
        }

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

    # ------------------------------------------------------------------ re-matching later (bulk)
    @api.model
    def _dealer_rematch_domain(self):
        """Lines whose serial may be matched or judged differently now: a serial entered but unknown when the line
        was recorded, or a confirmed sale whose serial was not this dealer's (a later delivery or return may have
        changed that)."""
        return [("state", "!=", "cancelled"), "|", "&", ("lot_name", "!=", False), ("lot_id", "=", False),
                "&", ("state", "=", "confirmed"), ("serial_status", "in", RECHECKED_STATUSES)]

    def action_dealer_rematch_serials(self):
        """Re-match serials (Dealer Managers): these lines, or every line still to re-match; at once, or as one
        background job above the company's threshold of lines."""
        self._check_dealer_manager(_("Only a Dealer Manager may re-match the serials of retail sales."))
        return self.env["dealer.sellout.rematch"]._dealer_rematch_start(self)

    def _dealer_serial_rematch(self):
        """Match the serial of these lines where it is still unmatched, in one query, and judge again the serial of
        the confirmed ones; returns ``(lines matched, confirmed lines whose serial status changed)``.

        Applies once: a line matched meanwhile is left as it is, a second run changes nothing more.
        """
        lines = self.exists().filtered_domain(self._dealer_rematch_domain())
        if not lines:
            return self.browse(), self.browse()
        self.env.flush_all()
        # the exact serial of the line's product, in the line's company (or a serial of no company)
        self.env.cr.execute(SQL("""
            UPDATE dealer_sellout line
               SET lot_id = lot.id, write_uid = %(uid)s, write_date = now() AT TIME ZONE 'UTC'
              FROM stock_lot lot
             WHERE line.id = ANY(%(ids)s) AND line.lot_id IS NULL AND line.lot_name IS NOT NULL
               AND lot.product_id = line.product_id AND lot.name = btrim(line.lot_name)
               AND (lot.company_id IS NULL OR lot.company_id = line.company_id)
         RETURNING line.id
        """, uid=self.env.uid, ids=lines.ids))
        matched = self.browse(row[0] for row in self.env.cr.fetchall())
        lines.invalidate_recordset(["lot_id", "write_uid", "write_date"])
        confirmed = lines.filtered(lambda s: s.state == "confirmed")
        statuses = confirmed._dealer_serial_statuses()
        changed = confirmed.filtered(lambda s: statuses.get(s.id, False) != s.serial_status)
        trusted = changed._dealer_trusted()
        for status in {statuses.get(s.id, False) for s in changed}:
            trusted.filtered(lambda s, st=status: statuses.get(s.id, False) == st).write({"serial_status": status})
        trusted._dealer_link_lots()
        trusted._dealer_detect_violations(("other_dealer_goods",))
        return matched, changed

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
    def _dealer_sellout_check_batch_fields(self, vals_list):
        """Refuse a batch (or a ``default_*`` key) that sets the status of its retail sales."""
        fnames = {fname for vals in vals_list for fname in vals}
        fnames |= {key[8:] for key in self.env.context if key.startswith("default_")}
        if fnames & set(BATCH_FORBIDDEN):
            raise AccessError(_("A batch of retail sales is recorded in draft: it cannot set their status."))

    @api.model
    def _dealer_sellout_create_checked(self, vals_list, source="import", row_offset=0):
        """Create all the lines of ``vals_list`` or none: every row is checked first, and a UserError lists
        the errors of every wrong row (numbered from 1 + ``row_offset``). The checked rows are written by one
        set-based insert (``_dealer_sellout_insert``)."""
        batch, rows = self._dealer_sellout_checked_rows(vals_list, source, row_offset)
        fields_given = {self._fields.get(fname) for vals in rows for fname in vals}
        if not all(field and field.store and field.column_type for field in fields_given):
            # a value the insert does not write (an unknown or a non-column field): the ORM creates, or refuses, it
            return batch._dealer_sellout_create_rows(rows)
        return batch._dealer_sellout_insert(rows).with_env(batch.env)

    @api.model
    def _dealer_sellout_create_orm(self, vals_list, source="import", row_offset=0):
        """``_dealer_sellout_create_checked`` through the ORM's ``create``: the reference the set-based insert is
        compared with (tests/test_sellout_insert.py, bench/bench_sellout_import.py); not used by the features."""
        batch, rows = self._dealer_sellout_checked_rows(vals_list, source, row_offset)
        return batch._dealer_sellout_create_rows(rows)

    def _dealer_sellout_create_rows(self, rows):
        """The ORM's ``create`` of checked rows: no chatter work per line (followers, tracking) and no second check
        of the rows checked."""
        records = self.with_context(tracking_disable=True, dealer_sellout_checked=_CHECKED_BATCH).create(rows)
        return records.with_env(self.env)

    @api.model
    def _dealer_sellout_checked_rows(self, vals_list, source, row_offset):
        """``(model to create with, values of every row with the defaults and the source)`` of a batch whose every
        row is right; else a UserError lists the errors of every wrong row (numbered from 1 + ``row_offset``)."""
        self._dealer_sellout_check_batch_fields(vals_list)
        # the batch is created trusted (to set its source): no other default reaches it
        self = self.with_env(self.env(context={key: value for key, value in self.env.context.items()
                                               if not key.startswith("default_")}))
        vals_list = [dict(vals) for vals in vals_list]
        # a serial the row names itself is checked against its product; one matched by name is the product's
        given_lots = {index for index, vals in enumerate(vals_list) if vals.get("lot_id")}
        self._dealer_match_serials(vals_list)
        Partner, Product, Lot = self.env["res.partner"], self.env["product.product"], self.env["stock.lot"]
        dealer_ids = [vals.get("dealer_id") for vals in vals_list if vals.get("dealer_id")]
        product_ids = [vals.get("product_id") for vals in vals_list if vals.get("product_id")]
        lot_ids = [vals.get("lot_id") for vals in vals_list if vals.get("lot_id")]
        # the rules of a line without a serial of its own to check depend on these values only: checked once each
        checked = {}
        serial_rows = {}
        errors = []
        for index, vals in enumerate(vals_list):
            quantity, price_unit = vals.get("quantity", 1.0) or 0.0, vals.get("price_unit") or 0.0
            key = (vals.get("dealer_id"), vals.get("product_id"), bool(vals.get("lot_id") or vals.get("lot_name")),
                   quantity, price_unit)
            if index in given_lots or key not in checked:
                row_errors = self._dealer_sellout_line_errors(
                    Partner.browse(key[0]).with_prefetch(dealer_ids), Product.browse(key[1]).with_prefetch(product_ids),
                    Lot.browse(vals.get("lot_id")).with_prefetch(lot_ids), vals.get("lot_name"), quantity, price_unit,
                )
                if index not in given_lots:
                    checked[key] = row_errors
            row_errors = list(checked.get(key, ())) if index not in given_lots else row_errors
            serial = (vals.get("product_id"), vals.get("lot_id") or vals.get("lot_name"))
            if serial[1]:
                if serial in serial_rows:
                    row_errors.append(_(
                        "Serial %(serial)s is already sold on row %(row)s of this batch.",
                        serial=Lot.browse(vals.get("lot_id")).name or vals.get("lot_name"), row=serial_rows[serial],
                    ))
                serial_rows.setdefault(serial, index + 1 + row_offset)
            for error in row_errors:
                errors.append(_("Row %(row)s: %(error)s", row=index + 1 + row_offset, error=error))
        if errors:
            raise UserError(_(
                "Nothing was recorded: correct these rows and submit the whole batch again.\n%(errors)s",
                errors="\n".join(errors),
            ))
        # a batch is logged once by its caller, not by one chatter message per line
        batch = self._dealer_trusted().with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
        # the defaults of the fields the rows leave out, computed once for the batch (the ORM does it row by row)
        missing = [fname for fname in self._fields if any(fname not in vals for vals in vals_list)]
        defaults = batch.default_get(missing) if missing else {}
        return batch, [{**defaults, **vals, "source": source} for vals in vals_list]

    @api.model
    def _dealer_sellout_insert(self, vals_list):
        """Create the checked lines of ``vals_list`` (complete: defaults and source included) with one
        ``INSERT … SELECT … FROM unnest(…)``: what ``create`` stores, without its work per line (the ORM converts,
        caches and computes every value of every line). Each distinct value of a field is converted once, as the
        ORM converts it; the amount is computed as ``_compute_amount`` and rounded to the company's currency; the
        numbers, the company check, the access check, the recomputations of other models and the other
        constraints are those of ``create``. tests/test_sellout_insert.py compares it with ``create``."""
        self.check_access("create")
        self._dealer_check_protected({fname for vals in vals_list for fname in vals})
        self._dealer_round_prices(vals_list)
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._dealer_next_names(len(unnamed)), strict=True):
            vals["name"] = name
        given = {fname for vals in vals_list for fname in vals}
        amount_field = self._fields["amount"]
        columns = [
            field for name, field in self._fields.items()
            if field.store and field.column_type and name != "id" and name not in models.LOG_ACCESS_COLUMNS
            and (name in given or not field.compute or field is amount_field)
        ]
        empty = self.browse()
        converted = {}

        def convert(field, value):
            """The column value of ``value``, converted once per distinct value (as the ORM's ``_create``)."""
            key = (field.name, value)
            if key not in converted:
                converted[key] = None if value is None else field.convert_to_column_insert(value, empty)
            return converted[key]

        quantity_field = self._fields["quantity"]
        default_company = self.env.company.id
        currencies = {}
        amounts = []
        for vals in vals_list:
            company_id = vals.get("company_id") or default_company
            if company_id not in currencies:
                currencies[company_id] = self.env["res.company"].browse(company_id).currency_id
            # the amount as _compute_amount gives it: the quantity as the cache holds it, rounded to the currency
            quantity = quantity_field.convert_to_cache(vals.get("quantity") or 0.0, empty)
            amounts.append(currencies[company_id].round(quantity * (vals.get("price_unit") or 0.0)))
        arrays = []
        for field in columns:
            if field is amount_field and "amount" not in given:
                values = [convert(field, amount) for amount in amounts]
            else:
                values = [convert(field, vals.get(field.name)) for vals in vals_list]
            arrays.append(SQL("%s::%s[]", values, SQL(field.column_type[1])))
        names = SQL(", ").join(SQL.identifier(field.name) for field in columns)
        row_names = SQL(", ").join(SQL.identifier("row", field.name) for field in columns)
        self.env.cr.execute(SQL(
            """INSERT INTO %(table)s (%(names)s, create_uid, create_date, write_uid, write_date)
               SELECT %(row_names)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                 FROM unnest(%(arrays)s) AS row(%(names)s)
            RETURNING id""",
            table=SQL.identifier(self._table), names=names, row_names=row_names, uid=self.env.uid,
            now=self.env.cr.now(), arrays=SQL(", ").join(arrays),
        ))
        records = self.browse(row[0] for row in self.env.cr.fetchall())
        # the one2many fields in cache of the records these lines point to (an upload's lines …), as create updates them
        for field in columns:
            if field.type == "many2one" and self.pool.field_inverses[field]:
                by_value = {}
                for record_id, vals in zip(records.ids, vals_list, strict=True):
                    by_value.setdefault(field.convert_to_cache(vals.get(field.name), empty), []).append(record_id)
                for value, record_ids in by_value.items():
                    field._update_inverses(self.browse(record_ids), value)
        # the stored computed fields left out (none but the amount today) are computed by the ORM, for the batch
        for field in self._fields.values():
            if field.store and field.compute and field.name not in given and field is not amount_field:
                self.env.add_to_compute(field, records)
        # what depends on these lines (in this model and others) is recomputed, the values inserted are kept
        inserted = [amount_field] + [self._fields[fname] for fname in given]
        with self.env.protecting(inserted, records):
            records.modified([field.name for field in columns], create=True)
        # the other constraints (the rules of a line were checked row by row), as create checks them
        records.with_context(dealer_sellout_checked=_CHECKED_BATCH)._validate_fields(
            [field.name for field in columns])
        records._check_company()
        records.check_access("create")
        return records

    # ------------------------------------------------------------------ detections at confirmation
    # each creates a draft dealer.violation for a Dealer Manager to confirm
    def _dealer_customer_territories(self):
        """{sell-out id: the most specific territory of its customer's address} (one lookup per address)."""
        Territory = self.env["dealer.territory"]
        by_address = {}
        result = {}
        for sellout in self.filtered("customer_state_id"):
            key = (sellout.customer_state_id.id, (sellout.customer_city or "").strip())
            if key not in by_address:
                address = self.env["res.partner"].new({"state_id": key[0], "city": key[1]})
                by_address[key] = Territory._find_for_address(address)
            result[sellout.id] = by_address[key]
        return result

    def _dealer_detect_cross_territory(self):
        """Sell-outs to a customer outside every territory of the dealer (窜货); dealers without territories
        and customers without a province are not judged."""
        territories = self._dealer_customer_territories()
        found = self.browse()
        for sellout in self.filtered(lambda s: s.id in territories and s.dealer_id.dealer_territory_ids):
            customer_territory = territories[sellout.id]
            dealer_territories = sellout.dealer_id.commercial_partner_id.dealer_territory_ids
            if not customer_territory or not any(t._contains(customer_territory) for t in dealer_territories):
                found |= sellout
        return found

    def _dealer_detect_below_price(self):
        """Sell-outs below the product's minimum retail price (乱价)."""
        return self.filtered(lambda s: s.product_id.dealer_min_retail_price
                             and s.currency_id.compare_amounts(
                                 s.price_unit, s.product_id.dealer_min_retail_price) < 0)

    def _dealer_detect_above_price(self):
        """Sell-outs above the product's maximum retail price (price ceiling, 乱价)."""
        return self.filtered(lambda s: s.product_id.dealer_max_retail_price
                             and s.currency_id.compare_amounts(
                                 s.price_unit, s.product_id.dealer_max_retail_price) > 0)

    def _dealer_violation_description(self, violation_type):
        self.ensure_one()
        if violation_type == "cross_territory":
            return _(
                "Retail sale %(name)s: customer %(customer)s in %(province)s %(city)s is outside the dealer's "
                "territories.",
                name=self.name, customer=self.customer_name or "", province=self.customer_state_id.name or "",
                city=self.customer_city or "",
            )
        if violation_type == "price" and self in self._dealer_detect_above_price():
            return _(
                "Retail sale %(name)s: %(product)s sold at %(price)s, above the maximum retail price %(maximum)s.",
                name=self.name, product=self.product_id.display_name, price=self.price_unit,
                maximum=self.product_id.dealer_max_retail_price,
            )
        if violation_type == "price":
            return _(
                "Retail sale %(name)s: %(product)s sold at %(price)s, below the minimum retail price %(minimum)s.",
                name=self.name, product=self.product_id.display_name, price=self.price_unit,
                minimum=self.product_id.dealer_min_retail_price,
            )
        return _(
            "Retail sale %(name)s: serial %(serial)s was delivered to %(owner)s, not to this dealer.",
            name=self.name, serial=self.lot_id.name, owner=self.lot_id.dealer_id.display_name,
        )

    def _dealer_detect_violations(self, violation_types=None):
        """Propose one draft violation per sell-out and type detected (of ``violation_types``, default all); none
        twice (re-confirmation)."""
        detections = {
            "cross_territory": self._dealer_detect_cross_territory,
            "price": lambda: self._dealer_detect_below_price() | self._dealer_detect_above_price(),
            "other_dealer_goods": lambda: self.filtered(lambda s: s.serial_status == "other_dealer"),
        }
        found = {violation_type: detect() for violation_type, detect in detections.items()
                 if violation_types is None or violation_type in violation_types}
        # sudo: the detection sees every proposal already made for these sales, whoever made it
        existing = self.env["dealer.violation"].sudo().with_context(active_test=False).search_fetch(
            [("dealer_sellout_id", "in", self.ids)], ["dealer_sellout_id", "violation_type"])
        done = {(violation.dealer_sellout_id.id, violation.violation_type) for violation in existing}
        vals_list = [
            {
                "partner_id": sellout.dealer_id.commercial_partner_id.id,
                "company_id": sellout.company_id.id,
                "violation_type": violation_type,
                "date": sellout.date,
                "dealer_sellout_id": sellout.id,
                "description": sellout._dealer_violation_description(violation_type),
            }
            for violation_type, sellouts in found.items()
            for sellout in sellouts
            if (sellout.id, violation_type) not in done
        ]
        # sudo: the proposals are drafts that a Dealer Manager confirms; the confirming user may only report
        return self.env["dealer.violation"].sudo().create(vals_list)
