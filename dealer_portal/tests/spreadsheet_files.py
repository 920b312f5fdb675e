"""Reading back the upload templates the portal sends: the download's file name and an XLSX sheet's rows."""
from urllib.parse import unquote

from odoo.addons.dealer_management.tests.xlsx_cells import xlsx_cells


def download_name(response):
    """The file name of a download (Odoo's content_disposition writes it as RFC 5987: filename*=UTF-8''...)."""
    return unquote(response.headers["Content-Disposition"].split("filename*=UTF-8''", 1)[1])


def sheet_rows(content, sheet):
    """The rows of values of an XLSX sheet (dealer_management's cell reader; numbers as their text)."""
    cells = xlsx_cells(content)[sheet]
    width = max(col for __, col in cells) + 1
    return [[(cells.get((row, col)) or (None, None))[1] for col in range(width)]
            for row in range(max(row for row, __ in cells) + 1)]
