"""The forms of the ledger pattern: the base of every record's form, the import upload and attachments.

LedgerForm knows its township and user, carries the version the record was loaded at (optimistic
locking), offers only the township's related records (and only their own village to a village
clerk), shows dates with the browser's date picker, and shows personal data masked to users who may
not see it: a form that comes back (with errors, or refused as stale) never shows more than the
form that went out.

How every ledger form looks is decided here too, once, so that a new ledger gets it without work of its
own: empty choices read 请选择, related-record selects are marked searchable (static/js/portal.js turns
multi-selects and long lists into Tom Select), and ``grid_helper`` lays the fields out in a grid
(templates/township/ledger/form.html, static/css/portal.css) where long text and multi-selects take a
whole row.
"""

import mimetypes
from pathlib import Path

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from township import access
from township.fields import PlausibleDateField
from township.models import Attachment, Role
from township.numbers import plain_int
from township.personal import mask_personal
from township.sheets import SheetError, check_file_type

# What a township files as evidence: office documents, PDFs, scans and photos.
ATTACHMENT_TYPES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".ofd": (b"PK\x03\x04",),
}


# Django's message for a NUL character in any form field. Its zh-hans catalogue says "不允许是用空字符串" (wrong):
# locale/zh_Hans overrides it, and naming it here keeps it in our catalogue. The importer uses it too.
NUL_CHARACTER_MESSAGE = _("Null characters are not allowed.")

# Django's empty choice of a select; a clerk reads "请选择" instead.
DJANGO_EMPTY_LABEL = "---------"
EMPTY_LABEL = _("请选择")
# widgets whose field takes a whole row of the form's grid
WIDE_WIDGETS = (forms.Textarea, forms.SelectMultiple, forms.CheckboxSelectMultiple, forms.ClearableFileInput)


class DateInput(forms.DateInput):
    """The browser's date picker (an ISO date in the value, whatever the language)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MaskedValueField(forms.Field):
    """A personal field the user may not see: shown masked; sent back unchanged, the stored value stays."""

    def __init__(self, field: forms.Field, *, masked: str, stored: str):
        self.original, self.masked, self.stored = field, masked, stored
        super().__init__(required=field.required, label=field.label, help_text=field.help_text, widget=field.widget,
                         initial=masked)

    def clean(self, value):
        if (value or "").strip() == self.masked:
            return self.stored
        return self.original.clean(value)


class RecordsField(forms.ModelMultipleChoiceField):
    """Several related records (mediators, members, villages …) chosen by id: an id that is not a whole number an
    integer column holds is refused as not a choice before it reaches the database (Django's own field sends
    2**63 or 200 digits to an `__in` lookup, which SQLite answers with an OverflowError: a 500)."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                if plain_int(pk) is None:
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": pk})
        return super()._check_values(value)


class LedgerForm(forms.ModelForm):
    """Base of every ledger form: knows its township and user, carries the version it was loaded at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, township=None, user=None, masked_fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.township = township
        self.user = user
        self.fields["version"].initial = self.instance.version if self.instance.pk else 1
        self.helper = FormHelper()
        self.helper.form_tag = False
        member = access.membership_of(user) if user is not None else None
        village_field = getattr(self._meta.model, "village_field", None)
        model_fields = {f.name: f for f in self._meta.model._meta.fields}
        for name, field in self.fields.items():
            if type(field) is forms.ModelMultipleChoiceField:
                field.__class__ = RecordsField  # the same field, its ids checked before the query
            if isinstance(field, forms.DateField) and type(field.widget) is forms.DateInput:
                field.widget = DateInput()
            # a date picker offers only plausible dates; the model field refuses the others with its message
            if isinstance(model_fields.get(name), PlausibleDateField):
                earliest, latest = model_fields[name].plausible_range()
                field.widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())
            # choices of related records come from the same township only
            if isinstance(field, forms.ModelChoiceField) and hasattr(field.queryset.model, "township"):
                field.queryset = field.queryset.filter(township=township)
            # a village clerk enters records of their own village only
            if member is not None and member.role == Role.VILLAGE_CLERK and name == village_field:
                field.queryset = field.queryset.filter(pk=member.village_id)
                field.initial = member.village_id
                if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                    field.empty_label = None
            self.label_empty_choice(field)
            self.mark_searchable(field)
        self.mask(masked_fields or {})

    @staticmethod
    def label_empty_choice(field) -> None:
        """The empty choice of a select reads 请选择, not Django's dashes."""
        if getattr(field, "empty_label", None) == DJANGO_EMPTY_LABEL:
            field.empty_label = EMPTY_LABEL
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = list(field.choices)
            if choices and choices[0] == ("", DJANGO_EMPTY_LABEL):
                field.choices = [("", EMPTY_LABEL), *choices[1:]]

    @staticmethod
    def mark_searchable(field) -> None:
        """Selects of related records (people, mediators …) are searchable: portal.js makes every multi-select,
        and every single select with many options, a Tom Select box instead of a Ctrl-click list."""
        widget = field.widget
        if not isinstance(field, forms.ModelChoiceField) or isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            return
        if isinstance(widget, forms.Select):
            widget.attrs["data-searchable"] = "multiple" if isinstance(widget, forms.SelectMultiple) else "single"
            widget.attrs.setdefault("data-placeholder", str(_("输入关键字搜索")))

    @property
    def grid_helper(self) -> FormHelper:
        """The form's crispy helper with every wide field (long text, multi-selects) marked to take a whole row
        of the grid; a form that declares no layout gets one field after another."""
        helper = self.helper
        if helper.layout is None:
            helper.layout = Layout(*self.fields)
        if not getattr(helper, "_grid_marked", False):
            for name, field in self.fields.items():
                if isinstance(field.widget, WIDE_WIDGETS):
                    helper[name].wrap(Field, wrapper_class="field-wide")
            helper._grid_marked = True
        return helper

    def error_summary(self) -> list[dict]:
        """Every error of the form, for the summary at its top: each links to its field (or to none)."""
        found = [{"id": "", "label": "", "message": message} for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS or name not in self.fields:
                continue
            bound = self[name]
            found += [{"id": bound.id_for_label, "label": bound.label, "message": message} for message in errors]
        return found

    def mask(self, masked_fields: dict[str, str]) -> None:
        if not self.instance.pk:
            return
        for name, kind in masked_fields.items():
            stored = getattr(self.instance, name, "") or ""
            if name in self.fields and stored:
                masked = mask_personal(kind, stored)
                self.fields[name] = MaskedValueField(self.fields[name], masked=masked, stored=stored)
                self.initial[name] = masked

    def clean_version(self):
        version = self.cleaned_data.get("version")
        if not self.instance.pk:
            return 1
        if version is None:
            # without the version it was loaded at, a save could overwrite someone else's change
            self.add_error(None, _("表单已过期，请重新打开记录后再修改。"))
        return version

    def _post_clean(self):
        self.instance.township = self.township
        super()._post_clean()

    def _get_validation_exclusions(self):
        # The township and deleted_at are set by the ledger, not typed in the form. Validating them lets the
        # per-township unique constraints (of live records) answer with a form error, not an IntegrityError.
        return super()._get_validation_exclusions() - {"township", "deleted_at"}


def ledger_form_for(model, fields) -> type[LedgerForm]:
    """The form of a ledger that declares only its fields."""
    meta = type("Meta", (), {"model": model, "fields": list(fields)})
    return type(f"{model.__name__}Form", (LedgerForm,), {"Meta": meta, "__module__": model.__module__})


class ImportForm(forms.Form):
    file = forms.FileField(label=_("台账文件（.xlsx 或 .csv）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("文件过大（%(size)s MB），导入文件不能超过 %(max)s MB。")
                % {"size": round(upload.size / 1048576, 1), "max": settings.IMPORT_MAX_BYTES // 1048576}
            )
        try:
            check_file_type(upload.name)  # the sheet reader's own message, e.g. how to convert an old .xls
        except SheetError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))
    description = forms.CharField(label=_("说明"), max_length=100, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ATTACHMENT_TYPES:
            raise forms.ValidationError(
                _("不支持的文件类型。可上传：%(types)s。") % {"types": "、".join(sorted(ATTACHMENT_TYPES))}
            )
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("文件过大，附件不能超过 %(max)s MB。") % {"max": settings.ATTACHMENT_MAX_BYTES // 1048576}
            )
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(ATTACHMENT_TYPES[suffix]):
            raise forms.ValidationError(_("文件内容与扩展名不符，请上传真实的 %(type)s 文件。") % {"type": suffix})
        return upload

    def save_for(self, record, user) -> Attachment:
        upload = self.cleaned_data["file"]
        attachment = Attachment(
            township=record.township,
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            original_name=Path(upload.name).name[:200],
            size=upload.size,
            mime_type=mimetypes.guess_type(upload.name)[0] or "application/octet-stream",
            description=self.cleaned_data["description"],
            uploaded_by=user,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        return attachment
