"""Helpers shared by the sell-out, forecast (and warranty claim) pages: one-time form tokens, one spreadsheet."""
import os
import secrets

from odoo import _
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.dealer_portal.controllers.relations import MAX_UPLOAD_BYTES

SPREADSHEET_EXTENSIONS = ("csv", "xlsx")


def form_token(key):
    """The one-time submission token of a form (kept in the session until the form is submitted)."""
    if not request.session.get(key):
        request.session[key] = secrets.token_urlsafe(24)
    return request.session[key]


def check_form_token(key, value):
    """True when ``value`` is the form's current token: a form replayed after its submission is refused."""
    expected = request.session.get(key)
    return bool(expected and value and consteq(str(value), expected))


def spend_form_token(key):
    """After a successful submission: the next form gets a new token."""
    request.session.pop(key, None)


def replayed_form_message():
    return _("This form was already submitted: open it again to record something new.")


def uploaded_spreadsheet(field="file"):
    """The CSV/XLSX file posted in ``field``: ((name, content), None) or (None, error message)."""
    upload = request.httprequest.files.get(field)
    if not upload or not upload.filename:
        return None, _("Choose the file to upload.")
    name = os.path.basename(upload.filename)
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in SPREADSHEET_EXTENSIONS:
        return None, _(
            "File %(name)s cannot be read: upload a CSV or XLSX file in the shape of the template.", name=name,
        )
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        return None, _(
            "File %(name)s is larger than %(size)s MB: split it and upload the parts one after the other.",
            name=name, size=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    return (name, content), None


def spreadsheet_limits():
    return _(
        "A CSV or XLSX file of at most %(size)s MB, with the columns of the template.",
        size=MAX_UPLOAD_BYTES // (1024 * 1024),
    )


def row_messages(errors, numbered=True):
    """The texts of the errors of the lines [{"row", "message"}]: "Row 3: ..." when ``numbered`` and known."""
    return [
        _("Row %(row)s: %(error)s", row=item["row"], error=item["message"]) if numbered and item["row"]
        else item["message"]
        for item in errors
    ]
