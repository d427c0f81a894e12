"""重大行政决策 (major administrative decisions, 《重大行政决策程序暂行条例》) and 合法性审查 (legality reviews
of normative documents and contracts)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enforcement import rules
from enforcement.models.base import CalendarQuerySet, WithCalendar, managers
from township.fields import EventDateField, PlannedDateField
from township.models import TownshipRecord, unique_live
from township.workdays import Deadline


class Reviewer(models.TextChoices):
    JUDICIAL_OFFICE = "judicial_office", _("司法所")
    LEGAL_ADVISER = "legal_adviser", _("法律顾问")
    BOTH = "both", _("司法所和法律顾问")


class Opinion(models.TextChoices):
    LAWFUL = "lawful", _("合法")
    AMENDED = "amended", _("修改后合法")
    UNLAWFUL = "unlawful", _("不合法")


PASSING = frozenset({Opinion.LAWFUL, Opinion.AMENDED})


def _order_errors(record, pairs, add, errors):
    for later, earlier in pairs:
        later_value, earlier_value = getattr(record, later), getattr(record, earlier)
        if later_value and earlier_value and later_value < earlier_value and later not in errors:
            add(later, gettext("%(later)s不能早于%(earlier)s（%(date)s）。") % {
                "later": record._meta.get_field(later).verbose_name,
                "earlier": record._meta.get_field(earlier).verbose_name, "date": f"{earlier_value:%Y-%m-%d}"})


class MajorDecision(WithCalendar, TownshipRecord):
    """One item of the year's published catalogue of major decisions and the steps it went through."""

    class Risk(models.TextChoices):
        LOW = "low", _("低风险")
        MEDIUM = "medium", _("中风险")
        HIGH = "high", _("高风险")

    catalogue_year = models.PositiveSmallIntegerField(_("目录年度"), validators=[MinValueValidator(2000),
                                                                              MaxValueValidator(2100)])
    title = models.CharField(_("决策事项"), max_length=200)
    sponsor = models.CharField(_("承办单位"), max_length=60, blank=True)
    catalogue_published_on = EventDateField(_("目录公布日期"), null=True, blank=True,
                                            help_text=_("决策事项目录应当向社会公布（《重大行政决策程序暂行条例》第三条）"))
    comment_start_on = EventDateField(_("征求意见开始日期"), null=True, blank=True)
    comment_end_on = PlannedDateField(_("征求意见截止日期"), null=True, blank=True,
                                      help_text=_("一般不少于30日（《重大行政决策程序暂行条例》第十五条）"))
    comment_exempt_reason = models.CharField(_("不公开征求意见的理由"), max_length=200, blank=True,
                                             help_text=_("依法不予公开的决策事项，注明理由"))
    comments_received = models.PositiveIntegerField(_("收到意见（条）"), default=0)
    expert_on = EventDateField(_("专家论证日期"), null=True, blank=True)
    experts = models.CharField(_("论证专家"), max_length=200, blank=True)
    risk_on = EventDateField(_("风险评估日期"), null=True, blank=True)
    risk_level = models.CharField(_("风险等级"), max_length=8, blank=True, choices=Risk.choices)
    review_submitted_on = EventDateField(_("送请合法性审查日期"), null=True, blank=True)
    reviewer = models.CharField(_("审查机构"), max_length=20, blank=True, choices=Reviewer.choices)
    review_on = EventDateField(_("合法性审查完成日期"), null=True, blank=True)
    review_result = models.CharField(_("审查结论"), max_length=16, blank=True, choices=Opinion.choices)
    review_opinion = models.CharField(_("审查意见"), max_length=300, blank=True)
    meeting_on = EventDateField(_("集体讨论日期"), null=True, blank=True)
    meeting_name = models.CharField(_("会议名称"), max_length=100, blank=True, help_text=_("如：镇政府第12次常务会议"))
    dissent = models.CharField(_("不同意见"), max_length=300, blank=True,
                               help_text=_("集体讨论中持不同意见的，应当如实记录（《重大行政决策程序暂行条例》第三十条）"))
    decided_on = EventDateField(_("决定日期"), null=True, blank=True)
    decision_number = models.CharField(_("决定文号"), max_length=60, blank=True)
    published_on = EventDateField(_("公布日期"), null=True, blank=True)
    evaluated_on = EventDateField(_("决策后评估日期"), null=True, blank=True)
    evaluation = models.CharField(_("评估结论"), max_length=300, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects, all_objects = managers(CalendarQuerySet)

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策台账")
        ordering = ["-catalogue_year", "id"]
        constraints = [unique_live("catalogue_year", "title", name="major_decision_unique_title",
                                   message=_("本年度目录中已有同名的决策事项。"))]

    def __str__(self):
        return self.title

    def status_label(self) -> str:
        if self.decided_on:
            return gettext("已决策")
        if self.meeting_on or self.review_on or self.comment_start_on or self.expert_on or self.risk_on:
            return gettext("履行程序中")
        return gettext("已列入目录")

    status_label.short_description = _("状态")

    def steps_done(self) -> list[str]:
        """The statutory steps this decision went through, in the order of the regulation."""
        done = []
        if self.comment_start_on:
            done.append(gettext("公众参与"))
        if self.expert_on:
            done.append(gettext("专家论证"))
        if self.risk_on:
            done.append(gettext("风险评估"))
        if self.review_on:
            done.append(gettext("合法性审查"))
        if self.meeting_on:
            done.append(gettext("集体讨论决定"))
        return done

    def steps_display(self) -> str:
        return "、".join(self.steps_done())

    steps_display.short_description = _("已履行程序")

    def clean(self):
        """Block a short comment period and "decided" without its statutory steps (第十五、二十五、三十条)."""
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        for field in ("title", "sponsor", "comment_exempt_reason", "experts", "review_opinion", "meeting_name",
                      "dissent", "decision_number", "evaluation", "note"):
            setattr(self, field, (getattr(self, field) or "").strip())
        if bool(self.comment_start_on) != bool(self.comment_end_on):
            add("comment_end_on" if self.comment_start_on else "comment_start_on", gettext("请同时填写征求意见的开始和截止日期。"))
        for message in rules.comment_period_errors(self.comment_start_on, self.comment_end_on):
            add("comment_end_on", message)
        if self.review_on and not self.review_result:
            add("review_result", gettext("请选择审查结论。"))
        if self.review_result and not self.review_on:
            add("review_on", gettext("请填写合法性审查完成日期。"))
        _order_errors(self, [("review_on", "review_submitted_on"), ("decided_on", "meeting_on"),
                             ("published_on", "decided_on"), ("evaluated_on", "decided_on")], add, errors)
        if self.decided_on and self.catalogue_year and self.decided_on.year < self.catalogue_year:
            add("decided_on", gettext("决定日期早于目录年度（%(year)s年）。") % {"year": self.catalogue_year})
        for message in rules.major_decision_errors(
            self.decided_on, comment_ended_on=self.comment_end_on, comment_exempt=bool(self.comment_exempt_reason),
            reviewed_on=self.review_on, review_passed=self.review_result in PASSING, meeting_on=self.meeting_on,
        ):
            add("decided_on", message)
        if errors:
            raise ValidationError(errors)

    def defects(self) -> list[tuple[str, str]]:
        found = [(gettext("审查时间不足"), m) for m in rules.major_decision_review_time_flags(
            self.review_submitted_on, self.meeting_on, self.calendar,
            workdays=getattr(settings, "ENFORCEMENT_MAJOR_DECISION_REVIEW_WORKDAYS", rules.MAJOR_DECISION_REVIEW_WORKDAYS))]
        if self.decided_on and not self.published_on:
            found.append((gettext("决策未公布"), gettext("决策机关应当及时公布重大行政决策（《重大行政决策程序暂行条例》第三十二条）。")))
        return found


class LegalityReview(WithCalendar, TownshipRecord):
    """合法性审查 of a normative document or a contract before the township issues or signs it."""

    class Kind(models.TextChoices):
        NORMATIVE = "normative", _("行政规范性文件")
        CONTRACT = "contract", _("合同")
        OTHER = "other", _("其他")

    title = models.CharField(_("审查事项"), max_length=200)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.NORMATIVE)
    submitted_by = models.CharField(_("送审单位"), max_length=60, blank=True)
    submitted_on = EventDateField(_("送审日期"))
    reviewer = models.CharField(_("审查机构"), max_length=20, choices=Reviewer.choices, default=Reviewer.JUDICIAL_OFFICE)
    reviewer_name = models.CharField(_("审查人员"), max_length=60, blank=True)
    completed_on = EventDateField(_("审查完成日期"), null=True, blank=True)
    opinion = models.CharField(_("审查结论"), max_length=16, blank=True, choices=Opinion.choices)
    opinion_text = models.CharField(_("审查意见"), max_length=300, blank=True)
    filing_required = models.BooleanField(_("需报县备案"), default=False)
    filed_on = EventDateField(_("备案日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects, all_objects = managers(CalendarQuerySet)

    class Meta:
        verbose_name = _("合法性审查")
        verbose_name_plural = _("规范性文件和合同合法性审查台账")
        ordering = ["-submitted_on", "-id"]
        constraints = [unique_live("title", "submitted_on", name="legality_review_unique_title",
                                   message=_("本镇已有同一送审日期、同名的审查事项。"))]

    def __str__(self):
        return self.title

    def clean(self):
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        for field in ("title", "submitted_by", "reviewer_name", "opinion_text", "note"):
            setattr(self, field, (getattr(self, field) or "").strip())
        if self.completed_on and not self.opinion:
            add("opinion", gettext("请选择审查结论。"))
        if self.opinion and not self.completed_on:
            add("completed_on", gettext("请填写审查完成日期。"))
        if self.filed_on and not self.completed_on:
            add("filed_on", gettext("审查完成后才能报送备案。"))
        if self.filed_on:
            self.filing_required = True
        _order_errors(self, [("completed_on", "submitted_on"), ("filed_on", "completed_on")], add, errors)
        if errors:
            raise ValidationError(errors)

    def review_deadline(self) -> Deadline | None:
        if self.kind != self.Kind.NORMATIVE:
            return None
        return rules.normative_review_deadline(self.submitted_on, self.calendar, done_on=self.completed_on)

    def days_taken(self) -> int | None:
        if not self.completed_on or not self.submitted_on:
            return None
        return (self.completed_on - self.submitted_on).days

    def defects(self) -> list[tuple[str, str]]:
        found = []
        deadline = self.review_deadline()
        if deadline is not None and deadline.met is False:
            found.append((gettext("审核超期"), gettext("%(rule)s为%(due)s（%(article)s）。") % {
                "rule": deadline.rule, "due": f"{deadline.due:%Y-%m-%d}", "article": deadline.article}))
        if self.filing_required and self.completed_on and not self.filed_on:
            found.append((gettext("未报备案"), gettext("该文件需报县级人民政府备案，尚未填写备案日期。")))
        if self.opinion == Opinion.UNLAWFUL:
            found.append((gettext("审查不合法"), gettext("经审查不合法的，不得印发或签订。")))
        return found

    def running(self, today: datetime.date) -> Deadline | None:
        deadline = self.review_deadline()
        return deadline if deadline is not None and deadline.done_on is None else None
