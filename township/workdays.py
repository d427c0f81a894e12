"""Official working-day calendar (工作日) and the Deadline value that the ledgers show as badges.

Working days follow the State Council's yearly holiday and adjusted-working-day (调休) notice. The
``chinesecalendar`` package knows the years it was released with (2004-2026 in 1.11.0); for other
years an admin keeps ``township.CalendarDay`` rows, read by :func:`load_overrides`. Every
calculation here takes that mapping as an argument, so it stays pure and testable without a
database. A year with neither source falls back to "Monday-Friday, except the fixed-date public
holidays" and every result computed across it is marked ``estimated`` — it never raises.

Records that store due dates for SQL (docs/decisions/0018) declare ``STORED_DUE_DATES`` and
``compute_due_dates(calendar)``; :func:`recompute_stored_due_dates` keeps them right when the
CalendarDay table changes.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import operator
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

import chinese_calendar
from chinese_calendar import constants as _cc_constants
from django.db import models
from django.db.models.query import ModelIterable
from django.utils.translation import gettext

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
    "LazyCalendar",
    "SharedCalendarQuerySet",
    "StoredDueDates",
    "WorkCalendar",
    "calendar_of",
    "fixed_date_holidays",
    "load_overrides",
    "recompute_stored_due_dates",
]

#: Years the installed chinesecalendar package has holiday data for (inclusive range).
PACKAGE_YEARS = range(
    min(_cc_constants.holidays).year,
    max(_cc_constants.holidays).year + 1,
)

#: A deadline within this many days (inclusive) shows as "due soon".
DUE_SOON_DAYS = 7

#: The longest run of rest days a calendar-day deadline can be rolled across (Spring Festival with
#: its weekends is 9 days): a CalendarDay change on day D moves only due dates within D..D+this.
MAX_ROLL_DAYS = 31


_NEW_YEAR = ((1, 1),)
_NATIONAL_DAY = ((10, 1), (10, 2), (10, 3))
_FIXED_UNTIL_2007 = frozenset((*_NEW_YEAR, (5, 1), (5, 2), (5, 3), *_NATIONAL_DAY))
_FIXED_2008_TO_2024 = frozenset((*_NEW_YEAR, (5, 1), *_NATIONAL_DAY))
_FIXED_FROM_2025 = frozenset((*_NEW_YEAR, (5, 1), (5, 2), *_NATIONAL_DAY))


def fixed_date_holidays(year: int) -> frozenset[tuple[int, int]]:
    """(month, day) of the public holidays on fixed solar dates (《全国年节及纪念日放假办法》第二条).

    元旦 1 January and 国庆节 1-3 October in every version; 劳动节 was 1-3 May until 2007, 1 May from
    2008 (国务院令第513号) and 1-2 May from 2025 (国务院令第798号). The lunar holidays and 清明 move
    from year to year and are left to the package or the CalendarDay table.
    """
    if year < 2008:
        return _FIXED_UNTIL_2007
    if year < 2025:
        return _FIXED_2008_TO_2024
    return _FIXED_FROM_2025


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


@functools.lru_cache(maxsize=16384)
def _package_is_workday(d: datetime.date) -> bool:
    """chinesecalendar's answer, remembered: its data never changes in a running process, and a list page
    asks about the same few hundred days for every record (about 20 µs a question otherwise)."""
    return chinese_calendar.is_workday(d)


class WorkCalendar:
    """Working days (《全国年节及纪念日放假办法》): overrides, else the package, else Mon-Fri without the
    fixed-date holidays."""

    def __init__(self, overrides: Mapping[datetime.date, bool] | None = None) -> None:
        """Keep the override mapping {date: is_workday} (国务院办公厅年度放假安排通知)."""
        self._overrides: dict[datetime.date, bool] = dict(overrides or {})
        self._override_years: frozenset[int] = frozenset(d.year for d in self._overrides)
        self._calendar_days: dict[tuple[datetime.date, int], tuple[datetime.date, bool]] = {}

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
            return _package_is_workday(d)
        return d.weekday() < 5 and (d.month, d.day) not in fixed_date_holidays(d.year)

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

    def calendar_deadline(self, start: datetime.date | None, n: int, *, rule: str, article: str) -> Deadline:
        """A Deadline n calendar days after start (《民法典》第二百零一条), its last day rolled to the first
        working day when it is a weekend or public holiday (《民法典》第二百零三条)."""
        if start is None:
            return Deadline(due=None, rule=rule, article=article)
        start = start.date() if isinstance(start, datetime.datetime) else start
        found = self._calendar_days.get((start, n))
        if found is None:  # a record's badges ask for the same deadline several times
            due = self.first_workday_on_or_after(start + datetime.timedelta(days=n))
            found = self._calendar_days[start, n] = (due, self.is_estimate(start, due))
        return Deadline(due=found[0], rule=rule, article=article, estimated=found[1])

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
            return gettext("该年度无法定节假日数据，按周末及元旦、劳动节、国庆节推算，仅供参考")
        return ""


# ---------------------------------------------------------------------------------------------
# One calendar per page, and stored due dates kept right (docs/decisions/0018)
# ---------------------------------------------------------------------------------------------


class LazyCalendar:
    """A WorkCalendar read from the CalendarDay table on first use, then kept: one query however many
    records use it."""

    def __init__(self) -> None:
        self._calendar: WorkCalendar | None = None

    def get(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = WorkCalendar.from_database()
        return self._calendar


#: The calendar the saves of one batch share (one_calendar); None outside a batch.
_batch_calendar: ContextVar[LazyCalendar | None] = ContextVar("batch_calendar", default=None)


@contextlib.contextmanager
def one_calendar() -> Iterator[None]:
    """Saves inside share one calendar, read once: an import of 10,000 rows sends one query for it, not one a
    row. For a batch inside one transaction (the CalendarDay table is not expected to change under it; when it
    does, recompute_stored_due_dates puts the stored dates right)."""
    token = _batch_calendar.set(LazyCalendar())
    try:
        yield
    finally:
        _batch_calendar.reset(token)


def calendar_of(record) -> WorkCalendar:
    """The calendar a record computes its deadlines with: the one shared by the records of the query that
    loaded it (SharedCalendarQuerySet), else its own, read once."""
    holder = record.__dict__.get("_work_calendar")
    if holder is None:
        holder = record._work_calendar = LazyCalendar()
    return holder.get()


class _SharedCalendarIterable(ModelIterable):
    """Model instances that share one LazyCalendar: a list page reads the CalendarDay table once."""

    def __iter__(self):
        holder = LazyCalendar()
        for record in super().__iter__():
            record._work_calendar = holder
            yield record


class SharedCalendarQuerySet(models.QuerySet):
    """A queryset whose records share one calendar (calendar_of), so deadlines cost no query per record."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._iterable_class = _SharedCalendarIterable


class StoredDueDates:
    """Mixin of a record that stores its due dates for SQL (docs/decisions/0018): it names them in
    STORED_DUE_DATES and computes them in compute_due_dates(calendar); they are recomputed on every save
    and when the CalendarDay table changes (recompute_stored_due_dates)."""

    STORED_DUE_DATES: tuple[str, ...] = ()

    def compute_due_dates(self, calendar: WorkCalendar) -> dict[str, datetime.date | None]:
        raise NotImplementedError

    def work_calendar(self) -> WorkCalendar:
        """The calendar of this record's deadlines (shared with the records of its query)."""
        return calendar_of(self)

    def set_due_dates(self) -> None:
        """The STORED_DUE_DATES as they are saved (save does it; an import's bulk insert too)."""
        # fresh (an admin may have changed it since the record was loaded), or the batch's (one_calendar)
        self._work_calendar = _batch_calendar.get() or LazyCalendar()
        for field, value in self.compute_due_dates(self.work_calendar()).items():
            setattr(self, field, value)

    def save(self, *args, **kwargs):
        self.set_due_dates()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.STORED_DUE_DATES}
        super().save(*args, **kwargs)

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_work_calendar", None)  # reloaded: read the calendar again too
        super().refresh_from_db(*args, **kwargs)


def stored_due_date_models() -> list[type[models.Model]]:
    """Every installed model that stores due dates (declares STORED_DUE_DATES)."""
    from django.apps import apps

    return [model for model in apps.get_models() if getattr(model, "STORED_DUE_DATES", None)]


def recompute_stored_due_dates(around: Iterable[datetime.date] | None = None, *, batch_size: int = 1000) -> int:
    """Recompute the stored due dates of every record (or of those a CalendarDay change on one of the
    dates `around` can move: due on D..D+MAX_ROLL_DAYS) with the current calendar; writes only the
    records that change and returns how many did. Derived columns: no history entry, no new version."""
    calendar = WorkCalendar.from_database()
    days = sorted(set(around)) if around is not None else None
    changed_total = 0
    for model in stored_due_date_models():
        fields = list(model.STORED_DUE_DATES)
        queryset = model._base_manager.all()  # soft-deleted records too: they may be restored
        if days is not None:
            if not days:
                continue
            windows = [
                models.Q(**{f"{field}__range": (day, day + datetime.timedelta(days=MAX_ROLL_DAYS))})
                for day in days for field in fields
            ]
            queryset = queryset.filter(functools.reduce(operator.or_, windows))
        last_pk = None
        while True:  # pages by primary key: no cursor stays open on the table being written
            page = queryset.order_by("pk") if last_pk is None else queryset.filter(pk__gt=last_pk).order_by("pk")
            records = list(page[:batch_size])
            if not records:
                break
            last_pk = records[-1].pk
            changed = []
            for record in records:
                values = record.compute_due_dates(calendar)
                if any(getattr(record, field) != value for field, value in values.items()):
                    for field, value in values.items():
                        setattr(record, field, value)
                    changed.append(record)
            model._base_manager.bulk_update(changed, fields)
            changed_total += len(changed)
    if changed_total:  # bulk_update sends no signal: the cached figures of every township go (township.cache)
        from township.cache import GLOBAL
        from township.cache import changed as data_changed

        data_changed(GLOBAL)
    return changed_total


def _calendar_day_pre_save(sender, instance, raw=False, **kwargs):
    """Remember the date a CalendarDay had, so that moving it recomputes around both dates."""
    if instance.pk is not None and not raw:
        instance._date_before = sender._default_manager.filter(pk=instance.pk).values_list("date", flat=True).first()


def _calendar_day_changed(sender, instance, raw=False, **kwargs):
    """A holiday or adjusted working day was added, changed or removed: move the due dates it moves."""
    if raw:  # loaddata: the records' own fixtures carry their dates
        return
    days = [instance.date, getattr(instance, "_date_before", None)]
    recompute_stored_due_dates([day for day in days if day is not None])


def connect_calendar_signals() -> None:
    """Keep stored due dates right when an admin edits the CalendarDay table (TownshipConfig.ready)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save, pre_save

    model = apps.get_model("township", "CalendarDay")
    pre_save.connect(_calendar_day_pre_save, sender=model, dispatch_uid="calendar_day_pre_save")
    post_save.connect(_calendar_day_changed, sender=model, dispatch_uid="calendar_day_saved")
    post_delete.connect(_calendar_day_changed, sender=model, dispatch_uid="calendar_day_deleted")
