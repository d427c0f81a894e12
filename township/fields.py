"""Date fields that know which dates are plausible, so that every ledger refuses a typo the same way.

A ledger declares what kind of date a field holds, and the range follows, in forms, imports and the
admin alike (full_clean runs the field's validate()):

    registered_on = EventDateField(_("排查（受理）日期"))        # something that happened: 2000-01-01 … today
    contract_end = PlannedDateField(_("合同结束日期"))          # ahead by nature: 2000-01-01 … today + 30 years

The importer reads Excel date serials only inside the widest of these ranges (SERIAL_RANGE), so that a
bare "2025" or "12" is never taken for 1905-07-17 or 1900-01-11 (docs/decisions/0014-plausible-dates.md).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

EARLIEST = datetime.date(2000, 1, 1)  # no township keeps ledgers older than this in the portal
PLANNED_YEARS_AHEAD = 30  # a certificate, a contract or a task's due date lies at most this far ahead


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def latest_planned_date(today: datetime.date | None = None) -> datetime.date:
    return _years_later(today or timezone.localdate(), PLANNED_YEARS_AHEAD)


def serial_range(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The dates an Excel serial number in a date column may stand for: any date some ledger accepts."""
    return EARLIEST, latest_planned_date(today)


class PlausibleDateField(models.DateField):
    """A DateField refusing dates outside plausible_range(), with a message naming the field."""

    def plausible_range(self) -> tuple[datetime.date, datetime.date]:
        raise NotImplementedError

    def latest_message(self, latest: datetime.date) -> str:
        return gettext("%(field)s不能晚于%(date)s。") % {"field": self.verbose_name, "date": date_format(latest)}

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value is None:
            return
        earliest, latest = self.plausible_range()
        if value < earliest:
            raise ValidationError(
                gettext("%(field)s“%(value)s”早于%(date)s，请核对年份。")
                % {"field": self.verbose_name, "value": value.isoformat(), "date": date_format(earliest)},
                code="date_too_early",
            )
        if value > latest:
            raise ValidationError(self.latest_message(latest), code="date_too_late")


class EventDateField(PlausibleDateField):
    """The date something happened (registered, received, accepted, closed, visited): 2000-01-01 … today."""

    def plausible_range(self):
        return EARLIEST, timezone.localdate()

    def latest_message(self, latest):
        return gettext("%(field)s不能晚于今天。") % {"field": self.verbose_name}


class PlannedDateField(PlausibleDateField):
    """A date ahead by nature (valid until, due, contract end): 2000-01-01 … today + PLANNED_YEARS_AHEAD years."""

    def plausible_range(self):
        return EARLIEST, latest_planned_date()
