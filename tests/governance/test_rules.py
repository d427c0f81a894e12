"""The governance rules as pure functions: due dates written as text, a due date on a holiday (《民法典》第二百零三条
by analogy), the yearly review cell, attendance cells, the laws studied."""

import datetime

import pytest

from governance import rules
from township.workdays import WorkCalendar

D = datetime.date
CALENDAR = WorkCalendar()  # the package's official calendar, no admin overrides


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("2025年6月底", None, D(2025, 6, 30)),
    ("2025年3月底前", None, D(2025, 3, 31)),
    ("2025年2月底", None, D(2025, 2, 28)),
    ("2024年2月底", None, D(2024, 2, 29)),
    ("年底", 2025, D(2025, 12, 31)),
    ("2025年底前", None, D(2025, 12, 31)),
    ("2025年", None, D(2025, 12, 31)),
    ("2025年度内", None, D(2025, 12, 31)),
    ("2025年上半年", None, D(2025, 6, 30)),
    ("下半年", 2026, D(2026, 12, 31)),
    ("三季度", 2025, D(2025, 9, 30)),
    ("2025年第一季度末", None, D(2025, 3, 31)),
    ("9月", 2025, D(2025, 9, 30)),
    ("年底", None, None),  # no year to read it in
    ("2025年13月底", None, None),
    ("2025-06-30", None, None),  # a plain date is the caller's to read
])
def test_due_dates_written_as_text_are_their_last_day(text, year, expected):
    assert rules.parse_due_text(text, year) == expected


def test_a_due_date_on_a_holiday_is_not_overdue_until_the_first_working_day_after_it():
    national_day = D(2025, 10, 1)  # 2025: 1-8 October off, the 9th a working day
    assert rules.effective_due(national_day, CALENDAR) == D(2025, 10, 9)
    assert rules.due_state(national_day, False, D(2025, 10, 8), 30, CALENDAR) == "due_soon"
    assert rules.due_state(national_day, False, D(2025, 10, 9), 30, CALENDAR) == "due_soon"
    assert rules.due_state(national_day, False, D(2025, 10, 10), 30, CALENDAR) == "overdue"
    assert rules.due_state(D(2025, 9, 30), False, D(2025, 10, 1), 30, CALENDAR) == "overdue"  # a working day
    assert rules.due_state(national_day, True, D(2026, 1, 1), 30, CALENDAR) == "done"
    assert rules.due_state(D(2025, 12, 31), False, D(2025, 12, 1), 30, CALENDAR) == "due_soon"  # the 30th day
    assert rules.due_state(D(2025, 12, 31), False, D(2025, 11, 30), 30, CALENDAR) == "ok"


def test_the_sql_list_of_overdue_due_dates_agrees_with_the_rule_for_every_day_around_holidays():
    for today in [D(2025, 1, 27) + datetime.timedelta(days=n) for n in range(20)] + \
                 [D(2025, 9, 28) + datetime.timedelta(days=n) for n in range(16)]:
        before, recent = rules.overdue_due_dates(today, CALENDAR)
        for offset in range(-40, 40):
            due = today + datetime.timedelta(days=offset)
            in_sql = due < before or due in recent
            assert in_sql == (rules.due_state(due, False, today, 30, CALENDAR) == "overdue"), (today, due)


@pytest.mark.parametrize(("cell", "parsed"), [
    ("2025年已审验", (2025, "passed", "")),
    ("2025年审验不合格", (2025, "failed", "")),
    ("2025年已审验；调离前最后一次审验", (2025, "passed", "调离前最后一次审验")),
    ("未换证", (None, "", "未换证")),
    ("2025年新取得", (None, "", "2025年新取得")),
    ("2025年5月调离，证件已收回", (None, "", "2025年5月调离，证件已收回")),
    ("2024年度审验合格", (2024, "passed", "2024年度审验合格")),
    ("", (None, "", "")),
])
def test_the_yearly_review_cell_is_read_and_written_back_the_same(cell, parsed):
    assert rules.parse_review(cell) == parsed
    assert rules.parse_review(rules.review_cell(*parsed)) == parsed  # export → import changes nothing


@pytest.mark.parametrize(("cell", "expected"), [
    ("向桂兰、王正权、田维新、陈文军等12人", (["向桂兰", "王正权", "田维新", "陈文军"], 12)),
    ("吴小燕、杨帆、石磊、彭丽", (["吴小燕", "杨帆", "石磊", "彭丽"], None)),
    ("镇党委班子成员", (["镇党委班子成员"], None)),
    ("张海", (["张海"], None)),
    ("镇村干部共５６人次", (["镇村干部"], 56)),
    ("", ([], None)),
])
def test_attendance_cells_give_the_names_and_the_stated_count(cell, expected):
    assert rules.split_attendance(cell) == expected


def test_laws_are_named_short_and_the_constitution_first():
    assert rules.law_names("会前学法：《中华人民共和国行政处罚法》", "《宪法》《民法典》《宪法》") == ["行政处罚法", "宪法", "民法典"]
    assert rules.most_studied({"行政处罚法": 3, "宪法": 3, "民法典": 4, "行政复议法": 1}) == ("宪法", "民法典", "行政处罚法")
    assert rules.most_studied({"民法典": 1}) == ("民法典",)
