"""The report from draft to publication: editing, finalizing (frozen text, figures and PDF), revisions,
publishing, and the PDF — with the disputes figures as disputes/stats.py's contract gives them."""

import hashlib
import re
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports import services
from reports.models import AnnualReport, ReportSection, Target
from reports.pdf import pdf_facts
from tests.helpers import form_data

from .conftest import DISPUTES_VALUES


@pytest.fixture
def draft(cast, contract_stats, media_root):
    report = services.create_draft(township=cast.daxi, year=2025)
    for section in report.sections.filter(part__in=[2, 3]):
        section.prose = f"{section.heading}方面的情况。"
        section.save()
    # the areas without records (only disputes has stats here) are written by hand
    for section in report.sections.filter(part=1).exclude(topic="disputes"):
        section.manual, section.prose = True, f"{section.heading}方面人工撰写的情况。"
        section.save()
    return report


def section_url(report, part, order):
    return reverse("reports:edit_section", args=[report.year, report.sections.get(part=part, order=order).pk])


def running_text(pdf: bytes) -> str:
    facts = pdf_facts(pdf)
    return "".join(re.sub(r"— \d+ —\s*$", "", text.strip()) for text in facts["texts"]).replace("\n", "")


def article(html: str) -> str:
    """The report document of a page (the frame around it has messages, tokens …)."""
    return re.search(r'<article class="report-document".*?</article>', html, re.S).group()


def edit_section(client, report, part, order, **changes):
    """Post a subsection's form as the browser shows it, with some fields changed (no targets)."""
    url = section_url(report, part, order)
    data = form_data(client.get(url).context["form"])
    data.update({"targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0"}, **changes)
    return client.post(url, data)


def test_a_year_without_a_draft_shows_a_preview_with_honest_wording(cast, client_for, contract_stats):
    response = client_for(cast.admin_user).get(reverse("reports:report", args=[2031]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "大溪镇2031年法治政府建设情况报告" in html
    assert "本年度尚无矛盾纠纷、信访事项和法律顾问的记录。" in html
    assert "本年度尚无普法宣传活动的记录。" in html
    assert not AnnualReport.objects.exists()  # a preview is never saved
    pdf = client_for(cast.admin_user).get(reverse("reports:pdf", args=[2031]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_drafting_seeds_the_reference_headings(cast, client_for, contract_stats, media_root):
    response = client_for(cast.admin_user).post(reverse("reports:draft", args=[2025]))
    assert response.status_code == 302
    report = AnnualReport.objects.get(township=cast.daxi, year=2025)
    assert report.status == "draft" and report.revision == 1
    assert list(report.sections.values_list("heading", flat=True)[:5]) == [
        "强化组织保障，压实法治建设责任", "深化理论武装，提升依法履职能力", "规范权力运行，提升依法行政水平",
        "创新治理模式，筑牢矛盾化解防线", "深化普法宣传，营造浓厚法治氛围",
    ]
    html = client_for(cast.admin_user).get(reverse("reports:report", args=[2025])).content.decode()
    assert "全镇<a class=\"figure\"" in html and ">6个</a>村（社区）实现“一村一法律顾问”全覆盖" in html


def test_pdf_is_served_inline_with_the_report_name(cast, draft, client_for):
    response = client_for(cast.admin_user).get(reverse("reports:pdf", args=[2025]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert quote("大溪镇2025年法治政府建设情况报告.pdf") in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_editing_a_subsection_keeps_placeholders_live_and_linked(cast, draft, client_for, contract_stats):
    client = client_for(cast.admin_user)
    response = edit_section(client, draft, 1, 4, prose="今年共化解纠纷{disputes.mediated}，满意率{petitions.satisfaction_rate:以上}。")
    assert response.status_code == 302
    assert ReportSection.objects.get(report=draft, part=1, order=4).prose.startswith("今年共化解纠纷{disputes.mediated}")
    contract_stats[2025] = dict(DISPUTES_VALUES, mediated=110)  # the records change
    html = client.get(reverse("reports:report", args=[2025])).content.decode()
    assert re.search(r'今年共化解纠纷<a class="figure" href="[^"]+">110件</a>，满意率<a class="figure" href="[^"]+">98%以上</a>。', html)


def test_unknown_placeholder_is_a_form_error(cast, draft, client_for):
    response = edit_section(client_for(cast.admin_user), draft, 2, 1, prose="共有{disputes.nothing}件。")
    assert response.status_code == 200
    assert "未知的数字占位符“{disputes.nothing}”" in response.content.decode()
    assert ReportSection.objects.get(report=draft, part=2, order=1).prose == "法治队伍专业能力有待提升方面的情况。"


def test_prose_with_script_is_escaped_in_html_and_pdf(cast, draft, client_for):
    client = client_for(cast.admin_user)
    edit_section(client, draft, 2, 1, prose="前文<script>alert('x')</script>后文")
    html = client.get(reverse("reports:report", args=[2025])).content.decode()
    assert "<script>alert" not in html
    assert "前文&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;后文" in html
    text = running_text(client.get(reverse("reports:pdf", args=[2025])).content)
    assert "前文<script>alert('x')</script>后文" in text


def test_part_one_left_as_drafted_follows_the_records_and_can_be_reset(cast, draft, client_for, contract_stats):
    client = client_for(cast.admin_user)
    url = section_url(draft, 1, 4)
    drafted = client.get(url).context["form"]["prose"].value()
    assert "{disputes.registered}" in drafted
    edit_section(client, draft, 1, 4, prose=drafted)
    assert ReportSection.objects.get(report=draft, part=1, order=4).prose == ""  # unchanged: still drafted
    edit_section(client, draft, 1, 4, prose="自己写的。")
    assert ReportSection.objects.get(report=draft, part=1, order=4).prose == "自己写的。"
    edit_section(client, draft, 1, 4, prose="自己写的。", reset="on")
    assert ReportSection.objects.get(report=draft, part=1, order=4).prose == ""


def test_part_three_targets_are_stored_for_next_year(cast, draft, client_for):
    client = client_for(cast.admin_user)
    url = section_url(draft, 3, 1)
    data = {**form_data(client.get(url).context["form"]), "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0",
            "targets-0-indicator": "governance.trainings", "targets-0-comparison": "gte", "targets-0-value": "8"}
    assert client.post(url, data).status_code == 302
    target = Target.objects.get(township=cast.daxi)
    assert (target.year, target.indicator, target.label, target.value, target.unit) == (
        2026, "governance.trainings", "法治专题培训", 8, "次"
    )


def test_a_second_editor_does_not_overwrite_the_first(cast, draft, client_for):
    client = client_for(cast.admin_user)
    url = section_url(draft, 2, 2)
    stale = form_data(client.get(url).context["form"])
    edit_section(client, draft, 2, 2, prose="第一位的文字。")
    response = client.post(url, {**stale, "prose": "第二位的文字。"})
    assert response.status_code == 409
    assert ReportSection.objects.get(report=draft, part=2, order=2).prose == "第一位的文字。"


def test_finalize_freezes_text_figures_and_pdf(cast, draft, client_for, contract_stats):
    client = client_for(cast.admin_user)
    assert client.post(reverse("reports:finalize", args=[2025])).status_code == 302
    report = AnnualReport.objects.get(pk=draft.pk)
    assert report.status == "finalized" and report.finalized_by == cast.admin_user
    assert report.frozen_figures["disputes.registered"]["value"] == "111"
    html_before = client.get(reverse("reports:report", args=[2025])).content.decode()
    pdf_before = client.get(reverse("reports:pdf", args=[2025])).content
    assert hashlib.sha256(pdf_before).hexdigest() == report.pdf_sha256

    contract_stats[2025] = dict(DISPUTES_VALUES, registered=200, mediated=150)  # the records change

    html_after = client.get(reverse("reports:report", args=[2025])).content.decode()
    pdf_after = client.get(reverse("reports:pdf", args=[2025])).content
    assert article(html_after) == article(html_before)
    assert "111件" in html_after and "200件" not in html_after
    assert hashlib.sha256(pdf_after).hexdigest() == report.pdf_sha256


def test_a_finalized_report_cannot_be_edited(cast, draft, client_for):
    client = client_for(cast.admin_user)
    client.post(reverse("reports:finalize", args=[2025]))
    section = draft.sections.get(part=2, order=1)
    for url in [reverse("reports:edit", args=[2025]), reverse("reports:edit_section", args=[2025, section.pk])]:
        for response in [client.get(url), client.post(url, {"prose": "改", "heading": "改", "version": 99})]:
            assert response.status_code == 409
            assert "该报告已定稿，不能再修改。" in response.content.decode()
    assert client.post(reverse("reports:finalize", args=[2025])).status_code == 409
    assert ReportSection.objects.get(pk=section.pk).prose == section.prose


def test_unwritten_subsections_block_finalizing(cast, client_for, contract_stats, media_root):
    client = client_for(cast.admin_user)
    client.post(reverse("reports:draft", args=[2025]))
    response = client.post(reverse("reports:finalize", args=[2025]), follow=True)
    assert "以下小节尚未完成，不能定稿" in response.content.decode()
    assert AnnualReport.objects.get().status == "draft"


def test_a_correction_is_a_new_revision_that_keeps_the_old(cast, draft, client_for):
    client = client_for(cast.admin_user)
    client.post(reverse("reports:finalize", args=[2025]))
    first = AnnualReport.objects.get(pk=draft.pk)
    assert client.post(reverse("reports:draft", args=[2025])).status_code == 302
    second = AnnualReport.objects.get(township=cast.daxi, year=2025, revision=2)
    assert second.status == "draft"
    assert list(second.sections.values_list("prose", flat=True)) == list(first.sections.values_list("prose", flat=True))
    edit_section(client, second, 2, 1, prose="更正后的文字。")
    first.refresh_from_db()
    assert first.status == "finalized" and first.sections.get(part=2, order=1).prose != "更正后的文字。"
    old = client.get(reverse("reports:report", args=[2025]) + "?revision=1").content.decode()
    assert "更正后的文字。" not in old
    assert "更正后的文字。" in client.get(reverse("reports:report", args=[2025])).content.decode()
    # only one draft at a time
    response = client.post(reverse("reports:draft", args=[2025]), follow=True)
    assert "该年度已有草稿" in response.content.decode()


def test_publishing_shows_the_latest_published_revision_to_anyone(cast, draft, client_for):
    admin = client_for(cast.admin_user)
    response = admin.post(reverse("reports:publish", args=[2025]), follow=True)
    assert "草稿不能公开" in response.content.decode()
    admin.post(reverse("reports:finalize", args=[2025]))
    admin.post(reverse("reports:publish", args=[2025]))
    report = AnnualReport.objects.get(pk=draft.pk)
    assert report.status == "published" and report.published_at

    public = client_for(None)
    listing = public.get("/public/reports/").content.decode()
    assert "大溪镇2025年法治政府建设情况报告" in listing
    page = public.get("/public/reports/daxi/2025/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "111件" in html and 'class="figure" href' not in html  # no links into the internal ledgers
    assert cast.admin_user.first_name not in html  # who finalized it is not public
    pdf = public.get("/public/reports/daxi/2025/pdf/")
    assert hashlib.sha256(pdf.content).hexdigest() == report.pdf_sha256

    # a new revision, drafted: the public still sees revision 1
    admin.post(reverse("reports:draft", args=[2025]))
    edit_section(admin, AnnualReport.objects.get(revision=2), 2, 1, prose="草稿中的更正。")
    assert "草稿中的更正。" not in public.get("/public/reports/daxi/2025/").content.decode()
    assert public.get("/public/reports/daxi/2031/").status_code == 404


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_render_report_command(fmt, cast, draft, tmp_path):
    output = tmp_path / f"report.{fmt}"
    call_command("render_report", township="daxi", year=2025, format=fmt, output=str(output))
    content = output.read_bytes()
    if fmt == "pdf":
        assert "2025年共排查各类矛盾纠纷111件" in running_text(content)
    else:
        html = content.decode()
        assert "大溪镇2025年法治政府建设情况报告" in html and "111件" in html and "<script" not in html


def test_render_report_gives_the_frozen_pdf_byte_for_byte(cast, draft, tmp_path):
    report = services.finalize(report=draft, user=cast.admin_user)
    output = tmp_path / "report.pdf"
    call_command("render_report", township="daxi", year=2025, format="pdf", output=str(output))
    assert hashlib.sha256(output.read_bytes()).hexdigest() == report.pdf_sha256
