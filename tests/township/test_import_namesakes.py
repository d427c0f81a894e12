"""Importing the people roster: a new row named like someone already on it is flagged, and the clerk may say it
is that person, so that the roster does not fill with duplicates (issue 12, item 8)."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, VillageFactory
from tests.helpers import upload
from township.models import Person

pytestmark = pytest.mark.usefixtures("media_root")
PEOPLE = (Path(__file__).with_name("data") / "people.xlsx").read_bytes()


@pytest.fixture(autouse=True)
def sample_villages(daxi, village, second_village):
    """The villages the sample roster names (the cast has 大溪社区 and 酉水村)."""
    for name in ("丰联村", "兴隆村", "清泉村", "茶园村"):
        VillageFactory(township=daxi, name=name)


@pytest.fixture
def namesake(daxi):
    """向桂兰 is on the roster with an old phone: the sample's row 3 names her with a new one."""
    return PersonFactory(township=daxi, name="向桂兰", unit="镇党委", position="党委书记", phone="13900001111")


def preview(client):
    response = client.post(reverse("people:import"), {"file": upload("people.xlsx", PEOPLE)})
    assert response.status_code == 200
    return response


def test_a_new_row_with_the_name_of_someone_on_the_roster_is_flagged_with_who_that_is(client_for, admin_user,
                                                                                     namesake):
    response = preview(client_for(admin_user))
    outcome = response.context["outcome"]
    [row] = [row for row in outcome.rows if row.sheet_row == 3]
    assert row.action == "new" and row.namesakes == [(namesake.pk, "向桂兰（镇党委，党委书记，139****1111）")]
    assert [row.sheet_row for row in outcome.namesake_rows] == [3]
    page = response.content.decode()
    assert "1 行与已有记录同名" in page
    assert f'<option value="{namesake.pk}">是同一人：向桂兰（镇党委，党委书记，139****1111）（更新其记录）</option>' in page
    assert 'name="match_3"' in page


def test_matching_the_namesake_updates_that_person_instead_of_adding_a_second(client_for, admin_user, namesake):
    client = client_for(admin_user)
    token = preview(client).context["token"]
    assert client.post(reverse("people:import"), {"token": token, "match_3": str(namesake.pk)}).status_code == 302
    assert Person.objects.filter(name="向桂兰").count() == 1
    namesake.refresh_from_db()
    assert namesake.phone == "15287312667"  # the sheet's phone, on the same person


def test_without_a_match_the_row_adds_another_person_as_the_sheet_says(client_for, admin_user, namesake):
    client = client_for(admin_user)
    token = preview(client).context["token"]
    assert client.post(reverse("people:import"), {"token": token}).status_code == 302
    assert Person.objects.filter(name="向桂兰").count() == 2


def test_a_match_to_someone_who_is_not_a_namesake_is_refused(client_for, admin_user, namesake, daxi):
    stranger = PersonFactory(township=daxi, name="别人")
    client = client_for(admin_user)
    token = preview(client).context["token"]
    response = client.post(reverse("people:import"), {"token": token, "match_3": str(stranger.pk)})
    assert response.status_code == 400
    [row] = response.context["outcome"].error_rows
    assert row.sheet_row == 3 and "同名" in row.errors[0][1]
    assert Person.objects.filter(name="向桂兰").count() == 1 and Person.objects.count() == 2  # nothing written
