"""The resource base of every ledger (django-import-export): one township's records in and out of a
sheet in the layout staff keep.

A ledger's resource derives from LedgerResource and declares only what differs from its model: the
header variants townships use (``aliases``), the columns that identify a record (``natural_key``),
the ones that identify a record whose key cell is blank (``content_key``), and columns whose cells
are read differently. Every other column comes from the model's field: its verbose_name as header,
a widget by the field's type (township.ledger.widgets), choices by label or value, a related
record by its name, personal data normalised.

What every import gets from here: rows that did not change are skipped (no new version, no
history entry); a masked cell (138****5678) keeps the stored value; the acting user's scope is
applied to every row (a village clerk writes their own village only, and a key that matches a
record they may not see is refused without saying it exists); a row's errors name its columns.

And what the preview shows of each row (township.ledger.importer.RowOutcome): the old and new value of
every field an update changes; an update that changes one of the record's ``identity_fields`` (whose,
where, when: another person's dispute under a matching 编号) is held back, and written only when the
clerk ticks it (``choices.confirmed_rows``); a new row whose ``namesake_columns`` equal an existing
record's (a person of the same name) is flagged, and the clerk may match it to that record
(``choices.matches``) instead of adding a second one.
"""

import contextlib
import copy
import datetime
import functools
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.results import RowResult
from import_export.widgets import ManyToManyWidget

from township import access
from township.cache import record_changed
from township.ledger.changes import Change, ImportChoices, RowNote
from township.ledger.widgets import (
    ChoiceWidget,
    DateWidget,
    DecimalWidget,
    IdNumberWidget,
    IntegerWidget,
    NamedRecordWidget,
    NamesWidget,
    PhoneWidget,
    TextWidget,
    YesNoWidget,
    clean_text,
    parse_flexible_date,
)
from township.models import TownshipRecord, live_unique_fields
from township.numbers import plain_int
from township.personal import mask_personal
from township.sheets import normalise_header
from township.workdays import StoredDueDates

RECORD_ID_COLUMN = "系统编号"
HISTORY_BATCH = 500  # history rows written at once (one INSERT each batch, within the import's transaction)
INSERT_BATCH = 500  # new records inserted at once (insert_new), then their links and history


def widget_for(model, django_field, synonyms=None):
    """The cell widget of a model field, by its type (and the model's personal-data declaration)."""
    kind = getattr(model, "personal_fields", {}).get(django_field.name)
    if kind == "phone":
        return PhoneWidget()
    if kind == "id_number":
        return IdNumberWidget()
    default = None if django_field.default is models.NOT_PROVIDED else django_field.default
    if django_field.choices:
        if default is None and django_field.blank:
            default = ""
        return ChoiceWidget(django_field.choices, synonyms=synonyms, default=default)
    if django_field.many_to_many:
        related = django_field.related_model
        return NamesWidget(related, lookup_field=getattr(related, "name_field", "name"))
    if django_field.many_to_one:
        related = django_field.related_model
        return NamedRecordWidget(related, field_name=getattr(related, "name_field", "name"),
                                 required=not django_field.null)
    if isinstance(django_field, models.DateField):
        return DateWidget()
    if isinstance(django_field, models.BooleanField):
        return YesNoWidget()
    if isinstance(django_field, models.DecimalField):
        return DecimalWidget()
    if isinstance(django_field, models.IntegerField):
        return IntegerWidget(default=default)
    return TextWidget()


# The saves insert_new does for a new record: a model whose save() does more is saved one record at a time.
SAVES_REPEATED = (models.Model.save, TownshipRecord.save, StoredDueDates.save)


@functools.cache
def has_unique_columns(model) -> bool:
    """Does validate_unique query the table (a unique column besides the id, unique_together, unique_for_date)?"""
    return bool(model._meta.unique_together) or any(
        (field.unique and not field.primary_key) or field.unique_for_date or field.unique_for_month
        or field.unique_for_year for field in model._meta.fields
    )


@functools.cache
def model_inserts_in_bulk(model) -> bool:
    own_saves = [klass.__dict__["save"] for klass in model.__mro__ if "save" in klass.__dict__]
    return (connection.features.can_return_rows_from_bulk_insert and not model._meta.parents
            and all(save in SAVES_REPEATED for save in own_saves))


def inserts_in_bulk(record) -> bool:
    """Can insert_new write this new record as its save() would? Not when save() gives it a number (the next
    one after the stored ones: one record at a time)."""
    numbering = getattr(type(record), "numbering", None)
    return model_inserts_in_bulk(type(record)) and not (numbering is not None and numbering.numbers(record))


def insert_new(model, records) -> None:
    """New records inserted as save() would write them, in one statement for many: stored due dates computed,
    created_at and updated_at set, the township's figures dropped (post_save's record_changed). No signal is
    sent: the import writes the history itself (copy_to_history) and the links after it (save_links)."""
    for record in records:
        if isinstance(record, StoredDueDates):
            record.set_due_dates()
    model._base_manager.bulk_create(records)
    for record in records:
        record_changed(model, record)


@dataclass
class PendingInsert:
    """A new row's record waiting for its batch's INSERT, with what its links and its row's outcome need."""

    instance: models.Model
    row: dict
    kwargs: dict
    row_result: RowResult | None = None


class LedgerRowResult(RowResult):
    """A row's outcome without the record's str(): shown nowhere (the preview shows the cells), and a record's
    str() may read its choices' labels (Dispute: get_category_display, a tenth of an import of new rows)."""

    def add_instance_info(self, instance):
        if instance is not None:
            self.object_id = instance.pk


class LedgerResource(resources.ModelResource):
    """Base of every ledger's resource: one township, the acting user's scope, natural keys."""

    # Declared by each resource (all optional):
    natural_key: tuple[str, ...] = ()  # column names that identify a record
    content_key: tuple[str, ...] = ()  # ... when the natural key's cells are blank (date, village, party …)
    aliases: dict[str, list[str]] = {}  # {column name: [other spellings of its header]}
    required: tuple[str, ...] | None = None  # columns a sheet must have (default: the model's required fields)
    choice_synonyms: dict[str, dict[str, str]] = {}  # {model field: {other spelling: stored value}}
    error_columns: dict[str, str] = {}  # {model field: resource field whose column its errors are shown under}
    handled_separately: tuple[str, ...] = ()  # resource fields the resource reads itself (import_instance)
    # Model fields that say whose, where and when a record is: an update that changes one of them is held back
    # until the clerk ticks it. Default: the model's village field and the ledger's year field.
    identity_fields: tuple[str, ...] | None = None
    # Columns that make a new row look like an existing record (a person's name): the preview flags it and
    # offers to match it to that record; namesake_hints are the columns that tell the namesakes apart.
    namesake_columns: tuple[str, ...] = ()
    namesake_hints: tuple[str, ...] = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # No diff (shown nowhere); skip_row compares with a shallow copy taken in get_or_init_instance, since
        # django-import-export's deep copy of every record (its cached relations too) cost a tenth of an import.
        skip_diff = True
        skip_html_diff = True
        exclude = ("id",)
        chunk_size = 2000  # exports read the records in pages of this size

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        """A column from the model: its verbose_name as header and the widget of its type."""
        return fields.Field(
            attribute=field_name,
            column_name=str(django_field.verbose_name),
            widget=widget_for(cls._meta.model, django_field, cls.choice_synonyms.get(field_name)),
            readonly=readonly,
        )

    def __init__(self, *, township, user=None, ledger=None, **kwargs):
        super().__init__(**kwargs)
        # The export carries each record's id, so that an exported sheet edited in Excel comes back as
        # updates of the same records even when a natural-key column (a phone, a name) was changed.
        self.fields["record_id"] = fields.Field(
            attribute="pk", column_name=RECORD_ID_COLUMN, widget=IntegerWidget(), readonly=True
        )
        self.township = township
        self.user = user
        self.ledger = ledger
        for resource_field in self.fields.values():
            if isinstance(resource_field.widget, NamedRecordWidget | NamesWidget):
                resource_field.widget.bind(township)
        self._existing = None
        self._by_content = None
        self._visible_ids = None
        self._keys_seen: set[tuple] = set()  # natural keys of the records validated in this import
        self._history_pending: list = []  # records saved by this import whose history is not written yet
        self.on_row = None  # told each row's number as the import goes (township.tasks: the progress bar)
        self.preview = False  # set by import_sheet: the rows are saved, then rolled back
        self._import_fields = None
        self.choices = ImportChoices()  # what the clerk ticked in the preview (the confirming post)
        self.sheet_rows: list[int] = []  # the Excel row of each dataset row (set by the importer)
        self.notes: dict[int, RowNote] = {}  # what the preview says of a row beyond its errors, by row_number
        self._row_number = None
        self._namesakes = None
        self._inserts_pending: list[PendingInsert] = []  # new records waiting for their batch (insert_pending)

    # --- what the preview says of a row -------------------------------------------------------------

    def identity_attributes(self) -> set[str]:
        """identity_fields as declared, or the model's village field and the ledger's year field."""
        if self.identity_fields is not None:
            declared = set(self.identity_fields)
        else:
            declared = {(getattr(self._meta.model, "village_field", None) or "").split("__")[0]}
            declared.add(getattr(self.ledger, "year_field", None) or "")
        return {f.attribute for f in self.fields.values() if f.attribute in declared and not f.readonly}

    def sheet_row(self, row_number) -> int | None:
        """The Excel row of django-import-export's row_number (1 = the dataset's first row)."""
        if row_number is None:
            return None
        return self.sheet_rows[row_number - 1] if 0 < row_number <= len(self.sheet_rows) else row_number

    def note(self) -> RowNote:
        return self.notes.setdefault(self._row_number, RowNote())

    def get_row_result_class(self):
        return LedgerRowResult

    def import_row(self, row, instance_loader, **kwargs):
        self._row_number = kwargs.get("row_number")
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self._inserts_pending and self._inserts_pending[-1].row_result is None:
            self._inserts_pending[-1].row_result = row_result  # this row's record, in the batch
            if len(self._inserts_pending) >= INSERT_BATCH:
                self.insert_pending()
        return row_result

    def display(self, field, record) -> object:
        """A cell as the preview shows it: a date as a date, a related record by its name, personal data masked."""
        kind = getattr(self._meta.model, "personal_fields", {}).get(field.attribute)
        value = field.get_value(record) if record is not None else None
        if kind:
            return mask_personal(kind, value or "")
        if isinstance(value, datetime.date) or value is None:
            return value
        if hasattr(value, "all") and hasattr(value, "model"):
            return "、".join(str(item) for item in value.all())
        rendered = self.export_field(field, record)
        return "" if rendered is None else rendered

    def changes_of(self, instance, original, row) -> list[Change]:
        """Every field the row changes in the stored record, with its old and new value as shown."""
        identity = self.identity_attributes()
        changes = []
        separately_changed = None  # asked once, only when the row has such a column
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row:
                continue
            if field.attribute in self.handled_separately:
                if separately_changed is None:
                    separately_changed = not self.unchanged_separately(instance, original, row)
                old, new = self.export_field(field, original) or "", clean_text(row[field.column_name])
                # the resource decides whether they changed; the cells only say how
                if separately_changed and normalise_header(str(old)) != normalise_header(new):
                    changes.append(Change(field.column_name, old, new, field.attribute in identity))
                continue
            if isinstance(field.widget, ManyToManyWidget):
                try:
                    wanted = list(field.clean(row))
                except ValueError:
                    continue  # the row's error says what is wrong with the cell
                stored = list(field.get_value(original).all())
                if {r.pk for r in wanted} != {r.pk for r in stored}:
                    changes.append(Change(field.column_name, "、".join(map(str, stored)), "、".join(map(str, wanted)),
                                          field.attribute in identity))
            elif field.get_value(instance) != field.get_value(original):
                changes.append(Change(field.column_name, self.display(field, original), self.display(field, instance),
                                      field.attribute in identity))
        return changes

    def namesakes_of(self, row) -> list:
        """Stored records whose namesake_columns equal the row's (one query for the whole import)."""
        if not self.namesake_columns or not any(clean_text(row.get(c)) for c in self.namesake_columns):
            return []
        if self._namesakes is None:
            self.insert_pending()  # the stored records read: this import's too
            self._namesakes = {}
            for record in self.get_queryset():
                if self.visible(record):
                    self._namesakes.setdefault(self._exported_key(record, self.namesake_columns), []).append(record)
        return self._namesakes.get(self.key_of(row, self.namesake_columns), [])

    def describe_namesake(self, record) -> str:
        """How the preview tells a namesake apart: its name and its namesake_hints cells (personal data masked)."""
        hints = []
        for field in self.fields.values():
            if field.column_name in self.namesake_hints:
                value = self.display(field, record)
                if value not in (None, ""):
                    hints.append(str(value))
        return f"{record}（{'，'.join(hints)}）" if hints else str(record)

    def matched_namesake(self, row):
        """A new row the clerk matched to a stored namesake: that record (None: a new record, as the sheet says)."""
        namesakes = self.namesakes_of(row)
        if not namesakes:
            return None
        sheet_row = self.sheet_row(self._row_number)
        wanted = self.choices.matches.get(sheet_row)
        note = self.note()
        note.namesakes = [(record.pk, self.describe_namesake(record)) for record in namesakes]
        if wanted is None:
            return None
        record = next((record for record in namesakes if record.pk == wanted), None)
        if record is None:
            column = self.namesake_columns[0]
            attribute = next((f.attribute for f in self.fields.values() if f.column_name == column), column)
            raise ValidationError({attribute: _("所选的同名记录已不在名册中，请重新上传文件预览。")})
        note.matched = record.pk
        return record

    # --- columns ----------------------------------------------------------------------------------

    @classmethod
    def required_columns(cls) -> list[str]:
        if cls.required is not None:
            return list(cls.required)
        model = cls._meta.model
        found = []
        for resource_field in cls.fields.values():
            try:
                django_field = model._meta.get_field(resource_field.attribute or "")
            except FieldDoesNotExist:
                continue
            if (not resource_field.readonly and not django_field.blank and django_field.default is models.NOT_PROVIDED
                    and not django_field.many_to_many):
                found.append(resource_field.column_name)
        return found

    @classmethod
    def header_aliases(cls) -> dict[str, str]:
        """Every accepted spelling of a header (normalised) → the canonical column name."""
        mapping = {normalise_header(f.column_name): f.column_name for f in cls.fields.values()}
        mapping[normalise_header(RECORD_ID_COLUMN)] = RECORD_ID_COLUMN
        for canonical, others in cls.aliases.items():
            for other in others:
                mapping[normalise_header(other)] = canonical
        return mapping

    def column_of(self, attribute: str) -> str:
        for resource_field in self.fields.values():
            if resource_field.attribute == attribute:
                return resource_field.column_name
        return attribute

    def get_import_fields(self):
        """The import's columns, worked out once (django-import-export asks three times a row)."""
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def get_export_order(self):
        order = [name for name in super().get_export_order() if name != "record_id"]
        return (*order, "record_id")

    # --- the records of the township ----------------------------------------------------------------

    def get_queryset(self):
        """The township's records, with the joins the ledger declares (list, export and import alike)."""
        queryset = self._meta.model.objects.filter(township=self.township)
        if self.ledger is not None:
            queryset = self.ledger.with_related(queryset)
        return queryset

    def filter_export(self, queryset, **kwargs):
        return self.ledger.with_related(queryset) if self.ledger is not None else queryset

    def visible(self, record) -> bool:
        """May the importing user see this record? (Commands run without a user import for the township.)"""
        if self.user is None:
            return True
        if self._visible_ids is None:
            self.insert_pending()
            self._visible_ids = set(access.scoped(self.user, self.township, self._meta.model).values_list("pk", flat=True))
        return record.pk in self._visible_ids

    def key_value(self, column, value):
        """A key cell as compared: text normalised, dates as dates whatever the notation."""
        resource_field = next((f for f in self.fields.values() if f.column_name == column), None)
        if resource_field is not None and isinstance(resource_field.widget, DateWidget):
            with contextlib.suppress(ValueError, TypeError):  # an unreadable date stays text: no match
                value = parse_flexible_date(value)
            if isinstance(value, datetime.date):
                return value.isoformat()
        if isinstance(value, models.Model):
            return str(value.pk)
        return normalise_header(clean_text(value))

    def key_of(self, values: dict, columns=None) -> tuple:
        return tuple(self.key_value(column, values.get(column)) for column in (columns or self.natural_key))

    def _exported_key(self, record, columns) -> tuple:
        key_fields = [field for field in self.fields.values() if field.column_name in columns]
        return self.key_of({field.column_name: self.export_field(field, record) for field in key_fields}, columns)

    def _index(self, columns) -> dict[tuple, object]:
        self.insert_pending()
        index = {}
        for record in self.get_queryset():
            index.setdefault(self._exported_key(record, columns), record)
        return index

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        # the stored record as read, for skip_row: fields are assigned, never changed in place, so a copy of
        # the attributes is enough
        instance._import_original = None if new else copy.copy(instance)
        return instance, new

    def get_instance(self, instance_loader, row):
        record_id = clean_text(row.get(RECORD_ID_COLUMN))
        if record_id:
            pk = plain_int(record_id)
            record = self.get_queryset().filter(pk=pk).first() if pk is not None else None
            if record is None or not self.visible(record):
                raise ValidationError({"pk": _("系统编号“%(id)s”不是本镇本台账中您可以修改的记录；新记录请留空此列")
                                             % {"id": record_id}})
            return record
        record = None
        if self.natural_key and self.key_of(row)[0]:
            if self._existing is None:
                self._existing = self._index(self.natural_key)
            record = self._existing.get(self.key_of(row))
        elif self.content_key:
            if self._by_content is None:
                self._by_content = self._index(self.content_key)
            record = self._by_content.get(self.key_of(row, self.content_key))
        if record is not None and not self.visible(record):
            column = self.natural_key[0] if self.natural_key else self.content_key[0]
            attribute = next((f.attribute for f in self.fields.values() if f.column_name == column), column)
            raise ValidationError({attribute: _("不能使用该%(column)s") % {"column": column}})
        if record is None:
            record = self.matched_namesake(row)
        return record

    def instance_key(self, instance) -> tuple | None:
        """The natural key of a record as its export writes it (as _existing reads the stored ones)."""
        if not self.natural_key:
            return None
        key = self._exported_key(instance, self.natural_key)
        return key if key[0] else None

    # --- reading a row ------------------------------------------------------------------------------

    def init_instance(self, row=None):
        return self._meta.model(township=self.township)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.readonly or field.attribute in self.handled_separately:
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        instance.imported_from_sheet = True  # checks that need a column ledgers do not have become flags
        row, errors = self.keep_masked_values(instance, row)
        if instance.pk:  # a record found by its content: blank key cells keep the stored key
            for column in self.natural_key:
                if column in row and not clean_text(row[column]):
                    del row[column]
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
        if not errors and self.user is not None:
            self.check_scope(instance, errors)
        if errors:
            raise ValidationError(errors)

    def check_scope(self, instance, errors) -> None:
        """The row, as it will be saved, must be a record the user may change (as in the edit form)."""
        if access.can_change(self.user, self.township, self._meta.model, instance):
            return
        village_field = (getattr(self._meta.model, "village_field", None) or "").split("__")[0]
        errors[village_field or NON_FIELD_ERRORS] = ValidationError(_("您只能导入本村（社区）的记录。"))

    def keep_masked_values(self, instance, row) -> tuple[dict, dict]:
        """A masked cell equal to the mask of the stored value keeps the stored value; any other is an error."""
        row = dict(row)
        errors = {}
        for attribute, kind in getattr(self._meta.model, "personal_fields", {}).items():
            column = self.column_of(attribute)
            text = clean_text(row.get(column)).replace(" ", "")
            if column not in row or "*" not in text:
                continue
            stored = getattr(instance, attribute) if instance.pk else ""
            if stored and mask_personal(kind, stored) == text:
                del row[column]
            else:
                errors[attribute] = ValidationError(
                    _("“%(value)s”是脱敏后的号码，不能导入，请填写完整号码。") % {"value": text}
                )
        return row, errors

    def skip_row(self, instance, original, row, import_validation_errors=None):
        original = original or getattr(instance, "_import_original", None)
        if original is not None and original.pk and not import_validation_errors:
            changes = self.changes_of(instance, original, row)
            if changes:
                note = self.note()
                note.changes = changes
                # whose, where or when changes: not written until the clerk ticks the row
                note.held = any(c.identity for c in changes) and self.sheet_row(self._row_number) not in self.choices.confirmed_rows
                if note.held:  # checked like any row, then left out: nothing of it is saved
                    self.validate_instance(instance, {})
                    return True
                return False
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
        """For resources with handled_separately columns: did those stay as stored?"""
        return True

    # --- validation, with the queries the import already answered left out -----------------------

    def constraints_proved(self, instance, key) -> bool:
        """True when the model's constraints cannot fail for this record: every constraint makes only the
        natural key unique among the township's live records, and the key is neither stored nor met earlier
        in this import. The database constraint stays the last guard."""
        constraints = self._meta.model._meta.constraints
        if not constraints or instance.pk is not None or key is None or self._existing is None:
            return False
        key_attributes = {f.attribute for f in self.fields.values() if f.column_name in self.natural_key}
        return (
            all(set(live_unique_fields(constraint) or ()) == key_attributes for constraint in constraints)
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
        record whose key is new (constraints_proved). Errors are named by the column they belong to."""
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
                if has_unique_columns(self._meta.model):
                    self.insert_pending()  # the query must see the records of earlier rows
                try:
                    instance.validate_unique(exclude=exclude)
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
            key = self.instance_key(instance)
            if not self.constraints_proved(instance, key):
                self.insert_pending()
                exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
                try:
                    instance.validate_constraints(exclude=exclude)
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
            if key is not None:
                self._keys_seen.add(key)
        if errors:
            named = {}
            for name, messages in ValidationError(errors).error_dict.items():
                named.setdefault(self.error_columns.get(name, name), []).extend(messages)
            raise ValidationError(named)

    # --- writing ----------------------------------------------------------------------------------

    def before_save_instance(self, instance, row, **kwargs):
        instance.township = self.township
        instance._history_type = "~" if instance.pk else "+"
        if instance.pk:
            instance.version += 1
        if self.user is not None:
            instance._history_user = self.user
        # simple-history's post_save builds a manager and inserts one row per save: the import writes the
        # history rows in batches instead (write_history), in the same transaction; a preview writes none.
        instance.skip_history_when_saving = True

    def do_instance_save(self, instance, is_create):
        if is_create and self.links_wait and inserts_in_bulk(instance):
            self._inserts_pending.append(PendingInsert(instance, {}, {}))  # inserted with its batch
            return
        self.insert_pending()  # the rows before this one are written first, in the sheet's order
        super().do_instance_save(instance, is_create)

    @property
    def links_wait(self) -> bool:
        """May a new record's links wait for its batch's INSERT? Yes when the resource writes them in save_links;
        a resource that still overrides save_m2m writes them at once and needs the id: no bulk insert."""
        return type(self).save_m2m is LedgerResource.save_m2m

    def after_save_instance(self, instance, row, **kwargs):
        del instance.skip_history_when_saving
        if instance.pk is None:  # waiting for its batch: insert_pending writes its history
            self._inserts_pending[-1].row = row
            return
        self.history_saved(instance)

    def history_saved(self, instance) -> None:
        if self.preview:  # rolled back at the end: no history to write
            return
        self._history_pending.append((instance._history_type, instance.pk))
        if len(self._history_pending) >= HISTORY_BATCH:
            self.write_history()

    def save_m2m(self, instance, row, **kwargs):
        if instance.pk is None:  # waiting for its batch: its links are saved after the INSERT
            self._inserts_pending[-1].kwargs = kwargs
            return
        self.save_links(instance, row, **kwargs)

    def save_links(self, instance, row, **kwargs):
        """The record's many-to-many cells and whatever else needs its id (a resource adds its own links here)."""
        super().save_m2m(instance, row, **kwargs)

    def insert_pending(self) -> None:
        """The new records waiting for their batch: one INSERT for many (insert_new), then their links and
        history. A batch the database refuses is undone (its savepoint) and its records are saved one by one, as
        every row was before: the row at fault is named, and on PostgreSQL the rows after it are not checked."""
        pending, self._inserts_pending = self._inserts_pending, []
        if not pending:
            return
        try:
            with transaction.atomic():
                insert_new(self._meta.model, [insert.instance for insert in pending])
        except DatabaseError:
            for insert in pending:
                insert.instance.pk, insert.instance._state.adding = None, True
            self.insert_one_by_one(pending)
            return
        for insert in pending:
            self.inserted(insert)

    def insert_one_by_one(self, pending: list[PendingInsert]) -> None:
        for insert in pending:
            insert.instance.skip_history_when_saving = True
            try:
                insert.instance.save(force_insert=True)
            except DatabaseError as error:
                self.refuse(insert, error)
                continue
            finally:
                del insert.instance.skip_history_when_saving
            self.inserted(insert)

    def inserted(self, insert: PendingInsert) -> None:
        try:
            self.save_links(insert.instance, insert.row, **insert.kwargs)
        except Exception as error:  # as import_row reports a failure of a row's own save_m2m  # noqa: BLE001
            self.refuse(insert, error)
            return
        self.history_saved(insert.instance)

    def refuse(self, insert: PendingInsert, error: Exception) -> None:
        """A row found failing after its own turn: its outcome says so, as import_row would have said it."""
        if insert.row_result is None:  # still this row's turn: import_row reports it
            raise error
        insert.row_result.import_type = RowResult.IMPORT_TYPE_ERROR
        insert.row_result.errors.append(self.get_error_result_class()(error, row=insert.row))

    def write_history(self) -> None:
        """The history rows of the records saved since the last batch, copied from the rows just written
        (one INSERT … SELECT a batch: no model instance, no value converted in Python), with the importing
        user and the record's own save time (updated_at) as the history's time."""
        pending, self._history_pending = self._history_pending, []
        for history_type in ("+", "~"):
            ids = [pk for kind, pk in pending if kind == history_type]
            if ids:
                copy_to_history(self._meta.model, ids, history_type=history_type, user=self.user)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.on_row is not None:
            self.on_row(kwargs.get("row_number", 0))

    def after_import(self, dataset, result, **kwargs):
        self.insert_pending()
        if result.has_errors() or result.has_validation_errors():
            self._history_pending = []  # the whole import is rolled back (township.ledger.importer)
        self.write_history()
        super().after_import(dataset, result, **kwargs)

    def export_rows(self, queryset) -> tuple[list[str], list[list]]:
        """(headers, rows) of these records, read in pages of chunk_size with the ledger's joins. What
        django-import-export's export() does, with each column's method found once, not once a record."""
        fields = self.get_export_fields()
        cells = []
        for field in fields:
            method = field.get_dehydrate_method(self.get_field_name(field))
            method = method if callable(method) else getattr(self, method, None)
            cells.append(method if method is not None else field.export)
        queryset = self.filter_export(queryset)
        queryset = queryset.prefetch_related(None).prefetch_related(
            *leaf_prefetches(queryset.model, queryset._prefetch_related_lookups)
        )
        rows = [[cell(record) for cell in cells] for record in self.iter_queryset(queryset)]
        return [str(field.column_name) for field in fields], rows


def leaf_prefetches(model, lookups) -> list:
    """The same prefetches, each many-relation given its queryset: Django then only narrows that queryset for
    each record, instead of building the related manager's own (a filter compiled per record: a second for
    10,000 records)."""
    nested: dict[str, list[str]] = {}
    kept = []
    for lookup in lookups:
        first, _sep, rest = lookup.partition("__") if isinstance(lookup, str) else ("", "", "")
        try:
            field = model._meta.get_field(first) if first else None
        except FieldDoesNotExist:
            field = None
        if field is None or not (field.many_to_many or field.one_to_many):
            kept.append(lookup)
            continue
        nested.setdefault(first, [])
        if rest:
            nested[first].append(rest)
    for name, rests in nested.items():
        queryset = model._meta.get_field(name).related_model._default_manager.all()
        kept.append(Prefetch(name, queryset=queryset.prefetch_related(*rests)))
    return kept


def copy_to_history(model, ids, *, history_type: str, user) -> None:
    """django-simple-history's rows for these records as they are stored now, as its post_save writes them."""
    quote = connection.ops.quote_name
    history_table = quote(model.history.model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in model.history.model.tracked_fields)
    extra = "history_date, history_type, history_user_id, history_change_reason"
    where = f"{quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(ids))})"
    # table and column names come from the models, quoted; every value is a parameter
    sql = f"INSERT INTO {history_table} ({columns}, {extra}) SELECT {columns}, {quote('updated_at')}, %s, %s, NULL FROM {quote(model._meta.db_table)} WHERE {where}"  # noqa: E501, S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [history_type, getattr(user, "pk", None), *ids])


def resource_for(model, field_names) -> type[LedgerResource]:
    """The import/export layout of a ledger that declares only its form fields: a column per field."""
    meta = type("Meta", (LedgerResource.Meta,), {"model": model, "fields": tuple(field_names)})
    return type(f"{model.__name__}Resource", (LedgerResource,), {"Meta": meta, "__module__": model.__module__})
