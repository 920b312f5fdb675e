"""The base of every dealer controller on the portal: ``DealerPortal``.

Every dealer page (dealer_portal's and its bridges') subclasses ``DealerPortal`` and calls its toolbox through
``self``: list pages and /my/home counters, uploads and their checks, numbers typed in forms, error texts, and the
one-time token that refuses a form replayed after its submission. Odoo combines every installed subclass of
``CustomerPortal`` into one controller, so a bridge may override any of these methods (call ``super()``), and two
sibling controllers must not define a method of the same name.
"""
import math
import os
import secrets

from odoo import _
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request
from odoo.tools import consteq
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.dealer_portal_spreadsheet import MAX_FILE_ROWS, SPREADSHEET_TYPES

# Limits of the files a dealer attaches to a form (constants: change them here).
MAX_UPLOADS = 10
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# allowed extensions, with the types their content must have (sniffed; empty: the content is not checked)
UPLOAD_TYPES = {
    "pdf": ("application/pdf",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "png": ("image/png",),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"),
    "csv": (),
}
# the uploads read as a table (dealer.portal.spreadsheet)
SPREADSHEET_EXTENSIONS = ("csv", "xlsx")
# the query-string keys of the pages a form redirects to after its write (/my/complaints/7?submitted=1)
AFTER_WRITE_KEYS = ("submitted", "uploaded", "answered", "nothing", "recorded", "registered", "marked", "queued")


class DealerPortal(CustomerPortal):
    """The dealer's profile on /my (its code, grade, territories and status) and the toolbox of the dealer pages."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:  # the page itself, not the JSON counters call
            # sudo: the user's own dealer only (res.users._dealer_portal_dealer), read for display (grade and
            # territories are back-office models a portal user has no access right on)
            values["dealer_partner"] = request.env.user._dealer_portal_dealer().sudo()
        return values

    # ------------------------------------------------------------------ lists and counters
    def _dealer_list_values(self, model, url, page, page_name, domain, url_args=None, history_key=None, order=None):
        """Layout, pager and records (searched with the user's rights) for a list page: one pager and one search
        for every dealer list."""
        Model = request.env[model]
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url=url, url_args=url_args, total=Model.search_count(domain), page=page, step=self._items_per_page,
        )
        records = Model.search(domain, order=order, limit=self._items_per_page, offset=pager["offset"])
        if history_key:
            request.session[history_key] = records.ids[:100]
        values.update({
            "page_name": page_name,
            "pager": pager,
            "default_url": url,
            "dealer": request.env.user._dealer_portal_dealer(),
            # sudo: rendering only; the records were searched with the user's rights and record rules
            "records": records.sudo(),
        })
        return values

    # ------------------------------------------------------------------ files recorded in the background
    def _dealer_upload_list(self, model, url, page, page_name, template):
        """The list page of the user's dealer's own large files (a ``dealer.queue.upload`` model of a bridge, whose
        record rule enforces the same: never a sub-dealer's file), with their status labels."""
        dealer = request.env.user._dealer_portal_dealer()
        values = self._dealer_list_values(
            model, url, page, page_name, [("dealer_id", "=", dealer.id)] if dealer else [(0, "=", 1)])
        values.update({"uploads": values["records"],
                       "progress_labels": request.env[model]._dealer_upload_progress_labels()})
        return request.render(template, values)

    def _dealer_upload_page(self, model, upload_id, list_url, page_name, template, queued=None):
        """The status page of one of those files (``_dealer_upload_status``), or the list for any other id."""
        try:
            upload_sudo = self._document_check_access(model, upload_id)
        except (AccessError, MissingError):
            return request.redirect(list_url)
        values = self._prepare_portal_layout_values()
        values.update(upload_sudo._dealer_upload_status())
        values.update({"page_name": page_name, "upload": upload_sudo, "queued": queued})
        return request.render(template, values)

    @staticmethod
    def _dealer_count(model, domain_of):
        """A counter of /my/home: the records of `model` in ``domain_of(dealer)`` for the user's dealer; 0 for a
        user of no dealer or without read access (searched with the user's rights and record rules)."""
        Model = request.env[model]
        dealer = request.env.user._dealer_portal_dealer()
        return Model.search_count(domain_of(dealer)) if dealer and Model.has_access("read") else 0

    @staticmethod
    def _dealer_own_domain():
        """Records of the user's own dealer (record rules restrict portal users to it anyway)."""
        return [("partner_id", "=", request.env.user._dealer_portal_dealer().id)]

    # ------------------------------------------------------------------ uploads
    @staticmethod
    def _dealer_upload_values():
        """What the forms say about the upload limits."""
        return {"upload_limits": _(
            "Up to %(count)s files of %(size)s MB each: %(types)s.",
            count=MAX_UPLOADS, size=MAX_UPLOAD_BYTES // (1024 * 1024), types=", ".join(sorted(UPLOAD_TYPES)),
        )}

    @staticmethod
    def _dealer_spreadsheet_limits():
        """What the upload forms of a table (stock reports, sell-outs, forecasts) say about the file."""
        return _(
            "A CSV or XLSX file of at most %(size)s MB, with the columns of the template.",
            size=MAX_UPLOAD_BYTES // (1024 * 1024),
        )

    @staticmethod
    def _dealer_uploads(field="attachments"):
        """Files posted in the form's `field` input: ([(name, content)], error message or None)."""
        files = [upload for upload in request.httprequest.files.getlist(field) if upload and upload.filename]
        if len(files) > MAX_UPLOADS:
            return [], _("Attach at most %(count)s files.", count=MAX_UPLOADS)
        uploads = []
        for upload in files:
            name = os.path.basename(upload.filename)
            extension = os.path.splitext(name)[1].lower().lstrip(".")
            if extension not in UPLOAD_TYPES:
                return [], _(
                    "File %(name)s cannot be attached: only these types are accepted: %(types)s.",
                    name=name, types=", ".join(sorted(UPLOAD_TYPES)),
                )
            content = upload.read(MAX_UPLOAD_BYTES + 1)
            if len(content) > MAX_UPLOAD_BYTES:
                return [], _(
                    "File %(name)s is larger than %(size)s MB: attach a smaller file.",
                    name=name, size=MAX_UPLOAD_BYTES // (1024 * 1024),
                )
            if UPLOAD_TYPES[extension] and guess_mimetype(content) not in UPLOAD_TYPES[extension]:
                return [], _(
                    "File %(name)s is not a valid %(type)s file: attach the document itself.",
                    name=name, type=extension.upper(),
                )
            uploads.append((name, content))
        return uploads, None

    def _dealer_spreadsheet_upload(self, field="file"):
        """The one CSV or XLSX file posted in `field` (stock reports, sell-outs, forecasts), with the checks of
        every upload: ((name, content), None) or (None, error message)."""
        for upload in request.httprequest.files.getlist(field):
            name = os.path.basename(upload.filename or "")
            if name and os.path.splitext(name)[1].lower().lstrip(".") not in SPREADSHEET_EXTENSIONS:
                return None, _(
                    "File %(name)s cannot be read: upload a CSV or XLSX file in the shape of the template.",
                    name=name,
                )
        uploads, error = self._dealer_uploads(field)
        if not error and len(uploads) != 1:
            error = _("Choose the CSV or XLSX file to upload.")
        return (None, error) if error else (uploads[0], None)

    def _dealer_spreadsheet_rows(self, columns, required, field="file", max_rows=MAX_FILE_ROWS):
        """The lines of the one CSV or XLSX file posted in `field` (at most ``max_rows``), read against the
        template's `columns` (``dealer.portal.spreadsheet._dealer_read_rows``): (rows, None) or ([], error)."""
        upload, error = self._dealer_spreadsheet_upload(field)
        if error:
            return [], error
        try:
            return request.env["dealer.portal.spreadsheet"]._dealer_read_rows(
                *upload, columns, required, max_rows=max_rows), None
        except UserError as e:
            return [], self._dealer_error_message(e)

    @staticmethod
    def _dealer_spreadsheet_response(file_type, content, filename):
        """An upload template (CSV or XLSX) as a download."""
        return request.make_response(content, headers=[
            ("Content-Type", SPREADSHEET_TYPES[file_type]), ("Content-Disposition", content_disposition(filename)),
        ])

    @staticmethod
    def _dealer_attach(record, uploads):
        """Post the uploaded files on the record's chatter and list them on the record."""
        if not uploads:
            return
        # sudo: the record was just created by the route for the user's own dealer, and the files passed the
        # size and type checks; portal users cannot create attachments themselves (Odoo's portal chatter
        # upload works the same way)
        record_sudo = record.sudo()
        message = record_sudo.message_post(
            body=_("Documents submitted with the request."), attachments=uploads,
            author_id=request.env.user.partner_id.id, message_type="comment", subtype_xmlid="mail.mt_comment",
        )
        record_sudo.attachment_ids = [(4, attachment.id) for attachment in message.attachment_ids]

    # ------------------------------------------------------------------ values typed in forms
    @staticmethod
    def _dealer_int(value):
        try:
            return int(value) if value else False
        except (TypeError, ValueError):
            return None

    @staticmethod
    def _dealer_float(value, default):
        """A finite number typed in a form, the default when empty, None when it is not a number."""
        try:
            number = float(value) if value else default
        except ValueError:
            return None
        return number if math.isfinite(number) else None

    @staticmethod
    def _dealer_error_message(error):
        return error.args[0] if error.args else _("The request could not be saved.")

    # ------------------------------------------------------------------ read-only routes
    @staticmethod
    def _dealer_readonly_page(_controller):
        """``readonly=`` of a page a form redirects to after its write: a read-only transaction (on the PostgreSQL
        replica when Odoo has ``--db_replica_host``), except for the request that follows the write (its
        AFTER_WRITE_KEYS), which reads the primary: a streaming replica may not have replayed the write yet, and the
        dealer sees what it submitted at once."""
        return not any(key in request.httprequest.args for key in AFTER_WRITE_KEYS)

    # ------------------------------------------------------------------ one-time form tokens
    @staticmethod
    def _dealer_form_token(key):
        """The one-time submission token of a form (kept in the session under `key` until the form is submitted)."""
        if not request.session.get(key):
            request.session[key] = secrets.token_urlsafe(24)
        return request.session[key]

    @staticmethod
    def _dealer_check_form_token(key, value):
        """True when ``value`` is the form's current token: a form replayed after its submission is refused."""
        expected = request.session.get(key)
        return bool(expected and value and consteq(str(value), expected))

    @staticmethod
    def _dealer_spend_form_token(key):
        """After a successful submission: the next form gets a new token."""
        request.session.pop(key, None)

    @staticmethod
    def _dealer_replayed_form_message():
        return _("This form was already submitted: open it again to record something new.")
