"""The report as a Word file (issue 12, item 3), opened again with python-docx: A4, the official margins
(mirrored), the faces named as the township's PCs know them, fixed 28.95 pt lines, page numbers "— N —" on
the outside, the issuing body and date at the end, and the same text and figures as the PDF; a finalized
report's .docx is frozen with it."""

import hashlib
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports import services
from reports.models import AnnualReport
from reports.pdf import pdf_facts

from .conftest import DISPUTES_VALUES

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def draft(cast, contract_stats, media_root):
    report = services.create_draft(township=cast.daxi, year=2025)
    for section in report.sections.filter(part__in=[2, 3]):
        section.prose = f"{section.heading}方面的情况。"
        section.save()
    for section in report.sections.filter(part=1).exclude(topic="disputes"):
        section.manual, section.prose = True, f"{section.heading}：人工撰写。"
        section.save()
    return report


def download(client, query=""):
    response = client.get(reverse("reports:docx", args=[2025]) + query)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def mm(*lengths) -> tuple:
    """Lengths in whole millimetres (Word stores twentieths of a point)."""
    return tuple(round(length / Mm(1)) for length in lengths)


def east_asian_face(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def body_text(document) -> str:
    return "".join(paragraph.text for paragraph in document.paragraphs)


def test_the_word_file_has_the_official_page_layout(cast, draft, client_for):
    document = Document(io.BytesIO(download(client_for(cast.admin_user))))
    section = document.sections[0]
    assert mm(section.page_width, section.page_height) == (210, 297)  # A4
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (37, 35, 28, 26)
    # the binding margin is inside on both sides of the sheet, so page numbers sit on the outside
    assert document.settings.element.find(qn("w:mirrorMargins")) is not None
    assert document.settings.odd_and_even_pages_header_footer is True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "PAGE" in "".join(paragraph._p.itertext())
        assert paragraph.style.font.size == Pt(14)


def test_the_word_file_names_the_official_faces(cast, draft, client_for):
    document = Document(io.BytesIO(download(client_for(cast.admin_user))))
    styles = document.styles
    body = styles["Normal"]
    assert east_asian_face(body) == "仿宋_GB2312" and body.font.size == Pt(16)
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.paragraph_format.line_spacing == Pt(28.95)
    assert body.element.rPr.rFonts.get(qn("w:hint")) == "eastAsia"  # quotation marks in the Chinese face
    expected = {"方正小标宋简体": ("大溪镇2025年法治政府建设情况报告", Pt(22)),
                "黑体": ("一、推进法治政府建设的主要举措和成效", Pt(16)),
                "楷体_GB2312": ("（一）强化组织保障，压实法治建设责任", Pt(16))}
    for face, (text, size) in expected.items():
        paragraph = next(p for p in document.paragraphs if p.text == text)
        assert east_asian_face(paragraph.style) == face
        assert paragraph.style.font.size == size
        assert not paragraph.style.font.bold
    # the font table offers Word the equivalent a PC may have instead (仿宋_GB2312 → 仿宋)
    font_table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml").blob
    assert "仿宋_GB2312".encode() in font_table and 'w:altName w:val="仿宋"'.encode() in font_table


def test_the_word_file_has_the_figures_and_ends_with_the_issuing_body(cast, draft, client_for):
    document = Document(io.BytesIO(download(client_for(cast.admin_user))))
    text = body_text(document)
    assert "2025年共排查各类矛盾纠纷111件，成功化解111件，化解率达100%" in text
    assert "受理信访事项42件，按期办结率100%，群众满意率98%以上" in text
    assert "{" not in text
    last = [p for p in document.paragraphs if p.text.strip()][-2:]
    assert last[0].text == "大溪镇人民政府"
    assert last[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert re.fullmatch(r"\s*年\s*月\s*日", last[1].text)  # a draft's date is left blank until it is finalized


def test_the_word_file_says_what_the_pdf_says(cast, draft, client_for):
    client = client_for(cast.admin_user)
    document = Document(io.BytesIO(download(client)))
    pdf = pdf_facts(client.get(reverse("reports:pdf", args=[2025])).content)
    pdf_text = "".join(re.sub(r"— \d+ —\s*$", "", page.strip()) for page in pdf["texts"])

    def squeeze(text):
        return re.sub(r"\s+", "", text)

    assert squeeze(body_text(document)) == squeeze(pdf_text)


def test_a_finalized_reports_word_file_is_frozen_with_its_hash(cast, draft, client_for, contract_stats):
    client = client_for(cast.admin_user)
    client.post(reverse("reports:finalize", args=[2025]))
    report = AnnualReport.objects.get(pk=draft.pk)
    first = download(client)
    assert report.docx_sha256 == hashlib.sha256(first).hexdigest()
    contract_stats[2025] = dict(DISPUTES_VALUES, registered=200)  # the records change afterwards
    again = download(client)
    assert again == first
    assert "200件" not in body_text(Document(io.BytesIO(again)))
    date = report.signature_date
    assert f"{date.year}年{date.month}月{date.day}日" in body_text(Document(io.BytesIO(again)))


def test_render_report_writes_the_word_file(cast, draft, tmp_path):
    output = tmp_path / "report.docx"
    call_command("render_report", township="daxi", year=2025, format="docx", output=str(output))
    document = Document(output)
    assert document.paragraphs[0].text == "大溪镇2025年法治政府建设情况报告"
    assert document.core_properties.title == "大溪镇2025年法治政府建设情况报告"
    assert document.core_properties.author == "大溪镇人民政府"
