"""The outreach area's rules and calendars, as pure functions (../shared/reference/statutory-rules.md).

- 法律明白人: at least 3 per administrative village by 2025 (《乡村"法律明白人"培养工作规范（试行）》, 2021);
  some provinces require 5, so the minimum is the setting OUTREACH_LEGAL_INFORMANTS_PER_VILLAGE.
- 民主法治示范村（社区）: named and reviewed every two years (《全国民主法治示范村（社区）建设指导标准》).
- The national occasions a township's outreach calendar starts from, with their fixed dates.
- The five-year legal-education plans (“八五”普法 is 2021-2025) that part 一(五) names.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings

DEFAULT_INFORMANTS_PER_VILLAGE = 3
DEMOCRACY_REVIEW_YEARS = 2

# name, month, day (None: a month, not a day) — the occasions a new township's list starts with
NATIONAL_OCCASIONS = [
    ("消费者权益日", 3, 15),
    ("全民国家安全教育日", 4, 15),
    ("世界知识产权日", 4, 26),
    ("民法典宣传月", 5, None),
    ("世界环境日", 6, 5),
    ("国际禁毒日", 6, 26),
    ("消防日", 11, 9),
    ("全国交通安全日", 12, 2),
    ("国家宪法日", 12, 4),
]

CHINESE_DIGITS = "〇一二三四五六七八九"
FIRST_PLAN_YEAR = 1986  # “一五”普法 ran 1986-1990; every plan since has five years


def informants_per_village() -> int:
    """The least number of 法律明白人 a village must have (3 by the 2021 work specification; a setting)."""
    return int(getattr(settings, "OUTREACH_LEGAL_INFORMANTS_PER_VILLAGE", DEFAULT_INFORMANTS_PER_VILLAGE))


def plan_name(year: int) -> str:
    """The five-year legal-education plan a year belongs to: 2025 → “八五”, 2026 → “九五”."""
    number = (year - FIRST_PLAN_YEAR) // 5 + 1
    if number < 10:
        return f"“{CHINESE_DIGITS[number]}五”"
    tens, ones = divmod(number, 10)
    return f"“{'' if tens == 1 else CHINESE_DIGITS[tens]}十{CHINESE_DIGITS[ones] if ones else ''}五”"


def occasion_code(month: int | None, day: int | None) -> str:
    """3·15 for a fixed day, "" for an occasion without one."""
    return f"{month}·{day}" if month and day else ""


def quarter_of(date: datetime.date) -> int:
    return (date.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    last = (datetime.date(year + 1, 1, 1) if last_month == 12 else datetime.date(year, last_month + 1, 1)) \
        - datetime.timedelta(days=1)
    return first, last


def current_quarter(year: int, today: datetime.date) -> int:
    """The quarter a year's dashboard looks at: today's in the current year, else the year's last one."""
    if year == today.year:
        return quarter_of(today)
    return 4 if year < today.year else 1


def democracy_review_due(named_in: int, last_reviewed_in: int | None, year: int) -> int | None:
    """The year the next review of a 民主法治示范村 title falls in, when it is due by ``year`` (else None)."""
    due = (last_reviewed_in or named_in) + DEMOCRACY_REVIEW_YEARS
    return due if due <= year else None


def villages_below(counts: dict[int, int], village_ids: Iterable[int], minimum: int) -> list[int]:
    """Villages with fewer than ``minimum`` serving 法律明白人 (a village with none included)."""
    return [pk for pk in village_ids if counts.get(pk, 0) < minimum]
