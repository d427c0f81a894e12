"""What the fuzzing generates: hostile text, numbers at the limits, dates in every notation a clerk (or a
careless sheet) writes, and whole .xlsx sheets with random headers, merged cells, formulas and blank rows.

Everything here is a hypothesis strategy; tests/fuzz/test_*.py feed them to every ledger's form, importer
and list through the real views.
"""

import datetime
import io
import os

import openpyxl
from hypothesis import settings
from hypothesis import strategies as st

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")  # the profiles: tests/fuzz/conftest.py
# Examples per test and ledger (× 33 ledgers): ci ≈ 700 inputs in all; long ≈ 11,000.
BUDGET = {
    "ci": {"form": 5, "edit": 3, "import": 4, "export_row": 3, "round_trip": 2, "list": 4},
    "long": {"form": 100, "edit": 50, "import": 50, "export_row": 50, "round_trip": 25, "list": 60},
}


def examples(kind: str) -> settings:
    """The settings of a test of this kind under the profile in use (the profile gives everything else)."""
    return settings(max_examples=BUDGET[PROFILE][kind])

# --- text ------------------------------------------------------------------------------------------------

NASTY_PIECES = [
    "\x00", "\u200f", "\u202e", "\u200b", "\ufeff", "\u2028", "\r\n", "\t", "😀", "👨‍👩‍👧", "🇨🇳", "𠮷", "Ａ", "²",
    "①", "٣", "〇", "'", '"', "<script>alert(1)</script>", "{{ 1 }}", "{% now %}", "%(x)s", "%s", "\\", "../",
    "=1+1", "+86", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\")", "NULL", "None", "是", "否", "、", "；", "\u3000",
    " ", "大溪社区", "酉水村", "第1村", "Robert'); DROP TABLE t;--", "é", "ﬁ", "\U0010ffff",
]


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text: control characters and NUL, RTL and zero-width marks, emoji, formula starts, template syntax."""
    return st.one_of(
        st.text(max_size=max_size),
        st.lists(st.sampled_from(NASTY_PIECES), max_size=6).map("".join),
        st.builds(lambda a, b: a + b, st.sampled_from(NASTY_PIECES), st.text(max_size=max_size)),
    )


def huge_text() -> st.SearchStrategy[str]:
    """Far longer than any field's max_length (the widest is a few thousand characters)."""
    return st.builds(lambda piece, n: piece * n, st.sampled_from(["字", "a", "😀", "\u200f", "1"]),
                     st.integers(min_value=201, max_value=20_000))


# Text a clerk could really type into a field: no control characters, nothing that cannot be stored.
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"))


def clean_text(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(PRINTABLE, min_size=min_size, max_size=max_size).map(str.strip).filter(bool)


# --- numbers ---------------------------------------------------------------------------------------------

LIMITS = [0, 1, -1, 12, 31, 32, 99, 100, 2000, 2025, 2100, 32767, 32768, 65535, 65536, 2147483647, 2147483648,
          4294967296, 9223372036854775807, 9223372036854775808, 99999999999999999999, 10**30]


def number_text() -> st.SearchStrategy[str]:
    """A number as it arrives in a form or a URL: at the limits of integer columns, 20 digits, negative, decimal,
    in exponent form, superscript (²), full-width (２０２５), Arabic-Indic, with thousands separators."""
    plain = st.one_of(st.sampled_from(LIMITS), st.integers(), st.integers(min_value=-(10**25), max_value=10**25))
    return st.one_of(
        plain.map(str),
        st.sampled_from(["²", "³", "¹²", "２０２５", "١٢", "½", "1e9", "1E400", "NaN", "inf", "-0", "0x10", "1_000",
                         "1,000", "12.5", "007", " 12 ", "12人", "+5", "", "٫"]),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


def cell_number() -> st.SearchStrategy:
    """A numeric cell of a sheet (openpyxl writes ints and floats as numbers)."""
    return st.one_of(st.sampled_from(LIMITS[:-3]), st.integers(min_value=-(2**53), max_value=2**53),
                     st.floats(allow_nan=False, allow_infinity=False, width=64))


# --- dates -----------------------------------------------------------------------------------------------

def date_text() -> st.SearchStrategy[str]:
    """A date in every notation a clerk writes, and impossible ones: 2025-02-30, 2025年1月2147483648日, 0000-00-00,
    serial numbers, ISO with time, full-width digits, two-digit years, far past and far future."""
    day = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
    likely = st.dates(min_value=datetime.date(1999, 1, 1), max_value=datetime.date(2031, 12, 31))
    notations = [
        lambda d: d.isoformat(), lambda d: f"{d.year}/{d.month}/{d.day}", lambda d: f"{d.year}.{d.month}.{d.day}",
        lambda d: f"{d.year}年{d.month}月{d.day}日", lambda d: f"{d:%Y%m%d}", lambda d: f"{d.isoformat()} 10:30",
        lambda d: f"{d.isoformat()}T23:59:59", lambda d: f"{d.day}/{d.month}/{d.year}", lambda d: f"{d:%y-%m-%d}",
        lambda d: f"{d.year}年{d.month}月", lambda d: f"{d.year} 年 {d.month} 月 {d.day} 日",
        lambda d: f"{d.isoformat()}".translate(str.maketrans("0123456789-", "０１２３４５６７８９－")),
        lambda d: str((d - datetime.date(1899, 12, 30)).days),
    ]
    parts = st.integers(min_value=-1, max_value=2**31 + 1)
    return st.one_of(
        st.builds(lambda f, d: f(d), st.sampled_from(notations), st.one_of(likely, day)),
        st.builds(lambda y, m, d: f"{y}年{m}月{d}日", st.sampled_from([2025, 0, 99999]), parts, parts),
        st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.sampled_from([2025, 2024, 1]), st.integers(0, 13),
                  st.integers(0, 32)),
        st.sampled_from(["2025年1月2147483648日", "2025-02-30", "2024-02-29", "0000-00-00", "2025-1-1-1", "今天",
                         "2025年", "25.3.5", "2025-03-05x", "2025-03-0599", "9999-12-31", "0001-01-01"]),
    )


# --- form values -----------------------------------------------------------------------------------------

def form_value() -> st.SearchStrategy:
    """What one posted form field may hold: any of the above, or several values (a multi-select)."""
    single = st.one_of(hostile_text(), number_text(), date_text(), huge_text(), st.just(""), st.just("on"))
    return st.one_of(single, st.lists(st.one_of(number_text(), hostile_text(10)), min_size=2, max_size=4))


# --- sheets ----------------------------------------------------------------------------------------------

def cell_value(date_cells: bool = True) -> st.SearchStrategy:
    """A cell of a sheet: text, a number, a real date, a formula, a boolean or empty."""
    options = [hostile_text(30), number_text(), date_text(), cell_number(), st.none(), st.booleans(),
               st.sampled_from(["=1+1", "=A1", "=SUM(A1:A3)", "=1/0", '=HYPERLINK("http://x","x")', "=NOW()"])]
    if date_cells:
        options.append(st.datetimes(min_value=datetime.datetime(1900, 3, 1), max_value=datetime.datetime(9999, 1, 1)))
    return st.one_of(*options)


@st.composite
def sheet_layout(draw, known_headers: list[str]):
    """Headers and rows of a sheet: some of the ledger's own headers (in any order, some twice) and random ones,
    rows of random cells with blank rows among them; where the title and the merged cells go."""
    own = draw(st.lists(st.sampled_from(known_headers), max_size=len(known_headers) + 2)) if known_headers else []
    others = draw(st.lists(st.one_of(hostile_text(12), st.sampled_from(["序号", "系统编号", "合计", "", "备注"])),
                           max_size=4))
    headers = draw(st.permutations(own + others))
    width = max(len(headers), 1)
    row = st.lists(cell_value(), min_size=0, max_size=width + 1)
    rows = draw(st.lists(st.one_of(row, st.just([])), max_size=6))  # [] is a blank row
    title = draw(st.one_of(st.none(), hostile_text(20)))
    merges = draw(st.lists(st.tuples(st.integers(1, len(rows) + 3), st.integers(1, width),
                                     st.integers(0, 2), st.integers(0, 2)), max_size=3))
    return {"headers": headers, "rows": rows, "title": title, "merges": merges}


def xlsx_from_layout(layout: dict) -> bytes:
    """The .xlsx of a sheet_layout: title row (merged across) when there is one, header row, data rows; then
    the random merges over whatever is there (openpyxl keeps the top-left value of a merged range)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if layout["title"] is not None:
        sheet.append([safe_cell(layout["title"])])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(layout["headers"]), 1))
    sheet.append([safe_cell(h) for h in layout["headers"]])
    for row in layout["rows"]:
        sheet.append([safe_cell(value) for value in row] if row else [None])
    taken = {(r.min_row, r.min_col) for r in sheet.merged_cells.ranges}
    for row, column, down, right in layout["merges"]:
        if down or right:
            try:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row + down, end_column=column + right)
            except ValueError:  # overlaps a merge made before
                continue
            taken.add((row, column))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_cell(value):
    """openpyxl refuses characters XML cannot hold (NUL, most control characters) in a cell: a real sheet cannot
    carry them either, so they are dropped here; everything else is written as it is."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    return value


# --- how many inputs a run generated (printed at the end of the run by tests/fuzz/conftest.py) ---------------

INPUTS: dict[str, int] = {}  # generated inputs, by test kind
OUTCOMES: dict[str, int] = {}  # what became of them (saved, imported, round trips checked), to see they reach deep


def count(kind: str) -> None:
    INPUTS[kind] = INPUTS.get(kind, 0) + 1


def outcome(kind: str) -> None:
    OUTCOMES[kind] = OUTCOMES.get(kind, 0) + 1
