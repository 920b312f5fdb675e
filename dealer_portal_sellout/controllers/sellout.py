from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal

from ..models.dealer_sellout import MAX_SELLOUT_FILE_ROWS, SELLOUT_FILE_COLUMNS, SELLOUT_FILE_REQUIRED
from . import common

FORM_TOKEN = "dealer_portal_sellout_form_token"
UPLOAD_TOKEN = "dealer_portal_sellout_upload_token"


class DealerSelloutPortal(DealerPortal):
    """Retail sales (分销) on the portal: list and detail (the dealer's and, for a distributor, its sub-dealers'),
    a form for one sale, and a CSV/XLSX upload with its template; a file above the company's threshold of lines
    becomes a ``dealer.sellout.upload`` recorded in the background, whose status the dealer follows on
    /my/sellouts/uploads.

    Sales are created by the routes only: every line is checked first (``dealer.sellout._dealer_portal_prepare``),
    then the whole batch goes through ``dealer.sellout._dealer_sellout_create_checked`` in one savepoint, so a
    wrong line leaves nothing behind. A one-time token refuses a form replayed after its submission.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_sellout_count" in counters:
            values["dealer_sellout_count"] = self._dealer_count("dealer.sellout", self._sellout_domain)
        return values

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _sellout_domain(dealer):
        """Sales of the dealer and of its sub-dealers (the record rule enforces the same)."""
        return [("dealer_id", "in", dealer._dealer_portal_with_sub_dealers().ids)]

    def _sellout_form_values(self, dealer, page_name, post=None, error=None, errors=None):
        Sellout = request.env["dealer.sellout"]
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": page_name,
            "dealer": dealer,
            "products": Sellout._dealer_portal_products(dealer) if dealer else request.env["product.product"],
            "serials": Sellout._dealer_portal_unsold_serials(dealer) if dealer else request.env["stock.lot"],
            "provinces": Sellout._dealer_portal_states(),
            "post": post or {},
            "today": fields.Date.to_string(fields.Date.context_today(request.env.user)),
            "error": error,
            "row_errors": common.row_messages(errors or [], numbered=page_name != "dealer_sellout_new"),
            "form_token": self._dealer_form_token(FORM_TOKEN) if dealer else "",
            "upload_token": self._dealer_form_token(UPLOAD_TOKEN) if dealer else "",
            "upload_limits": self._dealer_spreadsheet_limits(),
            "file_columns": common.column_labels(SELLOUT_FILE_COLUMNS),
            "queue_note": self._sellout_queue_note(),
            "required_columns": common.column_labels(SELLOUT_FILE_COLUMNS, SELLOUT_FILE_REQUIRED),
        })
        return values

    @staticmethod
    def _sellout_queue_note():
        """What the upload form says about the size of a file and the background recording of a large one."""
        return request.env.company._dealer_queue_file_note(MAX_SELLOUT_FILE_ROWS)

    def _render_sellout_form(self, dealer, template, page_name, status=200, **kwargs):
        values = self._sellout_form_values(dealer, page_name, **kwargs)
        return request.render(template, values, status=status)

    def _sellout_create(self, dealer, rows, row_offset):
        """Check every row, then create them all in one savepoint, or queue them as one upload above the company's
        threshold of lines: ((sales, upload), error, row errors)."""
        Sellout = request.env["dealer.sellout"]
        vals_list, row_errors = Sellout._dealer_portal_prepare(dealer, rows)
        if row_errors:
            return None, _("Nothing was recorded: correct the lines below and submit again."), row_errors
        try:
            with request.env.cr.savepoint():
                result = Sellout._dealer_portal_submit(dealer, vals_list, row_offset=row_offset)
        except (AccessError, UserError, ValidationError) as e:
            return None, *self._sellout_error_lines(self._dealer_error_message(e))
        return result, None, []

    @staticmethod
    def _sellout_error_lines(message):
        """The model's checked batch lists its own row errors, one per line after the first: (error, row errors)."""
        lines = (message or "").split("\n")
        return lines[0], [{"row": None, "message": line} for line in lines[1:]]

    # ------------------------------------------------------------------ list and detail
    @http.route(["/my/sellouts", "/my/sellouts/page/<int:page>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_my_sellouts(self, page=1, recorded=None, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        count = self._dealer_int(recorded)
        values = self._dealer_list_values(
            "dealer.sellout", "/my/sellouts", page, "dealer_sellouts",
            self._sellout_domain(dealer) if dealer else [(0, "=", 1)],
        )
        values.update({
            "sellouts": values["records"],
            "recorded": _("%(count)s retail sales were recorded.", count=count) if count else None,
        })
        return request.render("dealer_portal_sellout.portal_my_sellouts", values)

    @http.route(["/my/sellouts/<int:sellout_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_sellout_page(self, sellout_id, recorded=None, **kw):
        try:
            sellout_sudo = self._document_check_access("dealer.sellout", sellout_id)
        except (AccessError, MissingError):
            return request.redirect("/my/sellouts")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_sellout",
            "sellout": sellout_sudo,
            "recorded": recorded,
            "own": sellout_sudo.dealer_id == request.env.user._dealer_portal_dealer(),
        })
        return request.render("dealer_portal_sellout.portal_sellout_page", values)

    # ------------------------------------------------------------------ one sale
    @http.route(["/my/sellouts/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_sellout_new(self, **post):
        dealer = request.env.user._dealer_portal_dealer()
        template, page_name = "dealer_portal_sellout.portal_sellout_form", "dealer_sellout_new"
        if request.httprequest.method != "POST" or not dealer:
            return self._render_sellout_form(dealer, template, page_name)
        if not self._dealer_check_form_token(FORM_TOKEN, post.get("form_token")):
            return self._render_sellout_form(dealer, template, page_name, error=self._dealer_replayed_form_message())
        row = {
            "row": 1,
            "date": post.get("date"),
            "product_id": self._dealer_int(post.get("product_id")) or -1,
            "serial": post.get("serial"),
            "quantity": post.get("quantity"),
            "price_unit": post.get("price_unit"),
            "customer_name": post.get("customer_name"),
            "customer_phone": post.get("customer_phone"),
            "state_id": self._dealer_int(post.get("state_id")) or False,
            "city": post.get("city"),
            "address": post.get("address"),
        }
        result, error, row_errors = self._sellout_create(dealer, [row], 0)
        if error:
            # one line: its messages are shown without a row number
            return self._render_sellout_form(dealer, template, page_name, post=post, error=error, errors=row_errors)
        self._dealer_spend_form_token(FORM_TOKEN)
        return request.redirect(f"/my/sellouts/{result[0].id}?recorded=1")

    # ------------------------------------------------------------------ upload
    @http.route(["/my/sellouts/upload"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_sellout_upload(self, **post):
        dealer = request.env.user._dealer_portal_dealer()
        template, page_name = "dealer_portal_sellout.portal_sellout_upload", "dealer_sellout_upload"
        if request.httprequest.method != "POST" or not dealer:
            return self._render_sellout_form(dealer, template, page_name)
        if not self._dealer_check_form_token(UPLOAD_TOKEN, post.get("upload_token")):
            return self._render_sellout_form(dealer, template, page_name, error=self._dealer_replayed_form_message())
        rows, error = self._dealer_spreadsheet_rows(
            SELLOUT_FILE_COLUMNS, SELLOUT_FILE_REQUIRED, max_rows=MAX_SELLOUT_FILE_ROWS)
        if error:
            return self._render_sellout_form(dealer, template, page_name, error=error)
        # the file's first line is its header: the model numbers the rows from 2, as the dealer sees them
        result, error, row_errors = self._sellout_create(dealer, rows, 1)
        if error:
            return self._render_sellout_form(dealer, template, page_name, error=error, errors=row_errors)
        self._dealer_spend_form_token(UPLOAD_TOKEN)
        sellouts, upload = result
        if upload:
            return request.redirect(f"/my/sellouts/uploads/{upload.id}?queued=1")
        return request.redirect(f"/my/sellouts?recorded={len(sellouts)}")

    # ------------------------------------------------------------------ uploads recorded in the background
    @http.route(["/my/sellouts/uploads", "/my/sellouts/uploads/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_sellout_uploads(self, page=1, **kw):
        return self._dealer_upload_list("dealer.sellout.upload", "/my/sellouts/uploads", page,
                                        "dealer_sellout_uploads", "dealer_portal_sellout.portal_my_sellout_uploads")

    @http.route(["/my/sellouts/uploads/<int:upload_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_sellout_upload_page(self, upload_id, queued=None, **kw):
        return self._dealer_upload_page(
            "dealer.sellout.upload", upload_id, "/my/sellouts/uploads", "dealer_sellout_upload_status",
            "dealer_portal_sellout.portal_sellout_upload_page", queued=queued)

    @http.route(["/my/sellouts/template.<string:file_type>"], type="http", auth="user", website=True, readonly=True)
    def portal_sellout_template(self, file_type, **kw):
        # the sheet's and the file's names in the user's language (零售上报模板.xlsx); one line per sale, so no lines
        # in advance: the products sheet lists the codes and names
        content = common.template_content(file_type, SELLOUT_FILE_COLUMNS, _("Sell-out"))
        # translated outside the f-string, where the terms' extraction sees it
        name = _("Sell-out template")
        return self._dealer_spreadsheet_response(file_type, content, f"{name}.{file_type}")
