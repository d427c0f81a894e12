"""When a year's report is due, and how far a township has got with it.

法治政府建设与责任落实督察工作规定 (2019) Art. 24-25: the previous year's report goes to the next level of
government in the first quarter and is published by 1 April; provincial guides ask townships to send it
to the county by 1 March. Both dates are settings (``REPORT_SUBMIT_DUE``, ``REPORT_PUBLISH_DUE``, MM-DD of
the year after the report's year). Pure functions of dates, apart from reading the settings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def month_day(name: str) -> tuple[int, int]:
    value = getattr(settings, name)
    try:
        month, day = (int(part) for part in str(value).split("-"))
        datetime.date(2001, month, day)  # not a leap year: 02-29 would not be due every year
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a month and day as MM-DD, not {value!r}") from exc
    return month, day


def submit_due(year: int) -> datetime.date:
    """The day by which the report of ``year`` reaches the county."""
    return datetime.date(year + 1, *month_day("REPORT_SUBMIT_DUE"))


def publish_due(year: int) -> datetime.date:
    """The day by which the report of ``year`` is published (Art. 25: by 1 April)."""
    return datetime.date(year + 1, *month_day("REPORT_PUBLISH_DUE"))


@dataclass(frozen=True)
class Step:
    """One step of a year's report: to finalize, to submit to the county, to publish."""

    code: str  # "finalized", "submitted", "published"
    due: datetime.date
    done: datetime.date | None  # the day it was done, None while not done
    today: datetime.date

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)

    @property
    def late(self) -> bool:
        """Done after the due day, or not done and the due day is past."""
        return (self.done or self.today) > self.due

    @property
    def state(self) -> str:
        """done, late_done, overdue, pending."""
        if self.done is not None:
            return "late_done" if self.done > self.due else "done"
        return "overdue" if self.today > self.due else "pending"


def local_day(moment: datetime.datetime | None) -> datetime.date | None:
    from django.utils import timezone

    return timezone.localdate(moment) if moment is not None else None


def progress(year: int, today: datetime.date, *, finalized=None, submitted=None, published=None) -> list[Step]:
    """The steps of the report of ``year`` (finalizing is due when submitting is: the county gets a final text)."""
    return [
        Step("finalized", submit_due(year), local_day(finalized), today),
        Step("submitted", submit_due(year), local_day(submitted), today),
        Step("published", publish_due(year), local_day(published), today),
    ]
