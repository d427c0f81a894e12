"""The report PDF in official-document format (GB/T 9704-2012), checked by reading the PDF back.

The sample is the reference report of 大溪镇 for 2025 (tests/reports/data), rendered through
templates/reports/_pdf.html with Django's template engine and static/reports/print.css.
"""

import datetime
import re

import pytest
from django.template.loader import render_to_string

from reports.charts import monthly_bar_chart
from reports.pdf import DEFAULT_BASE_URL, PRINT_CSS_URL, pdf_facts, render_pdf

A4 = (595.28, 841.89)  # points
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\ufffd]")


def render(doc: dict) -> bytes:
    html = render_to_string("reports/_pdf.html", {"doc": doc, "print_css_url": PRINT_CSS_URL})
    return render_pdf(html, base_url=DEFAULT_BASE_URL)


def running_text(facts: dict) -> str:
    """The text of all pages without page numbers and line breaks, as a reader reads it."""
    pages = [re.sub(r"— \d+ —\s*$", "", text.strip()) for text in facts["texts"]]
    return "".join(pages).replace("\n", "")


@pytest.fixture(scope="module")
def reference_pdf(reference_doc) -> dict:
    return pdf_facts(render(reference_doc))


def test_every_page_is_a4(reference_pdf):
    for width, height in reference_pdf["page_sizes"]:
        assert width == pytest.approx(A4[0], abs=1)
        assert height == pytest.approx(A4[1], abs=1)


def test_reference_report_runs_to_several_pages(reference_pdf):
    assert reference_pdf["page_count"] >= 4


def test_every_page_carries_its_number_between_dashes(reference_pdf):
    for number, text in enumerate(reference_pdf["texts"], start=1):
        assert text.rstrip().endswith(f"— {number} —"), text[-40:]


def test_report_text_comes_out_verbatim(reference_pdf):
    text = running_text(reference_pdf)
    for sentence in [
        "大溪镇2025年法治政府建设情况报告",
        "现将本年度法治政府建设情况报告如下：",
        "一、推进法治政府建设的主要举措和成效",
        "（一）强化组织保障，压实法治建设责任",
        "全年召开党委专题会议研究法治建设工作4次，听取工作汇报6次",
        "2025年共排查各类矛盾纠纷111件，成功化解111件，化解率达100%；受理信访事项42件，按期办结率100%",
        "群众对行政执法满意度达98%以上",
        "发放宣传资料500余份，受教育群众达1000余人次",
        "全镇6个村（社区）实现“一村一法律顾问”全覆盖",
        "三、工作建议",
        "每年开展下沉服务不少于12次，打通法律服务“最后一公里”。",
        "大溪镇人民政府2026年3月5日",
    ]:
        assert sentence in text


def test_all_fonts_are_embedded(reference_pdf):
    assert reference_pdf["fonts"]
    assert [font["name"] for font in reference_pdf["fonts"] if not font["embedded"]] == []


def test_every_character_has_a_real_glyph(reference_pdf):
    assert reference_pdf["missing_glyphs"] == 0
    for text in reference_pdf["texts"]:
        assert not CONTROL_CHARACTERS.search(text)


def test_headings_use_sans_and_kai_faces_and_the_title_is_bold(reference_pdf):
    names = " ".join(font["name"] for font in reference_pdf["fonts"]).lower()
    assert "sans" in names or "hei" in names  # 一、 headings in a 黑体 face
    assert "kai" in names  # （一） headings in a 楷体 face
    assert "bold" in names or "xiaobiaosong" in names  # the title


def test_figures_print_as_plain_text_without_links(reference_pdf, reference_doc):
    assert any(
        isinstance(p, list)
        for part in reference_doc["parts"]
        for s in part["sections"]
        for p in s["paragraphs"]
    )
    assert reference_pdf["link_count"] == 0
    assert "/disputes/" not in running_text(reference_pdf)


def test_document_metadata(reference_pdf):
    assert reference_pdf["metadata"] == {
        "title": "大溪镇2025年法治政府建设情况报告",
        "author": "大溪镇人民政府",
    }


def test_markup_in_a_paragraph_is_printed_as_text():
    doc = {
        "title": "测试<b>标题</b>",
        "opening": "开头",
        "parts": [
            {
                "heading": "一、<i>部分</i>",
                "sections": [
                    {
                        "heading": "（一）小节",
                        "paragraphs": [
                            "前文<script>alert(1)</script>后文",
                            [{"text": "链接<img src=x onerror=alert(2)>", "href": "/x?a=1&b=<2>"}],
                        ],
                    }
                ],
            }
        ],
        "closing": "结尾",
        "signature_name": "大溪镇人民政府",
        "signature_date": "2026年3月5日",
    }
    html = render_to_string("reports/_pdf.html", {"doc": doc, "print_css_url": PRINT_CSS_URL})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = running_text(pdf_facts(render_pdf(html, base_url=DEFAULT_BASE_URL)))
    assert "前文<script>alert(1)</script>后文" in text
    assert "链接<img src=x onerror=alert(2)>" in text
    assert "测试<b>标题</b>" in text
    assert "一、<i>部分</i>" in text


def test_document_fragment_links_figures_on_the_web(reference_doc):
    html = render_to_string("reports/_document.html", {"doc": reference_doc})
    assert '<a class="figure" href="/disputes/?year=2025">111件</a>' in html
    assert 'href="/disputes/petitions/?year=2025&amp;accepted=1">42件</a>' in html
    # chunks are joined without white space, which would print as a gap in Chinese text
    assert "排查各类矛盾纠纷<a" in html
    assert "</a>，成功化解<a" in html
    assert "2026年3月5日" in html


def test_signature_date_may_be_a_date_or_a_string(reference_doc):
    doc = dict(reference_doc, signature_date=datetime.date(2026, 1, 9))
    assert "2026年1月9日" in render_to_string("reports/_document.html", {"doc": doc})
    doc = dict(reference_doc, signature_date="二〇二六年一月九日")
    assert "二〇二六年一月九日" in render_to_string("reports/_document.html", {"doc": doc})


def test_a_chart_prints_in_the_pdf_with_real_glyphs():
    chart = monthly_bar_chart(
        [
            ("2025年", [9, 8, 12, 9, 10, 7, 11, 13, 9, 10, 8, 5]),
            ("2024年", [7, 6, 9, 8, 8, 6, 9, 10, 8, 7, 6, 4]),
        ],
        title="矛盾纠纷月度分布",
    )
    html = (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{PRINT_CSS_URL}"></head>'
        f'<body><article class="report-document"><p>图表如下：</p>{chart}</article></body></html>'
    )
    facts = pdf_facts(render_pdf(html, base_url=DEFAULT_BASE_URL))
    text = running_text(facts)
    for label in ["矛盾纠纷月度分布", "2025年", "2024年", "1月", "12月", "13"]:
        assert label in text
    assert facts["missing_glyphs"] == 0
    assert all(font["embedded"] for font in facts["fonts"])
    assert not CONTROL_CHARACTERS.search(text)
