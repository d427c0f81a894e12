"""stats.py: the part 一(四) figures, each linking to the ledger filter that lists exactly its records."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from disputes import rules, stats
from tests.disputes.factories import ConsultationFactory, DisputeFactory, LegalAdviserFactory, PetitionFactory

D = datetime.date
KEYS = {
    "disputes.registered", "disputes.mediated", "disputes.success_rate", "petitions.accepted",
    "petitions.closed_on_time", "petitions.on_time_rate", "petitions.satisfaction_rate",
    "advisers.villages_covered", "advisers.villages_total", "consultations.count", "consultations.people_served",
}


@pytest.fixture
def year_2025(daxi, daxi_villages):
    village = daxi_villages["大溪社区"]
    second = daxi_villages["酉水村"]

    def dispute(number, registered, **values):
        return DisputeFactory(township=daxi, village=values.pop("village", village), number=number,
                              registered_on=registered, **values)

    dispute("D-1", D(2025, 1, 5), mediated=True)
    dispute("D-2", D(2025, 3, 9), mediated=True, village=second)
    dispute("D-3", D(2025, 3, 20), mediated=True)
    dispute("D-4", D(2025, 7, 1), status=rules.DISPUTE_FAILED, closed_on=D(2025, 7, 20), failure_advice="已告知")
    dispute("D-5", D(2025, 12, 30), status=rules.DISPUTE_OPEN)
    dispute("D-2024", D(2024, 12, 30), mediated=True)

    def petition(number, accepted, closed_after=None, **values):
        closed = {} if closed_after is None else {"closed_on": accepted + datetime.timedelta(days=closed_after)}
        return PetitionFactory(township=daxi, village=values.pop("village", village), number=number,
                               received_on=values.pop("received_on", accepted - datetime.timedelta(days=2)),
                               acceptance=rules.PETITION_ACCEPTED, accepted_on=accepted, notice_on=accepted,
                               **closed, **values)

    petition("P-on-time", D(2025, 2, 1), 60, satisfaction=rules.SATISFIED)
    petition("P-extended", D(2025, 3, 1), 90, satisfaction=rules.FAIRLY_SATISFIED, extension_days=30,
             extension_reason="需核实", extension_approver="王正权", village=second)
    # accepted 10 April: day 60 is Monday 9 June, a working day (1 April's day 60 is a holiday, 《民法典》第二百零三条)
    petition("P-late", D(2025, 4, 10), 61, satisfaction=rules.DISSATISFIED)
    petition("P-unrated", D(2025, 5, 1), 20)
    petition("P-open", D(2025, 11, 20))
    petition("P-december", D(2025, 1, 3), 10, received_on=D(2024, 12, 28), satisfaction=rules.SATISFIED)
    petition("P-2024", D(2024, 6, 1), 10, satisfaction=rules.SATISFIED)
    PetitionFactory(township=daxi, village=village, number="P-not-accepted", received_on=D(2025, 6, 1),
                    acceptance=rules.PETITION_NOT_ACCEPTED, notice_on=D(2025, 6, 5))

    LegalAdviserFactory(township=daxi, name="甲", contract_start=D(2024, 7, 1), contract_end=D(2025, 6, 30),
                        villages=[village, second])
    LegalAdviserFactory(township=daxi, name="乙", contract_start=D(2025, 7, 1), contract_end=D(2026, 6, 30),
                        villages=[second, daxi_villages["兴隆村"]])
    LegalAdviserFactory(township=daxi, name="丙", contract_start=D(2023, 1, 1), contract_end=D(2023, 12, 31),
                        villages=[daxi_villages["茶园村"]])
    ConsultationFactory(township=daxi, village=village, date=D(2025, 5, 1), people_served=3)
    ConsultationFactory(township=daxi, village=second, date=D(2025, 8, 1), people_served=4)
    ConsultationFactory(township=daxi, village=second, date=D(2024, 8, 1), people_served=9)
    return daxi


def test_figures_have_exactly_the_keys_the_reports_rely_on(year_2025):
    assert set(stats.figures(year_2025, 2025)) == KEYS


def test_figures_of_the_year(year_2025):
    figures = stats.figures(year_2025, 2025, today=D(2025, 12, 31))
    values = {key: figure.value for key, figure in figures.items()}
    assert values == {
        "disputes.registered": 5, "disputes.mediated": 3, "disputes.success_rate": Decimal("60.0"),
        "petitions.accepted": 6,  # P-december was received in 2024 and accepted in 2025
        "petitions.closed_on_time": 4,  # day 60, day 90 with a 30-day extension, day 20, day 10
        "petitions.on_time_rate": Decimal("80.0"),  # 4 ÷ 5: P-open is not due yet on 31 December
        "petitions.satisfaction_rate": Decimal("75.0"),  # 3 satisfied or fairly ÷ 4 rated
        "advisers.villages_covered": 3, "advisers.villages_total": 6,
        "consultations.count": 2, "consultations.people_served": 7,
    }
    assert (figures["petitions.on_time_rate"].numerator, figures["petitions.on_time_rate"].denominator) == (4, 5)


def test_an_open_petition_past_its_deadline_counts_against_the_on_time_rate(year_2025):
    figure = stats.figures(year_2025, 2025, today=D(2026, 1, 20))["petitions.on_time_rate"]
    assert (figure.numerator, figure.denominator) == (4, 6)  # P-open was due on 19 January 2026


def test_on_time_rate_states_its_definition(year_2025):
    definition = stats.figures(year_2025, 2025, today=D(2025, 12, 31))["petitions.on_time_rate"].definition
    assert "按期办结件数÷应办结件数" in definition
    assert "截至2025-12-31已办结或办理期限已届满" in definition
    assert "《信访工作条例》第三十四条" in definition


def test_a_year_without_petitions_has_no_rate_rather_than_a_division_by_zero(year_2025):
    figures = stats.figures(year_2025, 2030)
    assert figures["petitions.on_time_rate"].value is None
    assert figures["disputes.success_rate"].value is None


LISTED = {  # figure → what its link lists (the records behind it)
    "disputes.registered": {"D-1", "D-2", "D-3", "D-4", "D-5"},
    "disputes.mediated": {"D-1", "D-2", "D-3"},
    "disputes.success_rate": {"D-1", "D-2", "D-3", "D-4", "D-5"},
    "petitions.accepted": {"P-on-time", "P-extended", "P-late", "P-unrated", "P-open", "P-december"},
    "petitions.closed_on_time": {"P-on-time", "P-extended", "P-unrated", "P-december"},
    "petitions.on_time_rate": {"P-on-time", "P-extended", "P-late", "P-unrated", "P-open", "P-december"},
    "petitions.satisfaction_rate": {"P-on-time", "P-extended", "P-late", "P-december"},
}


@pytest.mark.parametrize("key", sorted(LISTED))
def test_figure_link_lists_exactly_its_records(year_2025, admin_user, client_for, as_year, key):
    figure = stats.figures(year_2025, 2025)[key]
    response = client_for(as_year(admin_user, 2025)).get(figure.url)
    assert response.status_code == 200
    listed = {row["record"].number for row in response.context["rows"]}
    assert listed == LISTED[key]
    assert len(listed) == (figure.denominator if figure.is_rate else figure.value)


def test_adviser_figure_links_to_the_advisers_whose_villages_it_counts(year_2025, admin_user, client_for, as_year):
    figure = stats.figures(year_2025, 2025)["advisers.villages_covered"]
    response = client_for(as_year(admin_user, 2025)).get(figure.url)
    advisers = [row["record"] for row in response.context["rows"]]
    assert sorted(a.name for a in advisers) == ["乙", "甲"]
    assert len({v.pk for a in advisers for v in a.villages.all()}) == figure.value


def test_consultation_figures_link_to_the_year_of_consultations(year_2025, admin_user, client_for, as_year):
    figures = stats.figures(year_2025, 2025)
    response = client_for(as_year(admin_user, 2025)).get(figures["consultations.count"].url)
    rows = response.context["rows"]
    assert len(rows) == 2 and sum(row["record"].people_served for row in rows) == 7


def test_monthly_counts_disputes_registered_and_petitions_accepted(year_2025):
    monthly = stats.monthly(year_2025, 2025)
    assert monthly["disputes.registered"] == [1, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    assert monthly["petitions.accepted"] == [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0]


def test_by_village_breaks_the_year_down(year_2025):
    rows = {row["village"]: row for row in stats.by_village(year_2025, 2025)}
    assert len(rows) == 6
    assert (rows["大溪社区"]["disputes"], rows["大溪社区"]["mediated"], rows["大溪社区"]["petitions"]) == (4, 2, 5)
    assert (rows["酉水村"]["disputes"], rows["酉水村"]["mediated"], rows["酉水村"]["petitions"]) == (1, 1, 1)
    assert rows["茶园村"] == {"village_id": rows["茶园村"]["village_id"], "village": "茶园村", "disputes": 0,
                              "mediated": 0, "petitions": 0}


def test_alerts_list_open_records_past_or_near_their_deadline_soonest_first(year_2025):
    alerts = stats.alerts(year_2025, today=D(2026, 1, 24))
    assert [(a["kind"], a["label"], a["rule"], a["status"], a["due"]) for a in alerts] == [
        ("petition", "P-open 民生类信访", "办结期限", "overdue", D(2026, 1, 19)),
        ("dispute", "D-5 邻里纠纷", "调解期限", "due_soon", D(2026, 1, 29)),
    ]
    assert alerts[0]["url"] == reverse("petitions:detail", args=[year_2025_pk("P-open")])
    assert alerts[1]["article"] == "《人民调解工作若干规定》第三十六条"


def year_2025_pk(number: str) -> int:
    from disputes.models import Petition

    return Petition.objects.get(number=number).pk


# --- many townships at once (the county dashboard): the same answers in a fixed number of queries --------


@pytest.fixture
def county_of_four(year_2025, other_township, other_village, county):
    """Daxi's year (above), a township with other records of its own, one with records of other years only,
    and one without any record."""
    from tests.factories import TownshipFactory, VillageFactory

    other, village = other_township, other_village
    DisputeFactory(township=other, village=village, number="O-D-1", registered_on=D(2025, 2, 1), mediated=True)
    DisputeFactory(township=other, village=village, number="O-D-2", registered_on=D(2025, 12, 20),
                   status=rules.DISPUTE_OPEN)
    DisputeFactory(township=other, village=village, number="O-D-3", registered_on=D(2026, 1, 2))
    accepted = {"acceptance": rules.PETITION_ACCEPTED, "accepted_on": D(2025, 10, 1), "notice_on": D(2025, 10, 1)}
    PetitionFactory(township=other, village=village, number="O-P-open", received_on=D(2025, 9, 28), **accepted)
    PetitionFactory(township=other, village=village, number="O-P-undecided", received_on=D(2025, 12, 27))
    # two running deadlines at once, two alerts: closing (accepted, not closed) and the 复查 reply
    PetitionFactory(township=other, village=village, number="O-P-two-deadlines", received_on=D(2025, 9, 28),
                    review_stage=rules.REVIEW, review_requested_on=D(2025, 11, 25), **accepted)
    PetitionFactory(township=other, village=None, number="O-P-closed", received_on=D(2025, 3, 1),
                    acceptance=rules.PETITION_ACCEPTED, accepted_on=D(2025, 3, 2), notice_on=D(2025, 3, 2),
                    closed_on=D(2025, 4, 1), satisfaction=rules.SATISFIED)
    LegalAdviserFactory(township=other, contract_start=D(2025, 1, 1), contract_end=D(2025, 12, 31), villages=[village])
    VillageFactory(township=other, name="石耶二村")
    ConsultationFactory(township=other, village=village, date=D(2025, 3, 3), people_served=5)

    earlier = TownshipFactory(code="earlier", name="往年镇", county=county)
    earlier_village = VillageFactory(township=earlier, name="往年村")
    DisputeFactory(township=earlier, village=earlier_village, number="E-D-1", registered_on=D(2023, 5, 5))
    PetitionFactory(township=earlier, village=earlier_village, number="E-P-1", received_on=D(2023, 5, 5))
    empty = TownshipFactory(code="empty", name="空白镇", county=county)
    return [year_2025, other, earlier, empty]


def test_figures_for_townships_equal_each_townships_figures(county_of_four):
    for today in (D(2025, 12, 31), D(2026, 1, 20), D(2026, 3, 1)):
        batch = stats.figures_for_townships(county_of_four, 2025, today=today)
        assert set(batch) == {township.pk for township in county_of_four}
        for township in county_of_four:
            assert batch[township.pk] == stats.figures(township, 2025, today=today), township.name


def test_figures_for_townships_keep_each_townships_own_records(county_of_four):
    daxi, other, earlier, empty = county_of_four
    batch = stats.figures_for_townships(county_of_four, 2025, today=D(2025, 12, 31))
    assert batch[daxi.pk]["disputes.registered"].value == 5  # as test_figures_of_the_year, not the county's
    assert batch[daxi.pk]["advisers.villages_covered"].value == 3
    values = {key: figure.value for key, figure in batch[other.pk].items()}
    assert values == {
        "disputes.registered": 2, "disputes.mediated": 1, "disputes.success_rate": Decimal("50.0"),
        "petitions.accepted": 3, "petitions.closed_on_time": 1,
        "petitions.on_time_rate": Decimal("33.3"),  # 1 closed on time ÷ 3 due: two open past 30 November
        "petitions.satisfaction_rate": Decimal("100.0"), "advisers.villages_covered": 1,
        "advisers.villages_total": 2, "consultations.count": 1, "consultations.people_served": 5,
    }
    for township in (earlier, empty):
        assert batch[township.pk]["disputes.registered"].value == 0
        assert batch[township.pk]["petitions.on_time_rate"].value is None
        assert batch[township.pk]["consultations.people_served"].value == 0
    assert batch[earlier.pk]["advisers.villages_total"].value == 1
    assert batch[empty.pk]["advisers.villages_total"].value == 0


def statuses_of(alerts: list[dict]) -> dict[str, int]:
    return {status: sum(alert["status"] == status for alert in alerts) for status in ("overdue", "due_soon")}


def days(first: datetime.date, last: datetime.date):
    """Every day from first to last: the records' deadlines come near, then pass."""
    while first <= last:
        yield first
        first += datetime.timedelta(days=1)


def running_deadlines(township, today) -> list[tuple]:
    """What the records themselves say (Python, rules.py), record by record: (label, rule, status)."""
    from disputes.models import Dispute, Petition

    return sorted(
        (str(record), alert.deadline.rule, alert.kind)
        for model in (Petition, Dispute) for record in model.objects.filter(township=township)
        for alert in record.alerts(today) if alert.deadline is not None
    )


def test_alerts_list_every_deadline_past_or_within_7_days(county_of_four):
    for today in days(D(2025, 11, 1), D(2026, 3, 1)):
        for township in county_of_four:
            listed = sorted((alert["label"], alert["rule"], alert["status"]) for alert in stats.alerts(township, today))
            assert listed == running_deadlines(township, today), (township.name, today)


def test_alert_counts_equal_each_townships_alerts(county_of_four):
    seen = set()
    for today in days(D(2025, 11, 1), D(2026, 3, 1)):
        counts = stats.alert_counts(county_of_four, today)
        assert set(counts) == {township.pk for township in county_of_four}
        for township in county_of_four:
            assert counts[township.pk] == statuses_of(stats.alerts(township, today)), (township.name, today)
            seen.add((township.code, tuple(sorted(counts[township.pk].items()))))
    assert ("daxi", (("due_soon", 1), ("overdue", 1))) in seen
    assert ("earlier", (("due_soon", 0), ("overdue", 2))) in seen  # the dispute and petition of 2023, left open
    assert ("empty", (("due_soon", 0), ("overdue", 0))) in seen and len({s for s in seen if s[0] == "empty"}) == 1


def test_a_record_with_two_running_deadlines_counts_twice(county_of_four):
    other = county_of_four[1]
    today = D(2025, 12, 30)  # closing due 30 November, the 复查 reply due 25 December: both overdue
    alerts = [a for a in stats.alerts(other, today) if a["label"].startswith("O-P-two-deadlines")]
    assert [a["rule"] for a in alerts] == ["办结期限", "复查意见期限"]
    assert stats.alert_counts(county_of_four, today)[other.pk] == statuses_of(stats.alerts(other, today))


def test_batch_functions_make_the_same_queries_for_one_township_as_for_four(
    county_of_four, django_assert_num_queries
):
    today = D(2026, 1, 24)
    with django_assert_num_queries(4):
        stats.figures_for_townships(county_of_four[:1], 2025, today=today)
    with django_assert_num_queries(4):
        stats.figures_for_townships(county_of_four, 2025, today=today)
    with django_assert_num_queries(2):
        stats.alert_counts(county_of_four[:1], today)
    with django_assert_num_queries(2):
        stats.alert_counts(county_of_four, today)
