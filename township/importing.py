"""Import and export of ledgers, on django-import-export, built once for every ledger.

A ledger's resource derives from LedgerResource and declares its columns with the widgets below;
`import_sheet` runs the all-or-nothing import and reports each bad row by its Excel row number.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from township.fields import serial_range
from township.sheets import ParsedSheet, SkippedRow, normalise_header

FULLWIDTH = str.maketrans("０１２３４５６７８９．－／：　（）Ｘｘ", "0123456789.-/: ()Xx")
RECORD_ID_COLUMN = "系统编号"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?"),
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
    text = clean_text(value).replace(" ", "")
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
        if "\x00" in str(value):  # as a form refuses it (PostgreSQL could not store it); see township/forms.py
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
    """Chinese labels in the sheet, stored values in the database; extra spellings allowed."""

    def __init__(self, choices, *, synonyms=None, default=None, **kwargs):
        self.choices = list(choices)
        self.default = default
        self.by_label = {normalise_header(str(label)): value for value, label in self.choices}
        self.by_label.update({normalise_header(str(value)): value for value, _label in self.choices})
        self.by_label.update({normalise_header(k): v for k, v in (synonyms or {}).items()})
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
        return str(dict(self.choices).get(value, value or ""))


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


class LedgerResource(resources.ModelResource):
    """Base of every ledger's resource: scoped to one township, natural keys, history user."""

    # Each resource declares: natural_key (column names that identify a record), aliases
    # ({canonical column name: [other spellings]}), required (canonical column names).
    natural_key: tuple[str, ...] = ()
    aliases: dict[str, list[str]] = {}
    required: tuple[str, ...] = ()
    # Names of the model's constraints that only make the natural key unique among the township's live
    # records (get_queryset must read all of them). When every constraint of the model is listed, a new
    # record whose key is neither stored (_existing) nor met earlier in this import cannot break them, and
    # validate_instance skips their per-row query; the database constraint stays the last guard.
    key_constraints: tuple[str, ...] = ()

    def __init__(self, *, township, user=None, **kwargs):
        super().__init__(**kwargs)
        # The export carries each record's id, so that an exported sheet edited in Excel comes back as
        # updates of the same records even when a natural-key column (a phone, a name) was changed.
        self.fields["record_id"] = fields.Field(
            attribute="pk", column_name=RECORD_ID_COLUMN, widget=IntegerWidget(), readonly=True
        )
        self.township = township
        self.user = user
        for resource_field in self.fields.values():
            if isinstance(resource_field.widget, NamedRecordWidget):
                resource_field.widget.bind(township)
        self._existing = None
        self._keys_seen: set[tuple] = set()  # natural keys of the records validated in this import

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        skip_html_diff = True
        exclude = ("id",)
        chunk_size = 2000  # exports read the records in pages of this size

    @classmethod
    def header_aliases(cls) -> dict[str, str]:
        """Every accepted spelling of a header (normalised) → the canonical column name."""
        mapping = {normalise_header(f.column_name): f.column_name for f in cls.fields.values()}
        mapping[normalise_header(RECORD_ID_COLUMN)] = RECORD_ID_COLUMN
        for canonical, others in cls.aliases.items():
            for other in others:
                mapping[normalise_header(other)] = canonical
        return mapping

    def get_queryset(self):
        return self._meta.model.objects.filter(township=self.township)

    def key_of(self, values: dict) -> tuple:
        return tuple(normalise_header(clean_text(values.get(column))) for column in self.natural_key)

    def get_export_order(self):
        order = [name for name in super().get_export_order() if name != "record_id"]
        return (*order, "record_id")

    def get_instance(self, instance_loader, row):
        record_id = clean_text(row.get(RECORD_ID_COLUMN))
        if record_id:
            record = self.get_queryset().filter(pk=int(record_id)).first() if record_id.isdigit() else None
            if record is None:
                raise ValueError(_("系统编号“%(id)s”不是本镇本台账的记录；新记录请留空此列") % {"id": record_id})
            return record
        if not self.natural_key:
            return None
        key = self.key_of(row)
        if not key[0]:
            return None
        if self._existing is None:
            key_fields = [field for field in self.fields.values() if field.column_name in self.natural_key]
            self._existing = {}
            for record in self.get_queryset():
                exported = {field.column_name: self.export_field(field, record) for field in key_fields}
                self._existing.setdefault(self.key_of(exported), record)
        return self._existing.get(key)

    def instance_key(self, instance) -> tuple | None:
        """The natural key of a record as its export writes it (as _existing reads the stored ones)."""
        if not self.natural_key:
            return None
        key_fields = [field for field in self.fields.values() if field.column_name in self.natural_key]
        key = self.key_of({field.column_name: self.export_field(field, instance) for field in key_fields})
        return key if key[0] else None

    def constraints_proved(self, instance, key) -> bool:
        """True when the model's constraints cannot fail for this record (see key_constraints)."""
        if not self.key_constraints or instance.pk is not None or key is None or self._existing is None:
            return False
        names = {constraint.name for constraint in self._meta.model._meta.constraints}
        return (
            names <= set(self.key_constraints)
            and instance.township_id == self.township.pk
            and key not in self._existing
            and key not in self._keys_seen
        )

    def known_foreign_keys(self, instance) -> set[str]:
        """Foreign keys whose record is known to exist: the township, and records a NamedRecordWidget
        found in the township (their existence query in clean_fields would tell nothing new)."""
        known = set()
        if instance.township_id is not None and instance.township_id == self.township.pk:
            known.add("township")
        for resource_field in self.fields.values():
            widget = resource_field.widget
            if not isinstance(widget, NamedRecordWidget) or not widget.lookup_ids or not resource_field.attribute:
                continue
            try:
                model_field = self._meta.model._meta.get_field(resource_field.attribute)
            except FieldDoesNotExist:
                continue
            if not model_field.many_to_one or model_field.remote_field.limit_choices_to:
                continue
            if getattr(instance, model_field.attname) in widget.lookup_ids:
                known.add(model_field.name)
        return known

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Model.full_clean, step by step, without the queries whose answer the import already has:
        the existence of the township and of records found by name, and the key constraints of a
        record whose key is new (constraints_proved). Errors are the same as full_clean's."""
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            exclude = set(errors)
            try:
                instance.full_clean(
                    exclude=exclude | self.known_foreign_keys(instance), validate_unique=False, validate_constraints=False
                )
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
            if validate_unique:
                exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
                try:
                    instance.validate_unique(exclude=exclude)
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
            key = self.instance_key(instance)
            if not self.constraints_proved(instance, key):
                exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
                try:
                    instance.validate_constraints(exclude=exclude)
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
            if key is not None:
                self._keys_seen.add(key)
        if errors:
            raise ValidationError(errors)

    def init_instance(self, row=None):
        return self._meta.model(township=self.township)

    def before_save_instance(self, instance, row, **kwargs):
        instance.township = self.township
        if instance.pk:
            instance.version += 1
        if self.user is not None:
            instance._history_user = self.user

    def export_rows(self, queryset) -> tuple[list[str], list[list]]:
        dataset = self.export(queryset)
        return list(dataset.headers), [list(row) for row in dataset]


@dataclass
class RowOutcome:
    sheet_row: int
    action: str  # new, update, skip, invalid
    errors: list[tuple[str, str]] = field(default_factory=list)
    values: list = field(default_factory=list)


@dataclass
class ImportOutcome:
    rows: list[RowOutcome]
    headers: list[str]
    ignored_headers: list[str]
    written: bool
    skipped: list[SkippedRow] = field(default_factory=list)  # totals and footer rows, not records
    hidden_rows: list[int] = field(default_factory=list)  # records Excel hides: imported, and said so

    @property
    def error_rows(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.errors]

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "update": 0, "skip": 0, "invalid": 0}
        for row in self.rows:
            counts[row.action] = counts.get(row.action, 0) + 1
        return counts


def _messages(error) -> list[tuple[str, str]]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [(name, message) for name, messages in error.message_dict.items() for message in messages]
    if isinstance(error, ValidationError):
        return [("", str(message)) for message in error.messages]
    return [("", str(error))]


def preview_value(value):
    """A date cell is shown as the date a clerk typed (Excel stores it as midnight of that day)."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def duplicate_rows(resource: LedgerResource, parsed: ParsedSheet) -> dict[int, tuple[str, str]]:
    """Rows whose natural key repeats an earlier row of the same sheet: {dataset index: (column, message)}."""
    if not resource.natural_key:
        return {}
    first_row: dict[tuple, int] = {}
    duplicates = {}
    for index, values in enumerate(parsed.dataset):
        key = resource.key_of(dict(zip(parsed.dataset.headers, [preview_value(v) for v in values], strict=False)))
        if not key[0]:
            continue
        if key in first_row:
            duplicates[index] = ("、".join(resource.natural_key), _("与第 %(row)s 行重复") % {"row": first_row[key]})
        else:
            first_row[key] = parsed.sheet_rows[index]
    return duplicates


def import_sheet(resource: LedgerResource, parsed: ParsedSheet, *, dry_run: bool) -> ImportOutcome:
    """All rows or none: the import is written only when no row has an error and dry_run is off.

    One pass: when any row fails the whole transaction is rolled back, so a real import needs no dry
    run before it.
    """
    column_of = {f.attribute: f.column_name for f in resource.fields.values()}
    in_sheet = set(parsed.dataset.headers)

    def sheet_column(name: str) -> str:
        column = column_of.get(name, name)
        return column if column in in_sheet else ""  # never a column the sheet does not have

    duplicates = duplicate_rows(resource, parsed)
    write = not dry_run and not duplicates
    with transaction.atomic():
        result = resource.import_data(
            parsed.dataset, dry_run=not write, use_transactions=True, raise_errors=False, collect_failed_rows=False
        )
        failed = result.has_errors() or result.has_validation_errors()
        if failed:
            # django-import-export keeps the valid rows when others are only invalid: not here
            transaction.set_rollback(True)
    rows = []
    for index, row_result in enumerate(result.rows):
        action = {
            RowResult.IMPORT_TYPE_NEW: "new",
            RowResult.IMPORT_TYPE_UPDATE: "update",
            RowResult.IMPORT_TYPE_SKIP: "skip",
        }.get(row_result.import_type, "invalid")
        errors = []
        if row_result.validation_error is not None:
            errors += [(sheet_column(name), message) for name, message in _messages(row_result.validation_error)]
        for error in row_result.errors:
            errors += _messages(error.error)
        if index in duplicates:  # the rest (e.g. "already stored") would only echo the earlier row
            errors = [duplicates[index]]
        values = [preview_value(value) for value in parsed.dataset[index]]
        rows.append(RowOutcome(parsed.sheet_rows[index], "invalid" if errors else action, errors, values))
    written = write and not failed
    return ImportOutcome(rows, list(parsed.dataset.headers), parsed.ignored_headers, written,
                         skipped=parsed.skipped, hidden_rows=parsed.hidden_rows)
