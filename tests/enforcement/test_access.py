"""Who sees an enforcement case with every personal field filled: the party's ID number and phone are masked
to everyone but the admin (who may reveal them, logged) and the clerk who entered the case; village clerks
do not read the township's enforcement records at all; another township's case is a 404."""

import pytest

from enforcement.area import AREA
from tests.enforcement.factories import CaseFactory
from township.models import PersonalDataLog

ID_NUMBER = "500241198903201077"
MASKED_ID = "500241********1077"
PHONE = "13896650127"
MASKED_PHONE = "138****0127"


@pytest.fixture
def case(daxi, officers):
    return CaseFactory(township=daxi, officers=officers, party_id_number=ID_NUMBER, party_phone=PHONE)


@pytest.mark.parametrize("role", ["leader", "county", "clerk"])
def test_leader_county_and_clerk_see_the_party_masked(client_for, users, case, role):
    client = client_for(users[role])
    township = "township=daxi&" if role == "county" else ""  # a county viewer names the township
    detail = client.get(f"/enforcement/cases/{case.pk}/?{township}").content.decode()
    assert MASKED_ID in detail and MASKED_PHONE in detail
    export = client.get(f"/enforcement/cases/export/?{township}year=2025")
    assert export.status_code == 200
    for content in (detail.encode(), export.content):
        assert ID_NUMBER.encode() not in content and PHONE.encode() not in content


def test_the_admin_reveals_the_party_and_the_reveal_is_logged(client_for, admin_user, case):
    client = client_for(admin_user)
    assert ID_NUMBER not in client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    revealed = client.post(f"/enforcement/cases/{case.pk}/reveal/")
    assert revealed.status_code == 200 and ID_NUMBER in revealed.content.decode() and PHONE in revealed.content.decode()
    assert PersonalDataLog.objects.filter(user=admin_user, ledger="cases", object_id=case.pk).exists()


@pytest.mark.parametrize("role", ["leader", "county"])
def test_leader_and_county_viewer_may_not_reveal(client_for, users, case, role):
    url = f"/enforcement/cases/{case.pk}/reveal/" + ("?township=daxi" if role == "county" else "")
    assert client_for(users[role]).post(url).status_code == 403


def test_a_village_clerk_reads_no_enforcement_record(client_for, village_clerk_user, case):
    client = client_for(village_clerk_user)
    for ledger in AREA.ledgers:
        assert client.get(f"/enforcement/{ledger.url_segment}/").status_code == 404, ledger.slug
    assert client.get(f"/enforcement/cases/{case.pk}/").status_code == 404
    assert client.get("/enforcement/").status_code == 404


def test_leader_and_county_viewer_never_change_a_case(client_for, users, case):
    for role, suffix in (("leader", ""), ("county", "?township=daxi")):
        client = client_for(users[role])
        assert client.get(f"/enforcement/cases/{case.pk}/edit/{suffix}").status_code == 403
        assert client.get(f"/enforcement/cases/add/{suffix}").status_code == 403


def test_another_townships_admin_gets_a_404_for_every_page_of_the_case(client_for, other_admin_user, case):
    client = client_for(other_admin_user)
    for page in ("", "edit/", "delete/"):
        assert client.get(f"/enforcement/cases/{case.pk}/{page}").status_code == 404
    assert client.post(f"/enforcement/cases/{case.pk}/reveal/").status_code == 404
