"""The enforcement programme around the cases: special campaigns, equipment and what it recorded, surveys."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enforcement.models.case import EnforcementCase, ViolationType
from township.fields import EventDateField, PlannedDateField
from township.figures import rate
from township.models import Person, TownshipRecord, Village, unique_live


class Campaign(TownshipRecord):
    """专项执法行动: a period of concentrated enforcement in one focus area, with the cases it found."""

    name = models.CharField(_("行动名称"), max_length=100)
    focus = models.ForeignKey(ViolationType, on_delete=models.PROTECT, related_name="campaigns",
                              verbose_name=_("重点领域"))
    start_on = PlannedDateField(_("开始日期"))
    end_on = PlannedDateField(_("结束日期"))
    villages = models.ManyToManyField(Village, blank=True, related_name="+", verbose_name=_("覆盖村（社区）"))
    lead_unit = models.CharField(_("牵头单位"), max_length=60, blank=True)
    summary = models.TextField(_("行动成效"), blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("专项执法行动")
        verbose_name_plural = _("专项执法行动台账")
        ordering = ["-start_on", "-id"]
        constraints = [unique_live("name", "start_on", name="campaign_unique_name_start",
                                   message=_("本镇已有同名、同一开始日期的专项执法行动。"))]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = (self.name or "").strip()
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": gettext("结束日期不能早于开始日期。")})

    def get_villages_display(self) -> str:
        # township.ledger.views.display_value calls a related manager before listing it: name it here
        return "、".join(village.name for village in self.villages.all())

    def period(self) -> str:
        return f"{self.start_on:%Y-%m-%d} — {self.end_on:%Y-%m-%d}" if self.start_on and self.end_on else ""

    period.short_description = _("行动期间")

    def case_count(self) -> int:
        found = getattr(self, "live_case_count", None)
        return found if found is not None else self.cases.count()

    case_count.short_description = _("查处案件（件）")


def campaigns_in(year: int) -> Q:
    """A year's campaigns: those running at some time in the year."""
    return Q(start_on__year__lte=year, end_on__year__gte=year)


class Equipment(TownshipRecord):
    """执法装备: body cameras and other recorders (国办发〔2018〕118号: full-process audio-visual records)."""

    class Kind(models.TextChoices):
        BODY_CAMERA = "body_camera", _("执法记录仪")
        RECORDER = "recorder", _("其他音像记录设备")
        OTHER = "other", _("其他执法装备")

    class Status(models.TextChoices):
        IN_SERVICE = "in_service", _("在用")
        RETIRED = "retired", _("停用")

    number = models.CharField(_("设备编号"), max_length=40)
    kind = models.CharField(_("装备类型"), max_length=16, choices=Kind.choices, default=Kind.BODY_CAMERA)
    model = models.CharField(_("品牌型号"), max_length=60, blank=True)
    acquired_on = EventDateField(_("配备日期"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.IN_SERVICE)
    retired_on = EventDateField(_("停用日期"), null=True, blank=True)
    keeper = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("保管人"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    name_field = "number"  # sheets name a device by its number

    class Meta:
        verbose_name = _("执法装备")
        verbose_name_plural = _("执法装备台账")
        ordering = ["kind", "number"]
        constraints = [unique_live("number", name="equipment_unique_number", message=_("本镇已有相同编号的执法装备。"))]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        self.number = (self.number or "").strip()
        errors = {}
        if self.status == self.Status.RETIRED and not self.retired_on:
            errors["retired_on"] = gettext("停用的装备请填写停用日期。")
        if self.retired_on and self.status != self.Status.RETIRED:
            errors["status"] = gettext("已填写停用日期，状态应为“停用”。")
        if self.retired_on and self.acquired_on and self.retired_on < self.acquired_on:
            errors["retired_on"] = gettext("停用日期不能早于配备日期。")
        if errors:
            raise ValidationError(errors)

    def recent_recordings(self):
        return self.recordings.select_related("case").order_by("-date", "-id")[:50]

    def in_service_on(self, day: datetime.date) -> bool:
        return self.acquired_on <= day and (self.retired_on is None or self.retired_on > day)


def in_service_on(day: datetime.date) -> Q:
    """Equipment in service on a day: acquired by then and not yet retired."""
    return Q(acquired_on__lte=day) & (Q(retired_on__isnull=True) | Q(retired_on__gt=day))


class Recording(TownshipRecord):
    """执法全过程记录: which step of which case was recorded, when, with which device (《行政处罚法》第四十七条)."""

    class Step(models.TextChoices):
        FILING = "filing", _("启动（立案）")
        INVESTIGATION = "investigation", _("调查取证")
        REVIEW = "review", _("审核")
        DECISION = "decision", _("决定")
        SERVICE = "service", _("送达")
        EXECUTION = "execution", _("执行")

    case = models.ForeignKey(EnforcementCase, on_delete=models.PROTECT, related_name="recordings",
                             verbose_name=_("案件"))
    step = models.CharField(_("执法环节"), max_length=16, choices=Step.choices)
    date = EventDateField(_("记录日期"))
    device = models.ForeignKey(Equipment, on_delete=models.PROTECT, null=True, blank=True, related_name="recordings",
                               verbose_name=_("记录设备"), help_text=_("留空表示文字记录"))
    note = models.CharField(_("记录说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("执法全过程记录")
        verbose_name_plural = _("执法全过程记录台账")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.case} · {self.get_step_display()}"

    def clean(self):
        errors = {}
        case = self.case if self.case_id else None
        if case is not None and case.filed_on and self.date and self.date < case.filed_on:
            errors["date"] = gettext("记录日期不能早于案件立案日期（%(date)s）。") % {"date": f"{case.filed_on:%Y-%m-%d}"}
        device = self.device if self.device_id else None
        if device is not None and self.date and not device.in_service_on(self.date):
            errors["device"] = gettext("%(device)s在%(date)s不在用（配备于%(acquired)s%(retired)s）。") % {
                "device": device, "date": f"{self.date:%Y-%m-%d}", "acquired": f"{device.acquired_on:%Y-%m-%d}",
                "retired": gettext("，停用于%(date)s") % {"date": f"{device.retired_on:%Y-%m-%d}"} if device.retired_on else ""}
        if errors:
            raise ValidationError(errors)


class SatisfactionSurvey(TownshipRecord):
    """行政执法满意度测评: how many were asked and how they answered."""

    class Method(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("问卷调查")
        PHONE = "phone", _("电话回访")
        ONLINE = "online", _("网上测评")
        VISIT = "visit", _("走访座谈")

    date = EventDateField(_("测评日期"))
    title = models.CharField(_("测评名称"), max_length=100)
    method = models.CharField(_("测评方式"), max_length=16, choices=Method.choices, default=Method.QUESTIONNAIRE)
    surveyed = models.PositiveIntegerField(_("受访人数"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)])
    satisfied = models.PositiveIntegerField(_("满意（人）"), validators=[MaxValueValidator(1_000_000)])
    basically_satisfied = models.PositiveIntegerField(_("基本满意（人）"), default=0, validators=[MaxValueValidator(1_000_000)])
    dissatisfied = models.PositiveIntegerField(_("不满意（人）"), default=0, validators=[MaxValueValidator(1_000_000)])
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("行政执法满意度测评")
        verbose_name_plural = _("行政执法满意度测评台账")
        ordering = ["-date", "-id"]
        constraints = [unique_live("date", "title", name="survey_unique_date_title",
                                   message=_("本镇已有同一日期、同名的满意度测评。"))]

    def __str__(self):
        return self.title

    def clean(self):
        self.title = (self.title or "").strip()
        answers = [self.satisfied, self.basically_satisfied, self.dissatisfied]
        if self.surveyed and all(value is not None for value in answers) and sum(answers) != self.surveyed:
            raise ValidationError({"surveyed": gettext("满意、基本满意、不满意人数之和（%(sum)s）应等于受访人数（%(surveyed)s）。")
                                   % {"sum": sum(answers), "surveyed": self.surveyed}})

    def satisfaction_rate(self):
        value = rate((self.satisfied or 0) + (self.basically_satisfied or 0), self.surveyed or 0)
        return "—" if value is None else f"{value}%"

    satisfaction_rate.short_description = _("满意率")
