"""The section editor offers the year's figures by name (issue 12, item 2), targets print as whole numbers with
Chinese names, and the report's date is the day it is finalized (item 6)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import drafting, services
from reports.models import AnnualReport, Target
from tests.helpers import form_data


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


def editor(client, report, part, order):
    section = report.sections.get(part=part, order=order)
    return client.get(reverse("reports:edit_section", args=[2025, section.pk]))


def test_the_editor_offers_labelled_figures_that_insert_their_placeholder(cast, draft, client_for):
    html = editor(client_for(cast.admin_user), draft, 2, 1).content.decode()
    chip = re.search(r'<button type="button" class="[^"]*figure-chip"[^>]*data-insert-placeholder="\{disputes.registered\}"'
                     r'[^>]*>([^<]*)<strong>([^<]*)</strong></button>', html)
    assert chip and (chip.group(1).strip(), chip.group(2)) == ("排查矛盾纠纷", "111件")
    assert re.search(r'data-insert-placeholder="\{petitions.on_time_rate\}"[^>]*>信访按期办结率 <strong>100%</strong>', html)
    assert 'data-printed-at-least="98%以上"' in html  # what {key:以上} prints, for the preview
    assert "<code>{disputes.registered}</code>" not in html  # nobody has to read or type the code
    # scripts come from static files only (Content-Security-Policy without unsafe-inline)
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "reports/editor.js" in html


def test_targets_print_as_whole_numbers_and_are_named_in_chinese(cast, draft, client_for):
    section = draft.sections.get(part=3, order=1)
    Target.objects.create(township=cast.daxi, year=2026, indicator="governance.trainings", label="法治专题培训",
                          value=12, unit="次", source_section=section)
    html = editor(client_for(cast.admin_user), draft, 3, 1).content.decode()
    assert 'name="targets-0-value" value="12"' in html
    assert "12.0" not in html
    options = re.findall(r"<option value=\"[^\"]+\"[^>]*>([^<]+)</option>", html.split('name="targets-0-indicator"', 1)[1]
                         .split("</select>", 1)[0])
    assert "法治专题培训（次）" in options
    assert all(re.search(r"[a-z]+\.[a-z_]+", option) is None for option in options), options
    assert str(Target.objects.get()) == "2026 法治专题培训 不少于（≥） 12次"


def test_the_report_date_is_the_day_it_is_finalized(cast, draft, client_for):
    client = client_for(cast.admin_user)
    settings_form = client.get(reverse("reports:edit", args=[2025])).context["form"]
    assert "signature_date" not in settings_form.fields  # nobody sets it by hand
    doc = services.live_document(draft)
    assert doc["signature_date"] == drafting.DATE_TO_BE_SET  # a draft's date is left blank
    client.post(reverse("reports:finalize", args=[2025]))
    report = AnnualReport.objects.get(pk=draft.pk)
    assert report.signature_date == timezone.localdate()
    assert report.frozen_document["signature_date"] == drafting.chinese_date(timezone.localdate())
    revision = services.create_draft(township=cast.daxi, year=2025)
    assert revision.signature_date is None  # a correction is dated when it is finalized in its turn


def test_a_draft_saved_with_a_date_before_is_dated_on_finalizing(cast, draft, client_for):
    AnnualReport.objects.filter(pk=draft.pk).update(signature_date="2025-06-01")
    client_for(cast.admin_user).post(reverse("reports:finalize", args=[2025]))
    assert AnnualReport.objects.get(pk=draft.pk).signature_date == timezone.localdate()


def test_a_manual_subsection_offers_no_drafted_text(cast, draft, client_for):
    form = editor(client_for(cast.admin_user), draft, 1, 1).context["form"]
    assert form["manual"].value() is True
    assert form["prose"].value() == "强化组织保障，压实法治建设责任：人工撰写。"
    data = form_data(form)
    assert data["manual"] == "on"
