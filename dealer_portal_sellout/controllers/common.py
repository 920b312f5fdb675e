"""Helpers shared by the sell-out and forecast pages: their upload templates, column labels and row errors (the
portal's own toolbox, one-time form tokens included, is dealer_portal's ``DealerPortal``)."""
from odoo import _
from odoo.http import request

from odoo.addons.dealer_portal.models.dealer_portal_spreadsheet import SPREADSHEET_TYPES


def template_content(file_type, columns, sheet_name, rows=None):
    """The upload template of a sell-out or forecast form (CSV or XLSX): the header in the user's language, the
    lines ``rows(dealer)`` gives, and (XLSX) a sheet of the products the user's dealer sells on; 404 for another
    file type or a user of no dealer. The route sends it with ``DealerPortal._dealer_spreadsheet_response``."""
    dealer = request.env.user._dealer_portal_dealer()
    if file_type not in SPREADSHEET_TYPES or not dealer:
        raise request.not_found()
    return request.env["dealer.portal.spreadsheet"]._dealer_template(
        file_type, columns, sheet_name, request.env["dealer.sellout"]._dealer_portal_products(dealer),
        rows=rows(dealer) if rows else (),
    )


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
