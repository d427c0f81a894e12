"""List filters of the core ledgers (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from township.ledger.filters import TownshipFilterSet, YesNoFilter
from township.models import Person, Village


class VillageFilter(TownshipFilterSet):
    class Meta:
        model = Village
        fields = ["kind"]


class PersonFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("所在村（社区）"))
    legal_background = YesNoFilter(label=_("法律专业背景"))
    active = YesNoFilter(label=_("在岗"))

    class Meta:
        model = Person
        fields = ["kind", "political_status", "village", "legal_background", "active"]
