"""Reading the Excel ledgers staff already keep, and writing ledgers in the same layout.

Real sheets have a title row, sometimes a two-row merged header, a 序号 column, headers that vary
by place, a totals row and trailing blank rows (see docs/decisions/0004-sheet-reader.md). The reader
finds the header, maps each header to the resource's canonical column name through its aliases,
and returns a tablib Dataset plus the sheet row number of every data row, so that errors can name
the row a clerk sees in Excel.
"""

import csv
import io
import re
from dataclasses import dataclass, field

import openpyxl
import tablib
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

TOTAL_MARKERS = ("合计", "总计", "小计", "总数")
FORMULA_PREFIXES = ("=", "+", "-", "@")
IGNORED_HEADERS = {"序号", "序", "编号序号"}
MAX_ROWS = 20000


class SheetError(ValueError):
    """The file as a whole cannot be read; the message is for the clerk."""


@dataclass
class ParsedSheet:
    dataset: tablib.Dataset
    sheet_rows: list[int]  # the Excel row number of each dataset row
    ignored_headers: list[str] = field(default_factory=list)
    title: str = ""


def normalise_header(text) -> str:
    """Header cells compared without spaces, line breaks, full-width brackets or a trailing colon."""
    value = str(text or "").strip()
    value = value.replace("（", "(").replace("）", ")").replace("：", "").replace(":", "")
    return re.sub(r"\s+", "", value)


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def read_rows(uploaded, filename: str) -> list[list]:
    """All rows of the first sheet of an xlsx or csv file, merged header cells filled in."""
    name = filename.lower()
    data = uploaded.read() if hasattr(uploaded, "read") else uploaded
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise SheetError(_("无法识别该 CSV 文件的编码，请另存为 UTF-8 或 xlsx 格式。"))
        try:  # newline=None: line ends of any platform, old Mac \r included
            return [list(row) for row in csv.reader(io.StringIO(text, newline=None))]
        except csv.Error as exc:  # e.g. a cell longer than the csv module's field limit
            raise SheetError(_("CSV 文件格式有误，无法读取，请在 Excel 中另存为 xlsx 格式后再导入。")) from exc
    if not name.endswith(".xlsx"):
        raise SheetError(_("只能导入 Excel（.xlsx）或 CSV 文件。旧版 .xls 请在 Excel 中另存为 .xlsx。"))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # a damaged file fails anywhere in openpyxl (zip, XML parser, styles …)
        raise SheetError(_("文件无法作为 Excel 表格打开，请确认是 .xlsx 格式。")) from exc
    if sheet.max_row > MAX_ROWS + 10:
        raise SheetError(_("表格超过 %(max)s 行，请分批导入。") % {"max": MAX_ROWS})
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # A merged header cell keeps its text in the top-left cell only: spread it over the range.
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > 12:
            continue
        value = rows[merged.min_row - 1][merged.min_col - 1] if rows else None
        for r in range(merged.min_row, min(merged.max_row, 12) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if merged.min_row != merged.max_row and r > merged.min_row and c == merged.min_col:
                    rows[r - 1][c - 1] = None  # a vertically merged header: the lower cell stays empty
                elif (r, c) != (merged.min_row, merged.min_col) and merged.min_row == r:
                    rows[r - 1][c - 1] = value  # a group header spread over its sub-columns
    return rows


def _resolve(candidates: list[str], aliases: dict[str, str]) -> str | None:
    for candidate in candidates:
        key = normalise_header(candidate)
        if key in aliases:
            return aliases[key]
    return None


def _header_names(top: list, below: list | None) -> list[list[str]]:
    """The candidate names of each column: 'group/sub', 'sub', 'group' for a two-row header."""
    names = []
    for index, cell in enumerate(top):
        text = _cell_text(cell)
        sub = _cell_text(below[index]) if below is not None and index < len(below) else ""
        if sub:
            names.append([f"{text}/{sub}", sub, f"{text}{sub}", text] if text else [sub])
        else:
            names.append([text] if text else [])
    return names


def parse_sheet(rows: list[list], aliases: dict[str, str], required: list[str]) -> ParsedSheet:
    """Find the header among the first rows, map its columns, return the data rows as a Dataset."""
    head = rows[:10]
    single = [sum(1 for names in _header_names(row, None) if _resolve(names, aliases)) for row in head]
    best = (0, -1, False)
    for index, row in enumerate(head):
        texts = {_cell_text(c) for c in row if _cell_text(c)}
        if len(texts) <= 1:
            continue  # a title row (one merged cell) is never the header
        score, two_rows = single[index], False
        if index + 1 < len(head):
            double = sum(1 for names in _header_names(row, head[index + 1]) if _resolve(names, aliases))
            if double > score and double > single[index + 1]:
                score, two_rows = double, True
        if score > best[0]:
            best = (score, index, two_rows)
    score, header_index, two_rows = best
    if score < 2:
        raise SheetError(_("没有找到表头行：请确认表格包含本台账的列名（例如：%(cols)s）。") % {"cols": "、".join(required[:4])})
    column_names = _header_names(rows[header_index], rows[header_index + 1] if two_rows else None)
    mapping: dict[int, str] = {}
    ignored = []
    for col, names in enumerate(column_names):
        canonical = _resolve(names, aliases)
        label = names[0] if names else ""
        if canonical and canonical not in mapping.values():
            mapping[col] = canonical
        elif label and normalise_header(label) not in IGNORED_HEADERS:
            ignored.append(label)
    missing = [name for name in required if name not in mapping.values()]
    if missing:
        raise SheetError(_("表格缺少必填列：%(cols)s。") % {"cols": "、".join(missing)})
    headers = list(mapping.values())
    dataset = tablib.Dataset(headers=headers)
    sheet_rows = []
    first_data = header_index + (2 if two_rows else 1)
    title = _cell_text(rows[0][0]) if header_index > 0 and rows[0] else ""
    for offset, row in enumerate(rows[first_data:], start=first_data + 1):
        texts = [_cell_text(c) for c in row]
        if not any(texts):
            continue
        if any(t.replace(" ", "").startswith(TOTAL_MARKERS) for t in texts[:3] if t):
            continue
        dataset.append([_unneutralise(row[col]) if col < len(row) else None for col in mapping])
        sheet_rows.append(offset)
    if not sheet_rows:
        raise SheetError(_("表格中没有数据行。"))
    if len(sheet_rows) > MAX_ROWS:
        raise SheetError(_("表格超过 %(max)s 行，请分批导入。") % {"max": MAX_ROWS})
    return ParsedSheet(dataset=dataset, sheet_rows=sheet_rows, ignored_headers=ignored, title=title)


def _unneutralise(value):
    """Undo the export's protection of formula-like text, so that export → import changes nothing."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def neutralise(value):
    """Text that Excel would run as a formula is prefixed with an apostrophe (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_xlsx(title: str, headers: list[str], rows: list[list]) -> bytes:
    """A ledger in the importer's layout: a title row, the Chinese header row, then the records.

    Written in openpyxl's write-only mode (streams rows; a 10,000-row ledger in about a second).
    """
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31].replace("/", "-") or "台账")
    columns = ["序号", *headers]
    for index, header in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, min(40, len(header) * 2 + 4))
    sheet.freeze_panes = "A3"
    title_cell = WriteOnlyCell(sheet, value=title)
    title_cell.font = Font(bold=True, size=14)
    sheet.append([title_cell])
    header_cells = []
    for header in columns:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for number, row in enumerate(rows, start=1):
        # formula-like text is neutralised, so no string cell becomes a formula; dates get a date format
        sheet.append([number, *(neutralise(v) for v in row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(headers: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["序号", *headers])
    for number, row in enumerate(rows, start=1):
        writer.writerow([number, *("" if v is None else neutralise(v) for v in row)])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel open it as UTF-8
