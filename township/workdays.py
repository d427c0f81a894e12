"""Official working-day calendar (工作日) and the Deadline value that the ledgers show as badges.

Working days follow the State Council's yearly holiday and adjusted-working-day (调休) notice. The
``chinesecalendar`` package knows the years it was released with (2004-2026 in 1.11.0); for other
years an admin keeps ``township.CalendarDay`` rows, read by :func:`load_overrides`. Every
calculation here takes that mapping as an argument, so it stays pure and testable without a
database. A year with neither source falls back to "Monday-Friday are working days" and every
result computed across it is marked ``estimated`` — it never raises.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import chinese_calendar
from chinese_calendar import constants as _cc_constants

__all__ = [
    "DUE_SOON_DAYS",
    "PACKAGE_YEARS",
    "STATUS_DONE",
    "STATUS_DUE_SOON",
    "STATUS_LABELS",
    "STATUS_OK",
    "STATUS_OVERDUE",
    "Deadline",
    "DeadlineStatus",
    "WorkCalendar",
    "load_overrides",
]

#: Years the installed chinesecalendar package has holiday data for (inclusive range).
PACKAGE_YEARS = range(
    min(_cc_constants.holidays).year,
    max(_cc_constants.holidays).year + 1,
)

#: A deadline within this many days (inclusive) shows as "due soon".
DUE_SOON_DAYS = 7

DeadlineStatus = Literal["overdue", "due_soon", "ok", "done"]
STATUS_OVERDUE: DeadlineStatus = "overdue"
STATUS_DUE_SOON: DeadlineStatus = "due_soon"
STATUS_OK: DeadlineStatus = "ok"
STATUS_DONE: DeadlineStatus = "done"
#: Chinese badge text for each status.
STATUS_LABELS: dict[str, str] = {
    STATUS_OVERDUE: "已超期",
    STATUS_DUE_SOON: "即将到期",
    STATUS_OK: "未到期",
    STATUS_DONE: "已办结",
}


def load_overrides(years: Iterable[int] | None = None) -> dict[datetime.date, bool]:
    """Read the admin-kept CalendarDay table as {date: is_workday} (国务院办公厅年度放假安排通知)."""
    from django.apps import apps

    try:
        model = apps.get_model("township", "CalendarDay")
    except LookupError:  # the model is not installed (yet): no overrides
        return {}
    queryset = model._default_manager.all()
    if years is not None:
        queryset = queryset.filter(date__year__in=sorted(set(years)))
    return {day: bool(is_workday) for day, is_workday in queryset.values_list("date", "is_workday")}


class WorkCalendar:
    """Working days (《全国年节及纪念日放假办法》): overrides, else the package, else Mon-Fri."""

    def __init__(self, overrides: Mapping[datetime.date, bool] | None = None) -> None:
        """Keep the override mapping {date: is_workday} (国务院办公厅年度放假安排通知)."""
        self._overrides: dict[datetime.date, bool] = dict(overrides or {})
        self._override_years: frozenset[int] = frozenset(d.year for d in self._overrides)

    @classmethod
    def from_database(cls, years: Iterable[int] | None = None) -> WorkCalendar:
        """Build a calendar from the CalendarDay table (国务院办公厅年度放假安排通知)."""
        return cls(load_overrides(years))

    def has_data(self, year: int) -> bool:
        """True when the package or the override table knows the year (国务院办公厅年度放假安排通知)."""
        return year in PACKAGE_YEARS or year in self._override_years

    def is_workday(self, d: datetime.date) -> bool:
        """Whether d is an official working day (《国务院关于职工工作时间的规定》第三、七条)."""
        if isinstance(d, datetime.datetime):
            d = d.date()
        if d in self._overrides:
            return self._overrides[d]
        if d.year in PACKAGE_YEARS:
            return chinese_calendar.is_workday(d)
        return d.weekday() < 5

    def add_workdays(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after start, start not counted (《民法典》第二百零一条; n=0 gives start)."""
        if n < 0:
            raise ValueError("n must be zero or positive")
        day = start.date() if isinstance(start, datetime.datetime) else start
        remaining = n
        while remaining:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def first_workday_on_or_after(self, d: datetime.date) -> datetime.date:
        """d, or the next working day when d is a rest day (《民法典》第二百零三条 roll-forward)."""
        day = d.date() if isinstance(d, datetime.datetime) else d
        while not self.is_workday(day):
            day += datetime.timedelta(days=1)
        return day

    def is_estimate(self, start: datetime.date, end: datetime.date) -> bool:
        """True when a year in start..end lacks holiday data (《全国年节及纪念日放假办法》)."""
        low, high = sorted((start.year, end.year))
        return any(not self.has_data(year) for year in range(low, high + 1))

    def workday_deadline(self, start: datetime.date | None, n: int, *, rule: str, article: str) -> Deadline:
        """A Deadline n working days after start (《民法典》第二百零一条), estimated if data lacks."""
        if start is None:
            return Deadline(due=None, rule=rule, article=article)
        due = self.add_workdays(start, n)
        return Deadline(due=due, rule=rule, article=article, estimated=self.is_estimate(start, due))


@dataclass(frozen=True, slots=True)
class Deadline:
    """A statutory deadline: due date, short rule name, article cited, estimated flag, completion date."""

    due: datetime.date | None
    rule: str
    article: str
    estimated: bool = False
    done_on: datetime.date | None = None

    def status(self, today: datetime.date) -> DeadlineStatus:
        """overdue / due_soon (within DUE_SOON_DAYS) / ok / done, for the list badges."""
        if self.done_on is not None:
            return STATUS_DONE
        if self.due is None:
            return STATUS_OK
        days_left = (self.due - today).days
        if days_left < 0:
            return STATUS_OVERDUE
        if days_left <= DUE_SOON_DAYS:
            return STATUS_DUE_SOON
        return STATUS_OK

    def status_label(self, today: datetime.date) -> str:
        """The Chinese badge text of status(today)."""
        return STATUS_LABELS[self.status(today)]

    def days_left(self, today: datetime.date) -> int | None:
        """Calendar days from today to the due date (negative when overdue), None without a due date."""
        return None if self.due is None else (self.due - today).days

    @property
    def met(self) -> bool | None:
        """True when done on or before the due date, False when late, None while open or undated."""
        if self.done_on is None or self.due is None:
            return None
        return self.done_on <= self.due

    def completed(self, done_on: datetime.date | None) -> Deadline:
        """The same deadline, marked done on done_on (None keeps it open)."""
        return Deadline(self.due, self.rule, self.article, self.estimated, done_on)

    @property
    def note(self) -> str:
        """Chinese caveat to show next to an estimated due date, else an empty string."""
        if self.estimated:
            return "该年度无法定节假日数据，按周末推算，仅供参考"
        return ""
