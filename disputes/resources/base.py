"""What the disputes app's resources share, on township.importing.LedgerResource.

Every ledger here takes the sheets townships already keep and writes the same layout back, so that
export → import changes nothing: rows that did not change are skipped (no new version, no history
entry), and a cell the export masked (138****5678) keeps the value already stored.
"""

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export.widgets import ManyToManyWidget

from township.importing import DigitsWidget, IntegerWidget, LedgerResource, clean_text, parse_flexible_date
from township.personal import mask_personal, normalize_id_number, normalize_phone
from township.sheets import normalise_header


class PhoneWidget(DigitsWidget):
    def clean(self, value, row=None, **kwargs):
        return normalize_phone(clean_text(value))


class IdNumberWidget(DigitsWidget):
    def clean(self, value, row=None, **kwargs):
        return normalize_id_number(clean_text(value))


class BlankZeroWidget(IntegerWidget):
    """A count where 0 is written as an empty cell (延期天数: no extension)."""

    def __init__(self, **kwargs):
        super().__init__(default=0, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return value or None


class NamesWidget(ManyToManyWidget):
    """Several records of the importing township named in one cell ('大溪社区、酉水村'); unknown names are errors."""

    def __init__(self, model, *, name_of, lookup_field, **kwargs):
        super().__init__(model, field=lookup_field, separator="、", **kwargs)
        self.name_of = name_of
        self.township = None
        self._lookup = None

    def bind(self, township):
        self.township = township
        self._lookup = None

    def clean(self, value, row=None, **kwargs):
        from disputes.models import split_names

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
            raise ValueError(gettext("本镇没有名为“%(names)s”的%(kind)s")
                             % {"names": "、".join(unknown), "kind": self.model._meta.verbose_name})
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(self.name_of(record) for record in value.all())


class NoDiff:
    """The row diff django-import-export would build: shown nowhere, so not computed."""

    def __init__(self, *args, **kwargs):
        pass

    def compare_with(self, *args, **kwargs):
        pass

    def as_html(self):
        return []


def type_synonyms(values, suffixes) -> dict[str, str]:
    """'邻里纠纷' → '邻里', '土地类' → '土地': the ledger's word with its customary suffix."""
    return {f"{value}{suffix}": value for value in values for suffix in suffixes}


class ChangesOnlyResource(LedgerResource):
    """Skips unchanged rows, keeps stored values of masked cells, reports every error under a column."""

    # Model fields filled by a column of another name, for error messages: {model field: resource field}.
    error_columns: dict[str, str] = {}
    # Resource fields whose cells the resource reads itself (import_instance), not django-import-export.
    handled_separately: tuple[str, ...] = ()
    # Natural-key columns that hold dates: compared as dates, whichever notation the sheet uses.
    date_key_columns: tuple[str, ...] = ()

    class Meta(LedgerResource.Meta):
        skip_diff = False  # skip_row needs the original to compare with
        skip_html_diff = True

    def __init__(self, *, township, user=None, **kwargs):
        super().__init__(township=township, user=user, **kwargs)
        for resource_field in self.fields.values():
            if isinstance(resource_field.widget, NamesWidget):
                resource_field.widget.bind(township)

    def get_diff_class(self):
        return NoDiff

    def key_of(self, values: dict) -> tuple:
        key = []
        for column in self.natural_key:
            value = values.get(column)
            if column in self.date_key_columns:
                with contextlib.suppress(ValueError):  # an unreadable date stays text: no match, a new record
                    value = parse_flexible_date(value)
                value = value.isoformat() if isinstance(value, datetime.date) else value
            key.append(normalise_header(clean_text(value)))
        return tuple(key)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.readonly or field.attribute in self.handled_separately:
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        instance.imported_from_sheet = True  # checks that need a column ledgers do not have become flags
        row, errors = self.keep_masked_values(instance, row)
        for field in self.get_import_fields():  # many-to-many cells are saved later: check them now
            if isinstance(field.widget, ManyToManyWidget) and field.column_name in row and not field.readonly:
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = ValidationError(str(exc))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if errors:
            raise ValidationError(errors)

    def keep_masked_values(self, instance, row) -> tuple[dict, dict]:
        """A masked cell equal to the mask of the stored value keeps the stored value; any other is an error."""
        row = dict(row)
        errors = {}
        for attribute, kind in getattr(self._meta.model, "PERSONAL_FIELDS", {}).items():
            column = self.fields[attribute].column_name
            text = clean_text(row.get(column)).replace(" ", "")
            if column not in row or "*" not in text:
                continue
            stored = getattr(instance, attribute) if instance.pk else ""
            if stored and mask_personal(kind, stored) == text:
                del row[column]
            else:
                errors[attribute] = ValidationError(
                    gettext("“%(value)s”是脱敏后的号码，不能导入，请填写完整号码。") % {"value": text}
                )
        return row, errors

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or not original.pk:
            return False
        for field in self.get_import_fields():
            if field.readonly or field.attribute in self.handled_separately or field.column_name not in row:
                continue
            if isinstance(field.widget, ManyToManyWidget):
                try:
                    wanted = {record.pk for record in field.clean(row)}
                except ValueError:
                    return False
                if wanted != {record.pk for record in field.get_value(original).all()}:
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return self.unchanged_separately(instance, original, row)

    def unchanged_separately(self, instance, original, row) -> bool:
        return True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as exc:
            errors = {}
            for name, messages in exc.error_dict.items():
                errors.setdefault(self.error_columns.get(name, name), []).extend(messages)
            raise ValidationError(errors) from None
