"""Cell widgets of the ledgers' import and export: how a cell of a real sheet becomes a field value
and back (django-import-export widgets). The resource base (township.ledger.resources) picks one per
model field by its type; a ledger names another only where its sheets differ.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets
from import_export.widgets import ManyToManyWidget

from township.fields import serial_range
from township.personal import normalise_id_number, normalise_phone
from township.sheets import normalise_header

FULLWIDTH = str.maketrans("０１２３４５６７８９．－／：　（）Ｘｘ", "0123456789.-/: ()Xx")
RECORD_ID_COLUMN = "系统编号"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),  # a time may follow; more digits may not
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})(?!\d)日?"),  # 2025年1月2147483648日 is no 2025-01-21
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
YES = {"是", "有", "√", "✓", "y", "yes", "true", "1", "已"}
NO = {"否", "无", "×", "n", "no", "false", "0", "未", ""}


def clean_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).translate(FULLWIDTH).strip()


def parse_flexible_date(value) -> datetime.date | None:
    """2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305, a real date cell, or an Excel serial.

    A number is read as an Excel serial only in a numeric cell and only when the date it stands for is
    one some ledger accepts (township.fields.serial_range): "2025" or 12 is not a date. Whether the date
    suits its field (an event not after today …) is the model field's check, in forms and imports alike.
    """
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 29991231:
            return _date_from_text(str(int(value)), value)  # 20250305 typed as a number
        earliest, latest = serial_range()
        if earliest.toordinal() <= EXCEL_EPOCH.toordinal() + value < latest.toordinal() + 1:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError(_not_a_date(value))
    # a time after the date ("2025-03-05 10:30") is dropped before the spaces, so its digits do not run on
    text = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", clean_text(value)).replace(" ", "")
    if not text:
        return None
    return _date_from_text(text, value)


def _not_a_date(value) -> str:
    return _("“%(value)s”不是日期：请写明年月日，如 2025-03-05、2025/3/5、2025.3.5 或 2025年3月5日") % {
        "value": clean_text(value)
    }


def _date_from_text(text: str, value) -> datetime.date:
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    else:
        if re.fullmatch(r"\d+(\.\d+)?", text):  # a bare number typed as text: never an Excel serial
            raise ValueError(_not_a_date(value))
    raise ValueError(
        _("日期“%(value)s”无法识别，请写成 2025-03-05、2025/3/5、2025.3.5 或 2025年3月5日") % {"value": value}
    )


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return parse_flexible_date(value)

    def render(self, value, obj=None, **kwargs):
        return value  # a real date cell in xlsx


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if "\x00" in str(value):  # as a form refuses it (PostgreSQL could not store it); see township.ledger.forms
            raise ValueError(_("Null characters are not allowed."))
        return str(value).strip()

    def render(self, value, obj=None, **kwargs):
        return value or ""


class DigitsWidget(TextWidget):
    """Phone and ID numbers: full-width digits and stray spaces cleaned, kept as text."""

    def clean(self, value, row=None, **kwargs):
        return clean_text(value).replace(" ", "")


class IntegerWidget(widgets.Widget):
    def __init__(self, *, default=None, **kwargs):
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value).replace(",", "")
        if not text:
            return self.default
        text = re.sub(r"(人|户|个|件|次|份|名)$", "", text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s”不是整数") % {"value": value}) from None
        if number != number.to_integral_value() or number < 0:
            raise ValueError(_("“%(value)s”不是非负整数") % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class DecimalWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = clean_text(value).replace(",", "").removesuffix("元")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s”不是数字") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return float(value) if value is not None else None


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = clean_text(value).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("“%(value)s”应填“是”或“否”") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("是") if value else _("否")


class ChoiceWidget(widgets.Widget):
    """Chinese labels in the sheet, stored values in the database; the label, the value and extra spellings
    (synonyms: {spelling: a value or a label}) are all understood."""

    def __init__(self, choices, *, synonyms=None, default=None, **kwargs):
        self.choices = list(choices)
        self.default = default
        self.labels: dict | None = None  # {value: label as text}, by render
        self.by_label = {normalise_header(str(label)): value for value, label in self.choices}
        self.by_label.update({normalise_header(str(value)): value for value, _label in self.choices})
        known = dict(self.by_label)
        self.by_label.update({normalise_header(k): known.get(normalise_header(str(v)), v) for k, v in (synonyms or {}).items()})
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = normalise_header(clean_text(value))
        if not text:
            if self.default is not None:
                return self.default
            raise ValueError(_("不能为空"))
        if text in self.by_label:
            return self.by_label[text]
        allowed = "、".join(str(label) for _value, label in self.choices)
        raise ValueError(_("“%(value)s”不是可选值（%(allowed)s）") % {"value": value, "allowed": allowed})

    def render(self, value, obj=None, **kwargs):
        # the labels as text once, not a gettext a cell (each is a lazy translation): a resource, and so its
        # widgets (django-import-export copies them for each), serves one import or export, in one language
        if self.labels is None:
            self.labels = {value: str(label) for value, label in self.choices}
        return str(self.labels.get(value, value or ""))


class NamedRecordWidget(widgets.Widget):
    """A record of the importing township named in the sheet (a village by its name, a person …)."""

    def __init__(self, model, *, field_name="name", required=False, **kwargs):
        self.model = model
        self.field_name = field_name
        self.required = required
        self.lookup: dict[str, object] | None = None
        self.lookup_ids: set = set()
        self.township = None
        super().__init__(**kwargs)

    def bind(self, township):
        self.township = township
        self.lookup = None
        self.lookup_ids = set()

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if not text:
            if self.required:
                raise ValueError(_("不能为空"))
            return None
        if self.lookup is None:
            records = self.model.objects.filter(township=self.township)
            self.lookup = {normalise_header(getattr(r, self.field_name)): r for r in records}
            self.lookup_ids = {r.pk for r in self.lookup.values()}
        record = self.lookup.get(normalise_header(text))
        if record is None:
            raise ValueError(
                _("本镇没有名为“%(name)s”的%(kind)s") % {"name": text, "kind": self.model._meta.verbose_name}
            )
        return record

    def render(self, value, obj=None, **kwargs):
        return getattr(value, self.field_name, "") if value is not None else ""



class PhoneWidget(DigitsWidget):
    def clean(self, value, row=None, **kwargs):
        return normalise_phone(clean_text(value))


class IdNumberWidget(DigitsWidget):
    def clean(self, value, row=None, **kwargs):
        return normalise_id_number(clean_text(value))


class BlankZeroWidget(IntegerWidget):
    """A count where 0 is written as an empty cell (延期天数: no extension)."""

    def __init__(self, **kwargs):
        super().__init__(default=0, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return value or None


def split_names(text: str | None) -> list[str]:
    """Names as a ledger cell lists them: separated by 、，, ; / or spaces."""
    return [name for name in re.split(r"[、，,；;/\s]+", text or "") if name]


class NamesWidget(ManyToManyWidget):
    """Several records of the importing township named in one cell ('大溪社区、酉水村'); unknown names are errors."""

    def __init__(self, model, *, name_of=None, lookup_field="name", **kwargs):
        super().__init__(model, field=lookup_field, separator="、", **kwargs)
        self.name_of = name_of or (lambda record: getattr(record, lookup_field))
        self.township = None
        self._lookup = None

    def bind(self, township):
        self.township = township
        self._lookup = None

    def clean(self, value, row=None, **kwargs):
        if self._lookup is None:
            records = self.model.objects.filter(township=self.township)
            self._lookup = {}
            for record in records:
                self._lookup.setdefault(normalise_header(self.name_of(record)), record)
        found, unknown = [], []
        for name in split_names(clean_text(value)):
            record = self._lookup.get(normalise_header(name))
            (found if record is not None else unknown).append(record if record is not None else name)
        if unknown:
            raise ValueError(_("本镇没有名为“%(names)s”的%(kind)s")
                             % {"names": "、".join(unknown), "kind": self.model._meta.verbose_name})
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(self.name_of(record) for record in value.all())


def type_synonyms(values, suffixes) -> dict[str, str]:
    """'邻里纠纷' → 邻里, '土地类' → 土地: the ledger's word (a choice's label) with its customary suffix."""
    return {f"{getattr(value, 'label', value)}{suffix}": value for value in values for suffix in suffixes}
