"""Due dates of the annual report (issue 12, item 5): to the county by 1 March and published by 1 April of
the next year (settings; 法治政府建设与责任落实督察工作规定 Art. 24-25); the township dashboard counts down
to them from January; the county dashboard shows who has finalized, submitted and published, and who is late."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from reports import deadlines, services
from reports.models import AnnualReport
from township.models import Membership

REAL_LOCALDATE = timezone.localdate


@pytest.fixture
def today(monkeypatch):
    """Set the clock's date of the pages: today(datetime.date(2026, 2, 20))."""

    def set_today(day: datetime.date):
        monkeypatch.setattr(timezone, "localdate",
                            lambda value=None, timezone=None: day if value is None else REAL_LOCALDATE(value, timezone))

    return set_today


def finalized_report(cast, township, *, when: datetime.datetime):
    report = AnnualReport.objects.create(township=township, year=2025, status=AnnualReport.Status.FINALIZED,
                                         finalized_at=when, finalized_by=cast.admin_user, frozen_document={"parts": []})
    return report


def test_due_dates_come_from_the_settings(settings):
    assert deadlines.submit_due(2025) == datetime.date(2026, 3, 1)
    assert deadlines.publish_due(2025) == datetime.date(2026, 4, 1)
    settings.REPORT_SUBMIT_DUE = "02-15"
    assert deadlines.submit_due(2025) == datetime.date(2026, 2, 15)
    settings.REPORT_PUBLISH_DUE = "4月1日"
    with pytest.raises(ImproperlyConfigured):
        deadlines.publish_due(2025)


def test_a_step_is_late_when_done_after_its_day_or_not_done_by_it():
    due = datetime.date(2026, 3, 1)
    assert deadlines.Step("submitted", due, None, datetime.date(2026, 2, 20)).state == "pending"
    assert deadlines.Step("submitted", due, None, datetime.date(2026, 2, 20)).days_left == 9
    assert deadlines.Step("submitted", due, None, datetime.date(2026, 3, 1)).state == "pending"  # by 1 March
    assert deadlines.Step("submitted", due, None, datetime.date(2026, 3, 4)).days_late == 3
    assert deadlines.Step("submitted", due, datetime.date(2026, 3, 2), datetime.date(2026, 5, 1)).state == "late_done"
    assert deadlines.Step("submitted", due, datetime.date(2026, 2, 2), datetime.date(2026, 5, 1)).state == "done"


def test_the_dashboard_counts_down_from_january(cast, client_for, contract_stats, today):
    Membership.objects.update(year=2026)
    client = client_for(cast.admin_user)
    today(datetime.date(2026, 2, 20))
    html = client.get("/").content.decode()
    assert "2025年度法治政府建设情况报告" in html
    assert "报送县级：还有 9 天（2026年3月1日前）" in html
    assert "向社会公开：还有 40 天（2026年4月1日前）" in html
    today(datetime.date(2026, 3, 4))
    html = client.get("/").content.decode()
    assert "报送县级：已逾期 3 天" in html


def test_the_countdown_ends_once_the_report_is_finalized_submitted_and_published(cast, client_for, contract_stats,
                                                                                   today):
    report = finalized_report(cast, cast.daxi, when=timezone.now())
    AnnualReport.objects.filter(pk=report.pk).update(submitted_at=timezone.now(), published_at=timezone.now(),
                                                     status=AnnualReport.Status.PUBLISHED)
    today(REAL_LOCALDATE())
    html = client_for(cast.admin_user).get("/").content.decode()
    assert "report-countdown" not in html


def test_submitting_is_recorded_once_and_only_for_a_final_report(cast, client_for, contract_stats, media_root):
    client = client_for(cast.admin_user)
    draft = services.create_draft(township=cast.daxi, year=2025)
    html = client.post(reverse("reports:submit", args=[2025]), follow=True).content.decode()
    assert "草稿不能报送，请先定稿。" in html
    AnnualReport.objects.filter(pk=draft.pk).update(status=AnnualReport.Status.FINALIZED, finalized_at=timezone.now(),
                                                     frozen_document={"parts": []})
    client.post(reverse("reports:submit", args=[2025]))
    first = AnnualReport.objects.get(pk=draft.pk)
    assert first.submitted_at is not None and first.submitted_by == cast.admin_user
    client.post(reverse("reports:submit", args=[2025]))
    assert AnnualReport.objects.get(pk=draft.pk).submitted_at == first.submitted_at


def test_county_dashboard_shows_who_finalized_submitted_published_and_who_is_late(cast, client_for, contract_stats,
                                                                                   today):
    Membership.objects.update(year=2025)
    on_time = timezone.make_aware(datetime.datetime(2026, 2, 10, 10))
    late = timezone.make_aware(datetime.datetime(2026, 3, 5, 10))
    report = finalized_report(cast, cast.daxi, when=on_time)
    AnnualReport.objects.filter(pk=report.pk).update(submitted_at=late)
    today(datetime.date(2026, 4, 2))
    html = client_for(cast.county_user).get("/").content.decode()
    daxi_row = html.split("大溪镇</a>", 1)[1].split("</tr>", 1)[0]
    other_row = html.split("石耶镇</a>", 1)[1].split("</tr>", 1)[0]
    assert 'report-step-finalized"><span class="text-success">2026年2月10日' in daxi_row
    assert 'report-step-submitted"><span class="badge text-bg-warning">2026年3月5日 逾期' in daxi_row
    assert 'report-step-published"><span class="badge text-bg-danger">逾期未完成' in daxi_row
    assert other_row.count("逾期未完成") == 3
    assert "2 个乡镇逾期" in html
