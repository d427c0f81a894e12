"""What the enforcement records share: one working-day calendar for the records fetched together."""

from django.db import models
from django.db.models.query import ModelIterable

from township.models import LiveManager
from township.workdays import WorkCalendar


class CalendarQuerySet(models.QuerySet):
    """Records fetched together share one working-day calendar (township.CalendarDay), loaded in one query,
    so that a list of N records computes its working-day deadlines with the same number of queries as one."""

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache and self._iterable_class is ModelIterable:
            calendar = WorkCalendar.from_database()
            for record in self._result_cache:
                record._calendar = calendar


class WithCalendar:
    """A record whose deadlines count working days (《行政处罚法》第八十五条)."""

    @property
    def calendar(self) -> WorkCalendar:
        if getattr(self, "_calendar", None) is None:
            self._calendar = WorkCalendar.from_database()
        return self._calendar


def managers(queryset_class):
    """The live-records manager and the all-records manager of a TownshipRecord, on queryset_class."""
    return LiveManager.from_queryset(queryset_class)(), models.Manager.from_queryset(queryset_class)()
