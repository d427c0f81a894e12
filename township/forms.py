"""Forms of the core ledgers and the shared ledger machinery (import upload, attachments)."""

import mimetypes
from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from township.fields import PlausibleDateField
from township.models import Area, Attachment, Membership, Person, Role, Village
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


class LedgerForm(forms.ModelForm):
    """Base of every ledger form: knows its township and user, carries the version it was loaded at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, township=None, user=None, masked_fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.township = township
        self.user = user
        self.fields["version"].initial = self.instance.version if self.instance.pk else 1
        self.keep_masked(masked_fields or {})
        self.helper = FormHelper()
        self.helper.form_tag = False
        # choices of related records come from the same township only
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and hasattr(field.queryset.model, "township"):
                field.queryset = field.queryset.filter(township=township)
        # a date picker offers only plausible dates; the model field refuses the others with its message
        for name, field in self.fields.items():
            model_field = next((f for f in self._meta.model._meta.fields if f.name == name), None)
            if isinstance(model_field, PlausibleDateField):
                earliest, latest = model_field.plausible_range()
                field.widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())

    def keep_masked(self, masked_fields: dict[str, str]) -> None:
        """Personal data the user may not see is shown masked; sent back unchanged, the stored value stays."""
        if not self.instance.pk:
            return
        for name, kind in masked_fields.items():
            stored = getattr(self.instance, name, "") or ""
            if name not in self.fields or not stored:
                continue
            masked = mask_personal(kind, stored)
            self.initial[name] = masked
            key = self.add_prefix(name)
            if self.is_bound and self.data.get(key) == masked:
                self.data = self.data.copy()
                self.data[key] = stored

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


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    next = forms.CharField(required=False)


class TownshipSwitchForm(forms.Form):
    township = forms.SlugField()
    next = forms.CharField(required=False)


class MemberForm(forms.Form):
    """A township admin adds or changes a user of their township (county viewers are set up by the county)."""

    ROLE_CHOICES = [(r.value, r.label) for r in Role if r != Role.COUNTY]

    username = forms.RegexField(
        label=_("用户名"), max_length=30, regex=r"^[A-Za-z0-9_.@-]+$",
        error_messages={"invalid": _("用户名只能包含字母、数字和 _ . @ -")},
    )
    full_name = forms.CharField(label=_("姓名"), max_length=30)
    role = forms.ChoiceField(label=_("角色"), choices=ROLE_CHOICES)
    village = forms.ModelChoiceField(label=_("村（社区）"), queryset=Village.objects.none(), required=False,
                                     help_text=_("村级录入员必填"))
    areas = forms.MultipleChoiceField(
        label=_("可编辑的工作领域"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(a.value, a.label) for a in Area if a != Area.CORE], help_text=_("录入员必填"),
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    password = forms.CharField(
        label=_("初始密码"), required=False, widget=forms.PasswordInput(render_value=False),
        help_text=_("新用户必填；修改用户时填写则重置密码"),
    )

    def __init__(self, *args, township, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.township = township
        self.user = user
        self.fields["village"].queryset = Village.objects.filter(township=township)
        if user is not None:
            self.fields["username"].disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_username(self):
        username = self.cleaned_data["username"]
        if self.user is None and User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("用户名“%(name)s”已被使用。") % {"name": username})
        return username

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.VILLAGE_CLERK and not data.get("village"):
            self.add_error("village", _("村级录入员必须指定所在村（社区）。"))
        if role == Role.CLERK and not data.get("areas"):
            self.add_error("areas", _("录入员至少要有一个可编辑的工作领域。"))
        password = data.get("password")
        if self.user is None and not password:
            self.add_error("password", _("请为新用户设置初始密码。"))
        if password:
            try:
                password_validation.validate_password(password, self.user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data

    @transaction.atomic
    def save(self) -> "User":
        data = self.cleaned_data
        user = self.user or User(username=data["username"])
        user.first_name = data["full_name"]
        user.is_active = data["is_active"]
        if data["password"]:
            user.set_password(data["password"])
        user.save()
        Membership.objects.update_or_create(
            user=user,
            defaults={
                "role": data["role"], "township": self.township, "county": None,
                "village": data["village"] if data["role"] == Role.VILLAGE_CLERK else None,
                "areas": data["areas"] if data["role"] == Role.CLERK else [],
            },
        )
        return user
