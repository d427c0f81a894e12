"""《民法典》第二百零三条: a calendar-day period whose last day is a rest day ends on the next working day.

Every case checks the record (Python, rules.py) and the list filters and figures (SQL, the stored due
dates) together: a badge and the filter that lists it must never disagree (issue 7, item 14).
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from disputes import rules, stats
from disputes.models import CLOSING_DUE, CLOSING_ON_TIME, Dispute, Petition
from disputes.models.petition import CLOSING_LATE
from tests.disputes.factories import DisputeFactory, PetitionFactory
from township.models import CalendarDay
from township.workdays import recompute_stored_due_dates

D = datetime.date
OVERDUE, DUE_SOON, DEFECT = "overdue", "due_soon", "defect"  # the kinds of Alert, as the 状态提示 filter names them


def python_kinds(record, today) -> set[str]:
    return {alert.kind for alert in record.alerts(today)}


def sql_kinds(record, today) -> set[str]:
    model = type(record)
    return {kind for kind in (OVERDUE, DUE_SOON, DEFECT) if model.objects.alerting(kind, today).filter(pk=record.pk).exists()}


def assert_badges(record, today, expected: set[str]) -> None:
    record = type(record).objects.get(pk=record.pk)  # as a list page loads it
    assert python_kinds(record, today) == expected, ("badges", today)
    assert sql_kinds(record, today) == expected, ("list filter", today)


def accepted_petition(township, village, accepted, **values):
    return PetitionFactory(township=township, village=village, received_on=accepted - datetime.timedelta(days=2),
                           acceptance=rules.PETITION_ACCEPTED, accepted_on=accepted, notice_on=accepted, **values)


# --- the example: accepted 20 December 2025, day 60 in the Spring Festival ---------------------------


def test_petition_accepted_on_20_december_2025_is_due_on_24_february_2026(daxi, village):
    petition = accepted_petition(daxi, village, D(2025, 12, 20))
    # day 60 is Wednesday 18 February 2026, inside the Spring Festival holiday of 15-23 February
    assert petition.closing_due() == D(2026, 2, 24)
    assert petition.closing_due_on == D(2026, 2, 24)
    [closing] = [d for d in petition.deadlines(D(2026, 2, 1)) if d.rule == "办结期限"]
    assert closing.due == D(2026, 2, 24) and not closing.estimated


@pytest.mark.parametrize(("today", "expected"), [
    (D(2026, 2, 16), set()),  # 8 days left
    (D(2026, 2, 17), {DUE_SOON}),
    (D(2026, 2, 19), {DUE_SOON}),  # the day after day 60: not overdue
    (D(2026, 2, 24), {DUE_SOON}),  # the last day
    (D(2026, 2, 25), {OVERDUE}),
])
def test_an_open_petition_is_overdue_only_after_the_rolled_last_day(daxi, village, today, expected):
    petition = accepted_petition(daxi, village, D(2025, 12, 20))
    assert_badges(petition, today, expected)
    assert stats.alert_counts([daxi], today)[daxi.pk] == {OVERDUE: int(OVERDUE in expected),
                                                          DUE_SOON: int(DUE_SOON in expected)}


def test_petition_closed_on_the_first_working_day_after_the_holiday_is_on_time(daxi, village):
    petition = accepted_petition(daxi, village, D(2025, 12, 20), closed_on=D(2026, 2, 24))
    assert petition.closed_on_time() is True
    assert_badges(petition, D(2026, 3, 2), set())  # no 超期办结 defect, in the badges or the filter
    today = D(2026, 3, 2)
    assert set(Petition.objects.closing(CLOSING_ON_TIME, today)) == {petition}
    assert not Petition.objects.closing(CLOSING_LATE, today).exists()
    assert set(Petition.objects.closing(CLOSING_DUE, today)) == {petition}


def test_the_on_time_figure_and_its_list_count_a_petition_closed_after_the_holiday(
    daxi, village, admin_user, client_for, as_year
):
    on_time = accepted_petition(daxi, village, D(2025, 12, 20), number="P-24-feb", closed_on=D(2026, 2, 24))
    late = accepted_petition(daxi, village, D(2025, 12, 20), number="P-25-feb", closed_on=D(2026, 2, 25))
    figures = stats.figures(daxi, 2025, today=D(2026, 3, 2))
    assert figures["petitions.closed_on_time"].value == 1
    rate = figures["petitions.on_time_rate"]
    assert (rate.numerator, rate.denominator) == (1, 2)
    response = client_for(as_year(admin_user, 2025)).get(figures["petitions.closed_on_time"].url)
    assert {row["record"].number for row in response.context["rows"]} == {on_time.number}
    assert {d.number for d in Petition.objects.alerting(DEFECT, D(2026, 3, 2))} == {late.number}


# --- the 15 days to decide on a petition, ending on a Sunday ---------------------------------------------------


def test_a_15_day_acceptance_deadline_on_a_sunday_ends_on_monday(daxi, village):
    # received Saturday 14 June 2025: day 15 is Sunday 29 June
    petition = PetitionFactory(township=daxi, village=village, received_on=D(2025, 6, 14))
    assert petition.acceptance_deadline().due == D(2025, 6, 30)
    assert petition.acceptance_due_on == D(2025, 6, 30)
    assert_badges(petition, D(2025, 6, 30), {DUE_SOON})  # Monday: the last day, not a day late
    assert_badges(petition, D(2025, 7, 1), {OVERDUE})
    counts = stats.alert_counts([daxi], D(2025, 6, 30))[daxi.pk]
    assert counts == {OVERDUE: 0, DUE_SOON: 1}


def test_a_decision_notified_on_that_monday_is_in_time(daxi, village):
    petition = PetitionFactory(township=daxi, village=village, received_on=D(2025, 6, 14),
                               acceptance=rules.PETITION_NOT_ACCEPTED, notice_on=D(2025, 6, 30))
    assert petition.acceptance_deadline().met is True
    assert_badges(petition, D(2025, 7, 10), set())


# --- the other calendar-day periods: 30 days of mediation, of judicial confirmation, of 复查 --------------------


def test_mediation_month_ending_on_national_day_runs_to_the_first_working_day(daxi, village):
    # registered 1 September 2025: day 30 is 1 October, the holiday runs to 8 October
    dispute = DisputeFactory(township=daxi, village=village, registered_on=D(2025, 9, 1), status=rules.DISPUTE_OPEN)
    assert dispute.mediation_deadline().due == D(2025, 10, 9)
    assert_badges(dispute, D(2025, 10, 9), {DUE_SOON})
    assert_badges(dispute, D(2025, 10, 10), {OVERDUE})


def test_mediation_closed_on_the_first_working_day_after_national_day_is_not_too_long(daxi, village):
    dispute = DisputeFactory(township=daxi, village=village, registered_on=D(2025, 9, 1),
                             status=rules.DISPUTE_SUCCEEDED, closed_on=D(2025, 10, 9),
                             agreement_form=rules.AGREEMENT_ORAL, agreement_terms="和解")
    assert_badges(dispute, D(2025, 10, 20), set())
    late = DisputeFactory(township=daxi, village=village, registered_on=D(2025, 9, 1),
                          status=rules.DISPUTE_SUCCEEDED, closed_on=D(2025, 10, 10),
                          agreement_form=rules.AGREEMENT_ORAL, agreement_terms="和解")
    assert_badges(late, D(2025, 10, 20), {DEFECT})


def test_judicial_confirmation_window_ending_in_the_holiday_runs_to_the_first_working_day(daxi, village):
    # agreement 3 September 2025: day 30 is 3 October
    dispute = DisputeFactory(township=daxi, village=village, registered_on=D(2025, 9, 1),
                             status=rules.DISPUTE_SUCCEEDED, closed_on=D(2025, 9, 3),
                             agreement_form=rules.AGREEMENT_ORAL, agreement_terms="和解",
                             judicial_confirmation=True, judicial_confirmation_on=D(2025, 10, 9))
    assert dispute.judicial_confirmation_deadline().due == D(2025, 10, 9)
    assert_badges(dispute, D(2025, 10, 20), set())


def test_review_reply_due_on_labour_day_runs_to_the_first_working_day(daxi, village):
    # 复查 requested 1 April 2025: day 30 is 1 May, the holiday runs to 5 May
    petition = accepted_petition(daxi, village, D(2025, 1, 10), closed_on=D(2025, 2, 20),
                                 review_stage=rules.REVIEW, review_requested_on=D(2025, 4, 1))
    assert petition.review_reply_deadline().due == D(2025, 5, 6)
    assert_badges(petition, D(2025, 5, 6), {DUE_SOON})
    assert_badges(petition, D(2025, 5, 7), {OVERDUE})


# --- a year the calendar package does not know --------------------------------------------------------------


def test_an_unknown_years_labour_day_is_a_rest_day_and_the_deadline_an_estimate(daxi, village, admin_user,
                                                                                  client_for):
    # received Wednesday 16 April 2031: day 15 is Thursday 1 May; 1-2 May are 劳动节 (《全国年节及纪念日放假办法》)
    petition = PetitionFactory(township=daxi, village=village, received_on=D(2031, 4, 16))
    assert petition.acceptance_due_on == D(2031, 5, 5)
    response = client_for(admin_user).get(reverse("petitions:detail", args=[petition.pk]))
    [acceptance] = [d for d, _status, _label in response.context["deadlines"] if d.rule == "受理告知期限"]
    assert acceptance.due == D(2031, 5, 5) and acceptance.estimated
    assert "按周末及元旦、劳动节、国庆节推算" in response.content.decode()


def test_an_unknown_years_national_day_is_a_rest_day_and_the_deadline_an_estimate(daxi, village):
    # registered Monday 1 September 2031: day 30 is Wednesday 1 October; 1-3 October are 国庆节
    dispute = DisputeFactory(township=daxi, village=village, registered_on=D(2031, 9, 1), status=rules.DISPUTE_OPEN)
    deadline = dispute.mediation_deadline()
    assert (deadline.due, deadline.estimated) == (D(2031, 10, 6), True)
    assert dispute.mediation_due_on == D(2031, 10, 6)
    assert_badges(dispute, D(2031, 10, 6), {DUE_SOON})


# --- the stored due dates follow the CalendarDay table --------------------------------------------------------


def test_an_admins_calendar_day_moves_the_stored_due_dates_and_deleting_it_moves_them_back(daxi, village):
    petition = PetitionFactory(township=daxi, village=village, received_on=D(2031, 4, 16))  # due Monday 5 May
    untouched = PetitionFactory(township=daxi, village=village, received_on=D(2031, 3, 3))  # due 18 March
    day = CalendarDay.objects.create(date=D(2031, 5, 5), is_workday=False, note="劳动节调休")
    petition.refresh_from_db()
    assert petition.acceptance_due_on == D(2031, 5, 6)
    assert_badges(petition, D(2031, 5, 6), {DUE_SOON})
    assert petition.acceptance_deadline().estimated is False  # 2031 now has the admin's data
    day.date = D(2031, 5, 6)  # moved: both days count
    day.save()
    petition.refresh_from_db()
    assert petition.acceptance_due_on == D(2031, 5, 5)
    CalendarDay.objects.create(date=D(2031, 5, 5), is_workday=False, note="劳动节调休")
    petition.refresh_from_db()
    assert petition.acceptance_due_on == D(2031, 5, 7)
    CalendarDay.objects.all().delete()
    petition.refresh_from_db()
    assert petition.acceptance_due_on == D(2031, 5, 5)
    untouched.refresh_from_db()
    assert untouched.acceptance_due_on == D(2031, 3, 18)
    assert petition.version == 1  # a derived date is not an edit: stale-edit checks are not disturbed


def test_recompute_due_dates_command_restores_every_stored_date(daxi, village):
    petition = accepted_petition(daxi, village, D(2025, 12, 20), review_stage="", closed_on=D(2026, 2, 10))
    dispute = DisputeFactory(township=daxi, village=village, registered_on=D(2025, 9, 1),
                             status=rules.DISPUTE_SUCCEEDED, closed_on=D(2025, 9, 3),
                             agreement_form=rules.AGREEMENT_ORAL, agreement_terms="和解")
    Petition.objects.update(acceptance_due_on=None, closing_due_on=None)
    Dispute.objects.update(mediation_due_on=None, judicial_confirmation_due_on=D(2000, 1, 1))
    call_command("recompute_due_dates", stdout=(out := _Output()))
    petition.refresh_from_db()
    dispute.refresh_from_db()
    # received 18 December: day 15 is Friday 2 January 2026, a holiday; Sunday 4 January is an adjusted working day
    assert (petition.acceptance_due_on, petition.closing_due_on) == (D(2026, 1, 4), D(2026, 2, 24))
    assert (dispute.mediation_due_on, dispute.judicial_confirmation_due_on) == (D(2025, 10, 9), D(2025, 10, 9))
    assert "更新 2 条记录" in out.text


def test_recomputing_page_by_page_reaches_every_record(daxi, village):
    petitions = [PetitionFactory(township=daxi, village=village, received_on=D(2025, 6, 14 + n)) for n in range(3)]
    Petition.objects.update(acceptance_due_on=None)
    assert recompute_stored_due_dates(batch_size=1) == 3
    assert [p.acceptance_due_on for p in Petition.objects.filter(pk__in=[p.pk for p in petitions]).order_by("pk")] == [
        D(2025, 6, 30), D(2025, 6, 30), D(2025, 7, 1)]  # Sat 14 and Sun 15 both reach Monday 30 June


def test_the_migration_fills_the_due_dates_of_existing_records_as_the_models_compute_them(daxi, village):
    records = [
        accepted_petition(daxi, village, D(2025, 12, 20), closed_on=D(2026, 2, 24), review_stage=rules.REVIEW,
                          review_requested_on=D(2026, 3, 1), review_replied_on=D(2026, 3, 20),
                          re_review_requested_on=D(2026, 4, 1)),
        accepted_petition(daxi, village, D(2025, 3, 3), extension_days=30, extension_reason="需核实",
                          extension_approver="王正权"),
        PetitionFactory(township=daxi, village=village, received_on=D(2031, 4, 16)),
        DisputeFactory(township=daxi, village=village, registered_on=D(2025, 9, 1), status=rules.DISPUTE_SUCCEEDED,
                       closed_on=D(2025, 9, 3), agreement_form=rules.AGREEMENT_ORAL, agreement_terms="和解"),
        DisputeFactory(township=daxi, village=village, registered_on=D(2025, 9, 1), status=rules.DISPUTE_OPEN),
    ]
    CalendarDay.objects.create(date=D(2031, 5, 5), is_workday=False)
    expected = {(type(r), r.pk): type(r).objects.values(*r.STORED_DUE_DATES).get(pk=r.pk) for r in records}
    Petition.all_objects.update(acceptance_due_on=None, closing_due_on=None, review_reply_due_on=None,
                                re_review_reply_due_on=None)
    Dispute.all_objects.update(mediation_due_on=None, judicial_confirmation_due_on=None)
    migration = importlib.import_module("disputes.migrations.0006_fill_stored_due_dates")
    migration.fill(apps, None)
    filled = {(type(r), r.pk): type(r).objects.values(*r.STORED_DUE_DATES).get(pk=r.pk) for r in records}
    assert filled == expected
    assert expected[Petition, records[2].pk]["acceptance_due_on"] == D(2031, 5, 6)


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_the_history_lists_the_clerks_change_not_the_due_date_it_moved(daxi, village, admin_user, client_for):
    # the stored dates are editable=False, which django-simple-history leaves out of its diffs
    petition = accepted_petition(daxi, village, D(2025, 12, 20))
    petition.accepted_on = D(2025, 12, 22)
    petition.save()
    assert petition.closing_due_on == D(2026, 2, 24)  # day 60 is 20 February, still in the holiday
    petition.accepted_on = D(2025, 12, 29)
    petition.save()
    assert petition.closing_due_on == D(2026, 2, 27)
    response = client_for(admin_user).get(reverse("petitions:detail", args=[petition.pk]))
    [latest, *_older] = response.context["history"]
    assert [str(label) for label, _old, _new in latest["changes"]] == ["受理日期"]
