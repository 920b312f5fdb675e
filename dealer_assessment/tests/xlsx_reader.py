"""Read back an XLSX file in tests: with openpyxl when installed, else from its XML (zipfile + ElementTree).

``read_xlsx(content)`` returns ``{sheet name: (rows of values, {(row, col): number format}, frozen cell)}``,
rows and columns counted from 0, the frozen cell as Excel names it ("A2" below a frozen header row).
"""
import io
import re
import zipfile
from xml.etree import ElementTree

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl is optional
    openpyxl = None

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00"}


def read_xlsx(content):
    if openpyxl is None:  # pragma: no cover
        return _read_xml(content)
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: (
            [list(row) for row in sheet.iter_rows(values_only=True)],
            {(cell.row - 1, cell.column - 1): cell.number_format for row in sheet.iter_rows() for cell in row},
            sheet.freeze_panes,
        )
        for sheet in book.worksheets
    }


def _column(reference):
    """0-based column of a cell reference such as "AB12"."""
    letters = re.match(r"[A-Z]+", reference).group()
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _read_xml(content):  # pragma: no cover - used only without openpyxl
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        def xml(name):
            return ElementTree.fromstring(archive.read(name))

        strings = []
        if "xl/sharedStrings.xml" in archive.namelist():
            strings = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
                       for si in xml("xl/sharedStrings.xml").findall("m:si", NS)]
        styles = xml("xl/styles.xml")
        custom = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iterfind("m:numFmts/m:numFmt", NS)}
        formats_by_style = [
            custom.get(int(xf.get("numFmtId")), BUILTIN_FORMATS.get(int(xf.get("numFmtId")), "General"))
            for xf in styles.iterfind("m:cellXfs/m:xf", NS)
        ]
        targets = {rel.get("Id"): rel.get("Target") for rel in xml("xl/_rels/workbook.xml.rels")}
        result = {}
        for sheet in xml("xl/workbook.xml").iterfind("m:sheets/m:sheet", NS):
            data = xml("xl/" + targets[sheet.get(REL_ID)])
            rows, formats = [], {}
            for row in data.iterfind("m:sheetData/m:row", NS):
                values = []
                for cell in row.iterfind("m:c", NS):
                    col = _column(cell.get("r"))
                    values.extend([None] * (col - len(values)))
                    value = cell.findtext("m:v", None, NS)
                    if value is not None:
                        value = strings[int(value)] if cell.get("t") == "s" else float(value)
                    values.append(value)
                    formats[(int(row.get("r")) - 1, col)] = formats_by_style[int(cell.get("s", 0))]
                rows.append(values)
            pane = data.find("m:sheetViews/m:sheetView/m:pane", NS)
            result[sheet.get("name")] = (rows, formats, pane.get("topLeftCell") if pane is not None else None)
        return result
