"""Small helpers for tests that post forms and sheets (importable as `from tests.helpers import …`).

    form_data(form)                 the POST data a browser would send for an unbound Django form
    xlsx_bytes(headers, rows, title=…)  an .xlsx in the ledgers' layout: title row, header row, data rows
    upload(name, content)           a SimpleUploadedFile, for client.post(…, {"file": upload(…)})
    read_xlsx(content)              all rows of the first sheet of an .xlsx as lists of values
"""

import io

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
