"""Small helpers for tests that post forms and sheets (importable as `from tests.helpers import …`).

    form_data(form)                 the POST data a browser would send for an unbound Django form
    xlsx_bytes(headers, rows, title=…)  an .xlsx in the ledgers' layout: title row, header row, data rows
    upload(name, content)           a SimpleUploadedFile, for client.post(…, {"file": upload(…)})
    read_xlsx(content)              all rows of the first sheet of an .xlsx as lists of values
"""

import io
import re

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile


def form_data(form) -> dict:
    """The values a browser posts for `form` as rendered: unchecked boxes and empty values left out."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        data[name] = value
    return data


def xlsx_bytes(headers: list[str], rows: list[list], *, title: str | None = "大溪镇台账") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title is not None:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headers), 1))
    if headers:
        sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def read_xlsx(content: bytes) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def rewrite_sheet_xml(content: bytes, change, part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The .xlsx with the XML of its first sheet (or another part) replaced by change(xml): shapes openpyxl
    would not write."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == part:
                data = change(data.decode()).encode()
            target.writestr(item.filename, data)
    return buffer.getvalue()


def with_styled_empty_rows(content: bytes, until_row: int, columns: int) -> bytes:
    """The .xlsx with a thin border on every cell and bordered empty rows down to `until_row`, as a sheet
    looks whose table grid was drawn far below its records."""
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    thin = Side(style="thin")
    for row in sheet.iter_rows(min_row=2, max_col=columns):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    last, style = sheet.max_row, sheet.cell(2, 1).style_id
    buffer = io.BytesIO()
    workbook.save(buffer)
    letters = [get_column_letter(column) for column in range(1, columns + 1)]
    empty = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{letter}{n}" s="{style}"/>' for letter in letters) + "</row>"
        for n in range(last + 1, until_row + 1)
    )

    def extend(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:{letters[-1]}{until_row}"', xml)
        return xml.replace("</sheetData>", empty + "</sheetData>")

    return rewrite_sheet_xml(buffer.getvalue(), extend)


def with_shared_strings(content: bytes, rich: dict[str, str] | None = None) -> bytes:
    """The .xlsx with its text in a shared-strings table, as Excel and WPS save it (openpyxl writes each text
    in its cell). `rich` gives the <si> XML of some texts (runs of formatted text, phonetic guides)."""
    import html
    import zipfile

    rich = rich or {}
    strings: list[str] = []

    def shared(match):
        text = html.unescape(match.group(3))
        strings.append(rich.get(text, f"<si><t>{html.escape(text)}</t></si>"))
        return f'<c r="{match.group(1)}"{match.group(2) or ""} t="s"><v>{len(strings) - 1}</v></c>'

    namespace = "http://schemas.openxmlformats.org"
    parts = {
        "xl/worksheets/sheet1.xml": lambda xml: re.sub(
            r'<c r="(\w+)"( s="\d+")? t="inlineStr"><is><t>(.*?)</t></is></c>', shared, xml),
        "[Content_Types].xml": lambda xml: xml.replace("</Types>", (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')),
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace("</Relationships>", (
            f'<Relationship Type="{namespace}/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml" Id="rIdStrings"/></Relationships>')),
    }
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item).decode()
            target.writestr(item.filename, parts.get(item.filename, lambda xml: xml)(data))
        target.writestr("xl/sharedStrings.xml", (
            f'<sst xmlns="{namespace}/spreadsheetml/2006/main" count="{len(strings)}">{"".join(strings)}</sst>'))
    return buffer.getvalue()
