"""The province rollup: a county viewer whose account names no county sees every county's totals, each
county linking to its townships' comparison; nobody else sees it; the totals are the townships' sums; the
number of queries does not grow with the townships (DESIGN.md §8, issue 13 item 4)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import sources
from reports.stats import key_figures
from tests.factories import CountyFactory, TownshipFactory, UserFactory
from tests.reports.test_county_dashboard import fill, sql_of
from township import access
from township.models import Membership, Role


@pytest.fixture
def province_user(cast):
    return UserFactory(username="province", first_name="省司法厅", role=Role.COUNTY, county=None, year=2025)


@pytest.fixture
def year_2025(users):
    Membership.objects.update(year=2025)


@pytest.fixture
def second_county(db):
    county = CountyFactory(code="youyang", name="酉阳土家族苗族自治县")
    return county, [TownshipFactory(code=f"yy{n}", name=f"酉{n}镇", county=county) for n in range(2)]


def rollup_page(client, path="/province/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return queries, response


def test_only_a_county_viewer_without_a_county_is_a_province_viewer(cast, province_user):
    assert access.is_province_viewer(province_user)
    for user in cast.users.values():
        assert not access.is_province_viewer(user)


@pytest.mark.parametrize("name", ["admin", "clerk", "village_clerk", "leader", "county", "other_admin"])
def test_the_rollup_is_not_found_for_anybody_but_the_province_viewer(cast, client_for, name):
    assert client_for(cast.users[name]).get("/province/").status_code == 404


def test_the_rollup_asks_an_anonymous_visitor_to_log_in(client_for, db):
    response = client_for(None).get("/province/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_province_viewers_start_page_is_the_rollup_with_every_county(cast, province_user, second_county,
                                                                         client_for, year_2025):
    _queries, response = rollup_page(client_for(province_user), "/")
    assert response.templates[0].name == "reports/province_rollup.html"
    rows = response.context["rollup"]["rows"]
    assert [row["county"].code for row in rows] == ["xiushan", "youyang"]
    assert [row["townships"] for row in rows] == [2, 2]
    assert b'href="/?county=youyang"' in response.content


def test_a_county_link_shows_that_countys_townships_only(cast, province_user, second_county, client_for, year_2025):
    response = client_for(province_user).get("/?county=youyang")
    assert response.status_code == 200
    assert {row["township"].code for row in response.context["county"]["rows"]} == {"yy0", "yy1"}
    assert response.context["shown_county"].code == "youyang"


def test_a_county_viewer_compares_its_own_county_only(cast, second_county, client_for, year_2025):
    client = client_for(cast.county_user)
    assert {row["township"].code for row in client.get("/?county=xiushan").context["county"]["rows"]} == {
        "daxi", "other"}
    assert client.get("/?county=youyang").status_code == 404
    assert client.get("/?county=nowhere").status_code == 404
    assert not access.visible_townships(cast.county_user).filter(county__code="youyang").exists()


def test_the_province_viewer_may_open_any_townships_dashboard(cast, province_user, second_county, client_for,
                                                               year_2025):
    response = client_for(province_user).get("/?township=yy1")
    assert response.status_code == 200
    assert response.context["township"].code == "yy1"


def test_county_totals_are_the_sums_of_their_townships(cast, province_user, second_county, client_for, year_2025):
    _county, youyang = second_county
    for number, township in enumerate([cast.daxi, cast.other_township, *youyang]):
        fill(township, number)
    rollup = client_for(province_user).get("/province/").context["rollup"]
    assert rollup["columns"]
    townships_of = {"xiushan": [cast.daxi, cast.other_township], "youyang": youyang}
    for row in rollup["rows"]:
        parts = [sources.figures(township, 2025) for township in townships_of[row["county"].code]]
        for key, _label in rollup["columns"]:
            total = row["figures"][key]
            present = [figures[key] for figures in parts if key in figures]
            if total.is_rate:  # recomputed from the summed parts, not an average of the rates
                assert total.numerator == sum(figure.numerator or 0 for figure in present)
                assert total.denominator == sum(figure.denominator or 0 for figure in present)
                if total.denominator:
                    assert Decimal(total.value) == pytest.approx(
                        Decimal(100) * total.numerator / total.denominator, abs=Decimal("0.1"))
            else:
                assert int(total.value) == sum(int(figure.value or 0) for figure in present)
    for key, _label in rollup["columns"]:
        figure = rollup["figures"][key]
        if not figure.is_rate:
            assert int(figure.value) == sum(int(row["figures"][key].value) for row in rollup["rows"])
    assert rollup["overdue"] == sum(row["overdue"] for row in rollup["rows"]) > 0
    assert {key for key, _label in rollup["columns"]} <= set(key_figures())


def test_the_rollup_makes_the_same_queries_for_more_townships_and_counties(cast, province_user, second_county,
                                                                          client_for, year_2025, uncached):
    fill(cast.daxi, 1)
    fill(second_county[1][0], 2)
    client = client_for(province_user)
    rollup_page(client)  # warm: session, content types
    few, response = rollup_page(client)
    assert response.context["rollup"]["townships"] == 4
    for number in range(3):
        county = CountyFactory(code=f"more{number}", name=f"加{number}县")
        for township_number in range(2):
            fill(TownshipFactory(code=f"m{number}{township_number}", name=f"加{number}{township_number}镇",
                                 county=county), number)
    more, response = rollup_page(client)
    assert response.context["rollup"]["townships"] == 10 and len(response.context["rollup"]["rows"]) == 5
    assert len(more) == len(few), f"4 townships:\n{sql_of(few)}\n\n10 townships:\n{sql_of(more)}"


def test_the_rollup_is_kept_whole_and_changes_with_a_record(cast, province_user, client_for, year_2025):
    import datetime

    from tests.disputes.factories import DisputeFactory

    fill(cast.daxi, 1)
    client = client_for(province_user)
    first = client.get("/province/").context["rollup"]
    with CaptureQueriesContext(connection) as warm:
        again = client.get("/province/").context["rollup"]
    assert again["totals"] == first["totals"]
    assert not any("disputes_dispute" in query["sql"] for query in warm.captured_queries), sql_of(warm)
    DisputeFactory(township=cast.other_township, registered_on=datetime.date(2025, 6, 1))
    after = client.get("/province/").context["rollup"]
    assert int(after["figures"]["disputes.registered"].value) == int(first["figures"]["disputes.registered"].value) + 1


def test_a_thousand_townships_data_tokens_stay_in_the_cache(db):
    """The rollup is keyed by every township's data token: the database cache must keep a province's thousand
    (Django culls its database cache at 300 entries by default, and the rollup would never be found again)."""
    from township import cache

    scopes = list(range(1, 1001))
    assert cache.tokens(scopes) == cache.tokens(scopes)


def test_the_province_viewers_switcher_offers_the_townships_of_the_county_in_view(cast, province_user, second_county,
                                                                                  client_for, year_2025):
    response = client_for(province_user).get("/?township=yy1")
    assert {township.code for township in response.context["switch_townships"]} == {"yy0", "yy1"}
    response = client_for(cast.county_user).get("/?township=daxi")
    assert {township.code for township in response.context["switch_townships"]} == {"daxi", "other"}


def test_the_province_viewer_is_not_offered_a_province_wide_pdf_batch(cast, province_user, second_county, client_for,
                                                                      year_2025):
    client = client_for(province_user)
    page = client.get("/?county=youyang")
    assert b"/county-batch" not in page.content and "打包下载" not in page.content.decode()
    response = client.post("/reports/2025/county-batch/")
    assert response.status_code == 403
    assert "请由各县（区）打包" in response.content.decode()
    # a county viewer keeps the button
    assert "打包下载" in client_for(cast.county_user).get("/?county=xiushan").content.decode()


@pytest.fixture
def computed(monkeypatch):
    """The townships whose figures are counted, each time some are (sources._figures_of_townships)."""
    found = []
    count = sources._figures_of_townships

    def counting(townships, year):
        found.append(sorted(township.code for township in townships))
        return count(townships, year)

    monkeypatch.setattr(sources, "_figures_of_townships", counting)
    return found


@pytest.mark.parametrize("viewer", ["province", "county"])
def test_a_write_to_one_township_counts_that_township_again_and_reuses_the_others(
        cast, province_user, second_county, client_for, year_2025, computed, viewer):
    import datetime

    from tests.disputes.factories import DisputeFactory

    for number, township in enumerate([cast.daxi, cast.other_township, *second_county[1]]):
        fill(township, number)
    client = client_for(province_user if viewer == "province" else cast.county_user)
    path = "/province/" if viewer == "province" else "/"

    def registered():
        context = client.get(path).context
        if viewer == "province":
            return int(context["rollup"]["figures"]["disputes.registered"].value)
        return {row["township"].code: int(row["figures"]["disputes.registered"].value)
                for row in context["county"]["rows"]}

    before = registered()
    assert computed == ([["daxi", "other", "yy0", "yy1"]] if viewer == "province" else [["daxi", "other"]])
    computed.clear()
    DisputeFactory(township=cast.other_township, registered_on=datetime.date(2025, 6, 1))
    after = registered()
    assert computed == [["other"]]  # the other townships' figures came from the cache
    if viewer == "province":
        assert after == before + 1
    else:
        assert after == {**before, "other": before["other"] + 1}
    computed.clear()
    assert client.get(path).status_code == 200 and computed == []  # kept whole


def test_the_rollup_counts_the_reports_steps_as_each_townships_steps_say(cast, province_user, second_county,
                                                                        client_for, year_2025):
    import datetime

    from django.utils import timezone

    from reports.models import AnnualReport
    from reports.stats import report_steps

    moment = timezone.make_aware(datetime.datetime(2026, 1, 10, 9))
    AnnualReport.objects.create(township=cast.daxi, year=2025, finalized_at=moment, submitted_at=moment)
    AnnualReport.objects.create(township=second_county[1][0], year=2025, finalized_at=moment)
    AnnualReport.objects.create(township=second_county[1][1], year=2025)
    rollup = client_for(province_user).get("/province/").context["rollup"]
    townships_of = {"xiushan": [cast.daxi, cast.other_township], "youyang": second_county[1]}
    for row in rollup["rows"]:
        steps = report_steps([township.pk for township in townships_of[row["county"].code]], 2025,
                             timezone.localdate())
        for code in ("finalized", "submitted", "published"):
            assert row[code] == sum(step.done is not None for found in steps.values() for step in found
                                    if step.code == code)
    assert [(row["finalized"], row["submitted"], row["published"]) for row in rollup["rows"]] == [(1, 1, 0), (1, 0, 0)]
    assert (rollup["finalized"], rollup["submitted"], rollup["published"]) == (2, 1, 0)
