"""Long work off the request path, on Django's tasks framework (the django-tasks backport, django-tasks-db's
queue by default): a large sheet checked or imported. Other apps run theirs the same way (reports.tasks).

A BackgroundTask row says who asked, where, how it ended and what it produced; the worker writes its progress
(rows read, checked, written) to the "progress" cache as it goes, since the import's own transaction keeps
anything it writes to the database out of sight until the end. The page that follows a task
(township.task_views, the ledger's import task page) reads both; leaving it loses nothing.
"""

import contextlib
import datetime
import decimal
import io
import logging
import re
import time
import zipfile
import zlib

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from township import areas
from township.ledger.changes import Change, ImportChoices
from township.ledger.importer import ImportOutcome, RowOutcome, import_sheet
from township.models import BackgroundTask
from township.sheets import SheetError, SkippedRow, parse_sheet, read_rows

logger = logging.getLogger(__name__)

PROGRESS_TIMEOUT = 24 * 3600
PROGRESS_EVERY = 0.5  # seconds between two progress writes of a running task
KEEP_DAYS = 7  # finished tasks are removed after a week; their uploaded sheets and rows after a day


# --- submitting and following a task ------------------------------------------------------------------


def submit(task_function, **fields) -> BackgroundTask:
    """Record the task and queue it (with the immediate backend of the tests, it runs now)."""
    discard_old()
    record = BackgroundTask.objects.create(**fields)
    task_function.enqueue(str(record.pk))
    return record


def discard_old() -> None:
    now = timezone.now()
    old = BackgroundTask.objects.filter(created_at__lt=now - datetime.timedelta(days=KEEP_DAYS))
    for result in old.values_list("result", flat=True):
        if result.get("file"):
            default_storage.delete(result["file"])
    old.delete()
    # an unconfirmed sheet and its rows (names, phone numbers) are not kept longer than a pending upload
    stale = BackgroundTask.objects.filter(created_at__lt=now - datetime.timedelta(days=1)).exclude(upload=b"")
    stale.update(upload=b"")


def _progress_key(task_id) -> str:
    return f"portal:task:{task_id}"


def set_progress(task_id, **values) -> None:
    cache = caches["progress"]
    key = _progress_key(task_id)
    cache.set(key, {**(cache.get(key) or {}), **values}, PROGRESS_TIMEOUT)


def progress_of(task_id) -> dict:
    return caches["progress"].get(_progress_key(task_id)) or {}


def status_of(record: BackgroundTask) -> dict:
    """What the page and its JSON show: the state, the bar (value of max) and the counters."""
    progress = record.result.get("progress") if record.is_finished else None
    progress = progress or progress_of(record.pk)
    counters = {name: progress.get(name, 0) for name in ("read", "checked", "written", "done")}
    total = progress.get("total", 0)
    # the bar follows the step under way: reading, then checking (and writing, in the same pass), or reports done
    step = {"read": "read", "check": "checked", "write": "checked", "render": "done"}.get(progress.get("phase"), "")
    finished = record.status == BackgroundTask.Status.DONE or progress.get("phase") == "done"
    value = total if finished else min(counters.get(step, 0), total)
    return {
        "status": record.status,
        "label": str(record.get_status_display()),
        "phase": progress.get("phase", ""),
        "phase_label": str(PHASES.get(progress.get("phase", ""), "")),
        "finished": record.is_finished,
        "value": value,
        "max": total,
        "counters": counters,
        "error": record.error,
    }


PHASES = {
    "": gettext_lazy("等待后台处理…"),
    "read": gettext_lazy("正在读取表格…"),
    "check": gettext_lazy("正在逐行检查…"),
    "write": gettext_lazy("正在检查并写入…"),
    "render": gettext_lazy("正在汇总报告…"),
    "done": gettext_lazy("已完成"),
}


@contextlib.contextmanager
def running(task_id, *, failure: str):
    """Mark the task running; on an error, mark it failed with a reason in Chinese (`failure` names what was
    not done), log the error and let the tasks framework record it too."""
    record = BackgroundTask.objects.select_related("user", "township").get(pk=task_id)
    BackgroundTask.objects.filter(pk=record.pk).update(status=BackgroundTask.Status.RUNNING)
    try:
        with translation.override(None):  # the worker writes its messages in the portal's language
            yield record
    except SheetError as exc:  # the file as a whole cannot be read: the reader's own message
        finish(record, error=str(exc))
    except Exception as exc:
        logger.exception("background task %s failed", record.pk)
        finish(record, error=_("后台处理时出错（%(error)s），%(failure)s请稍后重试；如果再次出错，请把本页地址告诉管理员。")
               % {"error": type(exc).__name__, "failure": failure})
        raise


def finish(record: BackgroundTask, *, result: dict | None = None, error: str = "", keep_upload: bool = False) -> None:
    progress = progress_of(record.pk)
    record.result = {**(result or {}), "progress": progress}
    record.error = error
    record.status = BackgroundTask.Status.FAILED if error else BackgroundTask.Status.DONE
    record.finished_at = timezone.now()
    fields = ["result", "error", "status", "finished_at"]
    if not keep_upload:
        record.upload = b""
        fields.append("upload")
    record.save(update_fields=fields)
    caches["progress"].delete(_progress_key(record.pk))


class Throttled:
    """A progress callback that writes at most every PROGRESS_EVERY seconds (and the last value)."""

    def __init__(self, task_id, **fixed):
        self.task_id, self.fixed, self.last = task_id, fixed, 0.0

    def __call__(self, **values):
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY:
            self.last = now
            set_progress(self.task_id, **self.fixed, **values)


# --- a large sheet, checked (the preview) or imported (the confirmation) ----------------------------

# A row starting, or a cell's value (<v>, or <is> for inline text), in a worksheet's XML.
SHEET_TOKEN = re.compile(rb"<(?:\w+:)?(row)[\s>/]|<(?:\w+:)?(?:v|is)[\s>]")


def sheet_rows_estimate(data: bytes, filename: str) -> int:
    """About how many rows holding a value a sheet has, without reading it: the lines of a CSV, the <row>
    elements with a value in an .xlsx's worksheets (borders drawn far below the data are not counted). 0 when it
    cannot tell: the request's own reading then says what is wrong with the file, as before."""
    if filename.lower().endswith(".csv"):
        return data.count(b"\n")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(info.file_size for info in members) > settings.IMPORT_MAX_UNPACKED_BYTES:
                return 0  # refused at once by the reader
            count = 0
            for info in members:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with archive.open(info) as part:
                        count += _rows_with_values(part)
            return count
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, zlib.error):
        return 0


def _rows_with_values(part) -> int:
    count, counted = 0, True  # counted: the current row's value has been counted (nothing before a first row)
    carried = b""  # the end of a chunk, where a tag may be cut in two, is read with the next one
    while True:
        chunk = part.read(1 << 20)
        block = carried + chunk
        cut = max(0, len(block) - 16) if chunk else len(block)
        for match in SHEET_TOKEN.finditer(block, 0, cut + 16 if chunk else len(block)):
            if match.start() >= cut:
                break
            if match.group(1):
                counted = False
            elif not counted:
                count, counted = count + 1, True
        carried = block[cut:]
        if not chunk:
            return count


def goes_to_worker(data: bytes, filename: str) -> bool:
    """Sheets above IMPORT_INLINE_MAX_ROWS rows are checked and imported by the worker; smaller ones in the
    request, as before (docs/decisions/0020)."""
    return sheet_rows_estimate(data, filename) > settings.IMPORT_INLINE_MAX_ROWS



@task()
def import_ledger_sheet(task_id: str) -> dict:
    """The import page's preview or confirmation of a sheet too large to wait for: the same import_sheet, all
    rows or none, with the rows read, checked and written counted as it goes."""
    with running(task_id, failure=_("没有写入任何数据。")) as record:
        writes = record.kind == BackgroundTask.Kind.IMPORT_WRITE
        ledger = areas.ledgers()[record.ledger]
        resource = ledger.resource(township=record.township, user=record.user)
        # the rows the clerk ticked and the namesakes they matched in the preview (township.ledger.changes)
        resource.choices = ImportChoices.from_json(record.result.get("choices", {}))
        data = bytes(record.upload)
        set_progress(record.pk, phase="read", total=sheet_rows_estimate(data, record.filename))
        reading = Throttled(record.pk)
        parsed = parse_sheet(read_rows(data, record.filename, on_rows=lambda count: reading(read=count)),
                             resource.header_aliases(), resource.required_columns())
        total = len(parsed.dataset)
        set_progress(record.pk, phase="write" if writes else "check", read=total, total=total)
        report = Throttled(record.pk)

        def on_row(number: int) -> None:
            report(checked=number, **({"written": number} if writes else {}))

        outcome = import_sheet(resource, parsed, dry_run=not writes, on_row=on_row)
        counts = {"checked": total, "written": total if outcome.written else 0}
        set_progress(record.pk, phase="done", **counts)
        # a clean preview keeps its sheet for the confirmation; an import done (or refused) needs it no more
        finish(record, result={"outcome": outcome_to_json(outcome)},
               keep_upload=not writes and not outcome.error_rows)
        return outcome.counts
    return {}


# --- an import's outcome as JSON (the task row keeps it for the page) ------------------------------


def _encode(value):
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"time": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"seconds": value.total_seconds()}
    if isinstance(value, decimal.Decimal):
        return {"decimal": str(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


DECODERS = {
    "datetime": datetime.datetime.fromisoformat,
    "date": datetime.date.fromisoformat,
    "time": datetime.time.fromisoformat,
    "seconds": lambda seconds: datetime.timedelta(seconds=seconds),
    "decimal": decimal.Decimal,
}


def _decode(value):
    if isinstance(value, dict) and len(value) == 1:
        kind, text = next(iter(value.items()))
        if kind in DECODERS:
            return DECODERS[kind](text)
    return value


def outcome_to_json(outcome: ImportOutcome) -> dict:
    return {
        "rows": [[row.sheet_row, row.action, [list(error) for error in row.errors], [_encode(v) for v in row.values],
                  [[c.column, _encode(c.old), _encode(c.new), c.identity] for c in row.changes],
                  [list(namesake) for namesake in row.namesakes], row.matched, row.confirmed]
                 for row in outcome.rows],
        "headers": outcome.headers,
        "ignored_headers": outcome.ignored_headers,
        "written": outcome.written,
        "skipped": [[row.sheet_row, str(row.reason), row.text] for row in outcome.skipped],
        "hidden_rows": outcome.hidden_rows,
    }


def outcome_from_json(data: dict) -> ImportOutcome:
    return ImportOutcome(
        rows=[RowOutcome(sheet_row, action, [tuple(error) for error in errors], [_decode(v) for v in values],
                         [Change(column, _decode(old), _decode(new), identity) for column, old, new, identity in changes],
                         [tuple(namesake) for namesake in namesakes], matched, confirmed)
              for sheet_row, action, errors, values, changes, namesakes, matched, confirmed in data["rows"]],
        headers=data["headers"],
        ignored_headers=data["ignored_headers"],
        written=data["written"],
        skipped=[SkippedRow(*row) for row in data["skipped"]],
        hidden_rows=data["hidden_rows"],
    )
