"""SQL queries per page are bounded: the same with 5 records as with 50 (DESIGN.md §8).

On failure the SQL of both runs is printed, so the failure explains itself (Zulip style).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, VillageFactory
from tests.helpers import form_data
from township.forms import VillageForm
from township.models import Attachment


def queries_of(client, url) -> list[str]:
    client.get(url)  # warm up: session, user and content types are loaded once per client
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def assert_same_count(small: list[str], large: list[str]):
    if len(small) != len(large):
        listing = "\n".join(
            [f"--- with 5 records: {len(small)} queries", *small, f"--- with 50 records: {len(large)} queries", *large]
        )
        pytest.fail(f"the number of queries grows with the records:\n{listing}", pytrace=False)


def add_villages(township, count):
    for _ in range(count):
        VillageFactory(township=township)


def add_people(township, villages, count):
    for index in range(count):
        PersonFactory(township=township, village=villages[index % len(villages)] if villages else None)


@pytest.mark.parametrize("role", ["admin", "county", "village_clerk"])
def test_villages_list_queries_do_not_grow_with_the_records(role, cast, client_for):
    client = client_for(cast.users[role])
    add_villages(cast.daxi, 3)  # with the cast's two: 5
    small = queries_of(client, reverse("villages:list"))
    add_villages(cast.daxi, 45)
    large = queries_of(client, reverse("villages:list"))
    assert_same_count(small, large)
    assert len(large) < 25


@pytest.mark.parametrize("role", ["admin", "leader", "village_clerk"])
def test_people_list_queries_do_not_grow_with_the_records(role, cast, client_for):
    client = client_for(cast.users[role])
    villages = [cast.village, cast.second_village]
    add_people(cast.daxi, villages, 4)  # with the cast's one: 5
    small = queries_of(client, reverse("people:list"))
    add_people(cast.daxi, villages, 45)
    large = queries_of(client, reverse("people:list"))
    assert_same_count(small, large)
    assert len(large) < 25


def test_list_beyond_one_page_keeps_the_same_queries(cast, client_for):
    client = client_for(cast.admin_user)
    add_villages(cast.daxi, 48)
    one_page = queries_of(client, reverse("villages:list"))
    add_villages(cast.daxi, 60)
    second_page = queries_of(client, reverse("villages:list") + "?page=2")
    assert_same_count(one_page, second_page)


def edit_village(client, village, count):
    url = reverse("villages:edit", args=[village.pk])
    for number in range(count):
        village.refresh_from_db()
        data = form_data(VillageForm(instance=village, township=village.township)) | {"households": str(number)}
        assert client.post(url, data).status_code == 302


def attach_files(village, user, count):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(village)
    for number in range(count):
        Attachment.objects.create(
            township=village.township, content_type=content_type, object_id=village.pk, file=f"attachments/{number}.pdf",
            original_name=f"材料{number}.pdf", size=10, mime_type="application/pdf", uploaded_by=user,
        )


def test_village_detail_queries_do_not_grow_with_history_and_attachments(cast, client_for):
    client = client_for(cast.admin_user)
    url = reverse("villages:detail", args=[cast.village.pk])
    edit_village(client, cast.village, 4)  # with the creation: 5 history entries
    attach_files(cast.village, cast.admin_user, 5)
    small = queries_of(client, url)
    edit_village(client, cast.village, 45)
    attach_files(cast.village, cast.admin_user, 45)
    large = queries_of(client, url)
    assert_same_count(small, large)
    assert len(large) < 25


def test_person_detail_queries_do_not_grow_with_the_roster(cast, client_for):
    client = client_for(cast.admin_user)
    url = reverse("people:detail", args=[cast.person.pk])
    add_people(cast.daxi, [cast.village], 4)
    small = queries_of(client, url)
    add_people(cast.daxi, [cast.village], 45)
    large = queries_of(client, url)
    assert_same_count(small, large)


def test_export_queries_do_not_grow_with_the_records(cast, client_for):
    client = client_for(cast.admin_user)
    villages = [cast.village, cast.second_village]
    add_people(cast.daxi, villages, 4)
    small = queries_of(client, reverse("people:export"))
    add_people(cast.daxi, villages, 45)
    large = queries_of(client, reverse("people:export"))
    assert_same_count(small, large)
