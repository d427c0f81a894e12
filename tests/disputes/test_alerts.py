"""Overdue / due-within-7-days / defect: the badges (rules.py in Python) and the list filter (SQL) agree.

Every case sits on a boundary: the 30th and 31st day of mediation, the 60th and 61st day of a
petition, an extension of the full 30 days, the 15th and 16th day for the acceptance notice. TODAY is a
day on which every one of these last days is a working day, so that 《民法典》第二百零三条 moves none of
them; the last days that fall on rest days are tested in test_rest_day_deadlines.py.
"""

import datetime

import pytest
from django.utils.formats import date_format

from disputes import rules
from disputes.models import Dispute, Petition
from tests.disputes.factories import DisputeFactory, PetitionFactory
from township.ledger.alerts import DEFECT, DUE_SOON, OVERDUE

TODAY = datetime.date(2025, 6, 26)  # a Thursday; see the docstring
KINDS = (OVERDUE, DUE_SOON, DEFECT)


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def after(date, days: int) -> datetime.date:
    return date + datetime.timedelta(days=days)


def kinds_of(record) -> set[str]:
    return {alert.kind for alert in record.alerts(TODAY)}


@pytest.fixture
def disputes(daxi, village):
    def make(name, **values):
        values.setdefault("registered_on", ago(100))
        return name, DisputeFactory(township=daxi, village=village, number=name, **values)

    closed = {"status": rules.DISPUTE_SUCCEEDED, "agreement_form": rules.AGREEMENT_ORAL, "agreement_terms": "和解"}
    return dict([
        make("open-31-days", status=rules.DISPUTE_OPEN, registered_on=ago(31)),
        make("open-30-days", status=rules.DISPUTE_OPEN, registered_on=ago(30)),
        make("open-23-days", status=rules.DISPUTE_REGISTERED, registered_on=ago(23)),
        make("open-22-days", status=rules.DISPUTE_OPEN, registered_on=ago(22)),
        make("closed-on-day-30", **closed, closed_on=after(ago(100), 30)),
        make("closed-on-day-31", **closed, closed_on=after(ago(100), 31)),
        make("high-risk-reported", risk_level=rules.RISK_HIGH, referred_to_police=True, registered_on=ago(3)),
        make("high-risk-not-reported", risk_level=rules.RISK_HIGH, registered_on=ago(3)),
        make("written-without-terms", **{**closed, "agreement_form": rules.AGREEMENT_WRITTEN, "agreement_terms": ""},
             closed_on=after(ago(100), 5)),
        make("failed-without-advice", status=rules.DISPUTE_FAILED, closed_on=after(ago(100), 5)),
        make("failed-with-advice", status=rules.DISPUTE_FAILED, failure_advice="已告知可起诉", closed_on=after(ago(100), 5)),
        make("judicial-on-day-30", **closed, closed_on=after(ago(100), 5), judicial_confirmation=True,
             judicial_confirmation_on=after(ago(100), 35)),
        make("judicial-on-day-31", **closed, closed_on=after(ago(100), 5), judicial_confirmation=True,
             judicial_confirmation_on=after(ago(100), 36)),
    ])


EXPECTED_DISPUTES = {
    "open-31-days": {OVERDUE}, "open-30-days": {DUE_SOON}, "open-23-days": {DUE_SOON}, "open-22-days": set(),
    "closed-on-day-30": set(), "closed-on-day-31": {DEFECT}, "high-risk-reported": set(),
    "high-risk-not-reported": {DEFECT}, "written-without-terms": {DEFECT}, "failed-without-advice": {DEFECT},
    "failed-with-advice": set(), "judicial-on-day-30": set(), "judicial-on-day-31": {DEFECT},
}


def test_dispute_badges_follow_the_mediation_and_agreement_rules_at_their_boundaries(disputes):
    assert {name: kinds_of(record) for name, record in disputes.items()} == EXPECTED_DISPUTES


@pytest.mark.parametrize("kind", KINDS)
def test_dispute_list_filter_finds_exactly_the_records_with_that_badge(disputes, kind):
    filtered = set(Dispute.objects.alerting(kind, TODAY).values_list("number", flat=True))
    assert filtered == {name for name, kinds in EXPECTED_DISPUTES.items() if kind in kinds}


@pytest.fixture
def petitions(daxi, village):
    def make(name, received=None, accepted=None, **values):
        received = received or (after(accepted, -3) if accepted else ago(200))
        if accepted is not None:
            values.update(acceptance=rules.PETITION_ACCEPTED, accepted_on=accepted, notice_on=accepted)
        return name, PetitionFactory(township=daxi, village=village, number=name, received_on=received, **values)

    start = ago(150)
    extended = {"extension_days": 30, "extension_reason": "需调查核实", "extension_approver": "王正权"}
    return dict([
        make("undecided-16-days", received=ago(16)),
        make("undecided-15-days", received=ago(15)),
        make("undecided-8-days", received=ago(8)),
        make("undecided-7-days", received=ago(7)),
        make("accepted-61-days", accepted=ago(61)),
        make("accepted-60-days", accepted=ago(60)),
        make("accepted-53-days", accepted=ago(53)),
        make("accepted-52-days", accepted=ago(52)),
        make("extended-90-days", accepted=ago(90), **extended),
        make("extended-91-days", accepted=ago(91), **extended),
        make("closed-on-day-60", accepted=start, closed_on=after(start, 60)),
        make("closed-on-day-61", accepted=start, closed_on=after(start, 61)),
        make("extended-closed-on-day-90", accepted=start, closed_on=after(start, 90), **extended),
        make("extended-closed-on-day-91", accepted=start, closed_on=after(start, 91), **extended),
        make("noticed-on-day-15", received=ago(200), accepted=after(ago(200), 15), closed_on=after(ago(200), 30)),
        make("noticed-on-day-16", received=ago(200), accepted=after(ago(200), 16), closed_on=after(ago(200), 30)),
        make("group-of-5", accepted=start, closed_on=after(start, 20), people_count=5),
        make("group-of-6", accepted=start, closed_on=after(start, 20), people_count=6),
        make("review-31-days-unanswered", accepted=start, closed_on=after(start, 20), review_stage=rules.REVIEW,
             review_requested_on=ago(31)),
        make("review-answered-on-day-31", accepted=start, closed_on=after(start, 20), review_stage=rules.REVIEW,
             review_requested_on=after(start, 30), review_replied_on=after(start, 61)),
        make("re-review-25-days", accepted=start, closed_on=after(start, 20), review_stage=rules.RE_REVIEW,
             review_requested_on=after(start, 30), review_replied_on=after(start, 50), re_review_requested_on=ago(25)),
        make("not-accepted", received=ago(40), acceptance=rules.PETITION_NOT_ACCEPTED, notice_on=ago(35)),
    ])


EXPECTED_PETITIONS = {
    "undecided-16-days": {OVERDUE}, "undecided-15-days": {DUE_SOON}, "undecided-8-days": {DUE_SOON},
    "undecided-7-days": set(), "accepted-61-days": {OVERDUE}, "accepted-60-days": {DUE_SOON},
    "accepted-53-days": {DUE_SOON}, "accepted-52-days": set(), "extended-90-days": {DUE_SOON},
    "extended-91-days": {OVERDUE}, "closed-on-day-60": set(), "closed-on-day-61": {DEFECT},
    "extended-closed-on-day-90": set(), "extended-closed-on-day-91": {DEFECT}, "noticed-on-day-15": set(),
    "noticed-on-day-16": {DEFECT}, "group-of-5": set(), "group-of-6": {DEFECT},
    "review-31-days-unanswered": {OVERDUE}, "review-answered-on-day-31": {DEFECT}, "re-review-25-days": {DUE_SOON},
    "not-accepted": set(),
}


def test_petition_badges_follow_the_statutory_periods_at_their_boundaries(petitions):
    assert {name: kinds_of(record) for name, record in petitions.items()} == EXPECTED_PETITIONS


@pytest.mark.parametrize("kind", KINDS)
def test_petition_list_filter_finds_exactly_the_records_with_that_badge(petitions, kind):
    filtered = set(Petition.objects.alerting(kind, TODAY).values_list("number", flat=True))
    assert filtered == {name for name, kinds in EXPECTED_PETITIONS.items() if kind in kinds}


def test_petition_closed_late_says_its_deadline_and_article(petitions):
    [alert] = petitions["closed-on-day-61"].alerts(TODAY)
    assert alert.label == "超期办结"
    assert "《信访工作条例》第三十四条" in alert.message


def test_overdue_badge_names_the_deadline_and_its_article(petitions):
    [alert] = petitions["accepted-61-days"].alerts(TODAY)
    assert alert.label == "办结已逾期"
    assert alert.message == f"办结期限：{date_format(ago(1))}（《信访工作条例》第三十四条）"  # 2025年3月5日, as on every page
