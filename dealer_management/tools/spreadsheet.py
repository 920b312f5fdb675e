"""Reading and writing the suite's CSV/XLSX tables: a header row naming the columns, then one line per row.

The columns of a table are ``(key, label)`` pairs, the label a lazy translation: a template's header row holds
the labels in the user's language (经销商编码, 名称 … for a Chinese user) and a header cell is read in any
installed language, in English or as the column's key, so that a Chinese template, an English one and a file
written by a script with the keys are all read the same way.
"""
import csv
import io
import re
import unicodedata
import zipfile

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from odoo import _
from odoo.exceptions import UserError

from .xlsx import new_workbook, write_cells

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def header_key(text):
    """A header cell as compared: full-width forms folded (（ → (), lower case, spaces and underscores as one _."""
    text = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    return re.sub(r"[\s_]+", "_", text)


def languages(env):
    """English and every installed language: the languages a header or a sheet name is read in."""
    return {"en_US", *(code for code, _name in env["res.lang"].get_installed())}


def names_by_key(env, pairs):
    """{compared text: key} of ``(key, lazy label)`` pairs: each key and its label in every language read."""
    langs = languages(env)
    names = {}
    for key, label in pairs:
        names[header_key(key)] = key
        for lang in langs:
            names[header_key(label._translate(lang))] = key
    return names


def file_extension(filename):
    """The lower-case extension of ``filename`` (``csv``, ``xlsx``), or ""."""
    return filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""


def read_csv(content, max_rows=None):
    """The cells of a CSV file in UTF-8 (with or without BOM) or GB 18030 (what a Chinese Excel saves)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(_("The CSV file could not be read: save it as UTF-8 text."))
    if "\x00" in text:
        raise UserError(_("The CSV file could not be read: save it as UTF-8 text."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = csv.reader(io.StringIO(text), dialect)
        return [row for _index, row in zip(range(max_rows), rows, strict=False)] if max_rows else list(rows)
    except csv.Error as error:
        raise UserError(_("The CSV file could not be read: save it again from your spreadsheet as CSV.")) from error


def read_xlsx_sheets(content, max_rows=None):
    """{sheet name: cells} of every sheet of an XLSX workbook (values, not formulas)."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheets = {}
            for sheet in workbook.worksheets:
                table = sheets[sheet.title] = []
                for cells in sheet.iter_rows(values_only=True):
                    table.append(list(cells))
                    if max_rows and len(table) >= max_rows:
                        break
        finally:
            workbook.close()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, OSError,
            EOFError) as error:
        raise UserError(_(
            "The XLSX file could not be read: save it again from your spreadsheet as an Excel workbook (.xlsx)."
        )) from error
    return sheets


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def table_rows(env, table, columns):
    """(header keys, rows) of ``table`` (a list of cell lists): each row a dict of its column keys and ``row``,
    its line number in the file. Unknown or repeated header cells are None in the header keys, for the caller
    to refuse; blank lines are left out (their numbers are kept by the others)."""
    names = names_by_key(env, columns)
    cells = [header_key(cell) for cell in (table[0] if table else [])]
    while cells and not cells[-1]:
        cells.pop()
    header = [names.get(cell) for cell in cells]
    rows = []
    for number, line in enumerate(table[1:], start=2):
        values = {key: value for key, value in zip(header, line, strict=False) if key}
        if not all(is_blank(value) for value in values.values()):
            rows.append({"row": number, **values})
    return header, rows


def template_workbook(env, sheets):
    """An XLSX workbook (bytes): one sheet per ``(lazy sheet name, columns, example rows)``, the header row in the
    user's language, the example rows (dicts by column key) under it."""
    stream = io.BytesIO()
    workbook = new_workbook(stream)
    bold = workbook.add_format({"bold": True})
    for sheet_name, columns, rows in sheets:
        sheet = workbook.add_worksheet(env._(sheet_name)[:31])
        write_cells(sheet, 0, 0, [env._(label) for _key, label in columns], bold)
        for index, row in enumerate(rows, start=1):
            write_cells(sheet, index, 0, [row.get(key) for key, _label in columns])
        sheet.set_column(0, len(columns) - 1, 18)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return stream.getvalue()


def template_csv(env, columns, rows=()):
    """A CSV file (bytes, UTF-8 with BOM for Excel) with the header row in the user's language and ``rows``."""
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow([env._(label) for _key, label in columns])
    for row in rows:
        writer.writerow(["" if row.get(key) is None else row[key] for key, _label in columns])
    return stream.getvalue().encode("utf-8-sig")
