import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context
from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows
from odoo.addons.dealer_portal.models.dealer_portal_spreadsheet import PRODUCT_NAME_COLUMN
from odoo.addons.dealer_portal.provinces import sort_provinces

_lt = LazyTranslate(__name__)

# columns of an uploaded sell-out file (first row), as in the downloadable template; the header is read in English,
# in Chinese (日期, 产品编码 …) or as the keys (see dealer.portal.spreadsheet)
SELLOUT_FILE_COLUMNS = (
    ("date", _lt("Date")),
    ("product_code", _lt("Product code")),
    PRODUCT_NAME_COLUMN,
    ("serial", _lt("Serial/VIN")),
    ("quantity", _lt("Quantity")),
    ("price_unit", _lt("Net retail price (per unit)")),
    ("customer_name", _lt("End customer")),
    ("customer_phone", _lt("Customer phone")),
    ("province", _lt("Province")),
    ("city", _lt("City")),
    ("address", _lt("Address")),
)
SELLOUT_FILE_REQUIRED = ("date", "product_code", "quantity", "price_unit", "customer_name", "province")
# fields of a retail sale a dealer fills in on the portal; the dealer, company and source are the route's
PORTAL_SELLOUT_FIELDS = frozenset({
    "date", "product_id", "lot_name", "quantity", "price_unit", "customer_name", "customer_phone",
    "customer_state_id", "customer_city", "customer_street",
})
# longest text a dealer may type in a field (a name, a phone, an address)
MAX_TEXT = 256
# lines of a sell-out file: above the company's threshold (5,000 by default) the file is recorded in the background,
# so the portal takes files larger than the other uploads' 2,000 lines; every line is still checked in the request
MAX_SELLOUT_FILE_ROWS = 10000


class DealerSellout(models.Model):
    """What the portal needs of retail sales: the dealer's products and serials, checking typed lines."""

    _inherit = "dealer.sellout"

    # ------------------------------------------------------------------ what the dealer may report
    @api.model
    def _dealer_portal_products(self, dealer):
        """Goods the dealer sells on: what it (or its distributor) bought from us, and the serials it received.

        Two grouped queries, whatever the number of orders and serials.
        """
        suppliers = (dealer | dealer.sudo().parent_dealer_id).ids
        # sudo: product ids of the dealer's (or its distributor's) own order lines and serials, for the choice
        # of products on its forms (portal users may not read orders of others, products or serials)
        bought = self.env["sale.order.line"].sudo()._read_group(
            [("order_id.partner_id.commercial_partner_id", "in", suppliers), ("state", "=", "sale")],
            ["product_id"],
        )
        received = self.env["stock.lot"].sudo()._read_group([("dealer_id", "in", suppliers)], ["product_id"])
        product_ids = {product.id for (product,) in bought + received}
        return self.env["product.product"].sudo().browse(product_ids).filtered("sale_ok").sorted("display_name")

    @api.model
    def _dealer_portal_unsold_serials(self, dealer, limit=500):
        """Serials delivered to the dealer (or its distributor) and not sold out yet, offered on the form."""
        # sudo: the serials at the user's own dealer (portal users have no right on stock.lot)
        return self.env["stock.lot"].sudo().search([
            ("dealer_id", "in", (dealer | dealer.sudo().parent_dealer_id).ids), ("dealer_sellout_id", "=", False),
        ], order="name", limit=limit)

    @api.model
    def _dealer_portal_states(self):
        """Provinces the end customer may live in: those of the country of the dealer territories (else of the
        company, else China), China's in the official order (GB/T 2260: 北京, 天津, 河北 …)."""
        # sudo: the country of the company's territories, to list the provinces (portal users may not read them)
        territory = self.env["dealer.territory"].sudo().search([("state_id", "!=", False)], limit=1)
        country = territory.state_id.country_id or self.env.company.country_id or self.env.ref("base.cn")
        return sort_provinces(self.env["res.country.state"].sudo().search([("country_id", "=", country.id)]))

    # ------------------------------------------------------------------ checking typed lines
    @api.model
    def _dealer_portal_prepare(self, dealer, rows):
        """Values of the sales typed in the form or read from a file, and the errors of the wrong rows.

        ``rows``: dicts of raw values (``row``, ``date``, ``product_id`` or ``product_code``, ``serial``,
        ``quantity``, ``price_unit``, ``customer_name``, ``customer_phone``, ``province`` or ``state_id``, ``city``,
        ``address``). Returns ``(vals_list, [{"row": n, "message": text}])``; every row is checked, nothing is
        created. The rules of a line are the model's (``_dealer_sellout_line_errors``); this adds what only a
        dealer typing can get wrong (unknown codes, serials and provinces, text in number fields, dates).
        """
        self = self.sudo()  # sudo: validation only, of the user's own dealer's lines (see the callers)
        products = self._dealer_portal_products(dealer)
        by_code = {product.default_code.strip().lower(): product for product in products if product.default_code}
        states = self._dealer_portal_states()
        lots = self._dealer_lots_by_name(
            {(product.id, str(row.get("serial") or "").strip())
             for row in rows for product in [self._dealer_portal_row_product(row, products, by_code)]
             if product and str(row.get("serial") or "").strip()},
            self.env.companies.ids,
        )
        vals_list, errors = [], []
        for row in rows:
            messages = []
            if row.get("blank"):
                messages.append(_("The line is empty: delete it or fill it in."))
            else:
                vals = self._dealer_portal_row_vals(dealer, row, products, by_code, states, lots, messages)
                if not messages:
                    messages += self._dealer_sellout_line_errors(
                        dealer, self.env["product.product"].browse(vals["product_id"]),
                        self.env["stock.lot"].browse(vals.get("lot_id")), vals.get("lot_name"), vals["quantity"],
                        vals["price_unit"],
                    )
                    vals.pop("lot_id", None)  # matched again by the model from the serial entered
                    vals_list.append(vals)
            errors += [{"row": row["row"], "message": message} for message in messages]
        return vals_list, errors

    @api.model
    def _dealer_portal_row_product(self, row, products, by_code):
        if row.get("product_id"):
            return products.filtered(lambda product: product.id == row["product_id"])
        return by_code.get(str(row.get("product_code") or "").strip().lower(), self.env["product.product"])

    @api.model
    def _dealer_portal_row_vals(self, dealer, row, products, by_code, states, lots, messages):
        """The values of one row, adding to ``messages`` what cannot be read."""
        product = self._dealer_portal_row_product(row, products, by_code)
        if not product:
            if "product_code" in row:
                messages.append(_(
                    "Product code %(code)s is not one of the products you sell: use a code of the template's "
                    "Products sheet.", code=str(row.get("product_code") or ""),
                ))
            else:
                messages.append(_("Choose one of the listed products."))
        day = self._dealer_portal_date(row.get("date"), messages)
        quantity = self._dealer_portal_number(row.get("quantity"), 1.0, "quantity", messages)
        price = self._dealer_portal_number(row.get("price_unit"), 0.0, "price", messages)
        serial = str(row.get("serial") or "").strip()
        lot_id = False
        if serial and product:
            if product.tracking == "none":
                messages.append(_(
                    "Product %(product)s has no serial number: leave the serial/VIN empty.",
                    product=product.display_name,
                ))
            else:
                lot_id = lots.get((product.id, serial))
                if not lot_id:
                    messages.append(_(
                        "Serial/VIN %(serial)s is not a serial of %(product)s: check the number on the unit sold.",
                        serial=serial, product=product.display_name,
                    ))
        state = self._dealer_portal_state(row, states, messages)
        texts = {}
        for key, fname in (("customer_name", "customer_name"), ("customer_phone", "customer_phone"),
                           ("city", "customer_city"), ("address", "customer_street")):
            text = str(row.get(key) or "").strip()
            if len(text) > MAX_TEXT:
                messages.append(_(
                    "%(field)s is longer than %(max)s characters: shorten it.",
                    field=self._fields[fname].get_description(self.env)["string"], max=MAX_TEXT,
                ))
            texts[fname] = text or False
        if not texts["customer_name"]:
            messages.append(_("Enter the name of the end customer."))
        if messages:
            return None
        return {
            "date": day, "product_id": product.id, "lot_name": serial or False, "lot_id": lot_id,
            "quantity": quantity, "price_unit": price, "customer_state_id": state.id, **texts,
        }

    @api.model
    def _dealer_portal_date(self, value, messages):
        """The retail date typed (YYYY-MM-DD) or read from a spreadsheet cell: not empty, not in the future."""
        if isinstance(value, datetime.datetime):
            day = value.date()
        elif isinstance(value, datetime.date):
            day = value
        else:
            text = str(value or "").strip().replace("/", "-")
            if not text:
                messages.append(_("Enter the date of the sale."))
                return None
            try:
                day = fields.Date.to_date(text[:10])
            except ValueError:
                day = None
            if not day:
                messages.append(_("The date %(value)s is not a date: write it as 2026-01-31.", value=text))
                return None
        if day > fields.Date.context_today(self):
            messages.append(_("The date %(date)s is in the future: enter the day of the sale.", date=day))
            return None
        return day

    @api.model
    def _dealer_portal_number(self, value, default, kind, messages):
        """A number typed or read from a cell, ``default`` when empty; adds a message when it is not one.

        ``kind``: "quantity" or "price", the figure the message names."""
        if isinstance(value, bool):
            value = None
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            text = str(value or "").strip().replace(",", "")
            if not text:
                return default
            try:
                number = float(text)
            except ValueError:
                number = None
        if number is None or number != number or number in (float("inf"), float("-inf")) or abs(number) > 1e12:
            messages.append(
                _("The quantity %(value)s is not a number.", value=str(value)) if kind == "quantity"
                else _("The net retail price %(value)s is not a number.", value=str(value))
            )
            return default
        return number

    @api.model
    def _dealer_portal_state(self, row, states, messages):
        """The customer's province: chosen in the form (id) or written in the file (name or short code)."""
        if row.get("state_id"):
            state = states.filtered(lambda s: s.id == row["state_id"])
        else:
            name = str(row.get("province") or "").strip()
            state = states.filtered(lambda s: name and (s.name == name or s.code == name))
            if not state and name:
                state = states.filtered(lambda s: s.name.startswith(name))
                state = state if len(state) == 1 else states.browse()
        if not state:
            if row.get("province"):
                messages.append(_(
                    "Province %(name)s is unknown: write it as in the list of provinces, e.g. 浙江省.",
                    name=str(row["province"]),
                ))
            else:
                messages.append(_("Choose the province of the end customer."))
        return state

    # ------------------------------------------------------------------ creating
    @api.model
    def _dealer_portal_submit(self, dealer, vals_list, row_offset=0):
        """Create the checked lines of ``dealer`` as draft retail sales from the portal (all or none), at once or,
        above the company's threshold of lines, as a queued ``dealer.sellout.upload``: ``(sell-outs, upload)``,
        one of them empty (``dealer.sellout.upload._dealer_sellout_record``)."""
        forbidden = {fname for vals in vals_list for fname in vals} - PORTAL_SELLOUT_FIELDS
        if forbidden:
            raise AccessError(_(
                "A dealer cannot set these fields on a retail sale: %(fields)s.", fields=", ".join(sorted(forbidden)),
            ))
        if not dealer:
            raise AccessError(_("Only the users of a dealer can report retail sales."))
        # sudo: portal users have no create right on sell-outs. Safe: the values are the whitelisted fields the
        # route checked (the dealer's own products and serials), the dealer is the user's own
        # (res.users._dealer_portal_dealer) and clean_context drops every default_* key of the caller. The model's
        # checked batch validates every row again and creates all or none (in the job, for a queued upload).
        Upload = self.env["dealer.sellout.upload"].with_env(self.env(su=True, context=clean_context(self.env.context)))
        # one form sent twice before the first answer came back: the second waits on the dealer's row, then is
        # retried by Odoo on a fresh snapshot and session, where the form's one-time token is spent (as the cart)
        lock_rows(dealer)
        sellouts, upload = Upload._dealer_sellout_record(
            dealer, [{**vals, "dealer_id": dealer.id, "company_id": self.env.company.id} for vals in vals_list],
            source="portal", row_offset=row_offset,
        )
        return sellouts.sudo(False), upload.sudo(False)
