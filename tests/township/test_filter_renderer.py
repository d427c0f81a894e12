"""The filter forms' selects are drawn in Python (township.ledger.filters.FilterRenderer): character for character
as Django's templates draw them, blank, bound to each choice, in both languages."""

import pytest
from django.forms.renderers import get_default_renderer
from django.test import RequestFactory
from django.utils import translation

from township import areas
from township.ledger.filters import FILTER_RENDERER


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_filter_selects_are_drawn_as_djangos_templates_draw_them(language, cast):
    request = RequestFactory().get("/")
    request.township, request.year = cast.daxi, "2025"
    compared = 0
    with translation.override(language):
        for ledger in areas.ledgers().values():
            blank = ledger.filterset_class(None, queryset=ledger.model.objects.none(), request=request)
            choices = [{name: str(value)} for name, field in blank.form.fields.items()
                       for value, _label in list(getattr(field, "choices", []))[:4]]
            for data in [None, *choices]:
                form = ledger.filterset_class(data, queryset=ledger.model.objects.none(), request=request).form
                form.is_valid()
                for field in form:
                    form.renderer = FILTER_RENDERER
                    ours = str(field)
                    form.renderer = get_default_renderer()
                    assert ours == str(field), f"{ledger.slug}: {field.name} with {data}"
                    compared += "<select" in ours
    assert compared > 100
