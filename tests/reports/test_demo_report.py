"""The demo's 2025 report of 大溪镇 with the real disputes records (load_demo): part 一(四) prints the
reference figures in HTML and PDF, the PDF is an official document, a finalized report does not move
when the records do, and the pages' queries do not grow with the records.

These tests need the disputes app's stats and demo (disputes/stats.py, disputes/demo.py).
"""

import hashlib
import importlib.util
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from reports import services, sources
from reports.models import AnnualReport
from reports.pdf import pdf_facts
from township.models import Township

DISPUTES_READY = all(importlib.util.find_spec(name) for name in ("disputes.stats", "disputes.demo"))
pytestmark = pytest.mark.skipif(not DISPUTES_READY, reason="waits for disputes/stats.py and disputes/demo.py")

REFERENCE_FIGURES = [
    "全镇6个村（社区）实现“一村一法律顾问”全覆盖",
    "2025年共排查各类矛盾纠纷111件，成功化解111件，化解率达100%；",
    "受理信访事项42件，按期办结率100%，群众满意率98%以上",
]


@pytest.fixture
def daxi(db, media_root):
    call_command("load_demo", verbosity=0)
    return Township.objects.get(code="daxi")


@pytest.fixture
def admin(daxi, client_for):
    from django.contrib.auth.models import User

    return client_for(User.objects.get(username="admin"))


def part_one_four(html: str) -> str:
    section = re.search(r"（四）创新治理模式，筑牢矛盾化解防线</h3>(.*?)</section>", html, re.S).group(1)
    return strip_tags(section).replace("\n", "")


def pdf_text(pdf: bytes) -> tuple[dict, str]:
    facts = pdf_facts(pdf)
    text = "".join(re.sub(r"— \d+ —\s*$", "", page.strip()) for page in facts["texts"]).replace("\n", "")
    return facts, text


def test_part_one_four_prints_the_reference_figures(admin):
    html = admin.get(reverse("reports:report", args=[2025])).content.decode()
    text = part_one_four(html)
    for words in REFERENCE_FIGURES:
        assert words in text
    for figure in ["111件", "42件", "98%以上"]:
        assert re.search(rf'<a class="figure" href="/disputes/[^"]*">{figure}</a>', html), figure


def test_the_pdf_prints_them_too_as_an_official_document(admin):
    response = admin.get(reverse("reports:pdf", args=[2025]))
    facts, text = pdf_text(response.content)
    for words in REFERENCE_FIGURES:
        assert words in text
    assert facts["missing_glyphs"] == 0
    assert facts["fonts"] and all(font["embedded"] for font in facts["fonts"])
    assert facts["page_count"] >= 3
    for number, page in enumerate(facts["texts"], start=1):
        assert page.rstrip().endswith(f"— {number} —")
    assert facts["link_count"] == 0


def test_a_finalized_report_stays_when_a_dispute_changes(daxi, admin):
    from disputes import rules
    from disputes.models import Dispute

    assert admin.post(reverse("reports:finalize", args=[2025])).status_code == 302
    report = AnnualReport.objects.get(township=daxi, year=2025)
    assert report.status == "finalized"
    html_before = admin.get(reverse("reports:report", args=[2025])).content.decode()
    pdf_before = admin.get(reverse("reports:pdf", args=[2025])).content

    dispute = Dispute.objects.filter(township=daxi, registered_on__year=2025, status=rules.DISPUTE_SUCCEEDED).first()
    dispute.status = rules.DISPUTE_FAILED
    dispute.failure_advice = "已告知当事人可向人民法院起诉。"
    dispute.save()
    assert sources.figures(daxi, 2025)["disputes.mediated"].value == 110  # the records did change

    html_after = admin.get(reverse("reports:report", args=[2025])).content.decode()
    assert part_one_four(html_after) == part_one_four(html_before)
    assert "成功化解111件" in part_one_four(html_after)
    pdf_after = admin.get(reverse("reports:pdf", args=[2025])).content
    assert hashlib.sha256(pdf_after).hexdigest() == hashlib.sha256(pdf_before).hexdigest() == report.pdf_sha256


def double_the_records(township):
    """Every dispute and petition of the township once more (new numbers), without history."""
    from disputes.models import Dispute, Petition

    for model in (Dispute, Petition):
        copies = []
        for record in model.objects.filter(township=township):
            record.pk = record.id = None
            record.number = f"{record.number}-副本"[:40]
            copies.append(record)
        model.objects.bulk_create(copies)


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_records(daxi, admin, client_for, uncached):
    from django.contrib.auth.models import User

    county = client_for(User.objects.get(username="county"))
    pages = [(admin, "/"), (admin, reverse("reports:report", args=[2025])), (county, "/")]
    for client, path in pages:
        count_queries(client, path)  # warm
    before = [count_queries(client, path) for client, path in pages]
    double_the_records(daxi)
    assert sources.figures(daxi, 2025)["disputes.registered"].value == 222
    after = [count_queries(client, path) for client, path in pages]
    assert after == before


def test_render_report_command_gives_the_same_report(daxi, tmp_path):
    output = tmp_path / "daxi.pdf"
    call_command("render_report", township="daxi", year=2025, format="pdf", output=str(output))
    _facts, text = pdf_text(output.read_bytes())
    for words in REFERENCE_FIGURES:
        assert words in text
    report = services.revisions(daxi, 2025)[0]
    assert report.is_draft and report.revision == 1


def test_a_year_without_records_renders_with_honest_wording(daxi, admin):
    from township.models import Membership

    html = admin.get(reverse("reports:report", args=[2031])).content.decode()
    assert "本年度尚无矛盾纠纷、信访事项和法律顾问的记录。" in part_one_four(html)
    assert admin.get(reverse("reports:pdf", args=[2031])).status_code == 200
    Membership.objects.filter(user__username="admin").update(year=2031)
    dashboard = admin.get("/")
    assert dashboard.status_code == 200
    assert "0件" in dashboard.content.decode()
