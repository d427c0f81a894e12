"""Part 一 drafted from the figures, figure placeholders in prose, and figures as the report prints them."""

import pytest
from django.template.loader import render_to_string

from disputes.area import draft_disputes
from reports import drafting
from reports.models import AnnualReport, ReportSection
from township.figures import Figure, rate
from township.models import Township

from .conftest import DISPUTES_VALUES, contract_figures

FIGURES = contract_figures(DISPUTES_VALUES)


def flat(paragraph) -> str:
    return paragraph if isinstance(paragraph, str) else "".join(chunk["text"] for chunk in paragraph)


def test_part_one_four_is_drafted_in_the_reference_wording():
    text = flat(drafting.paragraph(draft_disputes(FIGURES, 2025), FIGURES, rounded=False))
    assert "全镇6个村（社区）实现“一村一法律顾问”全覆盖" in text
    assert "2025年共排查各类矛盾纠纷111件，成功化解111件，化解率达100%；" in text
    assert "受理信访事项42件，按期办结率100%，群众满意率98%以上。" in text


def test_every_figure_of_the_draft_is_a_link_to_its_ledger():
    chunks = drafting.paragraph(draft_disputes(FIGURES, 2025), FIGURES, rounded=False)
    linked = [(chunk["text"], chunk["href"]) for chunk in chunks if chunk["href"]]
    assert linked == [
        ("6个", FIGURES["advisers.villages_total"].url),
        ("111件", FIGURES["disputes.registered"].url),
        ("111件", FIGURES["disputes.mediated"].url),
        ("100%", FIGURES["disputes.success_rate"].url),
        ("42件", FIGURES["petitions.accepted"].url),
        ("100%", FIGURES["petitions.on_time_rate"].url),
        ("98%以上", FIGURES["petitions.satisfaction_rate"].url),
    ]


def test_no_records_is_said_plainly():
    zero = contract_figures(dict.fromkeys(DISPUTES_VALUES, 0))
    assert draft_disputes(zero, 2031) == "本年度尚无矛盾纠纷、信访事项和法律顾问的记录。"
    for topic in ["leadership", "study", "enforcement", "outreach"]:  # areas without stats yet
        assert drafting.drafted_prose(topic, {"disputes": FIGURES}, 2025).startswith("本年度尚无")


def test_a_partial_year_says_what_is_not_there():
    values = dict(DISPUTES_VALUES, registered=0, mediated=0)
    text = flat(drafting.paragraph(draft_disputes(contract_figures(values), 2025), FIGURES, rounded=False))
    assert "2025年未登记矛盾纠纷" in text
    assert "化解率" not in text


def test_advisers_not_everywhere_are_not_called_full_coverage():
    values = dict(DISPUTES_VALUES, villages_covered=4)
    figures = contract_figures(values)
    text = flat(drafting.paragraph(draft_disputes(figures, 2025), figures, rounded=False))
    assert "全覆盖" not in text
    assert "全镇6个村（社区）中已有4个配备法律顾问" in text


@pytest.mark.parametrize(
    ("numerator", "denominator", "rounded", "at_least", "printed"),
    [
        (111, 111, False, False, "100%"),
        (111, 111, True, False, "100%"),
        (42, 42, False, True, "98%以上"),  # the reference's 群众满意率98%以上 for a full rate
        (96, 100, False, True, "95%以上"),  # never more than the records show
        (96, 100, False, False, "96%"),
        (0, 0, False, True, "—"),
    ],
)
def test_rates_print_exactly_or_at_least(numerator, denominator, rounded, at_least, printed):
    figure = Figure("x.rate", "率", rate(numerator, denominator), "%", numerator, denominator)
    assert drafting.figure_text(figure, rounded=rounded, at_least=at_least) == printed


def test_counts_print_exactly_or_in_the_customary_rounded_form():
    figure = Figure("x.count", "人次", 106, "人次")
    assert drafting.figure_text(figure, rounded=False) == "106人次"
    assert drafting.figure_text(figure, rounded=True) == "100余人次"
    assert drafting.figure_text(figure, rounded=False, at_least=True) == "100余人次"


def test_placeholders_in_staff_prose_print_live_linked_figures():
    text = "全年受理{petitions.accepted}，满意率{petitions.satisfaction_rate:以上}，满意率（精确）｛petitions.satisfaction_rate｝。"
    chunks = drafting.paragraph(text, FIGURES, rounded=False)
    assert flat(chunks) == "全年受理42件，满意率98%以上，满意率（精确）100%。"
    assert [chunk["text"] for chunk in chunks if chunk["href"]] == ["42件", "98%以上", "100%"]


def test_punctuation_around_figures_becomes_full_width():
    assert flat(drafting.paragraph("共{disputes.registered},化解率(达{disputes.success_rate})", FIGURES, rounded=False)) == (
        "共111件，化解率（达100%）"
    )


@pytest.mark.parametrize(
    ("prose", "message"),
    [
        ("共排查{disputes.unknown}件", "未知的数字占位符“{disputes.unknown}”"),
        ("共排查{矛盾纠纷}件", "未知的数字占位符“{矛盾纠纷}”"),
        ("满意率{petitions.satisfaction_rate:约}", "冒号后只能写“以上”"),
        ("共排查{disputes.registered件", "花括号不配对"),
    ],
)
def test_bad_placeholders_are_named_in_chinese(prose, message):
    errors = drafting.placeholder_errors(prose, FIGURES)
    assert any(message in error for error in errors), errors


@pytest.mark.parametrize("prose", [
    "全年共排查矛盾纠纷。p.MsoNormal{margin:0cm;font-size:10.5pt;font-family:仿宋}",
    "正文<style>\n.x {\n  color: red;\n}\n</style>正文",
    "见附表 span{font-family:宋体}",
    "字号 {font-size: 16pt}",
])
def test_css_braces_in_prose_are_explained_as_braces_not_as_an_unknown_figure(prose):
    errors = drafting.placeholder_errors(prose, FIGURES)
    assert len(errors) == 1, errors
    assert "不是数字占位符" in errors[0] and "样式代码" in errors[0] and "花括号" in errors[0]
    assert "未知的数字占位符" not in errors[0] and "不配对" not in errors[0]


def test_good_placeholders_pass():
    assert drafting.placeholder_errors("共{disputes.registered}，满意率{petitions.satisfaction_rate：以上}", FIGURES) == []


def test_new_report_has_the_reference_structure():
    township = Township(code="x", name="溪口镇")
    report, sections = drafting.new_report(township, 2025)
    assert report.title == "溪口镇2025年法治政府建设情况报告"
    assert [(s.part, s.order) for s in sections] == [
        (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (3, 2), (3, 3), (3, 4)
    ]
    doc = drafting.build_document(report, sections, {"disputes": FIGURES})
    assert [part["heading"] for part in doc["parts"]] == [
        "一、推进法治政府建设的主要举措和成效", "二、推进法治政府建设存在的不足", "三、工作建议",
    ]
    assert doc["parts"][0]["sections"][3]["heading"] == "（四）创新治理模式，筑牢矛盾化解防线"
    assert doc["parts"][1]["sections"][0]["paragraphs"] == [drafting.NOT_WRITTEN]


def test_prose_with_markup_is_printed_as_text():
    township = Township(code="x", name="溪口镇")
    report = AnnualReport(township=township, year=2025, opening="开头<b>粗</b>")
    section = ReportSection(part=2, order=1, heading="不足<i>x</i>", prose="前文<script>alert(1)</script>{disputes.registered}")
    doc = drafting.build_document(report, [section], {"disputes": FIGURES})
    html = render_to_string("reports/_document.html", {"doc": doc})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "前文&lt;script&gt;alert(1)&lt;/script&gt;<a class=\"figure\"" in html


def test_a_report_drafted_from_the_english_interface_is_still_chinese(db, media_root):
    from django.core.management import call_command
    from django.utils import translation

    from reports import services
    from township.models import Township

    call_command("load_demo")
    daxi = Township.objects.get(code="daxi")
    with translation.override("en"):
        text = str(services.live_document(services.preview(daxi, 2025)))
    assert "共排查各类矛盾纠纷" in text and "111件" in text
    assert "cases" not in text
