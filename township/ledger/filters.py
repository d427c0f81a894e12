"""List filters of the ledger pattern (django-filter): the base of every ledger's filters, 是/否 and
状态提示 (badge state) filters, and the filters of a ledger that declares only their field names."""

import django_filters
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from township.ledger.alerts import ALERT_CHOICES
from township.numbers import FIRST_YEAR, LAST_YEAR


class YesNoFilter(django_filters.BooleanFilter):
    """A 是/否 filter whose empty choice reads 全部 (django-filter's default says 未知)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]))
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A year of the ledgers (FIRST_YEAR-LAST_YEAR: 2000-2100), typed as a whole number: anything else ("²", 1E400, 20 digits) makes the
    filter invalid, as a bad value of any filter does, instead of reaching a date or the database (a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


class AlertFilter(django_filters.ChoiceFilter):
    """状态提示: 已逾期 / 7日内到期 / 有缺陷, through the model's queryset ``alerting(kind, today)`` (the same
    rules as the badges)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("状态提示"))
        kwargs.setdefault("choices", ALERT_CHOICES)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.alerting(value, timezone.localdate()) if value else qs


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _printed(value):
    """A value as a template prints it (localized, as text, escaped)."""
    return conditional_escape(str(localize(value)))


def _formatted(value):
    """A value through stringformat:'s' (its text, safe when the value was), escaped."""
    text = str(value)
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308 - safe only when it was


def _attrs_html(attrs) -> str:
    """Django's attrs.html: ' name="value"', ' name' when True, nothing when False."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {_printed(name)}")
        elif value is not False:
            parts.append(f' {_printed(name)}="{_formatted(value)}"')
    return "".join(parts)


class FilterRenderer(DjangoTemplates):
    """Django's form renderer, but a select is drawn in Python, character for character as Django's select.html
    draws it: that template includes two more for each option (select_option.html and attrs.html), and the
    filter forms' selects (villages, categories, 是/否 …) were a sixth of a ledger list's CPU."""

    def render(self, template_name, context, request=None):
        widget = context["widget"]
        if template_name != SELECT_TEMPLATE or any(
                option["template_name"] != OPTION_TEMPLATE for _group, options, _index in widget["optgroups"]
                for option in options):
            return super().render(template_name, context, request)
        html = [f'<select name="{_printed(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{_printed(group_name)}">')
            for option in options:
                html.append(f'\n  <option value="{_formatted(option["value"])}"{_attrs_html(option["attrs"])}>'
                            f'{_printed(option["label"])}</option>\n')
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")  # the renderer strips the template's last newline
        return "".join(html)


FILTER_RENDERER = FilterRenderer()


class TownshipFilterSet(django_filters.FilterSet):
    """Base: related-record choices limited to the request's township; 是/否 filters for booleans."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Before the form is built (self.form builds its fields from the filters' querysets once): otherwise
        # the choices would be every township's villages and people — another township's names in the page,
        # and at province scale tens of thousands of options (docs/decisions/0025).
        township = getattr(request, "township", None) if request is not None else None
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "township") and township is not None:
                filter_.queryset = queryset.filter(township=township)
        self.form.renderer = FILTER_RENDERER
        for field in self.form.fields.values():
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = _("全部")
            is_select = hasattr(field.widget, "choices")
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if is_select else "form-control form-control-sm")

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        from django.db import models

        if isinstance(field, models.BooleanField) and lookup_type == "exact":
            return YesNoFilter, {}
        return super().filter_for_lookup(field, lookup_type)


def filterset_for(model, fields) -> type[TownshipFilterSet]:
    """The filters of a ledger that declares only the fields it filters by."""
    meta = type("Meta", (), {"model": model, "fields": list(fields)})
    return type(f"{model.__name__}Filter", (TownshipFilterSet,), {"Meta": meta, "__module__": model.__module__})
