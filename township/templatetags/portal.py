"""Template filters of the portal's pages: a value as a person reads it, in the one date format of the page's
language (2025年3月5日), whatever the page (lists, import previews, dashboards)."""

import datetime
from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def cell(value):
    """A cell: a date as 2025年3月5日 (a midnight datetime from Excel too), 是/否, a number without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return date_format(value.date())
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return value
