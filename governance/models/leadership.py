"""Leadership and responsibility (report part 一(一)): the year's key tasks, the leading group, the principal
leaders' 述法, the meetings on rule of law and the issues raised at them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance import rules
from township.fields import EventDateField, PlannedDateField
from township.models import LiveManager, Person, TownshipRecord, unique_live

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def due_alert_q(kind: str, today: datetime.date, *, due: str = "due_on") -> Q:
    """Records (not yet done) whose due date is overdue or due within TASK_WARNING_DAYS, in SQL: what
    rules.due_state says record by record, a due date on a rest day included (rules.overdue_due_dates)."""
    before, recent = rules.overdue_due_dates(today)
    overdue = Q(**{f"{due}__lt": before}) | Q(**{f"{due}__in": recent})
    if kind == "overdue":
        return overdue
    if kind == "due_soon":
        return Q(**{f"{due}__lte": today + datetime.timedelta(days=rules.TASK_WARNING_DAYS)}) & ~overdue
    raise ValueError(kind)


class KeyTaskQuerySet(models.QuerySet):
    def alerting(self, kind: str, today: datetime.date):
        if kind == "defect":
            return self.none()
        return self.exclude(status=KeyTask.Status.COMPLETED).filter(due_alert_q(kind, today))


class KeyTask(TownshipRecord):
    """One task of the year's key-task list (重点任务清单), led by a leader, kept to its due date."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("未启动")
        IN_PROGRESS = "in_progress", _("推进中")
        COMPLETED = "completed", _("已完成")
        OVERDUE = "overdue", _("逾期")

    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("重点任务"), max_length=200)
    lead_leader = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("牵头领导")
    )
    responsible_unit = models.CharField(_("责任单位"), max_length=64, blank=True)
    due_on = PlannedDateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(
        _("进度（%）"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    progress_note = models.CharField(_("进展情况"), max_length=200, blank=True)
    completed_on = EventDateField(_("完成日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = LiveManager.from_queryset(KeyTaskQuerySet)()
    all_objects = models.Manager.from_queryset(KeyTaskQuerySet)()

    class Meta:
        verbose_name = _("重点任务")
        verbose_name_plural = _("重点任务清单")
        ordering = ["year", "due_on", "id"]
        indexes = [models.Index(fields=["township", "year"], name="keytask_township_year")]
        constraints = [unique_live("year", "title", name="keytask_unique_title",
                                   message=_("本年度的重点任务清单中已有这项任务。"))]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.completed_on and self.status != self.Status.COMPLETED:
            errors["status"] = gettext("已填写完成日期，请将状态改为“已完成”。")
        if self.status == self.Status.COMPLETED and self.progress not in (None, 100):
            errors["progress"] = gettext("已完成的任务进度应为100%。")
        if errors:
            raise ValidationError(errors)

    def due_state(self, today: datetime.date) -> str:
        return rules.due_state(self.due_on, self.status == self.Status.COMPLETED, today, rules.TASK_WARNING_DAYS)


class LeadingGroupMember(TownshipRecord):
    """A member of the year's rule-of-law leading group (法治政府建设工作领导小组)."""

    class Role(models.TextChoices):
        LEADER = "leader", _("组长")
        DEPUTY = "deputy", _("副组长")
        MEMBER = "member", _("成员")
        OFFICE_DIRECTOR = "office_director", _("办公室主任")

    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("姓名"))
    role = models.CharField(_("领导小组职务"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    duty = models.CharField(_("分工"), max_length=200, blank=True)
    appointed_on = EventDateField(_("调整（成立）日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("领导小组成员")
        verbose_name_plural = _("法治政府建设工作领导小组")
        ordering = ["year", "role", "id"]
        constraints = [unique_live("year", "person", name="leadinggroup_unique_person",
                                   message=_("此人已在本年度的领导小组中。"))]

    def __str__(self):
        return f"{self.year} {self.person.name}（{self.get_role_display()}）"

    def position(self) -> str:
        return self.person.position if self.person_id else ""

    position.short_description = _("职务")


class Meeting(TownshipRecord):
    """A meeting on rule of law (会议台账): Party committee sessions, reports heard, executive meetings."""

    class Kind(models.TextChoices):
        PARTY_SESSION = "party_session", _("党委会专题研究法治建设")
        REPORT_HEARD = "report_heard", _("听取法治工作汇报")
        EXECUTIVE = "executive", _("政府常务会议")
        STUDY_GROUP = "study_group", _("理论学习中心组")
        OTHER = "other", _("其他")

    date = EventDateField(_("会议日期"))
    title = models.CharField(_("会议名称"), max_length=100)
    kind = models.CharField(_("会议类别"), max_length=16, choices=Kind.choices)
    chair = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("主持人")
    )
    topics = models.TextField(_("议题"), blank=True)
    pre_meeting_study = models.BooleanField(_("会前学法"), default=False)
    study_law = models.CharField(_("学法内容"), max_length=100, blank=True, help_text=_("会前学习的法律法规，如《行政处罚法》"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("法治建设会议台账")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["township", "date", "kind"], name="meeting_township_date")]
        constraints = [unique_live("date", "title", name="meeting_unique_title", message=_("同一天已有同名会议。"))]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}" if self.date else self.title

    def issues_summary(self) -> str:
        """'2 个（已解决 1）' from the prefetched issues."""
        issues = list(self.issues.all())
        if not issues:
            return ""
        resolved = sum(1 for issue in issues if issue.status == MeetingIssue.Status.RESOLVED)
        return gettext("%(count)s 个（已解决 %(resolved)s）") % {"count": len(issues), "resolved": resolved}

    issues_summary.short_description = _("研究解决的问题")

    def clean(self):
        if self.study_law.strip():
            self.pre_meeting_study = True
        if self.pre_meeting_study and not self.study_law.strip() and not getattr(self, "imported_from_sheet", False):
            raise ValidationError({"study_law": gettext("举行了会前学法的，请填写学习的法律法规。")})


class MeetingIssueQuerySet(models.QuerySet):
    def resolved_in(self, year: int):
        """Issues resolved in the year: resolved on a date in it, or, where no date was recorded, raised at a
        meeting of the year (what figure 4, 解决关键问题, counts)."""
        return self.filter(status=MeetingIssue.Status.RESOLVED, meeting__deleted_at__isnull=True).filter(
            Q(resolved_on__year=year) | Q(resolved_on__isnull=True, meeting__date__year=year)
        )

    def alerting(self, kind: str, today: datetime.date):
        if kind == "defect":
            return self.none()
        return self.filter(status=MeetingIssue.Status.OPEN).filter(due_alert_q(kind, today))


class MeetingIssue(TownshipRecord):
    """An issue a meeting studied (研究解决的问题) and what was done about it (落实情况)."""

    class Category(models.TextChoices):
        PUBLICITY = "publicity", _("法治宣传")
        ENFORCEMENT = "enforcement", _("执法保障")
        DISPUTES = "disputes", _("矛盾化解")
        INSTITUTIONS = "institutions", _("制度建设")
        TEAM = "team", _("队伍建设")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        OPEN = "open", _("未解决")
        RESOLVED = "resolved", _("已解决")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="issues", verbose_name=_("会议"))
    description = models.CharField(_("研究解决的问题"), max_length=200)
    category = models.CharField(_("问题类别"), max_length=16, choices=Category.choices, default=Category.OTHER)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("责任人")
    )
    due_on = PlannedDateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_on = EventDateField(_("解决日期"), null=True, blank=True)
    outcome = models.CharField(_("落实情况"), max_length=200, blank=True)

    objects = LiveManager.from_queryset(MeetingIssueQuerySet)()
    all_objects = models.Manager.from_queryset(MeetingIssueQuerySet)()

    class Meta:
        verbose_name = _("会议研究问题")
        verbose_name_plural = _("会议研究解决问题清单")
        ordering = ["-meeting__date", "id"]
        constraints = [unique_live("meeting", "description", name="meetingissue_unique_description",
                                   message=_("该会议已有这个问题。"))]

    def __str__(self):
        return self.description[:40]

    def clean(self):
        errors = {}
        if self.resolved_on:
            self.status = self.Status.RESOLVED
        if self.resolved_on and self.meeting_id and self.meeting.date and self.resolved_on < self.meeting.date:
            errors["resolved_on"] = gettext("解决日期不能早于会议日期（%(date)s）。") % {"date": self.meeting.date}
        if errors:
            raise ValidationError(errors)

    def due_state(self, today: datetime.date) -> str:
        return rules.due_state(self.due_on, self.status == self.Status.RESOLVED, today, rules.TASK_WARNING_DAYS)


class LawReport(TownshipRecord):
    """述法: a principal leader's report on performing their duties as first responsible person for rule of law."""

    class Capacity(models.TextChoices):
        PARTY_SECRETARY = "party_secretary", _("党委主要负责人")
        GOVERNMENT_HEAD = "government_head", _("政府主要负责人")
        OTHER = "other", _("其他班子成员")

    date = EventDateField(_("述法日期"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("述法人"))
    capacity = models.CharField(_("身份"), max_length=16, choices=Capacity.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="law_reports",
        verbose_name=_("述法会议"), help_text=_("在会议台账中的，选择此项"),
    )
    occasion = models.CharField(_("述法场合"), max_length=100, blank=True, help_text=_("不在会议台账中的会议，如县委依法治县办述法评议会"))
    summary = models.CharField(_("述法内容"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("述法")
        verbose_name_plural = _("主要负责人述法")
        ordering = ["-date", "id"]
        constraints = [unique_live("date", "person", name="lawreport_unique_person", message=_("此人当天已有述法记录。"))]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.person.name}" if self.date and self.person_id else gettext("述法")

    def clean(self):
        errors = {}
        if self.meeting_id and self.date and self.meeting.date != self.date:
            errors["meeting"] = gettext("所选会议的日期（%(date)s）与述法日期不一致。") % {"date": self.meeting.date}
        if not self.meeting_id and not self.occasion.strip():
            errors["occasion"] = gettext("请选择述法会议，或填写述法场合。")
        if errors:
            raise ValidationError(errors)

    def where(self) -> str:
        return self.meeting.title if self.meeting_id else self.occasion

    where.short_description = _("述法会议")
