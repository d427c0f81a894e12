"""How figures, dates and headings are worded in the report (reports.wording)."""

import datetime

import pytest

from reports.wording import (
    NO_RATE,
    chinese_date,
    chinese_numeral,
    chinese_ordinal_heading,
    format_count,
    format_rate,
    to_fullwidth_punctuation,
)

# --- counts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (106, "人次", "100余人次"),
        (1043, "人次", "1000余人次"),
        (530, "份", "500余份"),
        (42, "件", "40余件"),
        (111, "件", "100余件"),
        (2350, "人次", "2000余人次"),  # the leading digit only: never 2300余
        (99, "人", "90余人"),
        (15, "次", "10余次"),
    ],
)
def test_rounded_count_keeps_the_leading_digit_and_adds_yu(value, unit, expected):
    assert format_count(value, unit, rounded=True) == expected


@pytest.mark.parametrize("value", [10, 100, 500, 1000, 2000, 30000])
def test_rounded_count_prints_an_exact_round_number_without_yu(value):
    assert format_count(value, "人次", rounded=True) == f"{value}人次"


@pytest.mark.parametrize("value", [0, 1, 5, 9])
def test_rounded_count_below_ten_is_exact(value):
    assert format_count(value, "次", rounded=True) == f"{value}次"


def test_exact_count():
    assert format_count(106, "人次", rounded=False) == "106人次"
    assert format_count(0, "件", rounded=False) == "0件"


def test_rounded_count_never_overstates():
    for value in [*range(0, 5000), 10**6 + 1, 987654]:
        printed = format_count(value, "", rounded=True)
        number = int(printed.removesuffix("余"))
        assert number <= value, value
        assert printed.endswith("余") == (number < value), value


def test_count_refuses_negative_and_non_integer_values():
    with pytest.raises(ValueError):
        format_count(-1, "件", rounded=True)
    with pytest.raises(TypeError):
        format_count(10.5, "件", rounded=False)


# --- rates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (982, 1000, "98.2%"),
        (111, 111, "100%"),
        (49, 50, "98%"),
        (1, 3, "33.3%"),
        (2, 3, "66.7%"),  # half up
        (0, 42, "0%"),
        (9999, 10000, "99.9%"),  # never 100% unless all
        (1, 10000, "不足0.1%"),  # never 0% unless none
    ],
)
def test_exact_rate(numerator, denominator, expected):
    assert format_rate(numerator, denominator, rounded=False) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (42, 42, "100%"),
        (49, 50, "98%以上"),  # exactly 98%: 以上 includes the number itself
        (993, 1000, "98%以上"),
        (976, 1000, "95%以上"),  # 97.6% is not 98%以上
        (95, 100, "95%以上"),
        (949, 1000, "90%以上"),
        (899, 1000, "85%以上"),
        (849, 1000, "80%以上"),
        (799, 1000, "79.9%"),  # below the lowest threshold: exact
        (1, 3, "33.3%"),
        (0, 5, "0%"),
    ],
)
def test_rounded_rate_uses_the_threshold_it_reaches(numerator, denominator, expected):
    assert format_rate(numerator, denominator, rounded=True) == expected


def test_rate_with_a_zero_denominator_is_a_dash_not_a_figure():
    assert format_rate(0, 0, rounded=False) == NO_RATE == "—"
    assert format_rate(0, 0, rounded=True) == "—"


def test_rate_refuses_a_share_above_the_whole():
    with pytest.raises(ValueError):
        format_rate(5, 4, rounded=False)


# --- punctuation -------------------------------------------------------------------------------------


def test_chinese_running_text_gets_full_width_punctuation():
    text = '(一)强化组织保障,压实法治建设责任:形成"党委领导、政府负责"的格局;是否?是!'
    assert (
        to_fullwidth_punctuation(text)
        == "（一）强化组织保障，压实法治建设责任：形成“党委领导、政府负责”的格局；是否？是！"
    )


def test_reference_web_copy_is_converted():
    text = "全镇6个村(社区)实现“一村一法律顾问”全覆盖,化解率达100%;受理信访事项42件"
    assert to_fullwidth_punctuation(text) == (
        "全镇6个村（社区）实现“一村一法律顾问”全覆盖，化解率达100%；受理信访事项42件"
    )


@pytest.mark.parametrize(
    "text",
    [
        "1,043",
        "98.2%",
        "10:30",
        "2025-03-05",
        "Hello, world! (ok) Is it? Yes: no; maybe.",
        'x = "a"; y',
        "https://www.cq.gov.cn/zwgk/a.html?x=1&y=(2)",
    ],
)
def test_non_chinese_text_is_left_alone(text):
    assert to_fullwidth_punctuation(text) == text


def test_numbers_dates_and_urls_inside_chinese_text_are_left_alone():
    text = "共1,043人次,满意度98.2%,时间10:30,日期2025-03-05,网址https://example.gov.cn/a?b=1&c=(2),详见"
    assert to_fullwidth_punctuation(text) == (
        "共1,043人次，满意度98.2%，时间10:30，日期2025-03-05，网址https://example.gov.cn/a?b=1&c=(2)，详见"
    )


def test_parentheses_convert_in_pairs():
    assert to_fullwidth_punctuation("(1)加强队伍建设") == "（1）加强队伍建设"
    assert to_fullwidth_punctuation("见(https://x.gov.cn/a)。") == "见（https://x.gov.cn/a）。"


def test_quotes_convert_in_pairs_and_an_unpaired_quote_stays():
    assert to_fullwidth_punctuation('推行"三项制度"与"一站式"平台') == "推行“三项制度”与“一站式”平台"
    assert to_fullwidth_punctuation('他说"你好') == '他说"你好'


def test_conversion_is_idempotent():
    once = to_fullwidth_punctuation('(一)强化"保障",压实:责任')
    assert to_fullwidth_punctuation(once) == once


# --- dates and headings ------------------------------------------------------------------------------


def test_chinese_date():
    assert chinese_date(datetime.date(2025, 3, 5)) == "2025年3月5日"
    assert chinese_date(datetime.date(2025, 12, 31)) == "2025年12月31日"


@pytest.mark.parametrize(
    ("n", "numeral"),
    [(1, "一"), (5, "五"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")],
)
def test_chinese_numeral(n, numeral):
    assert chinese_numeral(n) == numeral


def test_ordinal_headings_of_three_levels():
    assert chinese_ordinal_heading(1, 1) == "一、"
    assert chinese_ordinal_heading(3, 1) == "三、"
    assert chinese_ordinal_heading(1, 2) == "（一）"
    assert chinese_ordinal_heading(5, 2) == "（五）"
    assert chinese_ordinal_heading(2, 3) == "二是"
    with pytest.raises(ValueError):
        chinese_ordinal_heading(1, 4)
    with pytest.raises(ValueError):
        chinese_ordinal_heading(0, 1)
