"""SQL queries per page and per figure do not grow with the records (DESIGN.md §8): 10 records vs 100.

On failure the SQL of both runs is printed, so the failure explains itself.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from disputes import rules, stats
from tests.disputes.factories import (
    ConsultationFactory,
    DisputeFactory,
    LegalAdviserFactory,
    MediationCommitteeFactory,
    MediatorFactory,
    PetitionFactory,
)
from tests.factories import VillageFactory

TODAY = timezone.localdate()


def add_records(township, villages, count: int, offset: int) -> None:
    """count records of every ledger, in several villages, with mediators, open deadlines and defects."""
    for index in range(offset, offset + count):
        village = villages[index % len(villages)]
        registered = TODAY - datetime.timedelta(days=index % 40)
        mediator = MediatorFactory(township=township, person__township=township, village=village,
                                   level="village", person__gender="F" if index % 2 else "M")
        dispute = DisputeFactory(township=township, village=village, registered_on=registered,
                                 status=rules.DISPUTE_OPEN, risk_level=rules.RISK_HIGH if index % 3 else rules.RISK_LOW)
        dispute.mediators.set([mediator])
        PetitionFactory(township=township, village=village, received_on=registered, acceptance=rules.PETITION_ACCEPTED,
                        accepted_on=registered, notice_on=registered,
                        closed_on=registered if index % 2 else None, satisfaction=rules.SATISFIED if index % 2 else "")
        LegalAdviserFactory(township=township, contract_start=TODAY.replace(month=1, day=1),
                            contract_end=TODAY.replace(month=12, day=31), villages=[village])
        ConsultationFactory(township=township, village=village, date=registered)
    for village in villages:
        committee = MediationCommitteeFactory(township=township, village=village) if offset == 0 else \
            village.mediation_committees.get()
        committee.members.set(village.mediators.all())


def captured(run) -> list[str]:
    run()  # warm up: session, user, content types
    with CaptureQueriesContext(connection) as queries:
        run()
    return [query["sql"] for query in queries.captured_queries]


def assert_same_count(small: list[str], large: list[str]) -> None:
    if len(small) != len(large):
        listing = "\n".join([f"--- 10 records: {len(small)} queries", *small,
                             f"--- 100 records: {len(large)} queries", *large])
        pytest.fail(f"the number of queries grows with the records:\n{listing}", pytrace=False)


@pytest.fixture
def villages(daxi, village, second_village):
    return [village, second_village, VillageFactory(township=daxi, name="丰联村")]


@pytest.mark.parametrize(("ledger", "role"), [
    ("disputes", "admin"), ("disputes", "village_clerk"), ("petitions", "admin"), ("petitions", "leader"),
    ("mediators", "admin"), ("committees", "admin"), ("advisers", "admin"), ("advisers", "village_clerk"),
    ("consultations", "admin"), ("consultations", "village_clerk"),
])
def test_list_queries_do_not_grow_with_the_records(daxi, villages, users, client_for, as_year, ledger, role):
    client = client_for(as_year(users[role], TODAY.year))
    url = reverse(f"{ledger}:list")

    def run():
        assert client.get(url).status_code == 200

    add_records(daxi, villages, 10, 0)
    small = captured(run)
    add_records(daxi, villages, 90, 10)
    large = captured(run)
    assert_same_count(small, large)
    assert len(large) <= 20


@pytest.mark.parametrize("query", ["alert=overdue", "alert=due_soon", "alert=defect", "closing=due&satisfaction=rated"])
def test_filtered_petition_list_queries_do_not_grow_with_the_records(daxi, villages, admin_user, client_for, as_year,
                                                                     query):
    client = client_for(as_year(admin_user, TODAY.year))
    url = f"{reverse('petitions:list')}?{query}"

    def run():
        assert client.get(url).status_code == 200

    add_records(daxi, villages, 10, 0)
    small = captured(run)
    add_records(daxi, villages, 90, 10)
    assert_same_count(small, captured(run))


@pytest.mark.parametrize("function", ["figures", "monthly", "by_village", "alerts"])
def test_stats_queries_do_not_grow_with_the_records(daxi, villages, function, django_assert_max_num_queries):
    def run():
        if function == "alerts":
            stats.alerts(daxi, TODAY)
        else:
            getattr(stats, function)(daxi, TODAY.year)

    add_records(daxi, villages, 10, 0)
    small = captured(run)
    add_records(daxi, villages, 90, 10)
    large = captured(run)
    assert_same_count(small, large)
    with django_assert_max_num_queries(6):
        run()


def test_figures_count_all_hundred_records_in_those_queries(daxi, villages):
    add_records(daxi, villages, 100, 0)
    figures = stats.figures(daxi, TODAY.year)
    registered_this_year = sum(1 for i in range(100) if (TODAY - datetime.timedelta(days=i % 40)).year == TODAY.year)
    assert figures["disputes.registered"].value == registered_this_year
    assert figures["advisers.villages_covered"].value == 3
