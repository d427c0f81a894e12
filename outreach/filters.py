"""List filters of the outreach ledgers. The figures of stats.py link to the lists through these parameters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from outreach import rules
from outreach.fields import containing
from outreach.models import DemocracyVillage, Event, LegalInformant, Occasion, OnlinePost, OnsiteService, Venue
from township.ledger.filters import TownshipFilterSet, YearFilter, YesNoFilter
from township.models import Village

QUARTERS = [(str(q), _("第%(q)s季度") % {"q": q}) for q in range(1, 5)]


class EventFilter(TownshipFilterSet):
    occasion = django_filters.ModelChoiceFilter(queryset=Occasion.objects.all(), label=_("宣传节点"))
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, label=_("形式"))
    villages = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))
    target_group = django_filters.ChoiceFilter(choices=Event.TargetGroup.choices, label=_("宣传对象"),
                                               method="filter_target_group")
    customised = YesNoFilter(label=_("定制化讲座"))
    by_legal_adviser = YesNoFilter(label=_("法律顾问开展"))
    quarter = django_filters.ChoiceFilter(choices=QUARTERS, label=_("季度"), method="filter_quarter")

    class Meta:
        model = Event
        fields = ["occasion", "kind", "villages", "target_group", "customised", "by_legal_adviser", "quarter"]

    def filter_target_group(self, queryset, name, value):
        return queryset.filter(target_groups__contains=containing(value))

    def filter_quarter(self, queryset, name, value):
        quarter = int(value)
        return queryset.filter(date__month__gte=3 * quarter - 2, date__month__lte=3 * quarter)


class OccasionFilter(TownshipFilterSet):
    fixed_date = YesNoFilter(label=_("固定日期"), field_name="day", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Occasion
        fields = ["fixed_date"]


class OnlinePostFilter(TownshipFilterSet):
    class Meta:
        model = OnlinePost
        fields = ["channel"]


class VenueFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("所在村（社区）"))
    upgraded_year = YearFilter(label=_("建成或升级年度"), field_name="upgraded_on", lookup_expr="year")
    named_year = YearFilter(label=_("命名年度"), field_name="named_on", lookup_expr="year")

    class Meta:
        model = Venue
        fields = ["kind", "demonstration", "village", "upgraded_year", "named_year"]


class LegalInformantFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))
    below_minimum = YesNoFilter(label=_("所在村不足规定人数"), method="filter_below_minimum")

    class Meta:
        model = LegalInformant
        fields = ["village", "category", "assessment", "status", "below_minimum"]

    def filter_below_minimum(self, queryset, name, value):
        """Informants of villages that have fewer serving than the minimum (annotated by the ledger's list)."""
        below = queryset.filter(village_serving__lt=rules.informants_per_village())
        return below if value else queryset.exclude(pk__in=below.values("pk"))


class OnsiteServiceFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))
    village_adviser = YesNoFilter(label=_("村（社区）法律顾问"))

    class Meta:
        model = OnsiteService
        fields = ["village", "provider_kind", "village_adviser"]


class DemocracyVillageFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("村（社区）"))

    class Meta:
        model = DemocracyVillage
        fields = ["village", "level"]
