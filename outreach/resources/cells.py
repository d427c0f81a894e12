"""Cells of the outreach sheets that the core widgets do not read: counts written as 45人次, 20份 or 1.2万,
approximate counts (约100人) refused with a clear message, an occasion named in any of its spellings
("“3·15”消费者权益日", "3.15消费者权益日")."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets

from outreach.models import Occasion
from township.ledger.widgets import NamedRecordWidget, clean_text
from township.sheets import normalise_header

COUNT_SUFFIX = re.compile(r"(人次|场次|人|份|场|次|期|个|名|件|册|本|条)$")
APPROXIMATE = re.compile(r"^(约|大约|近|超过|超|逾|多于|上)|(余|多|左右|以上|上下|许)$")
EMPTY_COUNTS = {"", "-", "—", "——", "/", "无", "不计", "未统计"}


class CountWidget(widgets.Widget):
    """A count as ledgers write it: 45, ４５, 45人次, 20份, 1,236, 1.2万; empty, "—" or "/" for none."""

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value).replace(",", "").replace("，", "").replace(" ", "")
        if text in EMPTY_COUNTS:
            return None
        number_text = COUNT_SUFFIX.sub("", text)
        if APPROXIMATE.search(number_text) or APPROXIMATE.search(text):
            raise ValueError(_("“%(value)s”是约数：请填写确切的数字（如 100），估计的情况可写在备注中") % {"value": value})
        multiplier = 1
        if number_text.endswith("万"):
            number_text, multiplier = number_text[:-1], 10000
        try:
            number = Decimal(number_text) * multiplier
        except InvalidOperation:
            raise ValueError(_("“%(value)s”不是数字：请填写整数（如 100 或 100人次）") % {"value": value}) from None
        if number < 0:
            raise ValueError(_("“%(value)s”是负数：数量不能小于0") % {"value": value})
        if number != number.to_integral_value():
            raise ValueError(_("“%(value)s”不是整数") % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


def normalise_occasion(text) -> str:
    """'“3·15”消费者权益日', '3.15 消费者权益日' and '3・15消费者权益日' all read 3·15消费者权益日."""
    value = clean_text(text)
    value = re.sub(r"[“”\"'‘’「」『』]", "", value)
    value = re.sub(r"(\d{1,2})\s*[.．・•·:：-]\s*(\d{1,2})", r"\1·\2", value)
    return normalise_header(value)


class OccasionWidget(NamedRecordWidget):
    """The township's occasion a cell names (by its name, with or without its date, or by the date alone:
    "12·4"); any other theme is returned as the text written, to be kept as free text."""

    def __init__(self, **kwargs):
        super().__init__(Occasion, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if not text:
            return None
        if self.lookup is None:
            self.lookup, self.by_code = {}, {}
            for occasion in Occasion.objects.filter(township=self.township).order_by("id"):
                for spelling in (str(occasion), occasion.name):
                    self.lookup.setdefault(normalise_occasion(spelling), occasion)
                if occasion.code:
                    self.by_code.setdefault(occasion.code, occasion)
            self.lookup_ids = {occasion.pk for occasion in self.lookup.values()}
        key = normalise_occasion(text)
        if key in self.lookup:
            return self.lookup[key]
        code = re.match(r"^(\d{1,2}·\d{1,2})(?!\d)", key)
        if code and code.group(1) in self.by_code:  # "3·15消费者权益保护日": the date names the occasion
            return self.by_code[code.group(1)]
        return text[:50]

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YearWidget(widgets.Widget):
    """A year as ledgers write it: 2023, ２０２３, 2023年."""

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value).removesuffix("年").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(_("“%(value)s”不是年份：请写成 2023 或 2023年") % {"value": value})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return value
