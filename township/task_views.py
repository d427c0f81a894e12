"""The pages that follow a background task (township.tasks): its JSON status, which static/js/task-progress.js
polls, and the page of a task that is not an import (a county's reports), with its file to download.
An import's task has its own page under its ledger (township.ledger.views.LedgerImportTaskView)."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from township import access, areas
from township.models import BackgroundTask
from township.tasks import status_of


def task_url(record: BackgroundTask) -> str:
    """The page that follows a task: an import's is its ledger's, the others the generic one."""
    if record.ledger:
        return reverse(f"{record.ledger}:import_task", args=[record.pk])
    return reverse("task", args=[record.pk])


@login_required
def task_status(request, pk):
    record = access.get_task(request.user, request.township, pk)
    response = JsonResponse({**status_of(record), "url": task_url(record)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def task_page(request, pk):
    record = access.get_task(request.user, request.township, pk)
    if record.ledger and record.ledger in areas.ledgers():
        return redirect(task_url(record))
    context = {"task": record, "progress": status_of(record), "result": record.result}
    return render(request, "township/task.html", context, status=200)


@login_required
def task_download(request, pk):
    """The file a finished task produced (a county's reports in one zip), to the user who asked for it only."""
    record = access.get_task(request.user, request.township, pk, status=BackgroundTask.Status.DONE)
    name = record.result.get("file")
    if not name or not default_storage.exists(name):
        raise Http404(_("该文件已不存在，请重新生成。"))
    return FileResponse(default_storage.open(name, "rb"), as_attachment=True,
                        filename=record.result.get("download_name") or "download.zip")
