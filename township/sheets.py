"""Reading the Excel ledgers staff already keep, and writing ledgers in the same layout.

Real sheets have a title row, sometimes a two-row merged header, a 序号 column, headers that vary
by place, a totals row, a footer (填表人、审核人、填报单位（盖章）…), hidden rows and borders drawn far
below the data (see docs/decisions/0004-sheet-reader.md and 0015-bounded-sheet-reading.md). The reader
streams the first sheet, keeps only the rows that hold a value, finds the header, maps each header to
the resource's canonical column name through its aliases, and returns a tablib Dataset plus the sheet
row number of every data row, so that errors can name the row a clerk sees in Excel.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import INLINE_STRING, ROW_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from township import xlsx

TOTAL_MARKERS = ("合计", "总计", "小计", "总数")
FORMULA_PREFIXES = ("=", "+", "-", "@")
IGNORED_HEADERS = {"序号", "序", "编号序号"}
MAX_ROWS = 20000  # data rows of one import
READ_PROGRESS_EVERY = 200  # rows read between two calls of read_rows' on_rows
MAX_COLUMNS = 200  # no ledger has more; values further right are not read
HEAD_ROWS = 10  # the header is looked for among the first rows that hold values
MAX_SHEET_ROWS = MAX_ROWS + 100  # rows holding values, head and footer included: reading stops beyond
# Rows and cells in the sheet's XML, empty formatted ones included, bound the time a sheet takes to read
# (docs/decisions/0015-bounded-sheet-reading.md): an import of 20,000 rows × 30 columns is 600,000 cells.
MAX_XML_ROWS = 250_000
MAX_XML_CELLS = 1_000_000
MERGE_CELL_TAG = f"{{{SHEET_MAIN_NS}}}mergeCell"
SI_TAG, T_TAG, RPH_TAG, R_TAG = (f"{{{SHEET_MAIN_NS}}}{name}" for name in ("si", "t", "rPh", "r"))
MERGE_TOP_ROW = re.compile(r"\$?[A-Za-z]{1,3}\$?(\d+)")  # the first row of a merged range "B2:D3"
NO_VALUE = {"column": 0, "value": None}  # a cell passed over
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls and other pre-2007 Office files
# A footer cell starts with one of these labels and a colon: "填表人：张三", "填报单位（盖章）：大溪镇人民政府".
FOOTER_LABELS = (
    "填表人", "填报人", "制表人", "统计人", "经办人", "审核人", "审批人", "复核人", "核对人", "负责人", "单位负责人",
    "分管领导", "主要领导", "联系人", "联系电话", "填表日期", "填报日期", "制表日期", "报送日期", "统计日期",
    "填表单位", "填报单位", "制表单位", "报送单位", "统计单位", "制表", "填表", "审核", "复核",
)
FOOTER_CELL = re.compile("^(?:" + "|".join(FOOTER_LABELS) + r")(?:[(（][^)）]{0,8}[)）])?[:：]")
NOTE_CELL = re.compile(r"^(?:注|说明|填表说明|备注)\d?[:：.、]")
SIGNATURE_CELL = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")  # "…办公室　2025年2月"
SEAL_CELL = re.compile(r"^[(（]?盖章[)）]?$")
DATE_CELL = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?: 00:00:00)?$")


class SheetError(ValueError):
    """The file as a whole cannot be read; the message is for the clerk."""


@dataclass
class SheetRows:
    """The rows of a sheet that hold a value, each with its sheet row number, and which of them are hidden."""

    rows: list[tuple[int, list]]
    hidden: set[int] = field(default_factory=set)

    @classmethod
    def from_lists(cls, rows: list[list]) -> "SheetRows":
        return cls([(number, list(row)) for number, row in enumerate(rows, start=1) if _holds_value(row)])


@dataclass(frozen=True)
class SkippedRow:
    sheet_row: int
    reason: str
    text: str


@dataclass
class ParsedSheet:
    dataset: tablib.Dataset
    sheet_rows: list[int]  # the Excel row number of each dataset row
    ignored_headers: list[str] = field(default_factory=list)
    title: str = ""
    skipped: list[SkippedRow] = field(default_factory=list)  # totals, footers, rows with nothing to import
    hidden_rows: list[int] = field(default_factory=list)  # sheet rows of records that Excel hides


def normalise_header(text) -> str:
    """Header cells compared without spaces, line breaks, full-width brackets or a trailing colon."""
    value = str(text or "").strip()
    value = value.replace("（", "(").replace("）", ")").replace("：", "").replace(":", "")
    return re.sub(r"\s+", "", value)


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def _holds_value(row) -> bool:
    return any(_cell_text(value) for value in row)


def check_file_type(filename: str) -> None:
    """Only .xlsx and .csv are read; an old .xls gets told how to convert it."""
    name = filename.lower()
    if name.endswith((".xls", ".et")):
        raise SheetError(_("只能导入 Excel（.xlsx）或 CSV 文件。旧版 Excel（.xls）或 WPS（.et）文件请另存为 .xlsx 后再导入"
                           "（在 Excel 或 WPS 中：文件 → 另存为 → Excel 工作簿）。"))
    if not name.endswith((".xlsx", ".csv")):
        raise SheetError(_("只能导入 Excel（.xlsx）或 CSV 文件。"))


def read_rows(uploaded, filename: str, on_rows=None) -> SheetRows:
    """The rows holding values of the first sheet of an xlsx or csv file, merged header cells filled in.
    on_rows(count) is told every READ_PROGRESS_EVERY rows kept (a background import's progress)."""
    data = uploaded.read() if hasattr(uploaded, "read") else uploaded
    check_file_type(filename)
    if filename.lower().endswith(".csv"):
        return _read_csv(data, on_rows)
    if data.startswith(OLE_MAGIC):  # an .xls renamed to .xlsx
        check_file_type("sheet.xls")
    return _read_xlsx(data, on_rows)


def _read_csv(data: bytes, on_rows=None) -> SheetRows:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(_("无法识别该 CSV 文件的编码，请另存为 UTF-8 或 xlsx 格式。"))
    rows = []
    try:  # newline=None: line ends of any platform, old Mac \r included
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=None)), start=1):
            if _holds_value(row):
                _check_row_count(len(rows))
                rows.append((number, row[:MAX_COLUMNS]))
                if on_rows is not None and len(rows) % READ_PROGRESS_EVERY == 0:
                    on_rows(len(rows))
    except csv.Error as exc:  # e.g. a cell longer than the csv module's field limit
        raise SheetError(_("CSV 文件格式有误，无法读取，请在 Excel 中另存为 xlsx 格式后再导入。")) from exc
    return SheetRows(rows)


def _check_row_count(kept: int) -> None:
    if kept >= MAX_SHEET_ROWS:
        raise SheetError(_("表格超过 %(max)s 行，请分批导入。") % {"max": MAX_ROWS})


def _damaged() -> SheetError:
    return SheetError(_("文件无法作为 Excel 表格打开，请确认是 .xlsx 格式。"))


def _check_unpacked_size(data: bytes) -> None:
    """A small upload may unpack to gigabytes (a zip bomb): the sizes the zip declares are checked first.

    zipfile never unpacks a member beyond its declared size (it stops and fails the CRC check), so the
    declared sizes bound what openpyxl will read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _damaged() from exc
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise SheetError(
            _("表格解压后有 %(size)s MB，超过 %(max)s MB 的上限，无法导入：请删除多余的工作表、图片和空白行的格式，或分批导入。")
            % {"size": round(unpacked / 1048576), "max": limit // 1048576}
        )


def _read_xlsx(data: bytes, on_rows=None) -> SheetRows:
    _check_unpacked_size(data)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged file fails anywhere in openpyxl (zip, XML parser, styles …)
        raise _damaged() from exc
    try:
        return _stream_first_sheet(reader, on_rows)
    except SheetError:
        raise
    except Exception as exc:
        raise _damaged() from exc
    finally:
        reader.archive.close()


class _SheetParser(WorkSheetParser):
    """openpyxl's worksheet parser, reading only the rows and the merged cells of the header, within a budget.

    Cells that hold no value (a border or a fill only), which most of a sheet formatted far below its data
    is made of, are passed over. Every element is dropped from the XML tree once read (openpyxl's own loop
    keeps emptied rows, and builds whole parts such as hyperlinks or conditional formats as objects).
    """

    _passed_ref = None  # the reference of the last cell passed over, while the column count lags behind

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows_read = self.cells_read = 0
        self.last_head_row = 0  # merged cells are kept only when they start in a row up to this one
        self.merged: list[CellRange] = []

    def parse(self):
        path = []  # the open elements: the worksheet, then sheetData and a row, or another part
        for event, element in iterparse(self.source, events=("start", "end")):
            if event == "start":
                path.append(element)
                continue
            path.pop()
            if len(path) > 2 and path[2].tag == ROW_TAG:
                continue  # a cell or its value: read with its row
            if element.tag == ROW_TAG and len(path) == 2:
                self.rows_read += 1
                self.cells_read += len(element)
                self.check_budget()
                yield self.parse_row(element)
            elif element.tag == MERGE_CELL_TAG and len(path) == 2:
                self.cells_read += 1
                self.check_budget()
                top = MERGE_TOP_ROW.match(element.get("ref", ""))
                if top and int(top.group(1)) <= self.last_head_row:
                    self.merged.append(CellRange(element.get("ref")))
            element.clear()
            if path:
                path[-1].remove(element)

    def check_budget(self):
        if self.rows_read > MAX_XML_ROWS or self.cells_read > MAX_XML_CELLS:
            raise SheetError(
                _("表格中带格式的行或单元格过多（超过 %(rows)s 行或 %(cells)s 个单元格），无法导入："
                  "请删除空白行、空白列的边框和底色等格式，或分批导入。")
                % {"rows": f"{MAX_XML_ROWS:,}", "cells": f"{MAX_XML_CELLS:,}"}
            )

    def parse_cell(self, element):
        ref = element.get("r")
        # a cell written without its reference ("r") still counts the cells passed over before it
        if ref is None and self._passed_ref is not None:
            row, column = coordinate_to_tuple(self._passed_ref)
            if row == self.row_counter:
                self.col_counter = column
        self._passed_ref = None
        if len(element) and element.get("t") == "inlineStr" and self.data_only:
            return self.parse_inline_string(element, ref)
        if len(element):  # a value, a formula or an inline string
            return super().parse_cell(element)
        if ref is None:
            self.col_counter += 1
        else:
            self._passed_ref = ref
        return NO_VALUE

    def parse_inline_string(self, element, ref):
        """A cell of text written in the sheet (as our exports write every text), read as openpyxl reads it (its
        <t>, then its runs' <t>, phonetic guides left out) without building its object tree (a tenth of reading
        10,000 rows)."""
        if ref is None:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        else:
            row, column = coordinate_to_tuple(ref)
            self.col_counter = column
        text = element.find(INLINE_STRING)
        value = None
        if text is not None:
            runs = [text.find(T_TAG), *(run.find(T_TAG) for run in text.findall(R_TAG))]
            value = "".join(run.text for run in runs if run is not None and run.text is not None)
        return {"row": row, "column": column, "value": value}


def _read_shared_strings(reader: ExcelReader) -> list[str]:
    """The workbook's shared strings as openpyxl's read_string_table gives them (text runs joined, phonetic
    guides left out), at about a third of its time and without keeping each emptied <si> in memory."""
    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    strings, path = [], []
    with reader.archive.open(part.PartName[1:]) as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                path.append(element)
                continue
            path.pop()
            if len(path) != 1:
                continue  # a run or its text: read with its <si>
            if element.tag == SI_TAG:
                runs = [child if child.tag == T_TAG else child.find(T_TAG) for child in element if child.tag != RPH_TAG]
                strings.append("".join(run.text or "" for run in runs if run is not None).replace("x005F_", ""))
            element.clear()
            path[0].remove(element)
    return strings


def _stream_first_sheet(reader: ExcelReader, on_rows=None) -> SheetRows:
    """One pass over the first worksheet's XML, keeping only the rows that hold a value, so that memory
    follows the data and not the formatting.

    openpyxl's read-only worksheet would stream the rows too, but gives neither hidden rows nor merged
    cells, and reads every sheet once more for its size when the file has no <dimension> (files written by
    openpyxl, ours included). So the workbook is opened with the steps of openpyxl's ExcelReader.read()
    that the values need (shared strings, date styles) and the sheet is read by openpyxl's own parser, as
    its read-only worksheet does. openpyxl is pinned in requirements.txt; tests/township/test_sheets.py
    covers every use (docs/decisions/0015-bounded-sheet-reading.md).
    """
    reader.read_manifest()
    reader.shared_strings = _read_shared_strings(reader)
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)  # which number formats are dates
    target = next((rel.target for _sheet, rel in reader.parser.find_sheets()
                   if rel.target in reader.valid_files and "chartsheet" not in rel.Type), None)
    if target is None:
        raise _damaged()
    workbook = reader.wb
    rows, hidden = [], set()
    with reader.archive.open(target) as source:
        parser = _SheetParser(
            source, reader.shared_strings, data_only=True, epoch=workbook.epoch,
            date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            attributes = parser.row_dimensions.pop(str(number), None)  # height, style, hidden …
            values = {cell["column"]: cell["value"] for cell in cells
                      if cell["value"] is not None and cell["column"] <= MAX_COLUMNS and _cell_text(cell["value"])}
            if not values:
                continue
            _check_row_count(len(rows))
            row = [None] * max(values)
            for column, value in values.items():
                row[column - 1] = value
            rows.append((number, row))
            if on_rows is not None and len(rows) % READ_PROGRESS_EVERY == 0:
                on_rows(len(rows))
            if len(rows) <= HEAD_ROWS + 2:
                parser.last_head_row = number
            if attributes and attributes.get("hidden") in ("1", "true"):
                hidden.add(number)
    _spread_merged_header_cells(rows, parser.merged)
    return SheetRows(rows, hidden)


def _spread_merged_header_cells(rows: list[tuple[int, list]], merged: list[CellRange]) -> None:
    """A merged header cell keeps its text in the top-left cell only: spread it over its sub-columns."""
    head = dict(rows[: HEAD_ROWS + 2])
    last_head_row = max(head, default=0)
    for cells in merged:
        top = head.get(cells.min_row)
        if top is None:
            continue
        value = top[cells.min_col - 1] if cells.min_col <= len(top) else None
        last_col = min(cells.max_col, MAX_COLUMNS)
        for number in range(cells.min_row, min(cells.max_row, last_head_row) + 1):
            row = head.get(number)
            if row is None:
                continue
            if len(row) < last_col:
                row.extend([None] * (last_col - len(row)))
            for col in range(cells.min_col, last_col + 1):
                if number > cells.min_row and col == cells.min_col:
                    row[col - 1] = None  # a vertically merged header: the lower cell stays empty
                elif number == cells.min_row and col != cells.min_col:
                    row[col - 1] = value  # a group header spread over its sub-columns


def _resolve(candidates: list[str], aliases: dict[str, str]) -> str | None:
    for candidate in candidates:
        key = normalise_header(candidate)
        if key in aliases:
            return aliases[key]
    return None


def _header_names(top: list, below: list | None) -> list[list[str]]:
    """The candidate names of each column: 'group/sub', 'sub', 'group' for a two-row header."""
    names = []
    width = max(len(top), len(below) if below is not None else 0)
    for index in range(width):
        text = _cell_text(top[index]) if index < len(top) else ""
        sub = _cell_text(below[index]) if below is not None and index < len(below) else ""
        if sub:
            names.append([f"{text}/{sub}", sub, f"{text}{sub}", text] if text else [sub])
        else:
            names.append([text] if text else [])
    return names


def footer_reason(texts: list[str]) -> str | None:
    """Why a row under the data is not a record: a totals row or the sheet's footer, else None."""
    filled = [text.replace(" ", "").replace("\u3000", "") for text in texts if text]
    if not filled:
        return None
    if any(text.startswith(TOTAL_MARKERS) for text in [t.replace(" ", "") for t in texts[:3]] if text):
        return _("合计行")
    signed = [bool(FOOTER_CELL.match(text) or SEAL_CELL.match(text)) for text in filled]
    if any(signed) and all(is_signed or DATE_CELL.match(text) for is_signed, text in zip(signed, filled, strict=True)):
        return _("表尾签署栏")
    if len(filled) == 1 and (NOTE_CELL.match(filled[0]) or SIGNATURE_CELL.search(filled[0])):
        return _("表尾说明或落款")
    return None


def parse_sheet(rows: SheetRows | list[list], aliases: dict[str, str], required: list[str]) -> ParsedSheet:
    """Find the header among the first rows, map its columns, return the data rows as a Dataset."""
    if not isinstance(rows, SheetRows):
        rows = SheetRows.from_lists(rows)
    kept = rows.rows
    head = [values for _number, values in kept[:HEAD_ROWS]]
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
    column_names = _header_names(head[header_index], head[header_index + 1] if two_rows else None)
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
    dataset = tablib.Dataset(headers=list(mapping.values()))
    sheet_rows, skipped, hidden = [], [], []
    title = _cell_text(kept[0][1][0]) if header_index > 0 and kept[0][1] else ""
    for number, row in kept[header_index + (2 if two_rows else 1):]:
        texts = [_cell_text(c) for c in row]
        reason = footer_reason(texts)
        if reason is None and not any(texts[col] for col in mapping if col < len(texts)):
            reason = _("没有本台账的列")  # e.g. a signature line in the 序号 column only
        if reason is not None:
            skipped.append(SkippedRow(number, reason, " ".join(text for text in texts if text)[:80]))
            continue
        dataset.append([_unneutralise(row[col]) if col < len(row) else None for col in mapping])
        sheet_rows.append(number)
        if number in rows.hidden:
            hidden.append(number)
    if not sheet_rows:
        raise SheetError(_("表格中没有数据行。"))
    if len(sheet_rows) > MAX_ROWS:
        raise SheetError(_("表格超过 %(max)s 行，请分批导入。") % {"max": MAX_ROWS})
    return ParsedSheet(dataset=dataset, sheet_rows=sheet_rows, ignored_headers=ignored, title=title,
                       skipped=skipped, hidden_rows=hidden)


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

    Streamed as the sheet's XML (township.xlsx): a 10,000-row ledger in about 0.3 s.
    """
    columns = ["序号", *headers]
    widths = [max(8, min(40, len(header) * 2 + 4)) for header in columns]
    # formula-like text is neutralised, so no string cell becomes a formula; dates get a date format
    records = ([number, *(neutralise(v) for v in row)] for number, row in enumerate(rows, start=1))
    return xlsx.write_sheet(title, columns, widths, records)


def write_csv(headers: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["序号", *headers])
    for number, row in enumerate(rows, start=1):
        writer.writerow([number, *("" if v is None else neutralise(v) for v in row)])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel open it as UTF-8
