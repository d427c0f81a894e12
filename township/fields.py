"""Model fields that carry the portal's rules with them, so that every ledger declares a rule once.

EventDateField: the date something happened (registered, received, held, closed): not before 2000,
not after today. PlannedDateField: a date that lies ahead by nature (valid until, due, contract end):
not before 2000, at most 30 years ahead. Forms and imports give the same Chinese message.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(2000, 1, 1)
PLANNED_YEARS_AHEAD = 30


def validate_event_date(value):
    if value is None:
        return
    if value < EARLIEST:
        raise ValidationError(_("日期不能早于2000年1月1日。"), code="too_early")
    if value > timezone.localdate():
        raise ValidationError(_("日期不能晚于今天。"), code="in_future")


def validate_planned_date(value):
    if value is None:
        return
    if value < EARLIEST:
        raise ValidationError(_("日期不能早于2000年1月1日。"), code="too_early")
    latest = timezone.localdate().replace(month=1, day=1).replace(year=timezone.localdate().year + PLANNED_YEARS_AHEAD)
    if value > latest:
        raise ValidationError(_("日期不能晚于%(date)s。") % {"date": f"{latest:%Y年%m月%d日}"}, code="too_late")


class EventDateField(models.DateField):
    default_validators = [validate_event_date]


class PlannedDateField(models.DateField):
    default_validators = [validate_planned_date]
