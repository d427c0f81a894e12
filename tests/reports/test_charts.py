"""Server-drawn SVG charts (reports.charts): valid XML, escaped text, months, values."""

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from reports.charts import MONTH_LABELS, monthly_bar_chart, progress_bar

SVG = "{http://www.w3.org/2000/svg}"
THIS_YEAR = [3, 8, 12, 9, 10, 7, 11, 13, 9, 10, 8, 11]
LAST_YEAR = [2, 5, 9, 7, 6, 8, 10, 9, 7, 8, 6, 9]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed XML


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in parse(svg).iter(f"{SVG}text")]


def test_monthly_chart_is_one_valid_svg_element():
    svg = monthly_bar_chart([("2025年", THIS_YEAR), ("2024年", LAST_YEAR)], title="矛盾纠纷 月度趋势")
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "640"
    assert root.get("height") == "240"
    assert root.get("viewBox") == "0 0 640 240"
    assert "Noto Sans CJK SC" in root.get("font-family")


def test_monthly_chart_has_twelve_month_labels_in_order():
    labels = [
        text for text in texts(monthly_bar_chart([("2025年", THIS_YEAR)], title="t")) if text.endswith("月")
    ]
    assert labels == list(MONTH_LABELS) == [f"{m}月" for m in range(1, 13)]


def test_monthly_chart_prints_every_value_and_the_legend():
    svg = monthly_bar_chart([("2025年", THIS_YEAR), ("2024年", LAST_YEAR)], title="矛盾纠纷")
    printed = texts(svg)
    assert "矛盾纠纷" in printed
    assert "2025年" in printed
    assert "2024年" in printed
    bars = parse(svg).findall(f"{SVG}rect")
    assert len(bars) == 2 + 24  # two legend keys, 24 bars
    values = [text for text in printed if text.isdigit()]
    for value in THIS_YEAR + LAST_YEAR:
        assert str(value) in values


def test_monthly_chart_bars_are_proportional():
    svg = monthly_bar_chart([("a", [0, 5, 10, 20, 0, 0, 0, 0, 0, 0, 0, 40])], title="")
    # after the legend key, one bar per non-zero month (a zero draws no bar, only its label "0")
    heights = [float(rect.get("height")) for rect in parse(svg).findall(f"{SVG}rect")][1:]
    assert len(heights) == 4
    assert heights[0] * 2 == pytest.approx(heights[1])
    assert heights[1] * 2 == pytest.approx(heights[2])
    assert heights[2] * 2 == pytest.approx(heights[3])


def test_all_zero_series_draws_without_error():
    svg = monthly_bar_chart([("2025年", [0] * 12)], title="无数据")
    assert texts(svg).count("0") >= 12


def test_text_is_escaped_not_markup():
    svg = monthly_bar_chart(
        [("<script>alert(1)</script>", THIS_YEAR), ("\"&'", LAST_YEAR)], title="<b>标题</b> & 1<2"
    )
    root = parse(svg)
    assert not [
        element for element in root.iter() if element.tag in {f"{SVG}script", "script", f"{SVG}b", "b"}
    ]
    assert "<script>" not in svg
    printed = texts(svg)
    assert "<script>alert(1)</script>" in printed
    assert "<b>标题</b> & 1<2" in printed
    assert "\"&'" in printed
    assert root.get("aria-label") == "<b>标题</b> & 1<2"


def test_chart_has_no_script_no_external_reference_and_no_style_attribute():
    svg = monthly_bar_chart([("2025年", THIS_YEAR)], title="t") + progress_bar(3, 8, label="培训")
    for needle in ("<script", "href", "url(", "http://", "https://", "style=", "javascript:", " id="):
        if needle == "http://":
            assert svg.count(needle) == svg.count('xmlns="http://www.w3.org/2000/svg"')
        else:
            assert needle not in svg


def test_chart_is_included_by_a_template_without_escaping():
    svg = progress_bar(3, 8, label="<i>专题培训</i>")
    rendered = Template("{{ chart }}").render(Context({"chart": svg}))
    assert rendered == svg
    assert "&lt;i&gt;专题培训&lt;/i&gt;" in rendered


@pytest.mark.parametrize("series", [[], [("a", [1] * 12)] * 3, [("a", [1] * 11)], [("a", [-1] + [0] * 11)]])
def test_monthly_chart_refuses_bad_series(series):
    with pytest.raises(ValueError):
        monthly_bar_chart(series, title="t")


def test_progress_bar_against_target():
    svg = progress_bar(3, 8, label="专题培训")
    root = parse(svg)
    assert "专题培训" in texts(svg)
    assert "3 / 8（37%）" in texts(svg)  # 37.5% rounded down
    track, fill = root.findall(f"{SVG}rect")
    assert float(fill.get("width")) == pytest.approx(float(track.get("width")) * 3 / 8)


def test_progress_bar_reached_and_exceeded_target_is_full_and_green():
    svg = progress_bar(15, 12, label="线上推送")
    track, fill = parse(svg).findall(f"{SVG}rect")
    assert fill.get("width") == track.get("width")
    assert fill.get("fill") == "#2e7d32"
    assert "15 / 12（125%）" in texts(svg)


def test_progress_bar_without_target_says_so():
    svg = progress_bar(4, 0, label="下沉服务")
    assert "4（未设目标）" in texts(svg)
    assert len(parse(svg).findall(f"{SVG}rect")) == 1
