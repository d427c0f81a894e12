"""Time and memory of reading hostile and large sheets (township.sheets.read_rows + parse_sheet).

    python benchmarks/sheets.py              # every case, each in a fresh process
    python benchmarks/sheets.py styled-30000 bomb-500mb

Each case is an .xlsx written straight as XML into a zip (quick to make, byte for byte what Excel
writes for these shapes), read in a child process; the child prints the outcome, wall and CPU seconds,
the growth of its peak resident memory while reading, and the peak of Python allocations (tracemalloc,
in a second run, since tracing slows the reading down). docs/decisions/0015 quotes the results.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
STYLES = (  # style 1: a thin border on every side, as a clerk draws a table's grid
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
VILLAGE_HEADERS = ["村（社区）名称", "类型", "村民小组数", "网格数", "户数", "人口", "备注"]
DISPUTE_HEADERS = ["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人", "联系电话", "纠纷简要情况",
                   "调解员", "调解结果", "结案日期", "回访日期", "回访情况", "备注"]


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref: str, value) -> str:
    if value is None:
        return f'<c r="{ref}" s="1"/>'
    if isinstance(value, int | float):
        return f'<c r="{ref}" s="1"><v>{value}</v></c>'
    return f'<c r="{ref}" s="1" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def row_xml(number: int, values: list) -> str:
    return f'<row r="{number}">' + "".join(cell(f"{column_letter(i)}{number}", v) for i, v in enumerate(values, 1)) + "</row>"


def write_xlsx(path: Path, rows, *, shared_strings=(), after_rows=()) -> int:
    """An .xlsx whose first sheet is `rows` (an iterable of row XML strings); returns the unpacked size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for text in shared_strings:
                part.write(f"<si><t>{text}</t></si>".encode())
            part.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for row in rows:
                part.write(row.encode())
            part.write(b"</sheetData>")
            for xml in after_rows:  # merged cells, hyperlinks … (they follow sheetData in a worksheet)
                part.write(xml.encode())
            part.write(b"</worksheet>")
        return sum(info.file_size for info in archive.infolist())


def village_head():
    yield row_xml(1, ["大溪镇村（社区）基本情况表"])
    yield row_xml(2, VILLAGE_HEADERS)


def styled_rows(first: int, last: int, columns: int, *, refs: bool = True):
    """Rows of bordered empty cells; without refs (r="B7"), as some writers save them, they pack 1000:1."""
    for number in range(first, last + 1):
        if refs:
            cells = "".join(f'<c r="{column_letter(c)}{number}" s="1"/>' for c in range(1, columns + 1))
        else:
            cells = '<c s="1"/>' * columns
        yield f'<row r="{number}">{cells}</row>'


def styled_until(size: int, columns: int = 100, *, refs: bool = True):
    """Styled empty rows until about `size` bytes of XML."""
    per_row = len(next(styled_rows(100000, 100000, columns, refs=refs)))
    yield from styled_rows(4, 4 + size // per_row, columns, refs=refs)


def case_styled_30000(path):
    records = (row_xml(3 + i, [f"村{i}", "村", 5, 7, 600 + i, 4000 + i, None]) for i in range(12))
    return write_xlsx(path, [*village_head(), *records, *styled_rows(15, 30000, 7)]), "villages"


def case_bomb(size, *, refs=True):
    def make(path):
        rows = [*village_head(), row_xml(3, ["大溪社区", "社区", 5, 7, 607, 4758, None])]
        return write_xlsx(path, iter_chain(rows, styled_until(size, refs=refs))), "villages"
    return make


def iter_chain(*iterables):
    for iterable in iterables:
        yield from iterable


def case_disputes_20000(path):
    def rows():
        yield row_xml(1, ["大溪镇2025年矛盾纠纷排查化解台账"])
        yield row_xml(2, DISPUTE_HEADERS)
        for i in range(20000):
            yield row_xml(3 + i, [f"DX-TJ-2025-{i:05d}", 45600 + i % 200, "排查发现", "邻里", "大溪社区", f"当事人{i}",
                                  f"138{i:08d}", "因宅基地边界问题发生纠纷，经调解双方达成一致", "李海波", "调解成功",
                                  45610 + i % 200, None, "协议已履行", None])
    return write_xlsx(path, rows()), "disputes"


def case_values_45_columns(path):
    def rows():
        yield row_xml(1, VILLAGE_HEADERS + [f"附加列{i}" for i in range(38)])
        for i in range(19990):
            yield row_xml(2 + i, [f"村{i}", "村", 5, 7, 600, 4000, None] + [i * 1.5 + j / 7 for j in range(38)])
    return write_xlsx(path, rows()), "villages"


def case_empty_rows_49mb(path):
    rows = [*village_head(), row_xml(3, ["大溪社区", "社区", 5, 7, 607, 4758, None])]
    return write_xlsx(path, iter_chain(rows, ("<row/>" for _ in range(49 * MB // 6)))), "villages"


def case_merges_49mb(path):
    rows = [*village_head(), row_xml(3, ["大溪社区", "社区", 5, 7, 607, 4758, None])]
    merges = ("<mergeCells>", *(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(10, 1_400_000)), "</mergeCells>")
    return write_xlsx(path, rows, after_rows=merges), "villages"


def case_strings_49mb(path):
    strings = (f"一段很长的说明文字{i}" for i in range(1_000_000))
    rows = [*village_head(), row_xml(3, ["大溪社区", "社区", 5, 7, 607, 4758, None])]
    return write_xlsx(path, rows, shared_strings=strings), "villages"


CASES = {
    "styled-30000": case_styled_30000,  # 12 records, borders drawn down to row 30,000 (issue 7, item 11)
    "bomb-500mb": case_bomb(500 * MB, refs=False),  # half a megabyte that unpacks to 500 MB (item 12)
    "styled-49mb": case_bomb(49 * MB),  # the most formatting a sheet may unpack to and still be read …
    "styled-49mb-norefs": case_bomb(49 * MB, refs=False),  # … and the same without cell references
    "disputes-20000": case_disputes_20000,  # the largest import allowed, realistic cells
    "values-45-columns": case_values_45_columns,  # the most values the budget lets through: 20,000 rows × 45 columns
    "empty-rows-49mb": case_empty_rows_49mb,  # 8 million <row/> without cells or references
    "merges-49mb": case_merges_49mb,  # 1.4 million merged cells
    "strings-49mb": case_strings_49mb,  # a shared-strings table of 40 MB
}


def measure(path: str, ledger: str, trace: bool) -> None:
    """In the child: read and parse the sheet once, print one JSON line."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "township.settings")
    import tracemalloc

    import django

    django.setup()
    from township.ledger import REGISTRY
    from township.sheets import SheetError, parse_sheet, read_rows
    from township.urls import urlpatterns  # noqa: F401 - registers every ledger

    resource = REGISTRY[ledger].resource_class
    data = Path(path).read_bytes()
    before = resource_usage()
    if trace:
        tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        parsed = parse_sheet(read_rows(data, "sheet.xlsx"), resource.header_aliases(), list(resource.required))
        outcome = f"{len(parsed.sheet_rows)} rows, {len(parsed.skipped)} skipped"
    except SheetError as exc:
        outcome = f"refused: {exc}"
    result = {"outcome": outcome, "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
              "rss_growth_mb": (resource_usage() - before) / 1024}
    if trace:
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
    print(json.dumps(result, ensure_ascii=False))


def resource_usage() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in names or list(CASES):
            path = Path(folder) / f"{name}.xlsx"
            unpacked, ledger = CASES[name](path)
            runs = {}
            for trace in (False, True):
                child = subprocess.run(  # noqa: S603 - this very script, with paths it made
                    [sys.executable, __file__, "--measure", str(path), ledger, "trace" if trace else ""],
                    capture_output=True, text=True, check=True,
                )
                runs[trace] = json.loads(child.stdout.strip().splitlines()[-1])
            run = runs[False]
            print(f"{name:15} {path.stat().st_size / 1024:8.0f} KB → {unpacked / MB:6.1f} MB unpacked | "
                  f"{run['outcome'][:60]:60} | wall {run['wall']:5.2f} s, CPU {run['cpu']:5.2f} s, "
                  f"RSS +{run['rss_growth_mb']:4.0f} MB, Python peak {runs[True]['traced_peak_mb']:5.1f} MB", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2], sys.argv[3], sys.argv[4] == "trace")
    else:
        main(sys.argv[1:])
