"""Helpers shared by the sell-out, forecast (and warranty claim) pages: one-time form tokens, upload texts."""
import secrets

from odoo import _
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.dealer_portal.controllers.relations import MAX_UPLOAD_BYTES, DealerRelationsPortal
from odoo.addons.dealer_portal.models.dealer_portal_spreadsheet import SPREADSHEET_TYPES


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


def spreadsheet_limits():
    return _(
        "A CSV or XLSX file of at most %(size)s MB, with the columns of the template.",
        size=MAX_UPLOAD_BYTES // (1024 * 1024),
    )


def template_download(file_type, columns, sheet_name, file_name, rows=None):
    """The upload template of a sell-out or forecast form (CSV or XLSX): the header in the user's language, the
    lines ``rows(dealer)`` gives, and (XLSX) a sheet of the products the user's dealer sells on; 404 for another
    file type or a user of no dealer. ``file_name`` (translated) is sent as RFC 5987 by ``content_disposition``."""
    dealer = request.env.user._dealer_portal_dealer()
    if file_type not in SPREADSHEET_TYPES or not dealer:
        raise request.not_found()
    content = request.env["dealer.portal.spreadsheet"]._dealer_template(
        file_type, columns, sheet_name, request.env["dealer.sellout"]._dealer_portal_products(dealer),
        rows=rows(dealer) if rows else (),
    )
    return DealerRelationsPortal._dealer_spreadsheet_response(file_type, content, f"{file_name}.{file_type}")


def column_labels(columns, keys=None):
    """The labels of a file's columns as the upload page lists them, in the user's language."""
    return ", ".join(request.env["dealer.portal.spreadsheet"]._dealer_column_labels(columns, keys))


def row_messages(errors, numbered=True):
    """The texts of the errors of the lines [{"row", "message"}]: "Row 3: ..." when ``numbered`` and known."""
    return [
        _("Row %(row)s: %(error)s", row=item["row"], error=item["message"]) if numbered and item["row"]
        else item["message"]
        for item in errors
    ]
