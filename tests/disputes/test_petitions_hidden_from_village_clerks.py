"""《信访工作条例》第三十条第三款: a petitioner's complaint never reaches those complained about. Petitions are
often about village cadres, so village clerks get no petition list, record, export, import or count."""

import pytest
from django.urls import reverse

from tests.disputes.factories import PetitionFactory


@pytest.fixture
def own_villages_petition(daxi, village):
    return PetitionFactory(township=daxi, village=village, petitioner_name="彭某", content="反映村干部问题")


@pytest.mark.parametrize("route", ["list", "add", "export", "import", "import_template", "deleted"])
def test_no_petition_page_exists_for_a_village_clerk(route, village_clerk_user, client_for, own_villages_petition):
    assert client_for(village_clerk_user).get(reverse(f"petitions:{route}")).status_code == 404


@pytest.mark.parametrize("route", ["detail", "edit", "delete"])
def test_not_even_a_petition_of_their_own_village(route, village_clerk_user, client_for, own_villages_petition):
    url = reverse(f"petitions:{route}", args=[own_villages_petition.pk])
    assert client_for(village_clerk_user).get(url).status_code == 404


def test_the_village_clerks_pages_name_no_petition(village_clerk_user, client_for, own_villages_petition):
    client = client_for(village_clerk_user)
    for url in ["/", "/disputes/"]:
        text = client.get(url).content.decode()
        assert "信访" not in text.replace("矛盾纠纷与信访", ""), url  # the area's name aside
        assert "反映村干部问题" not in text


def test_the_township_staff_still_read_petitions(cast, client_for, own_villages_petition):
    for role in ["admin", "clerk", "leader"]:
        assert client_for(cast.users[role]).get(reverse("petitions:list")).status_code == 200
