"""What kind of cell an XLSX file holds, read from its XML: a text is a text, not a formula or a link.

``xlsx_cells(content)`` returns ``{sheet name: {(row, col): (kind, value)}}`` (rows and columns from 0), ``kind``
being "string", "number", "boolean" or "formula" (``value`` is then the formula), and ``xlsx_links(content)`` the
number of hyperlinks per sheet.
"""
import io
import re
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
KINDS = {"s": "string", "inlineStr": "string", "str": "string", "b": "boolean", "n": "number"}


def _sheets(content):
    """(sheet name, sheet XML, shared strings) of each sheet."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        strings = []
        if "xl/sharedStrings.xml" in archive.namelist():
            strings = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
                       for si in ElementTree.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", NS)]
        targets = {rel.get("Id"): rel.get("Target")
                   for rel in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))}
        for sheet in ElementTree.fromstring(archive.read("xl/workbook.xml")).iterfind("m:sheets/m:sheet", NS):
            yield sheet.get("name"), ElementTree.fromstring(archive.read("xl/" + targets[sheet.get(REL_ID)])), strings


def _position(reference):
    letters, digits = re.match(r"([A-Z]+)(\d+)", reference).groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(digits) - 1, col - 1


def xlsx_cells(content):
    result = {}
    for name, data, strings in _sheets(content):
        cells = result[name] = {}
        for cell in data.iterfind("m:sheetData/m:row/m:c", NS):
            position, cell_type = _position(cell.get("r")), cell.get("t", "n")
            formula = cell.findtext("m:f", None, NS)
            value = cell.findtext("m:v", None, NS)
            if formula is not None:
                cells[position] = ("formula", formula)
            elif cell_type == "inlineStr":
                cells[position] = ("string", "".join(t.text or "" for t in cell.iter(f"{{{NS['m']}}}t")))
            elif value is not None:
                cells[position] = (KINDS.get(cell_type, cell_type), strings[int(value)] if cell_type == "s" else value)
    return result


def xlsx_links(content):
    return {name: len(data.findall("m:hyperlinks/m:hyperlink", NS)) for name, data, __ in _sheets(content)}
