"""Every statutory rule of enforcement/rules.py at its boundary (pure functions: no database).

National Day 2025: 1-8 October are rest days, Sunday 28 September and Saturday 11 October are working days;
the Dragon Boat Festival 2025: 31 May - 2 June are rest days (国办发明电〔2024〕12号, chinesecalendar 1.11).
"""

import datetime
from decimal import Decimal

import pytest

from enforcement import rules
from township.workdays import WorkCalendar

D = datetime.date
CAL = WorkCalendar()


# --- 统一社会信用代码 (GB 32100-2015) -------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["91500241MA60XK3L3W", "92500241MA5YQ7RT73", "91110000600037341L"])
def test_credit_code_check_character_of_real_and_sample_codes(code):
    assert rules.credit_code_check_character(code[:17]) == code[17]
    assert rules.credit_code_errors(code) == []


def test_credit_code_with_a_wrong_check_character_is_refused():
    errors = rules.credit_code_errors("91500241MA60XK3L3X")
    assert errors and "校验码" in errors[0]


def test_credit_code_is_read_in_lower_case_and_full_width_digits():
    assert rules.credit_code_errors("９１500241ma60xk3l3w") == []
    assert rules.normalise_credit_code(" 91500241ma60xk3l3w ") == "91500241MA60XK3L3W"


@pytest.mark.parametrize(("code", "word"), [
    ("91500241MA60XK3L3", "18位"),  # one short
    ("91500241MA60XK3L3WW", "18位"),
    ("91500241MA60XO3L3W", "“O”"),  # O is not in the alphabet
    ("915002A1MA60XK3L3W", "行政区划码"),
])
def test_credit_code_of_the_wrong_shape_is_refused_with_its_reason(code, word):
    errors = rules.credit_code_errors(code)
    assert errors and word in errors[0]


# --- 第四十二条: two officers with certificates valid that day -------------------------------------------------


def test_a_step_needs_two_officers():
    assert rules.officer_errors("立案", D(2025, 3, 3), [("龙文军", True), ("刘桂兰", True)]) == []
    errors = rules.officer_errors("立案", D(2025, 3, 3), [("龙文军", True)])
    assert len(errors) == 1 and "两名以上" in errors[0] and "第四十二条" in errors[0]


def test_a_step_names_the_officer_without_a_valid_certificate():
    errors = rules.officer_errors("作出决定", D(2025, 3, 31), [("龙文军", True), ("杨志强", False)])
    assert errors == ["杨志强在作出决定当日（2025-03-31）未持有有效的行政执法证件（《行政处罚法》第四十二条）。"]


def test_an_undated_step_is_not_checked():
    assert rules.officer_errors("送达", None, []) == []


# --- 第四十四、四十五、六十二条: no decision without the notice --------------------------------------------------


def test_a_penalty_decision_needs_a_notice_date_on_or_before_it():
    assert rules.notice_errors(True, D(2025, 3, 20), D(2025, 3, 20)) == []
    assert "告知日期" in rules.notice_errors(True, None, D(2025, 3, 31))[0]
    assert "早于告知日期" in rules.notice_errors(True, D(2025, 3, 20), D(2025, 3, 19))[0]


def test_an_order_to_correct_is_not_a_penalty_and_needs_no_notice():
    assert rules.notice_errors(False, None, D(2025, 3, 31)) == []


# --- 第六十四条: hearing periods in working days (第八十五条) ---------------------------------------------------


def test_hearing_notice_seven_working_days_ahead_is_accepted_six_is_refused():
    # notice served Tuesday 30 September; 7 working days later is Thursday 16 October across National Day
    assert rules.hearing_notice_errors(D(2025, 9, 30), D(2025, 10, 16), CAL) == []
    errors = rules.hearing_notice_errors(D(2025, 9, 30), D(2025, 10, 15), CAL)
    assert errors and "2025-10-16" in errors[0] and "第六十四条" in errors[0]


def test_hearing_request_on_the_fifth_working_day_is_in_time_the_sixth_is_flagged():
    assert rules.hearing_request_deadline(D(2025, 9, 30), CAL).due == D(2025, 10, 14)  # Sat 11 Oct is a working day
    assert rules.hearing_request_flags(D(2025, 9, 30), D(2025, 10, 14), CAL) == []
    assert rules.hearing_request_flags(D(2025, 9, 30), D(2025, 10, 15), CAL)


def test_a_decision_waits_for_the_hearing_asked_for():
    assert rules.hearing_before_decision_errors(True, D(2025, 6, 13), D(2025, 6, 25)) == []
    assert rules.hearing_before_decision_errors(True, None, D(2025, 6, 25))
    assert rules.hearing_before_decision_errors(True, D(2025, 6, 26), D(2025, 6, 25))
    assert rules.hearing_before_decision_errors(False, None, D(2025, 6, 25)) == []


# --- 第五十七、五十八条: legal review and collective discussion ------------------------------------------------


def test_a_major_case_is_decided_only_after_a_passed_legal_review():
    assert rules.legal_review_errors(True, D(2025, 6, 25), D(2025, 6, 25), True) == []
    assert rules.legal_review_errors(True, D(2025, 6, 25), None, False)
    assert rules.legal_review_errors(True, D(2025, 6, 25), D(2025, 6, 20), False)  # 不同意
    assert rules.legal_review_errors(True, D(2025, 6, 25), D(2025, 6, 26), True)  # reviewed after the decision
    assert rules.legal_review_errors(False, D(2025, 6, 25), None, False) == []


def test_the_legal_review_period_is_a_setting_longer_for_a_complex_case():
    assert rules.legal_review_deadline(D(2025, 6, 16), CAL).due == D(2025, 6, 25)
    assert rules.legal_review_deadline(D(2025, 6, 16), CAL, complex_case=True).due == D(2025, 6, 30)
    assert rules.legal_review_deadline(D(2025, 6, 16), CAL, workdays=5).due == D(2025, 6, 23)


def test_a_major_case_without_collective_discussion_is_flagged():
    assert rules.collective_discussion_flags(True, D(2025, 6, 24), D(2025, 6, 25)) == []
    assert rules.collective_discussion_flags(True, None, D(2025, 6, 25))
    assert rules.collective_discussion_flags(False, None, D(2025, 6, 25)) == []


# --- 第六十条: 90 days, 民法典第二百零三条 -----------------------------------------------------------------------


def test_decision_on_day_90_is_in_time_day_91_is_late():
    deadline = rules.decision_deadline(D(2025, 4, 1), CAL)
    assert deadline.due == D(2025, 6, 30)  # a Monday
    assert rules.decision_deadline(D(2025, 4, 1), CAL, done_on=D(2025, 6, 30)).met is True
    assert rules.decision_deadline(D(2025, 4, 1), CAL, done_on=D(2025, 7, 1)).met is False


def test_a_90_day_limit_ending_in_the_dragon_boat_holiday_moves_to_the_next_working_day():
    # 3 March + 90 days = Sunday 1 June, within 31 May - 2 June: the period ends on Tuesday 3 June
    assert rules.decision_deadline(D(2025, 3, 3), CAL).due == D(2025, 6, 3)
    assert rules.decision_deadline(D(2025, 3, 3), CAL, done_on=D(2025, 6, 3)).met is True


def test_a_limit_in_a_year_without_holiday_data_is_marked_as_an_estimate():
    deadline = rules.decision_deadline(D(2026, 12, 15), CAL)
    assert deadline.estimated and deadline.note


# --- 第六十一条: service within 7 working days ------------------------------------------------------------------


def test_service_on_the_seventh_working_day_across_national_day_is_in_time_the_eighth_is_late():
    deadline = rules.service_deadline(D(2025, 9, 30), CAL)
    assert deadline.due == D(2025, 10, 16)
    assert rules.service_deadline(D(2025, 9, 30), CAL, done_on=D(2025, 10, 16)).met is True
    assert rules.service_deadline(D(2025, 9, 30), CAL, done_on=D(2025, 10, 17)).met is False


# --- 第三十六条: limitation ----------------------------------------------------------------------------------


def test_limitation_is_two_years_five_where_safety_was_harmed():
    assert rules.limitation_flags(D(2023, 3, 1), D(2025, 3, 1), False) == []
    assert rules.limitation_flags(D(2023, 3, 1), D(2025, 3, 2), False)
    assert rules.limitation_flags(D(2023, 3, 1), D(2025, 3, 2), True) == []
    assert rules.limitation_flags(D(2020, 3, 1), D(2025, 3, 2), True)


def test_a_period_in_years_from_29_february_ends_on_28_february():
    assert rules.add_years(D(2024, 2, 29), 2) == D(2026, 2, 28)


# --- 第五十一条: on-the-spot limits ---------------------------------------------------------------------------


@pytest.mark.parametrize(("organisation", "amount", "allowed"), [
    (False, Decimal("200"), True), (False, Decimal("201"), False), (False, Decimal("200.01"), False),
    (True, Decimal("3000"), True), (True, Decimal("3001"), False),
])
def test_on_the_spot_fines_up_to_200_for_a_citizen_and_3000_for_an_organisation(organisation, amount, allowed):
    errors = rules.on_the_spot_errors(organisation, "fine", amount, warning="warning", fine="fine")
    assert (errors == []) is allowed
    if not allowed:
        assert "第五十一条" in errors[0]


def test_on_the_spot_only_warning_or_fine():
    assert rules.on_the_spot_errors(False, "warning", None, warning="warning", fine="fine") == []
    assert rules.on_the_spot_errors(False, "confiscation", None, warning="warning", fine="fine")


# --- 第六十七、七十二条: payment and surcharge -------------------------------------------------------------------


def test_payment_within_15_days_moves_past_national_day():
    # served 20 September + 15 days = 5 October (holiday): the period ends on Thursday 9 October
    assert rules.payment_deadline(D(2025, 9, 20), CAL).due == D(2025, 10, 9)
    # served 26 September + 15 days = Saturday 11 October, an adjusted working day: it ends that day
    assert rules.payment_deadline(D(2025, 9, 26), CAL).due == D(2025, 10, 11)


@pytest.mark.parametrize(("paid", "surcharge"), [
    (D(2025, 10, 9), "0.00"), (D(2025, 10, 10), "30.00"), (D(2025, 11, 11), "990.00"),
    (D(2025, 11, 12), "1000.00"), (D(2026, 1, 1), "1000.00"),
])
def test_surcharge_is_3_percent_a_day_never_above_the_fine(paid, surcharge):
    assert rules.late_payment_surcharge(Decimal("1000"), D(2025, 10, 9), paid) == Decimal(surcharge)


# --- 国办发〔2018〕118号: publication ------------------------------------------------------------------------------


def test_publication_within_7_working_days_of_a_penalty_20_of_another_decision():
    assert rules.publication_deadline(D(2025, 9, 30), True, CAL).due == D(2025, 10, 16)
    assert rules.publication_deadline(D(2025, 9, 30), False, CAL).due == D(2025, 11, 4)
    assert rules.publication_deadline(D(2025, 9, 30), True, CAL, done_on=D(2025, 10, 17)).met is False


# --- 行政复议法, 行政诉讼法: the township's answers --------------------------------------------------------------------


def test_reconsideration_answer_within_10_working_days():
    # Sun 28 Sep, 29, 30 Sep, 9, 10, Sat 11, 13, 14, 15, 16 Oct
    assert rules.reconsideration_answer_deadline(D(2025, 9, 26), CAL).due == D(2025, 10, 16)


def test_reconsideration_decided_within_60_days_or_90_when_extended():
    assert rules.reconsideration_decision_deadline(D(2025, 3, 3), False, CAL).due == D(2025, 5, 6)  # 2 May: holiday
    assert rules.reconsideration_decision_deadline(D(2025, 3, 3), True, CAL).due == D(2025, 6, 3)


def test_litigation_answer_within_15_days_moves_past_a_holiday():
    assert rules.litigation_answer_deadline(D(2025, 9, 20), CAL).due == D(2025, 10, 9)


# --- 重大行政决策程序暂行条例 --------------------------------------------------------------------------------------


def test_comment_period_of_30_days_is_accepted_29_refused():
    assert rules.comment_period_errors(D(2025, 3, 1), D(2025, 3, 31)) == []
    errors = rules.comment_period_errors(D(2025, 3, 1), D(2025, 3, 30))
    assert errors and "第十五条" in errors[0] and "2025-03-31" in errors[0]


def test_a_major_decision_is_decided_only_after_comment_review_and_meeting():
    complete = {"comment_ended_on": D(2025, 4, 10), "comment_exempt": False, "reviewed_on": D(2025, 5, 6),
                "review_passed": True, "meeting_on": D(2025, 5, 12)}
    assert rules.major_decision_errors(D(2025, 5, 12), **complete) == []
    assert len(rules.major_decision_errors(D(2025, 5, 12), **{**complete, "comment_ended_on": None})) == 1
    assert rules.major_decision_errors(D(2025, 5, 12), **{**complete, "comment_ended_on": None, "comment_exempt": True}) == []
    assert "第二十五条" in rules.major_decision_errors(D(2025, 5, 12), **{**complete, "review_passed": False})[0]
    assert "第三十条" in rules.major_decision_errors(D(2025, 5, 12), **{**complete, "meeting_on": D(2025, 5, 13)})[0]


def test_legality_review_given_fewer_than_7_working_days_before_the_meeting_is_flagged():
    assert rules.major_decision_review_time_flags(D(2025, 4, 22), D(2025, 4, 30), CAL) == []  # Sun 27 Apr works
    assert rules.major_decision_review_time_flags(D(2025, 4, 22), D(2025, 4, 29), CAL)


def test_normative_document_review_within_15_working_days():
    # 23-26, Sun 28, 29, 30 Sep (7), 9, 10, Sat 11, 13-17 Oct (15)
    assert rules.normative_review_deadline(D(2025, 9, 22), CAL).due == D(2025, 10, 17)


# --- the public page ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "shown"), [("彭正权", "彭某某"), ("田静", "田某某"), ("欧阳娜娜", "欧阳某某"),
                                             (" 向 志强", "向某某"), ("", "某某")])
def test_a_natural_person_is_shown_by_surname_only(name, shown):
    assert rules.surname_only(name) == shown


def test_disclosure_ends_after_five_years_two_for_a_natural_person():
    assert rules.disclosure_ends(D(2025, 4, 3), False, years=5, person_years=2) == D(2030, 4, 3)
    assert rules.disclosure_ends(D(2025, 4, 3), True, years=5, person_years=2) == D(2027, 4, 3)


def test_amounts_are_written_as_decisions_write_them():
    assert rules.yuan(Decimal("20000.00")) == "20000"
    assert rules.yuan(Decimal("1500.50")) == "1500.5"
