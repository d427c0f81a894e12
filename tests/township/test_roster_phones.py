"""Phones in the people roster and the legal advisers' list (docs/personal-data.md): the township's own
staff (admin, clerks, leaders) see officials' work phones; a village clerk and a county viewer see them
masked, in the list, the record, its history and the export."""

import pytest
from django.urls import reverse

from tests.helpers import read_xlsx
from township.models import PersonalDataLog

PHONE = "13912345678"


@pytest.fixture
def phoned(person):
    person.phone = PHONE
    person.version += 1
    person.save()
    return person


@pytest.mark.parametrize("role", ["admin", "clerk", "leader"])
def test_township_staff_see_the_roster_phone(role, cast, client_for, phoned):
    text = client_for(cast.users[role]).get(reverse("people:detail", args=[phoned.pk])).content.decode()
    assert PHONE in text


@pytest.mark.parametrize("role", ["village_clerk", "county"])
def test_village_clerk_and_county_viewer_see_it_masked_everywhere(role, cast, client_for, phoned):
    client = client_for(cast.users[role])
    query = {"township": cast.daxi.code} if role == "county" else {}
    for url in [reverse("people:detail", args=[phoned.pk]), reverse("people:list")]:
        text = client.get(url, query).content.decode()
        assert PHONE not in text, url
    assert "139****5678" in client.get(reverse("people:detail", args=[phoned.pk]), query).content.decode()
    rows = read_xlsx(client.get(reverse("people:export"), query).content)
    assert PHONE not in str(rows) and "139****5678" in str(rows)
    assert PersonalDataLog.objects.filter(action="export", ledger="people").count() == 1


def test_the_legal_advisers_phone_is_masked_for_the_county_viewer(cast, client_for):
    from tests.disputes.factories import LegalAdviserFactory

    adviser = LegalAdviserFactory(township=cast.daxi, phone=PHONE)
    county = client_for(cast.county_user)
    assert PHONE not in county.get(reverse("advisers:detail", args=[adviser.pk]), {"township": "daxi"}).content.decode()
    assert PHONE in client_for(cast.clerk_user).get(reverse("advisers:detail", args=[adviser.pk])).content.decode()
