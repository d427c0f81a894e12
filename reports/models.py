"""The annual report (法治政府建设情况报告), its subsections, and the targets part 三 sets for next year.

A report is one revision for a township and year: draft → finalized → published. Finalizing freezes
its text, its figures and its PDF (with the PDF's SHA-256); after that its content never changes
(``save`` refuses it), and a correction is a new revision that keeps the old one.
"""

import os
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from township import areas
from township.fields import PlannedDateField
from township.models import TownshipRecord


class ReportLocked(ValidationError):
    """Raised when something tries to change a finalized report or one of its subsections."""


def report_pdf_path(instance, filename):
    """Private, random stored name (the download name is built from the township and year)."""
    return f"reports/{instance.year}/{secrets.token_hex(16)}.pdf"


def report_docx_path(instance, filename):
    return f"reports/{instance.year}/{secrets.token_hex(16)}.docx"


class FontsStorage(FileSystemStorage):
    """The official fonts folder, settings.REPORT_FONTS_DIR, read whenever a file is stored (not once at start)."""

    @property
    def base_location(self):
        return settings.REPORT_FONTS_DIR

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def fonts_storage():
    return FontsStorage()


class AnnualReport(TownshipRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        FINALIZED = "finalized", _("已定稿")
        PUBLISHED = "published", _("已公开")

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    revision = models.PositiveSmallIntegerField(_("修订版"), default=1)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    rounded_figures = models.BooleanField(
        _("数字采用约数"), default=False,
        help_text=_("勾选后按惯例取约数（如 106 人次印为“100余人次”，98.5% 印为“98%以上”），绝不夸大；不勾选则印精确数。"),
    )
    opening = models.TextField(_("开头段落"), blank=True)
    closing = models.TextField(_("结尾段落"), blank=True)
    signature_name = models.CharField(_("发文机关署名"), max_length=64, blank=True)
    signature_date = PlannedDateField(_("成文日期"), null=True, blank=True)  # may be set ahead while drafting
    finalized_at = models.DateTimeField(_("定稿时间"), null=True, blank=True, editable=False)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("定稿人"),
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, editable=False)
    frozen_figures = models.JSONField(_("定稿时的数据"), null=True, blank=True, editable=False)
    frozen_document = models.JSONField(_("定稿时的文本"), null=True, blank=True, editable=False)
    pdf = models.FileField(_("定稿 PDF"), upload_to=report_pdf_path, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("PDF 的 SHA-256"), max_length=64, blank=True, editable=False)
    docx = models.FileField(_("定稿 Word 文件"), upload_to=report_docx_path, blank=True, editable=False)
    docx_sha256 = models.CharField(_("Word 文件的 SHA-256"), max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("报送县级时间"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("报送人"),
    )

    # What finalizing freezes: none of these changes once the report has left the draft state.
    FROZEN_FIELDS = (
        "township_id", "year", "revision", "rounded_figures", "opening", "closing", "signature_name",
        "signature_date", "finalized_at", "finalized_by_id", "frozen_figures", "frozen_document", "pdf",
        "pdf_sha256", "docx", "docx_sha256",
    )

    class Meta(TownshipRecord.Meta):
        verbose_name = _("年度法治政府建设情况报告")
        verbose_name_plural = _("年度法治政府建设情况报告")
        ordering = ["-year", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "year", "revision"], name="report_unique_revision",
                violation_error_message=_("该年度已有同一修订版的报告。"),
            )
        ]

    def __str__(self):
        return _("%(title)s（第%(revision)s版）") % {"title": self.title, "revision": self.revision}

    @property
    def title(self) -> str:
        return f"{self.township.name}{self.year}年法治政府建设情况报告"

    @property
    def download_name(self) -> str:
        return f"{self.title}.pdf"

    @property
    def docx_download_name(self) -> str:
        return f"{self.title}.docx"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).all_objects.filter(pk=self.pk).values("status", *self.FROZEN_FIELDS).first()
            if stored is not None and stored["status"] != self.Status.DRAFT:
                if any(stored[name] != self._stored_value(name) for name in self.FROZEN_FIELDS):
                    raise ReportLocked(_("该报告已定稿，内容不能再修改；如需更正，请创建新的修订版。"))
                if self.status == self.Status.DRAFT:
                    raise ReportLocked(_("已定稿的报告不能退回草稿。"))
        super().save(*args, **kwargs)

    def _stored_value(self, name):
        value = getattr(self, name)
        return value.name if name in ("pdf", "docx") else value


class ReportSection(TownshipRecord):
    """One subsection — （一）… — of part 一, 二 or 三: a heading and the prose staff edit.

    Part 一's prose may be left empty: the report then prints the text drafted from the figures of the
    subsection's work area (reports.drafting). Prose may hold figure placeholders such as
    ``{disputes.registered}``, which print as the linked, live figure.
    """

    class Part(models.IntegerChoices):
        ACHIEVEMENTS = 1, _("一、主要举措和成效")
        SHORTCOMINGS = 2, _("二、存在的不足")
        SUGGESTIONS = 3, _("三、工作建议")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections", verbose_name=_("报告"))
    part = models.PositiveSmallIntegerField(_("部分"), choices=Part.choices)
    order = models.PositiveSmallIntegerField(_("序号"))
    heading = models.CharField(_("小标题"), max_length=100)
    prose = models.TextField(_("正文"), blank=True)
    topic = models.CharField(
        _("工作领域"), max_length=16, choices=areas.topic_choices, blank=True,
        help_text=_("第一部分的小节按此领域的数据自动起草"),
    )
    manual = models.BooleanField(
        _("人工撰写"), default=False,
        help_text=_("本领域尚未在平台中建立台账时，由人工撰写本小节；定稿时与其他内容一同冻结。"),
    )


    class Meta(TownshipRecord.Meta):
        verbose_name = _("报告小节")
        verbose_name_plural = _("报告小节")
        ordering = ["part", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "part", "order"], name="report_section_unique_order")
        ]

    def __str__(self):
        return f"{self.get_part_display()} {self.heading}"

    def save(self, *args, **kwargs):
        status = AnnualReport.all_objects.filter(pk=self.report_id).values_list("status", flat=True).first()
        if status is not None and status != AnnualReport.Status.DRAFT:
            raise ReportLocked(_("该报告已定稿，内容不能再修改；如需更正，请创建新的修订版。"))
        super().save(*args, **kwargs)


class Target(TownshipRecord):
    """A quantified target for a year, e.g. 每年组织专题培训不少于8次 → governance.trainings ≥ 8.

    Part 三 of a year's report sets the targets of the next year; the dashboard shows the year's
    figures against them. A target belongs to the subsection that set it (and so to its revision).
    """

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", _("不少于（≥）")
        AT_MOST = "lte", _("不多于（≤）")

    year = models.PositiveSmallIntegerField(
        _("适用年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    indicator = models.CharField(_("指标"), max_length=64, help_text=_("数据项代码，如 governance.trainings"))
    label = models.CharField(_("指标名称"), max_length=64)
    comparison = models.CharField(_("比较"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST)
    value = models.DecimalField(_("目标值"), max_digits=9, decimal_places=1, validators=[MinValueValidator(0)])
    unit = models.CharField(_("单位"), max_length=8, blank=True)
    source_section = models.ForeignKey(
        ReportSection, on_delete=models.CASCADE, null=True, blank=True, related_name="targets",
        verbose_name=_("来源小节"),
    )


    class Meta(TownshipRecord.Meta):
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        ordering = ["year", "id"]

    def __str__(self):
        return f"{self.year} {self.label} {self.get_comparison_display()} {self.value_text}{self.unit}"

    @property
    def value_text(self) -> str:
        """12, not 12.0 (98.5 stays)."""
        return format(self.value.normalize(), "f") if self.value is not None else ""

    def reached(self, value) -> bool:
        return value >= self.value if self.comparison == self.Comparison.AT_LEAST else value <= self.value


class ReportFont(models.Model):
    """A licensed official font file of the township (仿宋_GB2312, 方正小标宋简体 …), kept in the fonts folder
    (settings.REPORT_FONTS_DIR); the PDF uses it before any packaged substitute (reports.fonts)."""

    class Role(models.TextChoices):
        TITLE = "title", _("标题（方正小标宋简体）")
        BODY = "body", _("正文（仿宋_GB2312）")
        HEADING = "heading", _("一级标题（黑体）")
        KAI = "kai", _("二级标题（楷体_GB2312）")

    role = models.CharField(_("用途"), max_length=16, choices=Role.choices, blank=True,
                            help_text=_("留空时按字体名称自动判断"))
    file = models.FileField(_("字体文件"), storage=fonts_storage, upload_to="",
                            help_text=_("TrueType（.ttf）或 OpenType（.otf）字体文件"))
    family = models.CharField(_("字体名称"), max_length=128, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("公文字体")
        verbose_name_plural = _("公文字体")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.family or self.file.name}（{self.get_role_display()}）"
