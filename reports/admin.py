"""Django admin for reports: read the revisions and their history; keep targets set outside a report;
upload the township's official fonts."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from reports import fonts
from reports.models import AnnualReport, ReportFont, Target
from township.admin import ReadOnlyAdmin


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Reports change only through the portal's pages (drafting, finalizing, publishing)."""

    list_display = ["township", "year", "revision", "status", "finalized_at", "published_at"]
    list_filter = ["township", "year", "status"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["township", "year", "label", "comparison", "value", "unit", "source_section"]
    list_filter = ["township", "year"]
    raw_id_fields = ["source_section"]


class ReportFontForm(forms.ModelForm):
    """A TrueType/OpenType file that is a Chinese font; its role from its name unless one is chosen."""

    class Meta:
        model = ReportFont
        fields = ["file", "role"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in fonts.FONT_SUFFIXES:
            raise forms.ValidationError(_("请上传 .ttf 或 .otf 字体文件。"))
        if upload.size > settings.REPORT_FONT_MAX_BYTES:
            raise forms.ValidationError(
                _("字体文件不能超过 %(mb)s MB。") % {"mb": settings.REPORT_FONT_MAX_BYTES // (1024 * 1024)}
            )
        path = Path(upload.temporary_file_path()) if hasattr(upload, "temporary_file_path") else None
        if path is None:
            import tempfile

            with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix) as copy:
                for chunk in upload.chunks():
                    copy.write(chunk)
                copy.flush()
                self.font_names, chinese = fonts.font_names(Path(copy.name)), fonts.has_chinese_glyphs(Path(copy.name))
        else:
            self.font_names, chinese = fonts.font_names(path), fonts.has_chinese_glyphs(path)
        upload.seek(0)
        if not self.font_names:
            raise forms.ValidationError(_("无法读取该字体文件，请确认它是 TrueType 或 OpenType 字体。"))
        if not chinese:
            raise forms.ValidationError(_("该字体不含汉字，不能用于报告。"))
        return upload

    def clean(self):
        cleaned = super().clean()
        if "file" in cleaned and not cleaned.get("role") and not fonts.role_of_names(self.font_names):
            self.add_error("role", _("无法从字体名称（%(names)s）判断用途，请选择。") % {"names": "、".join(self.font_names[:3])})
        return cleaned

    def save(self, commit=True):
        font = super().save(commit=False)
        font.family = self.font_names[0] if getattr(self, "font_names", None) else font.family
        font.role = font.role or fonts.role_of_names(getattr(self, "font_names", []))
        if commit:
            font.save()
        return font


@admin.register(ReportFont)
class ReportFontAdmin(admin.ModelAdmin):
    """The township's licensed official fonts: the report's PDF uses them before packaged substitutes."""

    form = ReportFontForm
    list_display = ["family", "role", "file", "uploaded_at"]

    def has_change_permission(self, request, obj=None):
        return False  # a different font is a new upload

    def delete_model(self, request, obj):
        obj.file.delete(save=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for font in queryset:
            font.file.delete(save=False)
        super().delete_queryset(request, queryset)
