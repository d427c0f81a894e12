"""The figures of report part 一(三) at the edges of their definitions; each figure's link lists its records; the
alert filter and the dashboard's alerts agree with the badges; queries do not grow with the records."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enforcement import stats
from enforcement.models import EnforcementCase
from enforcement.views import CaseLedger
from tests.enforcement.factories import (
    CampaignFactory,
    CaseFactory,
    EquipmentFactory,
    OpenCaseFactory,
    SurveyFactory,
    category,
)
from tests.factories import PersonFactory
from tests.governance.factories import CertificateFactory
from township.ledger.alerts import DEFECT, DUE_SOON, OVERDUE

D = datetime.date
TODAY = timezone.localdate()


def test_a_step_after_an_officers_certificate_expired_is_not_certified(daxi, officers):
    late = PersonFactory(township=daxi, name="白德文")
    CertificateFactory(township=daxi, holder=late, issued_on=D(2024, 1, 1), valid_until=D(2025, 4, 1))
    CaseFactory(township=daxi, officers=[officers[0], late])  # filed 3 Mar, notice 20 Mar, decided 31 Mar, served 2 Apr
    CaseFactory(township=daxi, officers=officers)
    figure = stats.figures(daxi, 2025)["enforcement.certified_steps_rate"]
    assert (figure.numerator, figure.denominator) == (7, 8)  # 4 steps each; the service on 2 April is not certified
    assert figure.value == Decimal("87.5")


def test_a_step_with_one_officer_is_not_certified(daxi, officers):
    CaseFactory(township=daxi, officers=[officers[0]])
    figure = stats.figures(daxi, 2025)["enforcement.certified_steps_rate"]
    assert (figure.numerator, figure.denominator) == (0, 4)


def test_body_cameras_in_service_on_31_december(daxi):
    EquipmentFactory(township=daxi, acquired_on=D(2025, 12, 31))
    EquipmentFactory(township=daxi, acquired_on=D(2023, 1, 1), retired_on=D(2025, 12, 31), status="retired")
    EquipmentFactory(township=daxi, acquired_on=D(2023, 1, 1), retired_on=D(2026, 1, 5), status="retired")
    EquipmentFactory(township=daxi, acquired_on=D(2023, 1, 1), kind="recorder")
    assert stats.figures(daxi, 2025)["enforcement.body_cameras"].value == 2
    assert stats.figures(daxi, 2024)["enforcement.body_cameras"].value == 2


def test_campaigns_of_the_year_by_focus_area_in_the_townships_order(daxi):
    CampaignFactory(township=daxi, focus=category(daxi, "违法占地"), start_on=D(2024, 12, 1), end_on=D(2025, 1, 31))
    CampaignFactory(township=daxi, focus=category(daxi, "非法焚烧"))
    CampaignFactory(township=daxi, focus=category(daxi, "非法焚烧"), start_on=D(2025, 10, 1), end_on=D(2025, 10, 31))
    CampaignFactory(township=daxi, focus=category(daxi, "违法建设"), start_on=D(2026, 1, 1), end_on=D(2026, 1, 31))
    figures = stats.figures(daxi, 2025)
    assert figures["enforcement.campaigns"].value == 3
    assert figures["enforcement.campaign_focus_areas"].value == 2
    assert figures["enforcement.campaign_focus_areas"].names == ("非法焚烧", "违法占地")  # by the list's order
    assert stats.figures(daxi, 2024)["enforcement.campaigns"].value == 1


def test_reconsiderations_and_lawsuits_of_the_years_cases(daxi, officers):
    CaseFactory(township=daxi, officers=officers, reconsidered=True)
    CaseFactory(township=daxi, officers=officers, litigated=True, filed_on=D(2024, 12, 30))
    figures = stats.figures(daxi, 2025)
    assert (figures["enforcement.reconsiderations"].value, figures["enforcement.lawsuits"].value) == (1, 0)


def test_satisfaction_is_satisfied_and_basically_satisfied_over_surveyed(daxi):
    SurveyFactory(township=daxi, surveyed=120, satisfied=106, basically_satisfied=12, dissatisfied=2)
    SurveyFactory(township=daxi, surveyed=150, satisfied=134, basically_satisfied=14, dissatisfied=2,
                  date=D(2025, 12, 12))
    SurveyFactory(township=daxi, surveyed=10, satisfied=0, basically_satisfied=0, dissatisfied=10, date=D(2024, 12, 1))
    figure = stats.figures(daxi, 2025)["enforcement.satisfaction_rate"]
    assert (figure.numerator, figure.denominator, figure.value) == (266, 270, Decimal("98.5"))


def test_decisions_late_or_undecided_past_90_days_are_overdue(daxi, officers):
    CaseFactory(township=daxi, officers=officers, filed_on=D(2025, 4, 1), notice_on=D(2025, 6, 20),
                decided_on=D(2025, 6, 30), served_on=D(2025, 7, 1), published_on=D(2025, 7, 1), paid_on=None)  # day 90
    CaseFactory(township=daxi, officers=officers, filed_on=D(2025, 4, 1), notice_on=D(2025, 6, 20),
                decided_on=D(2025, 7, 1), served_on=D(2025, 7, 1), published_on=D(2025, 7, 1), paid_on=None)  # day 91
    OpenCaseFactory(township=daxi, officers=officers, filed_on=D(2025, 4, 1))  # never decided
    OpenCaseFactory(township=daxi, officers=officers, filed_on=D(2025, 4, 1), decided_on=D(2025, 8, 1),
                    decision_kind="withdrawn")  # withdrawn: no decision was due
    assert stats.figures(daxi, 2025, today=TODAY)["enforcement.cases_overdue"].value == 2


def test_publication_on_time_over_decisions_due_for_publication(daxi, officers):
    decided = {"filed_on": D(2025, 9, 1), "notice_on": D(2025, 9, 20), "decided_on": D(2025, 9, 30),
               "served_on": D(2025, 9, 30), "paid_on": None, "closed_on": None}
    CaseFactory(township=daxi, officers=officers, published_on=D(2025, 10, 16), **decided)  # 7th working day
    CaseFactory(township=daxi, officers=officers, published_on=D(2025, 10, 17), **decided)  # 8th
    CaseFactory(township=daxi, officers=officers, published_on=None, **decided)  # never: due since 16 Oct
    CaseFactory(township=daxi, officers=officers, published_on=None, decision_kind="correction", amount=None,
                **decided)  # an order to correct: 20 working days
    figure = stats.figures(daxi, 2025, today=D(2025, 10, 20))["enforcement.published_on_time_rate"]
    assert (figure.numerator, figure.denominator) == (1, 3)


def test_every_figures_link_lists_what_it_counts(client_for, admin_user, daxi, officers):
    CaseFactory(township=daxi, officers=officers, reconsidered=True, is_major=True, legal_review_on=D(2025, 3, 28),
                legal_review_result="passed")
    OpenCaseFactory(township=daxi, officers=officers, filed_on=D(2025, 1, 2))
    CaseFactory(township=daxi, officers=officers, litigated=True, published_on=None, decision_kind="withdrawn",
                amount=None)
    EquipmentFactory(township=daxi)
    CampaignFactory(township=daxi)
    SurveyFactory(township=daxi)
    # what each figure's list shows: the records it counts (a rate: those of its denominator)
    listed = {"enforcement.cases_filed": 3, "enforcement.cases_decided": 1, "enforcement.cases_overdue": 1,
              "enforcement.certified_steps_rate": 3, "enforcement.body_cameras": 1, "enforcement.campaigns": 1,
              "enforcement.campaign_focus_areas": 1, "enforcement.reconsiderations": 1, "enforcement.lawsuits": 1,
              "enforcement.satisfaction_rate": 1, "enforcement.surveyed": 1, "enforcement.published_on_time_rate": 1,
              "enforcement.legal_reviews": 1, "enforcement.legality_reviews": 0}
    client = client_for(admin_user)
    figures = stats.figures(daxi, 2025)
    for figure in figures.values():
        response = client.get(figure.url)
        assert response.status_code == 200, figure.key
        assert not response.context["filter"].form.errors, (figure.key, response.context["filter"].form.errors)
        expected = listed.get(figure.key, 0)  # the major decisions: none
        assert response.context["paginator"].count == expected, (figure.key, figure.url)
    assert figures["enforcement.cases_overdue"].value == 1 and figures["enforcement.lawsuits"].value == 1


@pytest.mark.parametrize("today", [D(2025, 6, 20), D(2025, 6, 26), D(2025, 10, 20), D(2026, 3, 1)])
def test_the_alert_filter_lists_exactly_the_cases_with_that_badge(daxi, officers, today):
    OpenCaseFactory(township=daxi, officers=officers, filed_on=D(2025, 3, 28))  # decision due 26 June
    OpenCaseFactory(township=daxi, officers=officers, filed_on=D(2025, 6, 1))
    CaseFactory(township=daxi, officers=officers, filed_on=D(2025, 9, 1), notice_on=D(2025, 9, 20),
                decided_on=D(2025, 9, 30), served_on=None, published_on=None, paid_on=None, closed_on=None)
    CaseFactory(township=daxi, officers=officers, served_on=D(2025, 4, 30))  # served late: a defect
    cases = EnforcementCase.objects.filter(township=daxi)
    for kind in (OVERDUE, DUE_SOON, DEFECT):
        expected = {case.pk for case in cases.prefetch_related("recordings")
                    if any(alert.kind == kind for alert in case.alerts(today))}
        assert set(cases.alerting(kind, today).values_list("pk", flat=True)) == expected, kind
    counts = stats.alert_counts([daxi], today)[daxi.pk]
    listed = stats.alerts(daxi, today)
    assert counts == {OVERDUE: sum(a["status"] == OVERDUE for a in listed),
                      DUE_SOON: sum(a["status"] == DUE_SOON for a in listed)}


def test_the_90_day_limit_warns_15_days_ahead(daxi, officers):
    case = OpenCaseFactory(township=daxi, officers=officers, filed_on=D(2025, 4, 1))  # due Monday 30 June
    assert [a.kind for a in case.running_alerts(D(2025, 6, 14))] == []
    assert [a.kind for a in case.running_alerts(D(2025, 6, 15))] == [DUE_SOON]
    assert [a.kind for a in case.running_alerts(D(2025, 7, 1))] == [OVERDUE]


def captured(run) -> list[str]:
    run()
    with CaptureQueriesContext(connection) as queries:
        run()
    return [query["sql"] for query in queries.captured_queries]


def add_cases(township, officers, count, offset=0):
    for index in range(offset, offset + count):
        CaseFactory(township=township, officers=officers, reconsidered=index % 2 == 0)
        OpenCaseFactory(township=township, officers=officers, filed_on=TODAY - datetime.timedelta(days=80 + index % 20))
        SurveyFactory(township=township)
        EquipmentFactory(township=township)
        CampaignFactory(township=township)


def test_figures_of_many_townships_take_as_many_queries_as_one(daxi, other_township, officers):
    add_cases(daxi, officers, 2)
    one = captured(lambda: stats.figures_for_townships([daxi], 2025))
    add_cases(daxi, officers, 10, offset=2)
    theirs = [PersonFactory(township=other_township) for _ in range(2)]
    for person in theirs:
        CertificateFactory(township=other_township, holder=person)
    add_cases(other_township, theirs, 5)
    many = captured(lambda: stats.figures_for_townships([daxi, other_township], 2025))
    assert len(one) == len(many), "\n".join(["--- one", *one, "--- many", *many])
    alerts_one = captured(lambda: stats.alert_counts([daxi], TODAY))
    alerts_many = captured(lambda: stats.alert_counts([daxi, other_township], TODAY))
    assert len(alerts_one) == len(alerts_many)


def test_the_case_list_takes_the_same_queries_for_2_and_20_cases(client_for, admin_user, daxi, officers, as_year):
    as_year(admin_user, 2025)
    client = client_for(admin_user)
    add_cases(daxi, officers, 1)
    small = captured(lambda: client.get("/enforcement/cases/?year=2025"))
    add_cases(daxi, officers, 10, offset=1)
    large = captured(lambda: client.get("/enforcement/cases/?year=2025"))
    assert len(small) == len(large), "\n".join(["--- small", *small, "--- large", *large])
    assert CaseLedger.base_queryset(admin_user, daxi, 2025).count() == 11
