"""Statutory deadlines and checks for petitions and disputes (disputes/rules.py)."""

from datetime import date, timedelta

import pytest

from disputes import rules
from township.workdays import Deadline, WorkCalendar

D = date(2025, 3, 3)


def days(n: int) -> date:
    return D + timedelta(days=n)


# --- 《信访工作条例》第二十二、二十三条: acceptance within 15 days --------------------------------------


def test_petition_acceptance_deadline_is_15_calendar_days_after_receipt():
    deadline = rules.petition_acceptance_deadline(D)
    assert deadline.due == days(15)
    assert deadline.rule == "受理告知期限"
    assert "第二十二条" in deadline.article
    assert "信访工作条例" in deadline.article
    assert deadline.estimated is False


def test_petition_acceptance_on_day_15_is_in_time_and_day_16_is_late():
    deadline = rules.petition_acceptance_deadline(D)
    assert deadline.completed(days(15)).met is True
    assert deadline.completed(days(16)).met is False


def test_petition_acceptance_deadline_counts_calendar_days_through_national_day():
    assert rules.petition_acceptance_deadline(date(2025, 9, 26)).due == date(2025, 10, 11)


def test_petition_acceptance_deadline_without_receipt_date_has_no_due_date():
    assert rules.petition_acceptance_deadline(None).due is None


def test_petition_acceptance_deadline_done_when_notified():
    deadline = rules.petition_acceptance_deadline(D, done_on=days(3))
    assert deadline.status(days(40)) == "done"


# --- 《信访工作条例》第二十三条: objection within 5 working days --------------------------------------


def test_routing_objection_deadline_is_5_working_days_across_national_day_2025():
    deadline = rules.petition_routing_objection_deadline(date(2025, 9, 30), WorkCalendar())
    # Thu 9, Fri 10, Sat 11 (调休上班), Mon 13, Tue 14 October
    assert deadline.due == date(2025, 10, 14)
    assert deadline.article == "《信访工作条例》第二十三条"
    assert deadline.estimated is False


def test_routing_objection_deadline_counts_adjusted_sunday_before_national_day_2025():
    # Fri 26 Sep: Sun 28 (调休上班), Mon 29, Tue 30, Thu 9, Fri 10
    deadline = rules.petition_routing_objection_deadline(date(2025, 9, 26), WorkCalendar())
    assert deadline.due == date(2025, 10, 10)


def test_routing_objection_deadline_is_not_5_calendar_days():
    deadline = rules.petition_routing_objection_deadline(date(2025, 6, 13), WorkCalendar())  # a Friday
    assert deadline.due == date(2025, 6, 20)


def test_routing_objection_deadline_in_a_year_without_calendar_data_is_estimated_not_an_error():
    deadline = rules.petition_routing_objection_deadline(date(2031, 9, 30), WorkCalendar())
    assert deadline.due == date(2031, 10, 10)  # weekends and 国庆节 1-3 October: Mon 6 ... Fri 10
    assert deadline.estimated is True


def test_routing_objection_deadline_uses_the_override_table_for_2031():
    overrides = {date(2031, 10, d): False for d in range(1, 8)}
    deadline = rules.petition_routing_objection_deadline(date(2031, 9, 30), WorkCalendar(overrides))
    assert deadline.due == date(2031, 10, 14)
    assert deadline.estimated is False


def test_routing_objection_deadline_keeps_done_on():
    deadline = rules.petition_routing_objection_deadline(D, WorkCalendar(), done_on=days(1))
    assert deadline.done_on == days(1)
    assert deadline.status(days(30)) == "done"


# --- 《信访工作条例》第三十四条: close within 60 days, extension ≤ 30 --------------------------------

# Accepted Thursday 9 January 2025: days 60, 61, 70, 90 and 91 are working days, so that 《民法典》第二百零三条
# moves none of them (from D, day 60 is 2 May, a holiday).
ACCEPTED = date(2025, 1, 9)


def after_acceptance(n: int) -> date:
    return ACCEPTED + timedelta(days=n)


def test_petition_closing_deadline_is_60_days_after_acceptance():
    deadline = rules.petition_closing_deadline(ACCEPTED)
    assert deadline.due == after_acceptance(60)
    assert deadline.rule == "办结期限"
    assert deadline.article == "《信访工作条例》第三十四条"


def test_petition_closed_on_day_60_is_on_time_and_day_61_is_late():
    deadline = rules.petition_closing_deadline(ACCEPTED)
    assert rules.petition_closed_on_time(after_acceptance(60), deadline) is True
    assert rules.petition_closed_on_time(after_acceptance(61), deadline) is False


def test_petition_closing_deadline_adds_the_extension():
    assert rules.petition_closing_deadline(ACCEPTED, 10).due == after_acceptance(70)
    assert rules.petition_closing_deadline(ACCEPTED, 30).due == after_acceptance(90)


def test_petition_closing_deadline_extends_by_at_most_30_days():
    assert rules.petition_closing_deadline(ACCEPTED, 31).due == after_acceptance(90)
    assert rules.petition_closing_deadline(ACCEPTED, 365).due == after_acceptance(90)


@pytest.mark.parametrize("extension", [None, 0, -5])
def test_petition_closing_deadline_ignores_missing_or_negative_extension(extension):
    assert rules.petition_closing_deadline(ACCEPTED, extension).due == after_acceptance(60)


def test_petition_closing_deadline_without_acceptance_date_has_no_due_date():
    assert rules.petition_closing_deadline(None, 30).due is None


def test_petition_closed_on_time_accepts_a_plain_date():
    assert rules.petition_closed_on_time(days(5), days(5)) is True


def test_petition_closed_on_time_is_undetermined_while_open_or_undated():
    assert rules.petition_closed_on_time(None, rules.petition_closing_deadline(D)) is None
    assert rules.petition_closed_on_time(D, Deadline(None, "办结期限", "x")) is None
    assert rules.petition_closed_on_time(D, None) is None


def test_petition_extension_of_1_and_30_days_with_reason_and_approver_is_valid():
    assert rules.validate_petition_extension(1, "需调查核实", "张镇长") == []
    assert rules.validate_petition_extension(30, "需调查核实", "张镇长") == []


def test_petition_extension_of_31_days_is_rejected():
    errors = rules.validate_petition_extension(31, "需调查核实", "张镇长")
    assert len(errors) == 1
    assert "30" in errors[0]


@pytest.mark.parametrize("extension", [0, -1, None])
def test_petition_extension_with_reason_but_no_positive_days_is_rejected(extension):
    assert len(rules.validate_petition_extension(extension, "需调查核实", "张镇长")) == 1


def test_petition_extension_requires_a_reason():
    errors = rules.validate_petition_extension(15, "  ", "张镇长")
    assert len(errors) == 1
    assert "理由" in errors[0]


def test_petition_extension_requires_an_approver():
    errors = rules.validate_petition_extension(15, "需调查核实", None)
    assert len(errors) == 1
    assert "批准" in errors[0]


def test_petition_extension_collects_every_error():
    assert len(rules.validate_petition_extension(45, "", "")) == 3


def test_no_extension_at_all_is_valid():
    assert rules.validate_petition_extension(None, None, None) == []
    assert rules.validate_petition_extension(0, "", "") == []


# --- 《信访工作条例》第三十五、三十六条: review and re-review ------------------------------------------


@pytest.mark.parametrize(
    ("function", "rule", "article"),
    [
        (rules.review_request_deadline, "复查申请期限", "第三十五条"),
        (rules.review_reply_deadline, "复查意见期限", "第三十五条"),
        (rules.re_review_request_deadline, "复核申请期限", "第三十六条"),
        (rules.re_review_reply_deadline, "复核意见期限", "第三十六条"),
    ],
)
def test_review_deadlines_are_30_days(function, rule, article):
    deadline = function(D)
    assert deadline.due == days(30)
    assert deadline.rule == rule
    assert deadline.article == f"《信访工作条例》{article}"
    assert deadline.completed(days(30)).met is True
    assert deadline.completed(days(31)).met is False
    assert function(None).due is None


def test_reopening_is_blocked_after_re_review():
    assert rules.can_reopen_after_re_review(rules.RE_REVIEW) is False


def test_reopening_is_allowed_before_re_review():
    assert rules.can_reopen_after_re_review(rules.REVIEW_NONE) is True
    assert rules.can_reopen_after_re_review(rules.REVIEW) is True


def test_reopening_after_re_review_is_allowed_on_new_facts_and_reasons():
    assert rules.can_reopen_after_re_review(rules.RE_REVIEW, same_facts_and_reasons=False) is True


# --- 《信访工作条例》第二十条: group visits ---------------------------------------------------------


def test_group_visit_of_5_representatives_is_not_flagged():
    assert rules.group_visit_flag(5) == []


def test_group_visit_of_6_representatives_is_flagged():
    flags = rules.group_visit_flag(6)
    assert len(flags) == 1
    assert "第二十条" in flags[0]
    assert "6" in flags[0]


@pytest.mark.parametrize("count", [None, 0, 1])
def test_single_or_unknown_visitors_are_not_flagged(count):
    assert rules.group_visit_flag(count) == []


# --- 《人民调解工作若干规定》第三十六条: one month ----------------------------------------------------


def test_dispute_open_30_days_is_not_flagged():
    assert rules.dispute_open_too_long(D, None, days(30)) == []


def test_dispute_open_31_days_is_flagged():
    flags = rules.dispute_open_too_long(D, None, days(31))
    assert len(flags) == 1
    assert "未调结" in flags[0]
    assert "第三十六条" in flags[0]


def test_dispute_closed_on_day_30_is_not_flagged_later():
    assert rules.dispute_open_too_long(D, days(30), days(400)) == []


def test_dispute_closed_after_31_days_is_flagged_as_slow():
    flags = rules.dispute_open_too_long(D, days(31), days(400))
    assert len(flags) == 1
    assert "用时31日" in flags[0]


def test_dispute_without_registration_date_is_not_flagged():
    assert rules.dispute_open_too_long(None, None, days(100)) == []


def test_dispute_mediation_deadline_is_30_days():
    deadline = rules.dispute_mediation_deadline(D)
    assert deadline.due == days(30)
    assert deadline.article == "《人民调解工作若干规定》第三十六条"


# --- 《人民调解法》第三十三条: judicial confirmation -------------------------------------------------


def test_judicial_confirmation_deadline_is_30_days_after_the_agreement():
    deadline = rules.judicial_confirmation_deadline(D)
    assert deadline.due == days(30)
    assert deadline.rule == "司法确认申请期限"
    assert deadline.article == "《人民调解法》第三十三条"
    assert deadline.status(days(30)) == "due_soon"
    assert deadline.status(days(31)) == "overdue"


# --- 《人民调解法》第二十八至三十条: agreements -----------------------------------------------------


def test_written_agreement_without_terms_is_an_error():
    assert len(rules.written_agreement_needs_terms(rules.AGREEMENT_WRITTEN, "")) == 1
    assert len(rules.written_agreement_needs_terms(rules.AGREEMENT_WRITTEN, "  \n")) == 1
    assert len(rules.written_agreement_needs_terms(rules.AGREEMENT_WRITTEN, None)) == 1


def test_written_agreement_with_terms_is_fine():
    terms = "甲方于2025年4月1日前赔偿乙方2000元"
    assert rules.written_agreement_needs_terms(rules.AGREEMENT_WRITTEN, terms) == []


def test_oral_agreement_needs_no_written_terms():
    assert rules.written_agreement_needs_terms(rules.AGREEMENT_ORAL, "") == []
    assert rules.written_agreement_needs_terms(None, "") == []


# --- 《人民调解法》第二十五条: police referral -----------------------------------------------------


def test_high_risk_dispute_without_police_referral_is_flagged():
    flags = rules.high_risk_without_police_referral(rules.RISK_HIGH, False)
    assert len(flags) == 1
    assert "公安" in flags[0]
    assert len(rules.high_risk_without_police_referral(rules.RISK_HIGH, None)) == 1


def test_high_risk_dispute_referred_to_police_is_fine():
    assert rules.high_risk_without_police_referral(rules.RISK_HIGH, True) == []


@pytest.mark.parametrize("level", [rules.RISK_MEDIUM, rules.RISK_LOW, None, ""])
def test_lower_risk_dispute_needs_no_police_referral(level):
    assert rules.high_risk_without_police_referral(level, False) == []


# --- 《人民调解法》第二十六条: failed mediation --------------------------------------------------


def test_failed_mediation_without_advice_is_an_error():
    assert len(rules.failed_mediation_needs_advice(rules.DISPUTE_FAILED, "")) == 1
    assert len(rules.failed_mediation_needs_advice(rules.DISPUTE_FAILED, None)) == 1


def test_failed_mediation_with_advice_is_fine():
    assert rules.failed_mediation_needs_advice(rules.DISPUTE_FAILED, "已告知可向法院起诉") == []


def test_other_statuses_need_no_advice():
    assert rules.failed_mediation_needs_advice(rules.DISPUTE_SUCCEEDED, "") == []
    assert rules.failed_mediation_needs_advice(rules.DISPUTE_OPEN, None) == []


# --- 《人民调解法》第八条: committee composition ---------------------------------------------------


@pytest.mark.parametrize("members", [3, 9])
def test_committee_of_3_to_9_members_with_a_woman_is_fine(members):
    assert rules.mediation_committee_flags(members, 1) == []


def test_committee_of_2_members_is_flagged():
    flags = rules.mediation_committee_flags(2, 1)
    assert len(flags) == 1
    assert "不足3人" in flags[0]


def test_committee_of_10_members_is_flagged():
    flags = rules.mediation_committee_flags(10, 2)
    assert len(flags) == 1
    assert "超过9人" in flags[0]


def test_committee_without_women_is_flagged():
    flags = rules.mediation_committee_flags(5, 0)
    assert len(flags) == 1
    assert "妇女" in flags[0]


def test_committee_with_no_data_gets_both_flags():
    assert len(rules.mediation_committee_flags(None, None)) == 2


# --- constants the models reuse -----------------------------------------------------------------


def test_choices_are_value_label_pairs():
    assert rules.choices(rules.RISK_LEVELS) == [("high", "高"), ("medium", "中"), ("low", "低")]
    assert rules.choices(rules.AGREEMENT_FORMS) == [("written", "书面"), ("oral", "口头")]


def test_every_closed_status_is_a_status():
    assert set(rules.DISPUTE_CLOSED_STATUSES) < set(rules.DISPUTE_STATUSES)
    assert rules.DISPUTE_OPEN not in rules.DISPUTE_CLOSED_STATUSES


# --- 《民法典》第二百零三条: a last day on a rest day moves to the next working day (issue 7, item 14) -----------


def test_petition_accepted_on_20_december_2025_is_due_on_24_february_2026_not_18_february():
    # day 60 is Wednesday 18 February 2026, inside the Spring Festival holiday of 15-23 February
    deadline = rules.petition_closing_deadline(date(2025, 12, 20))
    assert deadline.due == date(2026, 2, 24)
    assert deadline.estimated is False


def test_petition_closed_on_the_first_working_day_after_the_holiday_is_on_time():
    deadline = rules.petition_closing_deadline(date(2025, 12, 20))
    assert rules.petition_closed_on_time(date(2026, 2, 24), deadline) is True
    assert rules.petition_closed_on_time(date(2026, 2, 25), deadline) is False
    assert deadline.completed(date(2026, 2, 24)).met is True


def test_a_15_day_acceptance_deadline_on_a_sunday_ends_on_monday():
    deadline = rules.petition_acceptance_deadline(date(2025, 6, 14))  # day 15: Sunday 29 June 2025
    assert deadline.due == date(2025, 6, 30)
    assert deadline.status(date(2025, 6, 30)) == "due_soon"
    assert deadline.completed(date(2025, 6, 30)).met is True


@pytest.mark.parametrize(
    "function",
    [rules.review_request_deadline, rules.review_reply_deadline, rules.re_review_request_deadline,
     rules.re_review_reply_deadline, rules.dispute_mediation_deadline, rules.judicial_confirmation_deadline],
)
def test_every_30_day_period_ending_on_national_day_ends_on_the_first_working_day(function):
    # from 1 September 2025, day 30 is 1 October; the holiday runs to 8 October
    assert function(date(2025, 9, 1)).due == date(2025, 10, 9)


def test_dispute_closed_on_the_first_working_day_after_the_holiday_is_not_flagged_as_slow():
    assert rules.dispute_open_too_long(date(2025, 9, 1), date(2025, 10, 9), date(2025, 12, 1)) == []
    assert len(rules.dispute_open_too_long(date(2025, 9, 1), date(2025, 10, 10), date(2025, 12, 1))) == 1
    assert rules.dispute_open_too_long(date(2025, 9, 1), None, date(2025, 10, 9)) == []


def test_a_year_without_calendar_data_keeps_labour_day_and_national_day_and_says_it_is_an_estimate():
    # 2031: 1-2 May (Thursday, Friday) and 1-3 October (Wednesday-Friday) are statutory holidays
    may = rules.petition_acceptance_deadline(date(2031, 4, 16))  # day 15: 1 May
    october = rules.dispute_mediation_deadline(date(2031, 9, 1))  # day 30: 1 October
    assert (may.due, may.estimated) == (date(2031, 5, 5), True)
    assert (october.due, october.estimated) == (date(2031, 10, 6), True)
    assert "仅供参考" in may.note


def test_the_override_table_decides_a_year_without_package_data():
    calendar = WorkCalendar({date(2031, 5, 5): False})  # the admin's 2031 notice: 5 May is 调休
    deadline = rules.petition_acceptance_deadline(date(2031, 4, 16), calendar=calendar)
    assert (deadline.due, deadline.estimated) == (date(2031, 5, 6), False)
