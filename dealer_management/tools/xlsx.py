"""The workbooks the dealer suite writes (exports, upload templates): every text stays text.

XlsxWriter's ``write`` and ``write_row`` guess a cell's type from the value: a string starting with ``=`` becomes
a live formula and a string that looks like a URL a hyperlink. Texts come from users (a dealer's name from the
public application form, a product's name), so ``=HYPERLINK("http://evil", "Open")`` would run in the reader's
Excel. ``new_workbook`` switches those guesses off, and ``write_cells`` writes each value with the method of its
type: texts with ``write_string``, numbers with ``write_number``.
"""
from numbers import Number

import xlsxwriter

WORKBOOK_OPTIONS = {
    "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
}


def new_workbook(stream):
    """An XlsxWriter workbook writing into ``stream`` that never turns a text into a formula, link or number."""
    return xlsxwriter.Workbook(stream, WORKBOOK_OPTIONS)


def write_cell(sheet, row, col, value, cell_format=None):
    """Write one value in the cell of its type: None or "" blank, bool boolean, number number, anything else
    text."""
    if value is None or value == "":
        sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, Number):
        sheet.write_number(row, col, value, cell_format)
    else:
        sheet.write_string(row, col, str(value), cell_format)


def write_cells(sheet, row, col, values, cell_format=None):
    """Write ``values`` from (row, col) rightwards, each with ``write_cell`` (instead of ``write_row``)."""
    for offset, value in enumerate(values):
        write_cell(sheet, row, col + offset, value, cell_format)
