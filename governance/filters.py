"""List filters of the governance ledgers. The figures of stats.py link to lists through these parameters
(and ``year``, which every page reads: township.middleware)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import (
    Certificate,
    ExamResult,
    KeyTask,
    LawExam,
    LawReport,
    LeadingGroupMember,
    LegalRecruit,
    Meeting,
    MeetingIssue,
    Training,
)
from township.ledger.alerts import DEFECT, DUE_SOON, OVERDUE
from township.ledger.filters import AlertFilter, TownshipFilterSet, YearFilter, YesNoFilter
from township.models import Person

TASK_ALERTS = [(OVERDUE, _("已逾期")), (DUE_SOON, _("30日内到期"))]
UNDER_HOURS = "under_hours"
CERTIFICATE_ALERTS = [(OVERDUE, _("已过期")), (DUE_SOON, _("90日内到期")), (DEFECT, _("注销或暂扣未填日期")),
                      (UNDER_HOURS, _("本年度学时不足"))]


class KeyTaskFilter(TownshipFilterSet):
    alert = AlertFilter(choices=TASK_ALERTS)
    lead_leader = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), label=_("牵头领导"))

    class Meta:
        model = KeyTask
        fields = ["alert", "status", "lead_leader"]


class LeadingGroupMemberFilter(TownshipFilterSet):
    class Meta:
        model = LeadingGroupMember
        fields = ["role"]


class LawReportFilter(TownshipFilterSet):
    class Meta:
        model = LawReport
        fields = ["capacity"]


class MeetingFilter(TownshipFilterSet):
    pre_meeting_study = YesNoFilter(label=_("会前学法"))
    chair = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), label=_("主持人"))

    class Meta:
        model = Meeting
        fields = ["kind", "pre_meeting_study", "chair"]


class MeetingIssueFilter(TownshipFilterSet):
    alert = AlertFilter(choices=TASK_ALERTS)
    resolved_year = YearFilter(label=_("解决年度"), method="filter_resolved_year")

    class Meta:
        model = MeetingIssue
        fields = ["alert", "status", "category", "resolved_year"]

    def filter_resolved_year(self, queryset, name, value):
        return queryset.resolved_in(int(value))


class TrainingFilter(TownshipFilterSet):
    practical = YesNoFilter(label=_("实战化培训"), method="filter_practical")
    attendee = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), label=_("参加人员"),
                                                field_name="attendees")

    class Meta:
        model = Training
        fields = ["kind", "method", "practical", "attendee"]

    def filter_practical(self, queryset, name, value):
        practical = {"method__in": Training.PRACTICAL_METHODS}
        return queryset.filter(**practical) if value else queryset.exclude(**practical)


class LawExamFilter(TownshipFilterSet):
    class Meta:
        model = LawExam
        fields = []


class ExamResultFilter(TownshipFilterSet):
    exam = django_filters.ModelChoiceFilter(queryset=LawExam.objects.all(), label=_("考试"))
    took = YesNoFilter(label=_("参考"))
    passed = YesNoFilter(label=_("合格"))

    class Meta:
        model = ExamResult
        fields = ["exam", "took", "passed"]


class CertificateFilter(TownshipFilterSet):
    alert = AlertFilter(choices=CERTIFICATE_ALERTS, method="filter_alert")
    valid_on = django_filters.DateFilter(label=_("某日有效"), method="filter_valid_on",
                                         widget=forms.DateInput(attrs={"type": "date"}))
    issued_year = YearFilter(label=_("发证年度"), field_name="issued_on", lookup_expr="year")
    first_certificate = YesNoFilter(label=_("首次取得"), method="filter_first_certificate")
    legal_background = YesNoFilter(label=_("持证人有法律专业背景"), field_name="holder__legal_background")

    class Meta:
        model = Certificate
        fields = ["alert", "status", "valid_on", "issued_year", "first_certificate", "legal_background"]

    def filter_alert(self, queryset, name, value):
        today = timezone.localdate()
        if value == UNDER_HOURS:
            year = int(self.request.year) if self.request is not None else today.year
            return queryset.under_hours(year, today)
        return queryset.alerting(value, today)

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)

    def filter_first_certificate(self, queryset, name, value):
        earlier = Certificate.objects.filter(township=OuterRef("township"), holder=OuterRef("holder"),
                                             issued_on__lt=OuterRef("issued_on"))
        return queryset.exclude(Exists(earlier)) if value else queryset.filter(Exists(earlier))


class LegalRecruitFilter(TownshipFilterSet):
    class Meta:
        model = LegalRecruit
        fields = ["channel"]
