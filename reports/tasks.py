"""The reports app's work for the task workers (township.tasks).

A county's reports of a year gathered into one zip: each township's latest finalized revision, its frozen PDF
byte for byte; townships without one are listed, not drafted (county viewers read finalized reports only,
reports.views). And the dashboards counted again on the ``warm`` queue, once a change is committed: a township's
after a write to its records, every one after a change to the working-day calendar (docs/decisions/0027)."""

import datetime
import io
import logging
import time
import zipfile

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from reports import services
from reports.models import AnnualReport
from township import access
from township.cache import GLOBAL
from township.models import Township
from township.tasks import Throttled, finish, running, set_progress


@task()
def gather_county_reports(task_id: str) -> dict:
    with running(task_id, failure=_("没有生成文件。")) as record:
        townships = list(access.visible_townships(record.user).order_by("code"))
        set_progress(record.pk, phase="render", done=0, total=len(townships))
        report_progress = Throttled(record.pk)
        included, missing = [], []
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
            for done, township in enumerate(townships, start=1):
                report = (access.scoped(record.user, township, AnnualReport)
                          .filter(year=record.year).exclude(status=AnnualReport.Status.DRAFT)
                          .select_related("township").order_by("-revision").first())
                if report is None:
                    missing.append(township.name)
                else:
                    archive.writestr(report.download_name, services.pdf_bytes(report))
                    included.append(township.name)
                report_progress(done=done)
        set_progress(record.pk, done=len(townships))
        county = getattr(access.membership_of(record.user), "county", None)
        download_name = _("%(county)s%(year)s年法治政府建设情况报告（%(count)s份）.zip") % {
            "county": county.name if county else "", "year": record.year, "count": len(included)}
        stored = default_storage.save(f"tasks/{record.pk}.zip", ContentFile(buffer.getvalue()))
        summary = _("已汇总 %(included)s 个乡镇的%(year)s年度报告（共 %(total)s 个乡镇）。") % {
            "included": len(included), "year": record.year, "total": len(townships)}
        finish(record, result={"file": stored, "download_name": download_name, "summary": summary,
                               "included": included, "missing": missing})
        return {"included": len(included), "missing": len(missing)}
    return {}


logger = logging.getLogger(__name__)

WARM_QUEUED = "portal:warm-queued"  # a warm-up waits in the queue: a calendar of thirty holidays queues one
WARM_FLAG_TIMEOUT = 3600  # a run lost with its worker does not keep others from being queued for longer


def warm_after_change(sender, scope, **kwargs) -> None:
    """township.cache.committed: the worker counts the dashboards again (PORTAL_WARM_DASHBOARDS) — every one
    after a change to the working-day calendar, the township's own after a change to its records (a record
    saved, a sheet imported), so that its next reader, and the county's and the province's pages, find them
    kept. One run waits in the queue per township at a time."""
    if not settings.PORTAL_WARM_DASHBOARDS:
        return
    if scope == GLOBAL:
        if cache.add(WARM_QUEUED, True, WARM_FLAG_TIMEOUT):
            warm_dashboards.enqueue()
    elif cache.add(f"{WARM_QUEUED}:{scope}", True, WARM_FLAG_TIMEOUT):
        warm_township.enqueue(scope)


@task(queue_name="warm")  # its own worker: an import does not wait minutes behind it
def warm_dashboards(day: str = "") -> dict:
    """reports.services.warm_dashboards for the years in use (``day``: ISO date, today by default)."""
    cache.delete(WARM_QUEUED)  # a change from now on queues another run
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    years = services.warm_years(today)
    started = time.perf_counter()
    done = services.warm_dashboards(years, today)
    logger.info("dashboards warmed", extra={**done, "seconds": round(time.perf_counter() - started, 1)})
    return done


@task(queue_name="warm")
def warm_township(township_id: int) -> dict:
    """reports.services.warm_township for the years in use."""
    cache.delete(f"{WARM_QUEUED}:{township_id}")  # a change from now on queues another run
    township = Township.objects.select_related("county").filter(pk=township_id).first()
    if township is None:  # removed meanwhile
        return {}
    today = timezone.localdate()
    years = services.warm_years(today)
    services.warm_township(township, years, today)
    return {"township": township.code, "years": years}
