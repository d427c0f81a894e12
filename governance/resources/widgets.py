"""Cells of the governance sheets that the core widgets (township.ledger.widgets) do not read."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets

from governance.rules import parse_due_text
from township.ledger.widgets import (
    NamedRecordWidget,
    YesNoWidget,
    clean_text,
    parse_flexible_date,
)
from township.sheets import normalise_header

#: a cell that says "nothing here" in Chinese ledgers
BLANK_MARKS = {"——", "—", "--", "-", "/", "无", "／"}


def blank(value) -> bool:
    return clean_text(value).replace(" ", "") in BLANK_MARKS or clean_text(value) == ""


class DueDateWidget(widgets.Widget):
    """完成时限 as staff write it: a date, '2025年6月底', '2025年3月底前', '年底' (of the row's 年度, else
    of default_year), '2025年上半年', '三季度' — read as the last day it allows."""

    def __init__(self, *, year_column: str = "年度", **kwargs):
        self.year_column = year_column
        self.default_year = None
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if clean_text(value).isdigit() and 2000 <= int(clean_text(value)) <= 2100:  # a year, or an Excel serial?
            raise ValueError(_("完成时限“%(value)s”是年份还是日期？年底请写成“%(value)s年底”，具体日期请写成 2025-06-30")
                             % {"value": clean_text(value)})
        if not isinstance(value, str):
            return parse_flexible_date(value)
        year = clean_text((row or {}).get(self.year_column))
        due = parse_due_text(clean_text(value), int(year) if year.isdigit() else self.default_year)
        if due is not None:
            return due
        try:
            return parse_flexible_date(value)
        except ValueError:
            raise ValueError(_("完成时限“%(value)s”无法识别，请写成 2025-06-30、2025年6月底 或 2025年底") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return value


class CountWidget(widgets.Widget):
    """A head count: '58', '５８', '56人次', '12人'; '——' or blank is none."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        text = re.sub(r"(人次|人|名|次)$", "", clean_text(value).replace(",", "").replace(" ", ""))
        if not text.isdigit():
            raise ValueError(_("“%(value)s”不是人数（应为非负整数，如 56 或 56人次）") % {"value": value})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return value


class NumberWidget(widgets.Widget):
    """A number with its unit written after it ('3学时', '95分'); '——' or blank is none."""

    def __init__(self, *, units=("学时", "课时", "小时", "分"), **kwargs):
        self.units = units
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        text = clean_text(value).replace(",", "").replace(" ", "")
        for unit in self.units:
            text = text.removesuffix(unit)
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s”不是数字") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return None if value is None else float(value)


class OptionalYesNoWidget(YesNoWidget):
    """是 / 否, or blank for "not stated" (None), unless a default is given."""

    def __init__(self, *, default=None, **kwargs):
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return self.default
        return super().clean(value, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else super().render(value, obj, **kwargs)


class MeetingWidget(NamedRecordWidget):
    """A meeting of the township named as the meetings ledger prints it ('2025-01-16 镇党委2025年第1次会议'), or
    by its name alone when only one meeting has it."""

    def __init__(self, **kwargs):
        from governance.models import Meeting

        super().__init__(Meeting, field_name="title", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if self.lookup is None:
            self.lookup, titles = {}, {}
            for meeting in self.model.objects.filter(township=self.township).order_by("date", "id"):
                self.lookup[normalise_header(str(meeting))] = meeting
                titles.setdefault(normalise_header(meeting.title), []).append(meeting)
            for title, meetings in titles.items():
                if len(meetings) == 1:
                    self.lookup.setdefault(title, meetings[0])
            self.lookup_ids = {meeting.pk for meeting in self.lookup.values()}
        return super().clean(value, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return str(value) if value is not None else ""
