"""List filters of the core ledgers (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from township.models import Person, Village


class YesNoFilter(django_filters.BooleanFilter):
    """A 是/否 filter whose empty choice reads 全部 (django-filter's default says 未知)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]))
        super().__init__(*args, **kwargs)


class TownshipFilterSet(django_filters.FilterSet):
    """Base: related-record choices limited to the request's township."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for field in self.form.fields.values():
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = _("全部")
            is_select = hasattr(field.widget, "choices")
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if is_select else "form-control form-control-sm")
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
    legal_background = YesNoFilter(label=_("法律专业背景"))
    active = YesNoFilter(label=_("在岗"))

    class Meta:
        model = Person
        fields = ["kind", "political_status", "village", "legal_background", "active"]
