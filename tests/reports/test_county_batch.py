"""A county viewer gathers every township's finalized report of a year in one zip, made by the task worker:
the finalized PDFs byte for byte, the townships without one listed; the task and its file are theirs alone."""

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from reports import services
from reports.models import AnnualReport
from township.models import BackgroundTask


@pytest.fixture
def finalized(cast, contract_stats, media_root):
    """Daxi's 2025 report, finalized; the county's other township has none."""
    report = services.create_draft(township=cast.daxi, year=2025)
    for section in report.sections.all():
        section.prose = section.prose or "已填写。"
        section.manual = section.part == 1 and section.topic != "disputes"
        section.save()
    return services.finalize(report=report, user=cast.admin_user)


def test_a_county_viewer_downloads_the_countys_finalized_reports_in_one_zip(cast, client_for, finalized):
    client = client_for(cast.county_user)
    response = client.post(reverse("reports:county_batch", args=[2025]))
    assert response.status_code == 302
    record = BackgroundTask.objects.get(user=cast.county_user)
    assert response.url == reverse("task", args=[record.pk])

    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "已汇总 1 个乡镇的2025年度报告（共 2 个乡镇）。" in html
    assert "石耶镇" in html  # listed as not finalized yet

    download = client.get(reverse("task_download", args=[record.pk]))
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert archive.namelist() == [finalized.download_name]
    assert hashlib.sha256(archive.read(finalized.download_name)).hexdigest() == finalized.pdf_sha256


def test_only_county_viewers_gather_and_only_the_asker_downloads(cast, client_for, finalized):
    assert client_for(cast.admin_user).post(reverse("reports:county_batch", args=[2025])).status_code == 403
    assert client_for(cast.county_user).get(reverse("reports:county_batch", args=[2025])).status_code == 405
    client_for(cast.county_user).post(reverse("reports:county_batch", args=[2025]))
    record = BackgroundTask.objects.get()
    for user in (cast.admin_user, cast.leader_user, cast.other_admin_user):
        other = client_for(user)
        assert other.get(reverse("task", args=[record.pk])).status_code == 404
        assert other.get(reverse("task_download", args=[record.pk])).status_code == 404
    assert AnnualReport.objects.count() == 1
