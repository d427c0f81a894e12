"""The county dashboard with the disputes app's real stats: one row per township, in a number of queries
that does not grow with the number of townships (DESIGN.md §8)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disputes import rules
from reports import sources
from reports.models import AnnualReport, Target
from tests.disputes.factories import ConsultationFactory, DisputeFactory, LegalAdviserFactory, PetitionFactory
from tests.factories import TownshipFactory, VillageFactory
from township.models import Membership

D = datetime.date


@pytest.fixture
def year_2025(users):
    Membership.objects.update(year=2025)


def fill(township, number: int) -> None:
    """A township's year: villages, disputes and petitions (some of them open past their deadline), an
    adviser, consultations, targets and a report — a little more of each for a higher number."""
    villages = [VillageFactory(township=township, name=f"{township.name}{n}村") for n in range(2)]
    for n in range(number + 1):
        village = villages[n % 2]
        DisputeFactory(township=township, village=village, registered_on=D(2025, 3, 1 + n), mediated=True)
        DisputeFactory(township=township, village=village, registered_on=D(2025, 11, 1 + n), status=rules.DISPUTE_OPEN)
        PetitionFactory(township=township, village=village, received_on=D(2025, 4, 1 + n), closed=True)
        PetitionFactory(township=township, village=village, received_on=D(2025, 10, 1 + n), accepted=True)
        ConsultationFactory(township=township, village=village, date=D(2025, 5, 1 + n))
    LegalAdviserFactory(township=township, contract_start=D(2025, 1, 1), contract_end=D(2025, 12, 31),
                        villages=villages[:1])
    for indicator in ("disputes.success_rate", "petitions.on_time_rate"):
        Target.objects.create(township=township, year=2025, indicator=indicator, label=indicator, value=90, unit="%")
    AnnualReport.objects.create(township=township, year=2025)


def county_page(client):
    """(queries, response) of the county viewer's start page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return queries, response


def sql_of(queries) -> str:
    return "\n".join(f"{n:3}. {query['sql']}" for n, query in enumerate(queries.captured_queries, 1))


def test_county_dashboard_makes_the_same_queries_for_two_and_six_townships(cast, year_2025, client_for, uncached):
    fill(cast.daxi, 1)
    fill(cast.other_township, 2)
    client = client_for(cast.county_user)
    county_page(client)  # warm: session, content types
    two, response = county_page(client)
    assert len(response.context["county"]["rows"]) == 2
    for number in range(4):
        fill(TownshipFactory(code=f"more{number}", name=f"加{number}镇", county=cast.county), number)
    six, response = county_page(client)
    assert len(response.context["county"]["rows"]) == 6
    assert len(six) == len(two), f"2 townships:\n{sql_of(two)}\n\n6 townships:\n{sql_of(six)}"
    assert len(six) <= 40, sql_of(six)  # a few grouped queries per area, whatever the number of townships


def test_county_dashboard_rows_equal_each_townships_own_figures_and_alerts(cast, year_2025, client_for):
    fill(cast.daxi, 1)
    fill(cast.other_township, 3)
    county = client_for(cast.county_user).get("/").context["county"]
    today = timezone.localdate()
    for row in county["rows"]:
        township = row["township"]
        assert row["figures"] == sources.figures(township, 2025)
        alerts = sources.alerts(township, today)
        assert row["overdue"] == sum(alert["status"] == "overdue" for alert in alerts) > 0
        assert row["due_soon"] == sum(alert["status"] == "due_soon" for alert in alerts)
    assert county["overdue"] == sum(row["overdue"] for row in county["rows"])


def test_a_warm_county_dashboard_reads_no_figures_and_changes_at_once_with_a_record(cast, year_2025, client_for):
    fill(cast.daxi, 1)
    fill(cast.other_township, 2)
    client = client_for(cast.county_user)
    first = client.get("/", {"sort": "-disputes.registered"})
    rows = {row["township"].code: row for row in first.context["county"]["rows"]}
    with CaptureQueriesContext(connection) as warm:
        again = client.get("/", {"sort": "-disputes.registered"})
    assert again.status_code == 200
    # session, user, membership, the townships compared, their data tokens; the frame's township switcher (3)
    assert len(warm) == 8, sql_of(warm)
    assert again.context["county"]["overdue"] == first.context["county"]["overdue"] > 0
    DisputeFactory(township=cast.daxi, registered_on=D(2025, 6, 1))
    after = client.get("/", {"sort": "-disputes.registered"}).context["county"]["rows"]
    registered = {row["township"].code: int(row["figures"]["disputes.registered"].value) for row in after}
    assert registered == {"daxi": int(rows["daxi"]["figures"]["disputes.registered"].value) + 1,
                          "other": int(rows["other"]["figures"]["disputes.registered"].value)}


def test_a_made_up_sort_is_no_sort_and_keeps_no_table_of_its_own(cast, year_2025, client_for):
    from reports.stats import county_sort

    assert county_sort("-disputes.registered") == "-disputes.registered"
    assert county_sort("township") == "township"
    assert county_sort("no-such-column") == county_sort("--township") == county_sort("") == ""
    client = client_for(cast.county_user)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", {"sort": "anything"})
    assert response.context["sort"] == "" and len(queries) == 8, sql_of(queries)  # the unsorted table, kept
