"""The demo reproduces report part 一(三) for Daxi 2025 (figures.md rows 13-17) in the reference's words, lawfully:
every demo case passes the rules a clerk's form would apply; loading it again changes nothing."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from enforcement import stats
from enforcement.area import NO_RECORDS, draft_enforcement
from enforcement.certificates import CertificateBook
from enforcement.models import EnforcementCase, LegalityReview, MajorDecision
from reports.drafting import paragraph
from reports.wording import to_fullwidth_punctuation
from township.figures import Figure
from township.models import Township

REFERENCE = Path(__file__).resolve().parents[1] / "reports" / "data" / "daxi-2025-report.zh.txt"
HISTORY_MODELS = (EnforcementCase, MajorDecision, LegalityReview)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice for this module (read-only tests), with the history written by the second run."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("load_demo", stdout=io.StringIO())
        before = sum(model.history.model.objects.count() for model in HISTORY_MODELS)
        call_command("load_demo", stdout=io.StringIO())
        after = sum(model.history.model.objects.count() for model in HISTORY_MODELS)
        yield Township.objects.get(code="daxi"), after - before
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def daxi_demo(demo, db):
    return demo[0]


def reference_paragraph() -> str:
    """Part 一(三) of the reference report, in full-width punctuation as the portal prints it."""
    text = REFERENCE.read_text(encoding="utf-8")
    return to_fullwidth_punctuation(text.split("(三)规范权力运行,提升依法行政水平\n", 1)[1].split("\n", 1)[0])


def test_demo_reproduces_rows_13_to_17_for_daxi_2025(daxi_demo):
    figures = stats.figures(daxi_demo, 2025)
    certified = figures["enforcement.certified_steps_rate"]
    assert certified.value == Decimal("100.0") and certified.denominator > 20  # 全部实现持证上岗、亮证执法
    assert figures["enforcement.body_cameras"].value == 2  # 配备执法记录仪2台
    assert figures["enforcement.campaign_focus_areas"].names == ("违法建设", "非法焚烧", "违法占地")
    assert (figures["enforcement.reconsiderations"].value, figures["enforcement.lawsuits"].value) == (0, 0)  # 零复议、零诉讼
    satisfaction = figures["enforcement.satisfaction_rate"]
    assert satisfaction.value >= Decimal("98") and satisfaction.numerator < satisfaction.denominator  # 98%以上


def test_daxi_2025_has_one_case_open_at_the_end_of_the_year_and_2024_to_compare(daxi_demo):
    of_2025 = EnforcementCase.objects.filter(township=daxi_demo, filed_on__year=2025)
    open_at_year_end = [case for case in of_2025 if case.decided_on is None or case.decided_on.year > 2025]
    assert [case.number for case in open_at_year_end] == ["大溪综执立〔2025〕7号"]
    assert of_2025.filter(procedure="on_the_spot").count() == 3
    last_year = stats.figures(daxi_demo, 2024)
    assert last_year["enforcement.cases_filed"].value > 0 and last_year["enforcement.reconsiderations"].value == 1


def test_every_demo_case_passes_the_rules_of_the_form(demo, db):
    for case in EnforcementCase.objects.prefetch_related("officers"):
        case.full_clean()
        officers = list(case.officers.all())
        assert case.officer_errors(officers, CertificateBook.of(officers).certified) == {}, case.number


def test_loading_the_demo_again_writes_no_history(demo):
    assert demo[1] == 0


def test_the_drafted_subsection_reads_as_the_reference(daxi_demo):
    figures = stats.figures(daxi_demo, 2025)
    printed = paragraph(draft_enforcement(figures, 2025), figures, rounded=False)
    text = "".join(chunk["text"] for chunk in printed) if isinstance(printed, list) else printed
    assert text == reference_paragraph()
    links = [chunk["href"] for chunk in printed if chunk["href"]]
    assert "/enforcement/equipment/?kind=body_camera&in_service=2025" in links
    assert "/enforcement/surveys/?year=2025" in links


def test_the_report_page_prints_the_subsection_with_its_figures_linked(client_for, daxi_demo):
    from django.contrib.auth.models import User

    admin = User.objects.get(username="admin")
    content = client_for(admin).get("/reports/2025/").content.decode()
    text = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", content))
    assert reference_paragraph() in text
    assert 'href="/enforcement/equipment/?kind=body_camera&amp;in_service=2025"' in content


def figure(key, value, *, numerator=None, denominator=None, **extra):
    return Figure(key=key, label=key, value=value, numerator=numerator, denominator=denominator, **extra)


def test_a_year_without_records_says_so():
    assert draft_enforcement({}, 2025) == NO_RECORDS
    zeros = {key: figure(key, 0) for key in ("enforcement.cases_filed", "enforcement.body_cameras",
                                             "enforcement.major_decisions", "enforcement.legal_reviews")}
    assert draft_enforcement(zeros, 2025) == NO_RECORDS


def test_a_year_with_reconsiderations_says_how_many_instead_of_zero():
    figures = {"enforcement.cases_filed": figure("enforcement.cases_filed", 9, unit="件"),
               "enforcement.reconsiderations": figure("enforcement.reconsiderations", 1, unit="件"),
               "enforcement.lawsuits": figure("enforcement.lawsuits", 0, unit="件")}
    text = draft_enforcement(figures, 2025)
    assert "零复议" not in text
    assert "立案查处行政执法案件{enforcement.cases_filed}，其中被申请行政复议{enforcement.reconsiderations}" in text


def test_no_cameras_no_camera_clause():
    figures = {"enforcement.body_cameras": figure("enforcement.body_cameras", 0, unit="台"),
               "enforcement.legal_reviews": figure("enforcement.legal_reviews", 2, unit="件")}
    text = draft_enforcement(figures, 2025)
    assert "执法记录仪" not in text and text.startswith("全面推行行政执法“三项制度”，建立重大执法决定法制审核机制")
