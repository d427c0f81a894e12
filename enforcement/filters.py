"""List filters of the enforcement ledgers. The figures of stats.py link to lists through these parameters."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement.models import (
    Campaign,
    EnforcementCase,
    Equipment,
    LegalityReview,
    MajorDecision,
    Recording,
    SatisfactionSurvey,
    ViolationType,
)
from enforcement.models.programme import in_service_on
from township.ledger.alerts import DEFECT, DUE_SOON, OVERDUE
from township.ledger.filters import AlertFilter, TownshipFilterSet, YearFilter, YesNoFilter
from township.models import Village

Case = EnforcementCase

#: the case list's 状态提示: the 90-day limit warns 15 days ahead, the other deadlines 7
CASE_ALERT_CHOICES = [(OVERDUE, _("已逾期")), (DUE_SOON, _("即将到期")), (DEFECT, _("有缺陷"))]

STATUS_CHOICES = [("open", _("在办")), ("decided", _("已决定未结案")), ("closed", _("已结案")), ("withdrawn", _("已撤案")),
                  ("made", _("已作出决定（含已结案）"))]

PUBLICATION_PUBLISHED = "published"
PUBLICATION_UNPUBLISHED = "unpublished"
PUBLICATION_ON_TIME = "on_time"
PUBLICATION_DUE = "due"
PUBLICATION_CHOICES = [
    (PUBLICATION_PUBLISHED, _("已公示")),
    (PUBLICATION_UNPUBLISHED, _("未公示")),
    (PUBLICATION_ON_TIME, _("按期公示")),
    (PUBLICATION_DUE, _("应公示（已公示或已过公示期限）")),
]


def publication_pks(queryset, state: str, today):
    """Decisions by where they stand against the publication deadline (国办发〔2018〕118号), decided in Python:
    the deadline counts working days."""
    decided = queryset.filter(decided_on__isnull=False).exclude(decision_kind=Case.DecisionKind.WITHDRAWN)
    found = []
    for case in decided:
        deadline = case.publication_deadline()
        if state == PUBLICATION_ON_TIME and deadline.met or state == PUBLICATION_DUE and (case.published_on or deadline.due < today):
            found.append(case.pk)
    return found


class CaseFilter(TownshipFilterSet):
    alert = AlertFilter(choices=CASE_ALERT_CHOICES)
    status = django_filters.ChoiceFilter(label=_("办理状态"), choices=STATUS_CHOICES, method="filter_status")
    category = django_filters.ModelChoiceFilter(queryset=ViolationType.objects.all(), label=_("违法类别"))
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("专项执法行动"))
    reconsidered = YesNoFilter(label=_("行政复议"))
    litigated = YesNoFilter(label=_("行政诉讼"))
    is_major = YesNoFilter(label=_("重大案件"))
    legal_review = YesNoFilter(label=_("经法制审核"), method="filter_legal_review")
    publication = django_filters.ChoiceFilter(label=_("公示情况"), choices=PUBLICATION_CHOICES, method="filter_publication")
    decision_time = django_filters.ChoiceFilter(label=_("决定期限"), method="filter_decision_time",
                                                choices=[("late", _("超期作出或超期未作出决定"))])

    class Meta:
        model = EnforcementCase
        fields = ["alert", "status", "procedure", "category", "decision_kind", "village", "campaign", "is_major",
                  "legal_review", "reconsidered", "litigated", "publication", "decision_time"]

    def filter_legal_review(self, queryset, name, value):
        return queryset.filter(legal_review_on__isnull=not value)

    def filter_decision_time(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(pk__in=[case.pk for case in queryset.filter(procedure=Case.Procedure.ORDINARY)
                                       if case.decided_late(today)])

    def filter_status(self, queryset, name, value):
        withdrawn = Q(decision_kind=Case.DecisionKind.WITHDRAWN)
        if value == "open":
            return queryset.filter(decided_on__isnull=True, closed_on__isnull=True)
        if value == "decided":
            return queryset.filter(decided_on__isnull=False, closed_on__isnull=True).exclude(withdrawn)
        if value == "closed":
            return queryset.filter(closed_on__isnull=False).exclude(withdrawn)
        if value == "made":
            return queryset.filter(decided_on__isnull=False).exclude(withdrawn)
        return queryset.filter(withdrawn)

    def filter_publication(self, queryset, name, value):
        withdrawn = Q(decision_kind=Case.DecisionKind.WITHDRAWN)
        if value == PUBLICATION_PUBLISHED:
            return queryset.filter(published_on__isnull=False)
        if value == PUBLICATION_UNPUBLISHED:
            return queryset.filter(decided_on__isnull=False, published_on__isnull=True).exclude(withdrawn)
        return queryset.filter(pk__in=publication_pks(queryset, value, timezone.localdate()))


class ViolationTypeFilter(TownshipFilterSet):
    active = YesNoFilter(label=_("启用"))

    class Meta:
        model = ViolationType
        fields = ["active"]


class CampaignFilter(TownshipFilterSet):
    focus = django_filters.ModelChoiceFilter(queryset=ViolationType.objects.all(), label=_("重点领域"))
    villages = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("覆盖村（社区）"))

    class Meta:
        model = Campaign
        fields = ["focus", "villages"]


class EquipmentFilter(TownshipFilterSet):
    in_service = YearFilter(label=_("年末在用（年度）"), method="filter_in_service")

    class Meta:
        model = Equipment
        fields = ["kind", "status", "in_service"]

    def filter_in_service(self, queryset, name, value):
        year = int(value)
        if not 2000 <= year <= 2100:
            return queryset.none()
        return queryset.filter(in_service_on(datetime.date(year, 12, 31)))


class RecordingFilter(TownshipFilterSet):
    device = django_filters.ModelChoiceFilter(queryset=Equipment.objects.all(), label=_("记录设备"))

    class Meta:
        model = Recording
        fields = ["step", "device"]


class SatisfactionSurveyFilter(TownshipFilterSet):
    class Meta:
        model = SatisfactionSurvey
        fields = ["method"]


class MajorDecisionFilter(TownshipFilterSet):
    decided = YesNoFilter(label=_("已决策"), method="filter_decided")

    class Meta:
        model = MajorDecision
        fields = ["decided", "reviewer", "review_result"]

    def filter_decided(self, queryset, name, value):
        return queryset.filter(decided_on__isnull=not value)


class LegalityReviewFilter(TownshipFilterSet):
    completed = YesNoFilter(label=_("已完成"), method="filter_completed")

    class Meta:
        model = LegalityReview
        fields = ["kind", "reviewer", "opinion", "completed", "filing_required"]

    def filter_completed(self, queryset, name, value):
        return queryset.filter(completed_on__isnull=not value)
