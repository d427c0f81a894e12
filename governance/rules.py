"""The governance area's rules as pure functions (../shared/reference/statutory-rules.md), each citing its source.

Certificates: an enforcement certificate (行政执法证件) lets its holder act only while it is valid
(《行政处罚法》第四十二条: at least two officers holding valid certificates; 第五十五条: they show it).
Training: officers study at least 60 学时 a year (20 public legal knowledge + 40 professional), the figure
county plans quote under 国办发〔2023〕27号 — a setting (OFFICER_TRAINING_HOURS), default 60.
Due dates a township sets itself (key tasks, issues raised at meetings) are kept as written; a date that
falls on a rest day is not overdue until the first working day after it (《民法典》第二百零三条, by analogy).
"""

from __future__ import annotations

import calendar
import datetime
import re
import time
from decimal import Decimal

from django.conf import settings

from township.workdays import WorkCalendar

CERTIFICATE_VALID = "valid"
CERTIFICATE_EXPIRED = "expired"
CERTIFICATE_CANCELLED = "cancelled"
CERTIFICATE_SUSPENDED = "suspended"
#: statuses under which a certificate is valid within its period ("expired" says only that the period ended)
IN_FORCE_STATUSES = (CERTIFICATE_VALID, CERTIFICATE_EXPIRED)
#: statuses that end a certificate's force from their status date on
WITHDRAWN_STATUSES = (CERTIFICATE_CANCELLED, CERTIFICATE_SUSPENDED)

#: a certificate expiring within this many days shows as "expiring" (time to apply for renewal)
CERTIFICATE_WARNING_DAYS = 90
#: a key task or an issue raised at a meeting due within this many days shows as "due soon"
TASK_WARNING_DAYS = 30
#: no run of rest days is longer than this (the Spring Festival with its weekends): see overdue_due_dates
LONGEST_REST_RUN = 12


def officer_training_hours() -> Decimal:
    """Yearly training hours an enforcement officer needs (国办发〔2023〕27号 as county plans quote it)."""
    return Decimal(str(getattr(settings, "OFFICER_TRAINING_HOURS", 60)))


def certificate_valid_on(*, status: str, status_changed_on: datetime.date | None, issued_on: datetime.date | None,
                         valid_until: datetime.date | None, on: datetime.date) -> bool:
    """Is a certificate valid on a date? Within its period (issued_on ≤ on ≤ valid_until), and neither cancelled
    nor suspended by then: a cancellation or suspension counts from its status date, and one without a date
    counts from the start (《行政处罚法》第四十二条 asks for certainty, so an undated withdrawal is never valid)."""
    if issued_on is None or valid_until is None or not issued_on <= on <= valid_until:
        return False
    if status in IN_FORCE_STATUSES:
        return True
    return status in WITHDRAWN_STATUSES and status_changed_on is not None and on < status_changed_on


# --- 年度审验 (yearly review) as ledgers write it -------------------------------------------------------

REVIEW_PASSED = "passed"
REVIEW_FAILED = "failed"
REVIEW_WORDS = {REVIEW_PASSED: "已审验", REVIEW_FAILED: "审验不合格"}
_REVIEW_FAILED = re.compile(r"(审验)?(不合格|未通过)")
_REVIEW_PASSED = re.compile(r"(已审验|审验合格|审验通过|通过审验|合格)")
_REVIEW_YEAR = re.compile(r"(\d{4})\s*年(度)?")


def review_text(year: int | None, result: str) -> str:
    """The 年度审验 cell of a review: '2025年已审验', '2025年审验不合格' ('' without both)."""
    if not year or result not in REVIEW_WORDS:
        return ""
    return f"{year}年{REVIEW_WORDS[result]}"


def parse_review(text: str) -> tuple[int | None, str, str]:
    """(year, result, note) of a 年度审验 cell. '2025年已审验' → (2025, passed, ''); text that says more than a
    review ('2025年5月调离，证件已收回', '未换证', '2025年新取得') is kept whole as the note, with the review read
    from it only when it names one."""
    text = (text or "").strip()
    if not text:
        return None, "", ""
    head, _sep, rest = text.partition("；")
    for candidate, note in ((head.strip(), rest.strip()), (text, text)):
        year_match = _REVIEW_YEAR.match(candidate)
        if year_match is None:
            continue
        year = int(year_match.group(1))
        for result in (REVIEW_PASSED, REVIEW_FAILED):
            if candidate == review_text(year, result):
                return year, result, note
    year_match = _REVIEW_YEAR.search(text)
    if _REVIEW_FAILED.search(text):
        return (int(year_match.group(1)) if year_match else None), REVIEW_FAILED, text
    if _REVIEW_PASSED.search(text) and "未" not in text:
        return (int(year_match.group(1)) if year_match else None), REVIEW_PASSED, text
    return None, "", text


def review_cell(year: int | None, result: str, note: str) -> str:
    """What the export writes in 年度审验: the review, then the note ('2025年已审验；2025年新取得')."""
    return "；".join(part for part in (review_text(year, result), note) if part)


# --- due dates written as text ("2025年6月底", "2025年3月底前", "年底") -------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_END = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:底|末|份|中旬|下旬)?$")
_YEAR_END = re.compile(r"^(?:(\d{4})年度?)?(?:底|末|年底|年末|全年)?$")
_HALF = re.compile(r"^(?:(\d{4})年)?(上|下)半年(?:底|末)?$")
_QUARTER = re.compile(r"^(?:(\d{4})年)?(?:第)?([一二三四1-4])季度(?:末|底)?$")
_SUFFIX = re.compile(r"(之前|以前|前|内|完成)+$")


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def parse_due_text(text: str, default_year: int | None) -> datetime.date | None:
    """A due date written as staff write it, as its last day: '2025年6月底' → 2025-06-30, '2025年3月底前' →
    2025-03-31, '年底' → 31 December of default_year, '2025年上半年' → 2025-06-30, '三季度' → 30 September.
    None when the text is none of these (the caller then reads it as a plain date)."""
    compact = _SUFFIX.sub("", re.sub(r"\s+", "", text or ""))
    if not compact:
        return None
    for pattern, build in (
        (_MONTH_END, lambda year, m: month_end(year, int(m.group(2))) if 1 <= int(m.group(2)) <= 12 else None),
        (_YEAR_END, lambda year, m: datetime.date(year, 12, 31)),
        (_HALF, lambda year, m: datetime.date(year, 6 if m.group(2) == "上" else 12, 30 if m.group(2) == "上" else 31)),
        (_QUARTER, lambda year, m: month_end(year, 3 * _CN_DIGITS[m.group(2)])),
    ):
        match = pattern.match(compact)
        if match is None:
            continue
        year = int(match.group(1)) if match.group(1) else default_year
        if year is None:
            return None
        return build(year, match)
    return None


# --- due dates and the working-day calendar --------------------------------------------------------------

#: the admin-kept holiday table is read at most once a minute per process (and again after it changes)
CALENDAR_SECONDS = 60
_calendar: dict = {"read_at": 0.0, "calendar": None}


def work_calendar() -> WorkCalendar:
    """The official working-day calendar with the admin's table (township.workdays), read once for many
    badges: a list page asks it once, not once per row."""
    now = time.monotonic()
    if _calendar["calendar"] is None or now - _calendar["read_at"] > CALENDAR_SECONDS:
        _calendar.update(calendar=WorkCalendar.from_database(), read_at=now)
    return _calendar["calendar"]


def forget_work_calendar(**kwargs) -> None:
    """Connected to the holiday table's changes (GovernanceConfig.ready)."""
    _calendar["calendar"] = None


def effective_due(due: datetime.date, calendar_: WorkCalendar | None = None) -> datetime.date:
    """The day a due date is overdue after: the date itself, or the first working day after it when it is a
    rest day (《民法典》第二百零三条, applied by analogy to the township's own deadlines)."""
    return (calendar_ or work_calendar()).first_workday_on_or_after(due)


def due_state(due: datetime.date | None, done: bool, today: datetime.date, warning_days: int,
              calendar_: WorkCalendar | None = None) -> str:
    """overdue / due_soon / ok / done of a township deadline (see effective_due)."""
    if done:
        return "done"
    if due is None:
        return "ok"
    if today > effective_due(due, calendar_):
        return "overdue"
    if (due - today).days <= warning_days:
        return "due_soon"
    return "ok"


def overdue_due_dates(today: datetime.date, calendar_: WorkCalendar | None = None) -> tuple[datetime.date, list]:
    """The due dates that are overdue today, for SQL: every date before ``before`` is, and of the
    LONGEST_REST_RUN days from there to yesterday, those listed (a rest day is overdue only once the first
    working day after it has passed)."""
    calendar_ = calendar_ or work_calendar()
    before = today - datetime.timedelta(days=LONGEST_REST_RUN)
    recent = [before + datetime.timedelta(days=offset) for offset in range(LONGEST_REST_RUN)]
    return before, [day for day in recent if today > calendar_.first_workday_on_or_after(day)]


# --- attendance cells ("向桂兰、王正权等12人", "58", "56人次") --------------------------------------------------

_HEADCOUNT_SUFFIX = re.compile(r"[等共计]+\s*(\d+)\s*(?:人次|人|名)$")


#: how a cell of several names joins them
NAME_SEPARATOR = "、"


def split_attendance(text: str) -> tuple[list[str], int | None]:
    """(names, stated count) of a 参加人员 cell: '向桂兰、王正权等12人' → (['向桂兰', '王正权'], 12)."""
    from township.ledger.widgets import clean_text, split_names

    value = clean_text(text)
    count = None
    match = _HEADCOUNT_SUFFIX.search(value)
    if match:
        count = int(match.group(1))
        value = value[: match.start()]
    return split_names(value), count


_LAW_NAME = re.compile(r"《([^《》]{1,40})》")


def law_names(*texts: str) -> list[str]:
    """The laws named in 《》 in some texts, in order, each once, by their short names as reports cite them:
    '《中华人民共和国宪法》《民法典》' → ['宪法', '民法典']."""
    found: list[str] = []
    for text in texts:
        for name in _LAW_NAME.findall(text or ""):
            name = name.removeprefix("中华人民共和国")
            if name and name not in found:
                found.append(name)
    return found


CONSTITUTION = "宪法"


def most_studied(counts: dict[str, int], limit: int = 3) -> tuple[str, ...]:
    """The laws studied most often (ties: the one studied first, counts in insertion order), the Constitution
    named first as reports customarily do: {'行政处罚法': 3, '宪法': 3, '民法典': 4} → 宪法, 民法典, 行政处罚法."""
    order = list(counts)
    top = sorted(order, key=lambda name: (-counts[name], order.index(name)))[:limit]
    return tuple(sorted(top, key=lambda name: (name != CONSTITUTION, top.index(name))))
