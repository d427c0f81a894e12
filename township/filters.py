"""List filters of the core ledgers (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from township.models import Person, Village


class TownshipFilterSet(django_filters.FilterSet):
    """Base: related-record choices limited to the request's township."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        township = getattr(request, "township", None) if request is not None else None
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "township") and township is not None:
                filter_.queryset = queryset.filter(township=township)


class VillageFilter(TownshipFilterSet):
    class Meta:
        model = Village
        fields = ["kind"]


class PersonFilter(TownshipFilterSet):
    village = django_filters.ModelChoiceFilter(queryset=Village.objects.all(), label=_("所在村（社区）"))
    legal_background = django_filters.BooleanFilter(label=_("法律专业背景"))

    class Meta:
        model = Person
        fields = ["kind", "political_status", "village", "legal_background", "active"]
