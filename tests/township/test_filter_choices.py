"""A ledger list's filters offer the records of the request's township only: never another township's villages
or people (their names would leak, and at province scale there are tens of thousands of them)."""

import pytest
from django.urls import reverse

from township import areas


@pytest.mark.parametrize("slug", list(areas.ledgers()))
def test_list_filter_choices_are_the_townships_own(slug, cast, client_for):
    ledger = areas.ledger(slug)
    response = client_for(cast.admin_user).get(reverse(f"{slug}:list"))
    assert response.status_code == 200
    for name, field in response.context["filter"].form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset.model, "township"):
            continue
        assert not queryset.exclude(township=cast.daxi).exists(), f"{ledger.slug}: filter {name} offers other townships"
        html = response.content.decode()
        assert cast.other_village.name not in html and cast.other_person.name not in html
