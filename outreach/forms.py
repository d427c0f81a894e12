"""Forms of the outreach ledgers, on township.ledger.forms.LedgerForm (township, user, optimistic locking).

The event form takes its photos with it (several at once), checked like every attachment; a village
clerk's event is in their own village (the only one they are offered, ticked already).
"""

from pathlib import Path

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from outreach.models import Event, LegalInformant, OnlinePost
from township import access
from township.ledger.forms import AttachmentForm, LedgerForm
from township.models import Role

PHOTO_TYPES = (".jpg", ".jpeg", ".png")
MAX_PHOTOS = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one file input; each is checked as an attachment is (type, size, content)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(uploads) > MAX_PHOTOS:
            raise forms.ValidationError(_("一次最多上传 %(max)s 张照片。") % {"max": MAX_PHOTOS})
        errors = []
        for upload in uploads:
            if Path(upload.name).suffix.lower() not in PHOTO_TYPES:
                errors.append(_("“%(name)s”不是照片：只能上传 jpg 或 png 格式的照片。") % {"name": upload.name})
                continue
            check = AttachmentForm(data={}, files={"file": upload})
            if not check.is_valid():
                errors.extend(f"{upload.name}：{message}" for message in check.errors["file"])
        if errors:
            raise forms.ValidationError(errors)
        return uploads


class EventForm(LedgerForm):
    photos = PhotosField(label=_("活动照片"), required=False, help_text=_("可一次选择多张照片（jpg、png）"))

    class Meta:
        model = Event
        fields = ["date", "title", "occasion", "occasion_other", "kind", "villages", "place", "target_groups",
                  "other_groups", "speaker", "by_legal_adviser", "customised", "materials", "audience", "note"]
        widgets = {"villages": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occasion"].empty_label = _("（不在列表中，请填写其他主题）")
        self.helper.layout = Layout(
            "version",
            Fieldset(_("活动"), "date", "title", "occasion", "occasion_other", "kind"),
            Fieldset(_("地点"), "villages", "place"),
            Fieldset(_("对象与主讲"), "target_groups", "other_groups", "speaker", "by_legal_adviser", "customised"),
            Fieldset(_("活动成效"), "materials", "audience", "photos", "note"),
        )

    def village_clerk_village(self):
        member = access.membership_of(self.user) if self.user is not None else None
        return member.village if member is not None and member.role == Role.VILLAGE_CLERK else None

    def clean(self):
        cleaned = super().clean()
        village = self.village_clerk_village()
        if village is not None and "villages" in cleaned and not cleaned["villages"]:
            cleaned["villages"] = self.fields["villages"].queryset.filter(pk=village.pk)
        return cleaned

    def _post_clean(self):
        # the model's checks (a place is named; a village clerk's own village) see the villages chosen here
        villages = self.cleaned_data.get("villages")
        if villages is not None:
            self.instance._village_ids = sorted(village.pk for village in villages)
        super()._post_clean()

    def save(self, commit=True):
        event = super().save(commit)
        if commit:
            for upload in self.cleaned_data.get("photos") or []:
                attachment = AttachmentForm(data={"description": _("活动照片")}, files={"file": upload})
                if attachment.is_valid():
                    attachment.save_for(event, self.user)
        return event


class LegalInformantForm(LedgerForm):
    class Meta:
        model = LegalInformant
        fields = ["person", "village", "category", "trained_on", "assessment", "appointed_on", "status", "left_on",
                  "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.fields["person"].queryset.order_by("name")
        self.fields["person"].help_text = _("法律明白人须先登记在人员花名册中")


class OnlinePostForm(LedgerForm):
    link = forms.URLField(label=_("链接"), max_length=300, required=False, assume_scheme="https")

    class Meta:
        model = OnlinePost
        fields = ["date", "channel", "title", "link", "reads", "note"]
