"""SQL queries per page and per figure do not grow with the records (DESIGN.md §8): 10 records vs 100, and
one township vs three for the county's figures. On failure the SQL of both runs is printed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outreach import stats
from outreach.models import Event, LegalInformant
from tests.factories import TownshipFactory, VillageFactory
from tests.outreach.factories import (
    DemocracyVillageFactory,
    EventFactory,
    LegalInformantFactory,
    OnlinePostFactory,
    OnsiteServiceFactory,
    VenueFactory,
)

YEAR = 2025


def add_records(township, villages, count: int, offset: int) -> None:
    """count records of every ledger, some events in two villages, some informants who left."""
    for index in range(offset, offset + count):
        village, neighbour = villages[index % len(villages)], villages[(index + 1) % len(villages)]
        date = datetime.date(YEAR, 1 + index % 12, 1 + index % 28)
        EventFactory(township=township, villages=[village, neighbour] if index % 3 else [village], date=date,
                     customised=bool(index % 2), target_groups=[Event.TargetGroup.MINORS], by_legal_adviser=True)
        OnlinePostFactory(township=township, date=date)
        VenueFactory(township=township, village=village, upgraded_on=date)
        LegalInformantFactory(township=township, village=village,
                              **({"status": LegalInformant.Status.LEFT, "left_on": date} if index % 4 == 0 else {}))
        OnsiteServiceFactory(township=township, village=village, date=date)
        DemocracyVillageFactory(township=township, village=VillageFactory(township=township), named_in=2000 + index % 25)


def captured(run) -> list[str]:
    run()  # warm up: session, user, content types
    with CaptureQueriesContext(connection) as queries:
        run()
    return [query["sql"] for query in queries.captured_queries]


def assert_same_count(small: list[str], large: list[str]) -> None:
    if len(small) != len(large):
        listing = "\n".join([f"--- small: {len(small)} queries", *small, f"--- large: {len(large)} queries", *large])
        pytest.fail(f"the number of queries grows with the records:\n{listing}", pytrace=False)


@pytest.fixture
def villages(daxi, village, second_village):
    return [village, second_village, VillageFactory(township=daxi, name="丰联村")]


@pytest.mark.parametrize(("ledger", "role"), [
    ("outreach_events", "admin"), ("outreach_events", "village_clerk"), ("outreach_events", "county"),
    ("outreach_posts", "admin"), ("outreach_venues", "admin"), ("legal_informants", "admin"),
    ("legal_informants", "village_clerk"), ("onsite_services", "admin"), ("democracy_villages", "admin"),
    ("outreach_occasions", "leader"),
])
def test_list_queries_do_not_grow_with_the_records(daxi, villages, users, client_for, as_year, ledger, role):
    client = client_for(as_year(users[role], YEAR))
    url = reverse(f"{ledger}:list") + "?township=daxi"

    def run():
        assert client.get(url).status_code == 200

    add_records(daxi, villages, 10, 0)
    small = captured(run)
    add_records(daxi, villages, 90, 10)
    large = captured(run)
    assert_same_count(small, large)
    assert len(large) <= 20


def test_export_queries_do_not_grow_with_the_records(daxi, villages, admin_user, client_for, as_year):
    client = client_for(as_year(admin_user, YEAR))

    def run():
        assert client.get(reverse("outreach_events:export")).status_code == 200

    add_records(daxi, villages, 10, 0)
    small = captured(run)
    add_records(daxi, villages, 90, 10)
    assert_same_count(small, captured(run))


@pytest.mark.parametrize(("function", "most"), [("figures", 4), ("monthly", 1), ("by_village", 3)])
def test_stats_queries_do_not_grow_with_the_records(daxi, villages, function, most, django_assert_max_num_queries):
    def run():
        getattr(stats, function)(daxi, YEAR)

    add_records(daxi, villages, 10, 0)
    small = captured(run)
    add_records(daxi, villages, 90, 10)
    assert_same_count(small, captured(run))
    with django_assert_max_num_queries(most):
        run()


def test_the_county_figures_take_the_same_queries_for_one_township_or_three(daxi, villages, county):
    others = [TownshipFactory(code=f"t{n}", county=county) for n in range(2)]
    add_records(daxi, villages, 10, 0)
    for township in others:
        add_records(township, [VillageFactory(township=township)], 5, 0)
    one = captured(lambda: stats.figures_for_townships([daxi], YEAR))
    three = captured(lambda: stats.figures_for_townships([daxi, *others], YEAR))
    assert_same_count(one, three)
