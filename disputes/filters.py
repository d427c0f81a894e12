"""List filters of the disputes ledgers. The figures of stats.py link to lists through these parameters."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disputes import rules
from disputes.models import (
    CLOSING_CHOICES,
    Consultation,
    Dispute,
    LegalAdviser,
    MediationCommittee,
    Mediator,
    Petition,
)
from township.ledger.filters import AlertFilter, TownshipFilterSet, YearFilter, YesNoFilter
from township.models import Village

RATED = "rated"
SATISFIED_OR_FAIRLY = "satisfied"
UNRATED = "unrated"
SATISFACTION_FILTER_CHOICES = [
    *rules.choices(rules.SATISFACTION_LEVELS),
    (SATISFIED_OR_FAIRLY, _("满意或基本满意")),
    (RATED, _("已评价")),
    (UNRATED, _("未评价")),
]
PENDING_DECISION = "pending"


class DisputeFilter(TownshipFilterSet):
    alert = AlertFilter()
    status = django_filters.ChoiceFilter(label=_("调解状态"), choices=rules.choices(rules.DISPUTE_LIFECYCLE))
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))

    class Meta:
        model = Dispute
        fields = ["alert", "status", "category", "source", "village", "risk_level"]


class PetitionFilter(TownshipFilterSet):
    alert = AlertFilter()
    acceptance = django_filters.ChoiceFilter(
        label=_("受理情况"), method="filter_acceptance",
        choices=[*rules.choices(rules.PETITION_DECISIONS), (PENDING_DECISION, _("待决定"))],
    )
    accepted_year = YearFilter(label=_("受理年度"), method="filter_accepted_year")
    closing = django_filters.ChoiceFilter(label=_("办结情况"), choices=CLOSING_CHOICES, method="filter_closing")
    satisfaction = django_filters.ChoiceFilter(
        label=_("满意度"), choices=SATISFACTION_FILTER_CHOICES, method="filter_satisfaction"
    )
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))

    class Meta:
        model = Petition
        fields = ["alert", "acceptance", "accepted_year", "closing", "satisfaction", "channel", "category", "village"]

    def filter_acceptance(self, queryset, name, value):
        return queryset.filter(acceptance="" if value == PENDING_DECISION else value)

    def filter_accepted_year(self, queryset, name, value):
        return queryset.accepted_in(int(value))

    def filter_closing(self, queryset, name, value):
        return queryset.closing(value, timezone.localdate())

    def filter_satisfaction(self, queryset, name, value):
        if value == RATED:
            return queryset.exclude(satisfaction="")
        if value == UNRATED:
            return queryset.filter(satisfaction="")
        if value == SATISFIED_OR_FAIRLY:
            return queryset.filter(satisfaction__in=[rules.SATISFIED, rules.FAIRLY_SATISFIED])
        return queryset.filter(satisfaction=value)


class MediatorFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("所在村（社区）"))
    active = YesNoFilter(label=_("在岗"))

    class Meta:
        model = Mediator
        fields = ["level", "kind", "village", "active"]


class MediationCommitteeFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))

    class Meta:
        model = MediationCommittee
        fields = ["village"]


class LegalAdviserFilter(TownshipFilterSet):
    villages = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("服务的村（社区）"))

    class Meta:
        model = LegalAdviser
        fields = ["villages"]


class ConsultationFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))
    adviser = django_filters.ModelChoiceFilter(queryset=LegalAdviser.objects.all(), label=_("法律顾问"))

    class Meta:
        model = Consultation
        fields = ["village", "adviser"]
