"""The official working-day calendar and the Deadline badge value (township/workdays.py)."""

from datetime import date, datetime

import chinese_calendar
import pytest

from township import workdays
from township.workdays import Deadline, WorkCalendar

# 2031 is beyond every chinesecalendar release we use; if the package ever learns it, these
# tests must move to a later year, so say so loudly instead of passing for the wrong reason.
NO_DATA_YEAR = 2031


def test_no_data_year_is_really_unknown_to_the_package():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(NO_DATA_YEAR, 1, 6))


# --- is_workday -------------------------------------------------------------------------------


def test_national_day_2025_is_not_a_workday():
    calendar = WorkCalendar()
    assert [calendar.is_workday(date(2025, 10, day)) for day in range(1, 9)] == [False] * 8


def test_adjusted_weekend_workdays_around_national_day_2025_are_workdays():
    calendar = WorkCalendar()
    assert calendar.is_workday(date(2025, 9, 28))  # Sunday, 调休上班
    assert calendar.is_workday(date(2025, 10, 11))  # Saturday, 调休上班
    assert not calendar.is_workday(date(2025, 9, 27))  # ordinary Saturday


def test_is_workday_accepts_a_datetime():
    assert not WorkCalendar().is_workday(datetime(2025, 10, 1, 9, 30))  # noqa: DTZ001


def test_year_without_data_falls_back_to_monday_to_friday():
    calendar = WorkCalendar()
    assert calendar.is_workday(date(NO_DATA_YEAR, 10, 6))  # a Monday
    assert not calendar.is_workday(date(NO_DATA_YEAR, 10, 4))  # Saturday


@pytest.mark.parametrize("day", [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)])
def test_year_without_data_keeps_the_fixed_date_public_holidays(day):
    # 《全国年节及纪念日放假办法》第二条 (2024 revision): 元旦, 劳动节 1-2 May, 国庆节 1-3 October — all weekdays in 2031
    assert date(NO_DATA_YEAR, *day).weekday() < 5
    assert not WorkCalendar().is_workday(date(NO_DATA_YEAR, *day))


def test_labour_day_follows_the_version_of_the_law_in_force_that_year():
    assert workdays.fixed_date_holidays(2003) >= {(5, 1), (5, 2), (5, 3)}  # three days until 2007
    assert (5, 2) not in workdays.fixed_date_holidays(2010)  # one day from 2008
    assert (5, 2) in workdays.fixed_date_holidays(2031)  # two days from 2025
    assert not WorkCalendar().is_workday(date(2003, 5, 2))  # before the package's first year
    assert WorkCalendar().is_workday(date(2003, 5, 6))


def test_override_wins_over_weekday_fallback():
    calendar = WorkCalendar({date(NO_DATA_YEAR, 10, 1): False, date(NO_DATA_YEAR, 9, 28): True})
    assert not calendar.is_workday(date(NO_DATA_YEAR, 10, 1))
    assert calendar.is_workday(date(NO_DATA_YEAR, 9, 28))  # a Sunday made a workday


def test_override_wins_over_package_data():
    calendar = WorkCalendar({date(2025, 10, 8): True})
    assert calendar.is_workday(date(2025, 10, 8))


# --- has_data ---------------------------------------------------------------------------------


def test_has_data_for_package_years_only_without_overrides():
    calendar = WorkCalendar()
    assert calendar.has_data(2004)
    assert calendar.has_data(2025)
    assert calendar.has_data(2026)
    assert not calendar.has_data(2003)
    assert not calendar.has_data(2027)
    assert not calendar.has_data(NO_DATA_YEAR)


def test_has_data_when_overrides_contain_a_day_of_the_year():
    calendar = WorkCalendar({date(NO_DATA_YEAR, 1, 1): False})
    assert calendar.has_data(NO_DATA_YEAR)
    assert not calendar.has_data(NO_DATA_YEAR + 1)


# --- add_workdays -----------------------------------------------------------------------------


def test_add_workdays_does_not_count_the_start_day():
    # Monday 2025-06-09 + 1 working day = Tuesday
    assert WorkCalendar().add_workdays(date(2025, 6, 9), 1) == date(2025, 6, 10)


def test_add_workdays_zero_is_the_start_day():
    assert WorkCalendar().add_workdays(date(2025, 10, 1), 0) == date(2025, 10, 1)


def test_add_workdays_skips_ordinary_weekends():
    # Friday 2025-06-13 + 1 working day = Monday 2025-06-16
    assert WorkCalendar().add_workdays(date(2025, 6, 13), 1) == date(2025, 6, 16)


def test_five_workdays_across_national_day_2025_counts_adjusted_sunday_and_skips_holiday():
    # Fri 26 Sep: Sun 28 (调休), Mon 29, Tue 30, [1-8 Oct off], Thu 9, Fri 10
    assert WorkCalendar().add_workdays(date(2025, 9, 26), 5) == date(2025, 10, 10)


def test_five_workdays_from_eve_of_national_day_2025_counts_adjusted_saturday():
    # Tue 30 Sep: Thu 9, Fri 10, Sat 11 (调休), Mon 13, Tue 14
    assert WorkCalendar().add_workdays(date(2025, 9, 30), 5) == date(2025, 10, 14)


def test_add_workdays_rejects_a_negative_count():
    with pytest.raises(ValueError, match="positive"):
        WorkCalendar().add_workdays(date(2025, 1, 1), -1)


def test_add_workdays_in_a_year_without_data_does_not_raise():
    # Tue 30 Sep 2031, weekends and 国庆节 1-3 October: Mon 6, Tue 7, Wed 8, Thu 9, Fri 10
    assert WorkCalendar().add_workdays(date(NO_DATA_YEAR, 9, 30), 5) == date(NO_DATA_YEAR, 10, 10)


# --- workday_deadline / estimated -------------------------------------------------------------


def test_workday_deadline_in_a_year_without_data_is_estimated():
    deadline = WorkCalendar().workday_deadline(date(NO_DATA_YEAR, 9, 30), 5, rule="规则", article="第一条")
    assert deadline == Deadline(date(NO_DATA_YEAR, 10, 10), "规则", "第一条", estimated=True)
    assert "仅供参考" in deadline.note


def test_override_table_entry_changes_the_deadline_and_removes_the_estimate():
    overrides = {date(NO_DATA_YEAR, 10, day): False for day in range(1, 8)}
    overrides[date(NO_DATA_YEAR, 10, 11)] = True  # adjusted Saturday
    deadline = WorkCalendar(overrides).workday_deadline(date(NO_DATA_YEAR, 9, 30), 5, rule="r", article="a")
    # Wed 8, Thu 9, Fri 10, Sat 11 (调休), Mon 13
    assert deadline.due == date(NO_DATA_YEAR, 10, 13)
    assert deadline.estimated is False
    assert deadline.note == ""


def test_workday_deadline_inside_package_years_is_not_estimated():
    deadline = WorkCalendar().workday_deadline(date(2025, 9, 30), 5, rule="r", article="a")
    assert deadline.due == date(2025, 10, 14)
    assert deadline.estimated is False


def test_workday_deadline_running_into_a_year_without_data_is_estimated():
    # Mon 28 Dec 2026 + 5 working days ends in January 2027, which the package does not know
    deadline = WorkCalendar().workday_deadline(date(2026, 12, 28), 5, rule="r", article="a")
    assert deadline.due.year == 2027
    assert deadline.estimated is True


def test_workday_deadline_without_start_has_no_due_date():
    deadline = WorkCalendar().workday_deadline(None, 5, rule="r", article="a")
    assert deadline.due is None
    assert deadline.estimated is False


def test_is_estimate_checks_every_year_in_the_span():
    calendar = WorkCalendar({date(2027, 5, 1): False})
    assert not calendar.is_estimate(date(2026, 12, 1), date(2027, 1, 5))
    assert calendar.is_estimate(date(2026, 12, 1), date(2028, 1, 5))


def test_first_workday_on_or_after_rolls_a_holiday_forward():
    calendar = WorkCalendar()
    assert calendar.first_workday_on_or_after(date(2025, 10, 1)) == date(2025, 10, 9)
    assert calendar.first_workday_on_or_after(date(2025, 10, 9)) == date(2025, 10, 9)


# --- calendar_deadline: 《民法典》第二百零一、二百零三条 ---------------------------------------------------


def test_calendar_deadline_ending_on_a_rest_day_ends_on_the_next_working_day():
    deadline = WorkCalendar().calendar_deadline(date(2025, 9, 1), 30, rule="r", article="a")  # day 30: 1 October
    assert deadline == Deadline(date(2025, 10, 9), "r", "a")


def test_calendar_deadline_ending_on_a_working_day_is_not_moved():
    assert WorkCalendar().calendar_deadline(date(2025, 3, 3), 30, rule="r", article="a").due == date(2025, 4, 2)
    assert WorkCalendar().calendar_deadline(date(2025, 3, 3), 15, rule="r", article="a").due == date(2025, 3, 18)


def test_calendar_deadline_in_a_year_without_data_is_estimated_and_says_how():
    deadline = WorkCalendar().calendar_deadline(date(NO_DATA_YEAR, 9, 1), 30, rule="r", article="a")
    assert (deadline.due, deadline.estimated) == (date(NO_DATA_YEAR, 10, 6), True)
    assert deadline.note == "该年度无法定节假日数据，按周末及元旦、劳动节、国庆节推算，仅供参考"


def test_calendar_deadline_without_start_has_no_due_date():
    assert WorkCalendar().calendar_deadline(None, 30, rule="r", article="a") == Deadline(None, "r", "a")


# --- Deadline.status --------------------------------------------------------------------------

DUE = date(2025, 5, 20)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 5, 12), "ok"),  # 8 days left
        (date(2025, 5, 13), "due_soon"),  # 7 days left
        (date(2025, 5, 20), "due_soon"),  # due today
        (date(2025, 5, 21), "overdue"),  # one day late
    ],
)
def test_deadline_status_boundaries(today, expected):
    assert Deadline(DUE, "r", "a").status(today) == expected


def test_deadline_status_is_done_once_completed_even_after_the_due_date():
    deadline = Deadline(DUE, "r", "a").completed(date(2025, 6, 1))
    assert deadline.status(date(2025, 7, 1)) == "done"
    assert deadline.met is False


def test_deadline_met_when_done_on_the_due_date():
    assert Deadline(DUE, "r", "a", done_on=DUE).met is True


def test_deadline_without_due_date_is_ok_and_has_no_days_left():
    deadline = Deadline(None, "r", "a")
    assert deadline.status(DUE) == "ok"
    assert deadline.days_left(DUE) is None
    assert deadline.met is None


def test_deadline_days_left_is_negative_when_overdue():
    assert Deadline(DUE, "r", "a").days_left(date(2025, 5, 23)) == -3


def test_deadline_status_label_is_chinese():
    assert Deadline(DUE, "r", "a").status_label(date(2025, 5, 21)) == "已超期"
    assert set(workdays.STATUS_LABELS) == {"overdue", "due_soon", "ok", "done"}


def test_deadline_is_immutable():
    deadline = Deadline(DUE, "r", "a")
    with pytest.raises(AttributeError):
        deadline.due = date(2025, 1, 1)


# --- load_overrides ---------------------------------------------------------------------------


class _FakeQuerySet:
    def __init__(self, rows):
        self.rows = rows
        self.years = None

    def all(self):
        return self

    def filter(self, date__year__in):
        self.years = date__year__in
        return _FakeQuerySet([row for row in self.rows if row[0].year in date__year__in])

    def values_list(self, *fields):
        assert fields == ("date", "is_workday")
        return list(self.rows)


def test_load_overrides_reads_calendar_day_rows_of_the_requested_years(monkeypatch):
    from django.apps import apps

    rows = [(date(2031, 10, 1), False), (date(2031, 10, 11), 1), (date(2032, 1, 1), False)]
    model = type("CalendarDay", (), {"_default_manager": _FakeQuerySet(rows)})
    requested = []

    def get_model(app_label, model_name):
        requested.append((app_label, model_name))
        return model

    monkeypatch.setattr(apps, "get_model", get_model)
    assert workdays.load_overrides([2031]) == {date(2031, 10, 1): False, date(2031, 10, 11): True}
    assert requested == [("township", "CalendarDay")]
    assert len(workdays.load_overrides()) == 3
    assert WorkCalendar.from_database([2031]).has_data(2031)


def test_load_overrides_is_empty_when_the_model_is_not_installed(monkeypatch):
    from django.apps import apps

    def get_model(app_label, model_name):
        raise LookupError(model_name)

    monkeypatch.setattr(apps, "get_model", get_model)
    assert workdays.load_overrides([2031]) == {}
