"""Forms of the core ledgers and the shared ledger machinery (import upload, attachments)."""

import mimetypes
from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from township.models import Attachment, Person, Village

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


class LedgerForm(forms.ModelForm):
    """Base of every ledger form: knows its township and user, carries the version it was loaded at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, township=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.township = township
        self.user = user
        self.fields["version"].initial = self.instance.version if self.instance.pk else 1
        self.helper = FormHelper()
        self.helper.form_tag = False
        # choices of related records come from the same township only
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and hasattr(field.queryset.model, "township"):
                field.queryset = field.queryset.filter(township=township)

    def clean_version(self):
        version = self.cleaned_data.get("version")
        return version if version is not None else (self.instance.version if self.instance.pk else 1)

    def _post_clean(self):
        self.instance.township = self.township
        super()._post_clean()


class VillageForm(LedgerForm):
    class Meta:
        model = Village
        fields = ["name", "kind", "group_count", "grid_count", "households", "population", "note"]


class PersonForm(LedgerForm):
    class Meta:
        model = Person
        fields = [
            "name", "gender", "unit", "position", "kind", "political_status", "legal_background",
            "phone", "village", "active", "note",
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("台账文件（.xlsx 或 .csv）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("文件过大（%(size)s MB），导入文件不能超过 %(max)s MB。")
                % {"size": round(upload.size / 1048576, 1), "max": settings.IMPORT_MAX_BYTES // 1048576}
            )
        if Path(upload.name).suffix.lower() not in {".xlsx", ".csv"}:
            raise forms.ValidationError(_("只能导入 Excel（.xlsx）或 CSV 文件。"))
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


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    next = forms.CharField(required=False)


class TownshipSwitchForm(forms.Form):
    township = forms.SlugField()
    next = forms.CharField(required=False)
