from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from .portal import DealerPortal

# the records a dealer submits on these pages: kind (the templates' and page values' name) -> (model, list URL,
# session key of the list's history, for the previous/next links of a record's page)
RECORD_PAGES = {
    "complaint": ("dealer.complaint", "/my/complaints", "my_complaints_history"),
    "feedback": ("dealer.feedback", "/my/feedback", "my_feedback_history"),
}


class DealerRelationsPortal(DealerPortal):
    """Dealer relations on the portal: announcements (with read receipts), complaints and market feedback."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        Announcement = request.env["dealer.announcement"]
        if "announcement_count" in counters:
            values["announcement_count"] = (
                Announcement.search_count(Announcement._dealer_visible_domain(user))
                if Announcement.has_access("read") else 0
            )
        if "announcement_unread_count" in counters:
            values["announcement_unread_count"] = (
                Announcement._dealer_unread_count(user) if Announcement.has_access("read") else 0
            )
        if "complaint_count" in counters:
            Complaint = request.env["dealer.complaint"]
            values["complaint_count"] = (
                Complaint.search_count(self._dealer_own_domain()) if Complaint.has_access("read") else 0
            )
        if "feedback_count" in counters:
            Feedback = request.env["dealer.feedback"]
            values["feedback_count"] = (
                Feedback.search_count(self._dealer_own_domain()) if Feedback.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------------ helpers
    def _dealer_relations_dealer(self):
        """The logged-in user's dealer when it may use these pages, else an empty recordset."""
        return request.env.user._dealer_portal_dealer()

    def _dealer_relations_new(self, kind, form_values, vals_from_post, post):
        """The form of a new complaint or feedback (``kind``: a key of RECORD_PAGES): shown on a GET (and to a user
        of no dealer); a POST creates the record with its files in one savepoint, then opens its page, or shows the
        form again with the error."""
        model, url, _history_key = RECORD_PAGES[kind]
        template = f"dealer_portal.portal_{kind}_form"
        dealer = self._dealer_relations_dealer()
        if request.httprequest.method != "POST" or not dealer:
            return request.render(template, form_values(dealer))
        vals, error = vals_from_post(dealer, post)
        uploads, upload_error = self._dealer_uploads()
        error = error or upload_error
        if not error:
            try:
                with request.env.cr.savepoint():
                    record = request.env[model]._dealer_portal_create(dealer, vals)
                    self._dealer_attach(record, uploads)
            except (AccessError, UserError, ValidationError) as e:
                error = self._dealer_error_message(e)
        if error:
            return request.render(template, form_values(dealer, post=post, error=error))
        return request.redirect(f"{url}/{record.id}?submitted=1")

    def _dealer_relations_page(self, record_id, kind, page_name, submitted):
        """The page of a complaint or feedback the user may read (``kind``: a key of RECORD_PAGES), else its list."""
        model, url, history_key = RECORD_PAGES[kind]
        try:
            record_sudo = self._document_check_access(model, record_id)
        except (AccessError, MissingError):
            return request.redirect(url)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": page_name, kind: record_sudo, "submitted": submitted})
        values = self._get_page_view_values(record_sudo, None, values, history_key, False)
        return request.render(f"dealer_portal.portal_{kind}_page", values)

    # ------------------------------------------------------------------ announcements
    @http.route(["/my/announcements", "/my/announcements/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_announcements(self, page=1, filterby="all", **kw):
        user = request.env.user
        Announcement = request.env["dealer.announcement"]
        searchbar_filters = {
            "all": {"label": _("All"), "domain": Announcement._dealer_visible_domain(user)},
            "unread": {"label": _("Unread"), "domain": Announcement._dealer_unread_domain(user)},
        }
        filterby = filterby if filterby in searchbar_filters else "all"
        values = self._dealer_list_values(
            "dealer.announcement", "/my/announcements", page, "dealer_announcements",
            searchbar_filters[filterby]["domain"], url_args={"filterby": filterby},
        )
        read = request.env["dealer.announcement.read"].search(
            [("user_id", "=", user.id), ("announcement_id", "in", values["records"].ids)]
        ).announcement_id
        values.update({
            "announcements": values["records"],
            "read_ids": set(read.ids),
            "searchbar_filters": searchbar_filters,
            "filterby": filterby,
        })
        return request.render("dealer_portal.portal_my_announcements", values)

    @http.route(["/my/announcements/<int:announcement_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_announcement_page(self, announcement_id, **kw):
        announcement_sudo = self._dealer_visible_announcement(announcement_id)
        if not announcement_sudo:
            return request.redirect("/my/announcements")
        # a GET writes nothing: the read receipt is recorded by the POST of the "Mark as read" button, and the
        # files are served by the route below (no download token is written on the attachments)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_announcement",
            "announcement": announcement_sudo,
            "attachments": announcement_sudo.attachment_ids,
            "is_read": announcement_sudo._is_read_by(request.env.user),
        })
        return request.render("dealer_portal.portal_announcement_page", values)

    def _dealer_visible_announcement(self, announcement_id):
        """The announcement (sudo, for display) when the user may read it today, else an empty recordset."""
        try:
            announcement_sudo = self._document_check_access("dealer.announcement", announcement_id)
        except (AccessError, MissingError):
            return request.env["dealer.announcement"]
        # the record rule holds the published state and the audience; the dates of today are checked here too
        return announcement_sudo.filtered_domain(
            request.env["dealer.announcement"]._dealer_visible_domain(request.env.user)
        )

    @http.route(["/my/announcements/<int:announcement_id>/files/<int:attachment_id>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_announcement_file(self, announcement_id, attachment_id, **kw):
        """Download a file of an announcement the user may read today (no share token: it cannot leak)."""
        announcement_sudo = self._dealer_visible_announcement(announcement_id)
        attachment = announcement_sudo.attachment_ids.filtered(lambda file: file.id == attachment_id)
        if not attachment:
            raise request.not_found()
        # sudo: a file listed on an announcement the user may read (checked above)
        return request.env["ir.binary"]._get_stream_from(attachment.sudo()).get_response(as_attachment=True)

    @http.route(["/my/announcements/<int:announcement_id>/read"], type="http", auth="user", website=True,
                methods=["POST"])
    def portal_announcement_mark_read(self, announcement_id, **kw):
        """Record the read receipt (POST with the CSRF token); only for an announcement the user may read."""
        # _mark_read keeps only what the user may read today (record rules and publishing window)
        request.env["dealer.announcement"].browse(announcement_id).exists()._mark_read()
        return request.redirect(f"/my/announcements/{announcement_id}?marked=1")  # read on the primary

    # ------------------------------------------------------------------ complaints
    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_complaints(self, page=1, **kw):
        values = self._dealer_list_values(
            "dealer.complaint", "/my/complaints", page, "dealer_complaints", self._dealer_own_domain(),
            history_key="my_complaints_history",
        )
        values["complaints"] = values["records"]
        return request.render("dealer_portal.portal_my_complaints", values)

    def _complaint_form_values(self, dealer, post=None, error=None):
        Complaint = request.env["dealer.complaint"]
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_complaint_new",
            "dealer": dealer,
            "categories": request.env["dealer.complaint.category"].search([]),
            "subject_types": Complaint._fields["subject_type"]._description_selection(request.env),
            # sudo: display names of the dealer's own orders, found with the user's rights
            "orders": Complaint._dealer_portal_orders(dealer).sudo() if dealer else request.env["sale.order"],
            "products": Complaint._dealer_portal_products(dealer) if dealer else request.env["product.product"],
            "post": post or {},
            "error": error,
            **self._dealer_upload_values(),
        })
        return values

    def _complaint_vals_from_post(self, dealer, post):
        """Validate the form; return (vals, error message)."""
        Complaint = request.env["dealer.complaint"]
        category_id = self._dealer_int(post.get("category_id"))
        if not category_id or category_id not in request.env["dealer.complaint.category"].search([]).ids:
            return None, _("Choose the kind of request.")
        subject_type = post.get("subject_type")
        if subject_type not in dict(Complaint._fields["subject_type"].selection):
            return None, _("Choose what the complaint is about.")
        product_id = self._dealer_int(post.get("product_id"))
        if product_id is None or (product_id and product_id not in Complaint._dealer_portal_products(dealer).ids):
            return None, _("Choose one of the listed products.")
        order_id = self._dealer_int(post.get("sale_order_id"))
        if order_id is None or (order_id and order_id not in Complaint._dealer_portal_orders(dealer).ids):
            return None, _("Choose one of your orders.")
        quantity = self._dealer_float(post.get("product_qty"), 1.0)
        if quantity is None:
            return None, _("The quantity must be a number.")
        origin = post.get("origin") if post.get("origin") in ("dealer", "customer") else "dealer"
        customer_name = (post.get("customer_name") or "").strip()
        if origin == "customer" and not customer_name:
            return None, _("Give the name of the end customer who complains.")
        description = (post.get("description") or "").strip()
        if not description:
            return None, _("Describe the problem.")
        return {
            "category_id": category_id,
            "subject_type": subject_type,
            "product_id": product_id,
            "product_qty": quantity,
            "sale_order_id": order_id,
            "origin": origin,
            "customer_name": customer_name if origin == "customer" else False,
            "customer_phone": (post.get("customer_phone") or "").strip() if origin == "customer" else False,
            "description": description,
        }, None

    @http.route(["/my/complaints/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_complaint_new(self, **post):
        return self._dealer_relations_new(
            "complaint", self._complaint_form_values, self._complaint_vals_from_post, post,
        )

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_complaint_page(self, complaint_id, submitted=None, **kw):
        return self._dealer_relations_page(complaint_id, "complaint", "dealer_complaint", submitted)

    # ------------------------------------------------------------------ market feedback
    @http.route(["/my/feedback", "/my/feedback/page/<int:page>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_feedback(self, page=1, **kw):
        values = self._dealer_list_values(
            "dealer.feedback", "/my/feedback", page, "dealer_feedback", self._dealer_own_domain(),
            history_key="my_feedback_history",
        )
        values["feedbacks"] = values["records"]
        return request.render("dealer_portal.portal_my_feedback", values)

    def _feedback_form_values(self, dealer, post=None, error=None):
        Feedback = request.env["dealer.feedback"]
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_feedback_new",
            "dealer": dealer,
            "feedback_types": Feedback._fields["feedback_type"]._description_selection(request.env),
            "products": Feedback._dealer_portal_products(dealer) if dealer else request.env["product.product"],
            "post": post or {},
            "error": error,
            **self._dealer_upload_values(),
        })
        return values

    def _feedback_vals_from_post(self, dealer, post):
        """Validate the form; return (vals, error message)."""
        Feedback = request.env["dealer.feedback"]
        name = (post.get("name") or "").strip()
        if not name:
            return None, _("Give your feedback a subject.")
        feedback_type = post.get("feedback_type")
        if feedback_type not in dict(Feedback._fields["feedback_type"].selection):
            return None, _("Choose the type of feedback.")
        product_id = self._dealer_int(post.get("product_id"))
        if product_id is None or (product_id and product_id not in Feedback._dealer_portal_products(dealer).ids):
            return None, _("Choose one of the listed products.")
        price = self._dealer_float(post.get("competitor_price"), 0.0)
        if price is None:
            return None, _("The competitor price must be a number.")
        description = (post.get("description") or "").strip()
        if not description:
            return None, _("Describe what you observed.")
        return {
            "name": name,
            "feedback_type": feedback_type,
            "product_id": product_id,
            "competitor_name": (post.get("competitor_name") or "").strip() or False,
            "competitor_price": price,
            "description": description,
        }, None

    @http.route(["/my/feedback/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_feedback_new(self, **post):
        return self._dealer_relations_new("feedback", self._feedback_form_values, self._feedback_vals_from_post, post)

    @http.route(["/my/feedback/<int:feedback_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_feedback_page(self, feedback_id, submitted=None, **kw):
        return self._dealer_relations_page(feedback_id, "feedback", "dealer_feedback_detail", submitted)
