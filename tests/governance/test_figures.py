"""Each governance figure at the edges of its definition (governance/stats.py), and the ledger filter behind each
lists the records it counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import stats
from governance.models import MeetingIssue, Training
from tests.factories import PersonFactory
from tests.governance.factories import (
    CertificateFactory,
    ExamResultFactory,
    KeyTaskFactory,
    LawExamFactory,
    MeetingFactory,
    MeetingIssueFactory,
    TrainingFactory,
)
from township.models import Person

D = datetime.date
AFTER_THE_YEAR = D(2026, 3, 1)


def figures_2025(township):
    return stats.figures(township, 2025, today=AFTER_THE_YEAR)


def value(township, key):
    return figures_2025(township)[key].value


def delete(record):
    record.deleted_at = timezone.now()
    record.save()


def test_key_tasks_are_those_of_the_years_list(daxi):
    KeyTaskFactory.create_batch(2, township=daxi, year=2025)
    KeyTaskFactory(township=daxi, year=2024)
    delete(KeyTaskFactory(township=daxi, year=2025))
    assert value(daxi, "governance.key_tasks") == 2


def test_meetings_count_by_kind_within_the_year(daxi):
    MeetingFactory(township=daxi, date=D(2025, 1, 1), kind="party_session")
    MeetingFactory(township=daxi, date=D(2025, 12, 31), kind="party_session")
    MeetingFactory(township=daxi, date=D(2024, 12, 31), kind="party_session")
    MeetingFactory(township=daxi, date=D(2025, 6, 1), kind="report_heard")
    MeetingFactory(township=daxi, date=D(2025, 6, 2), kind="executive")
    assert value(daxi, "governance.party_sessions") == 2
    assert value(daxi, "governance.reports_heard") == 1


def test_problems_solved_are_resolved_in_the_year_or_at_a_meeting_of_it_when_undated(daxi):
    december = MeetingFactory(township=daxi, date=D(2024, 12, 20))
    april = MeetingFactory(township=daxi, date=D(2025, 4, 24))
    MeetingIssueFactory(township=daxi, meeting=december, status="resolved", resolved_on=D(2025, 1, 10))  # counts
    MeetingIssueFactory(township=daxi, meeting=december, status="resolved", resolved_on=D(2024, 12, 30))
    MeetingIssueFactory(township=daxi, meeting=april, status="resolved", resolved_on=None)  # counts: undated
    MeetingIssueFactory(township=daxi, meeting=april, status="open")
    MeetingIssueFactory(township=daxi, meeting=april, status="resolved", resolved_on=D(2026, 1, 5))
    gone = MeetingFactory(township=daxi, date=D(2025, 5, 5))
    MeetingIssueFactory(township=daxi, meeting=gone, status="resolved", resolved_on=D(2025, 5, 6))
    delete(gone)  # the issues of a deleted meeting are not counted
    assert value(daxi, "governance.problems_solved") == 2
    assert stats.figures(daxi, 2024, today=AFTER_THE_YEAR)["governance.problems_solved"].value == 1


def test_study_coverage_counts_each_cadre_in_post_once(daxi, village):
    cadres = [PersonFactory(township=daxi, kind=Person.Kind.TOWNSHIP_CADRE) for _ in range(3)]
    village_cadre = PersonFactory(township=daxi, kind=Person.Kind.VILLAGE_CADRE, village=village)
    left = PersonFactory(township=daxi, kind=Person.Kind.TOWNSHIP_CADRE, active=False)  # left mid-year
    lawyer = PersonFactory(township=daxi, kind=Person.Kind.LEGAL_WORKER)
    TrainingFactory(township=daxi, date=D(2025, 3, 1), attendees=[cadres[0], cadres[1], left, lawyer])
    TrainingFactory(township=daxi, date=D(2025, 9, 1), attendees=[cadres[0], village_cadre])  # cadres[0] twice
    TrainingFactory(township=daxi, date=D(2024, 9, 1), attendees=[cadres[2]])  # last year
    delete(TrainingFactory(township=daxi, date=D(2025, 9, 2), attendees=[cadres[2]]))
    coverage = figures_2025(daxi)["governance.study_coverage"]
    assert (coverage.numerator, coverage.denominator, coverage.value) == (3, 4, Decimal("75.0"))
    cadres[2].active = False  # leaves: no longer owed
    cadres[2].save()
    coverage = figures_2025(daxi)["governance.study_coverage"]
    assert (coverage.numerator, coverage.denominator, coverage.value) == (3, 3, Decimal("100.0"))


def test_person_times_add_up_the_rule_of_law_trainings_only(daxi):
    person = PersonFactory(township=daxi)
    TrainingFactory(township=daxi, kind="law_training", headcount=56, attendees=[person])
    TrainingFactory(township=daxi, kind="law_training", date=D(2025, 11, 20), headcount=50, attendees=[person])
    TrainingFactory(township=daxi, kind="lecture", headcount=58)
    TrainingFactory(township=daxi, kind="law_training", date=D(2024, 11, 20), headcount=44)
    figures = figures_2025(daxi)
    assert figures["governance.trainings"].value == 2
    assert figures["governance.training_person_times"].value == 106  # the same person at both: two person-times


def test_certification_trainees_are_distinct_people_named_or_not(daxi):
    a, b = PersonFactory(township=daxi, name="冉正权"), PersonFactory(township=daxi, name="吴玉珍")
    TrainingFactory(township=daxi, kind="certification", date=D(2025, 8, 1), attendees=[a, b],
                    other_attendees="杨帆、石磊", headcount=4)
    TrainingFactory(township=daxi, kind="certification", date=D(2025, 8, 19), attendees=[a],
                    other_attendees="杨帆、张海", headcount=3)  # 冉正权 and 杨帆 attend twice
    TrainingFactory(township=daxi, kind="law_training", attendees=[PersonFactory(township=daxi)])
    assert value(daxi, "governance.certification_trainees") == 5  # 冉正权、吴玉珍、杨帆、石磊、张海


def test_new_certified_officers_exclude_renewals(daxi):
    renewed = PersonFactory(township=daxi)
    CertificateFactory(township=daxi, holder=renewed, issued_on=D(2019, 12, 20), valid_until=D(2025, 12, 19))
    CertificateFactory(township=daxi, holder=renewed, issued_on=D(2025, 12, 1), valid_until=D(2031, 11, 30))
    CertificateFactory(township=daxi, issued_on=D(2025, 10, 15), valid_until=D(2031, 10, 14))
    CertificateFactory(township=daxi, issued_on=D(2025, 1, 1), valid_until=D(2031, 1, 1), status="cancelled",
                       status_changed_on=D(2025, 6, 1))  # newly certified, since cancelled: still new that year
    CertificateFactory(township=daxi, issued_on=D(2024, 10, 15), valid_until=D(2030, 10, 14))
    assert value(daxi, "governance.certificates_issued") == 2


def test_officers_holding_a_valid_certificate_on_31_december(daxi):
    CertificateFactory(township=daxi, valid_until=D(2025, 12, 31))  # its last day: counts
    CertificateFactory(township=daxi, valid_until=D(2025, 12, 30))
    CertificateFactory(township=daxi, status="cancelled", status_changed_on=D(2025, 5, 16))
    CertificateFactory(township=daxi, status="cancelled", status_changed_on=D(2026, 1, 1))  # after the year: counts
    CertificateFactory(township=daxi, status="suspended", status_changed_on=D(2025, 12, 31))
    CertificateFactory(township=daxi, status="expired", valid_until=D(2025, 12, 31))  # marked 过期, valid that day
    twice = PersonFactory(township=daxi)
    CertificateFactory(township=daxi, holder=twice, category="综合行政执法")
    CertificateFactory(township=daxi, holder=twice, category="交通运输")  # two certificates, one officer
    delete(CertificateFactory(township=daxi))
    figures = figures_2025(daxi)
    assert figures["governance.certified_officers"].value == 4
    assert "2025年12月31日" in figures["governance.certified_officers"].definition


def test_the_current_years_officers_are_counted_today(daxi):
    today = timezone.localdate()
    CertificateFactory(township=daxi, issued_on=today - datetime.timedelta(days=400),
                       valid_until=today + datetime.timedelta(days=10))
    CertificateFactory(township=daxi, issued_on=today - datetime.timedelta(days=400),
                       valid_until=today - datetime.timedelta(days=1))
    assert stats.figures(daxi, today.year)["governance.certified_officers"].value == 1


def test_officers_under_the_yearly_hours(daxi, settings):
    officer, trained = PersonFactory(township=daxi), PersonFactory(township=daxi)
    CertificateFactory(township=daxi, holder=officer)
    CertificateFactory(township=daxi, holder=trained)
    CertificateFactory(township=daxi, status="cancelled", status_changed_on=D(2025, 3, 1))  # no longer an officer
    TrainingFactory(township=daxi, kind="online", hours=Decimal(40), attendees=[officer, trained])
    TrainingFactory(township=daxi, kind="online", date=D(2025, 10, 1), hours=Decimal(20), attendees=[trained])
    assert value(daxi, "governance.officers_under_hours") == 1
    settings.OFFICER_TRAINING_HOURS = 40
    assert value(daxi, "governance.officers_under_hours") == 0


def test_exam_participation_and_pass_rates(daxi):
    exam = LawExamFactory(township=daxi, date=D(2025, 11, 12))
    ExamResultFactory.create_batch(3, township=daxi, exam=exam)
    ExamResultFactory(township=daxi, exam=exam, took=False, score=None, passed=False)
    ExamResultFactory(township=daxi, exam=exam, score=Decimal(52), passed=False)
    ExamResultFactory(township=daxi, exam=LawExamFactory(township=daxi, date=D(2024, 11, 12)))
    figures = figures_2025(daxi)
    took, passed = figures["governance.exam_participation_rate"], figures["governance.exam_pass_rate"]
    assert (took.numerator, took.denominator) == (4, 5)
    assert (passed.numerator, passed.denominator) == (3, 4)


def test_a_year_without_records_has_zero_and_undefined_rates(daxi):
    figures = figures_2025(daxi)
    assert figures["governance.key_tasks"].value == 0
    assert figures["governance.study_coverage"].value is None  # no cadre: nothing to take a share of
    assert figures["governance.exam_pass_rate"].value is None


def test_part_two_shares(daxi):
    lawyer = PersonFactory(township=daxi, legal_background=True)
    CertificateFactory(township=daxi, holder=lawyer)
    CertificateFactory(township=daxi)
    TrainingFactory(township=daxi, method=Training.Method.CASE_STUDY)
    TrainingFactory(township=daxi, method=Training.Method.SIMULATION)
    TrainingFactory.create_batch(2, township=daxi)
    figures = figures_2025(daxi)
    assert figures["governance.officers_legal_background_rate"].value == Decimal("50.0")
    assert figures["governance.practical_training_rate"].value == Decimal("50.0")


@pytest.mark.parametrize(("key", "listed"), [
    ("governance.key_tasks", 2), ("governance.party_sessions", 1), ("governance.reports_heard", 1),
    ("governance.problems_solved", 1), ("governance.seminars", 1), ("governance.expert_lectures", 1),
    ("governance.trainings", 1), ("governance.certificates_issued", 1), ("governance.certified_officers", 2),
    ("governance.exam_pass_rate", 2), ("governance.exam_participation_rate", 3),
    ("governance.officers_under_hours", 2), ("governance.practical_training_rate", 1),
    ("governance.legal_professionals_added", 0),
])
def test_a_figures_link_lists_the_records_behind_it(key, listed, daxi, admin_user, client_for, as_year):
    KeyTaskFactory.create_batch(2, township=daxi, year=2025)
    KeyTaskFactory(township=daxi, year=2024)
    MeetingFactory(township=daxi, kind="party_session")
    MeetingFactory(township=daxi, kind="report_heard", date=D(2025, 6, 30))
    MeetingFactory(township=daxi, kind="party_session", date=D(2024, 6, 30))
    MeetingIssueFactory(township=daxi, status=MeetingIssue.Status.RESOLVED, resolved_on=D(2025, 5, 1),
                        meeting__date=D(2025, 4, 1), meeting__kind="other")
    MeetingIssueFactory(township=daxi, status=MeetingIssue.Status.OPEN, meeting__date=D(2025, 4, 2), meeting__kind="other")
    for kind in ("seminar", "lecture", "law_training", "first_agenda"):
        TrainingFactory(township=daxi, kind=kind, method="case_study" if kind == "seminar" else "theory")
    TrainingFactory(township=daxi, kind="seminar", date=D(2024, 3, 1))
    CertificateFactory(township=daxi, issued_on=D(2025, 10, 15), valid_until=D(2031, 10, 14))
    CertificateFactory(township=daxi, issued_on=D(2021, 6, 30), valid_until=D(2027, 6, 29))
    CertificateFactory(township=daxi, issued_on=D(2021, 6, 30), valid_until=D(2025, 6, 29))
    exam = LawExamFactory(township=daxi)
    ExamResultFactory.create_batch(2, township=daxi, exam=exam)
    ExamResultFactory(township=daxi, exam=exam, took=False, score=None, passed=False)
    figure = stats.figures(daxi, 2025)[key]
    client = client_for(as_year(admin_user, 2024))  # the link carries its year, whatever the user's
    response = client.get(figure.url)
    assert response.status_code == 200
    assert response.context["paginator"].count == listed
    if not figure.is_rate:
        assert figure.value == listed
    assert reverse(f"{figure.ledger}:list") in figure.url
