"""The import runner: a parsed sheet through a ledger's resource, all rows or none, each bad row
reported by its Excel row number and column; and the storage of an uploaded sheet between its
preview and the clerk's confirmation.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.results import RowResult

from township.cache import changes_deferred
from township.ledger.changes import Change
from township.ledger.resources import LedgerResource
from township.ledger.widgets import RECORD_ID_COLUMN, DateWidget, clean_text, parse_flexible_date
from township.sheets import ParsedSheet, SkippedRow
from township.workdays import one_calendar


@dataclass
class RowOutcome:
    sheet_row: int
    action: str  # new, update, skip, held (an update waiting for the clerk's tick: not written), invalid
    errors: list[tuple[str, str]] = field(default_factory=list)
    values: list = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # an update's fields: old and new value
    namesakes: list[tuple[int, str]] = field(default_factory=list)  # stored records a new row may be
    matched: int | None = None  # the stored record the clerk matched the row to
    confirmed: bool = False  # a row that changes whose, where or when, ticked by the clerk

    @property
    def identity_changes(self) -> list[Change]:
        return [change for change in self.changes if change.identity]


@dataclass
class ImportOutcome:
    rows: list[RowOutcome]
    headers: list[str]
    ignored_headers: list[str]
    written: bool
    skipped: list[SkippedRow] = field(default_factory=list)  # totals and footer rows, not records
    hidden_rows: list[int] = field(default_factory=list)  # records Excel hides: imported, and said so

    @property
    def error_rows(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.errors]

    @property
    def held_rows(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.action == "held"]

    @property
    def namesake_rows(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.namesakes and not row.errors]

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "update": 0, "skip": 0, "invalid": 0}  # and "held" when a row is held back
        for row in self.rows:
            counts[row.action] = counts.get(row.action, 0) + 1
        return counts


def _messages(error) -> list[tuple[str, str]]:
    if isinstance(error, IntegrityError):  # a key another import or clerk wrote at the same moment
        return [("", _("与其他用户同时写入的记录冲突（如编号或名称重复）。本次没有写入任何数据，请重新上传后再导入。"))]
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [(name, message) for name, messages in error.message_dict.items() for message in messages]
    if isinstance(error, ValidationError):
        return [("", str(message)) for message in error.messages]
    return [("", str(error))]


def preview_value(value):
    """A date cell is shown as the date a clerk typed (Excel stores it as midnight of that day)."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def preview_cell(value, is_date: bool):
    """A cell as the preview shows it: a date column's cell as the date it is read as, whatever its notation
    (an Excel serial 45664, 2025.3.5 …); a cell that is not a date stays as written, its error says why."""
    value = preview_value(value)
    if is_date and not isinstance(value, datetime.date):
        try:
            return parse_flexible_date(value) or value
        except (ValueError, TypeError):
            return value
    return value

def duplicate_rows(resource: LedgerResource, parsed: ParsedSheet) -> dict[int, tuple[str, str]]:
    """Rows that repeat an earlier row of the same sheet: {dataset index: (column, message)}. Rows are
    compared by their natural key, or by their content key when the natural key's cells are blank. Rows that
    each name a different stored record (系统编号) are two records, however alike (two posts of one day, channel
    and title: the portal's own export of them)."""
    earlier: dict[tuple, list[tuple[int, str]]] = {}  # key → [(sheet row, its 系统编号 or "")]
    duplicates = {}
    for index, values in enumerate(parsed.dataset):
        cells = dict(zip(parsed.dataset.headers, [preview_value(v) for v in values], strict=False))
        if resource.natural_key and resource.key_of(cells)[0]:
            columns = resource.natural_key
        elif resource.content_key:
            columns = resource.content_key
        else:
            continue
        key = (columns, resource.key_of(cells, columns))
        record_id = clean_text(cells.get(RECORD_ID_COLUMN))
        first = next((row for row, other_id in earlier.get(key, [])
                      if not (record_id and other_id and record_id != other_id)), None)
        if first is not None:
            duplicates[index] = (columns[0], _("与第 %(row)s 行重复") % {"row": first})
        else:
            earlier.setdefault(key, []).append((parsed.sheet_rows[index], record_id))
    return duplicates


def import_sheet(resource: LedgerResource, parsed: ParsedSheet, *, dry_run: bool, on_row=None) -> ImportOutcome:
    """All rows or none: the import is written only when no row has an error and dry_run is off.

    One pass: when any row fails the whole transaction is rolled back, so a real import needs no dry
    run before it. on_row(number) is told each row done (a background task's progress).
    """
    resource.on_row = on_row
    column_of = {f.attribute: f.column_name for f in resource.fields.values()}
    in_sheet = set(parsed.dataset.headers)

    def sheet_column(name: str) -> str:
        column = column_of.get(name, name)
        return column if column in in_sheet else ""  # never a column the sheet does not have

    duplicates = duplicate_rows(resource, parsed)
    resource.sheet_rows = list(parsed.sheet_rows)
    write = not dry_run and not duplicates
    # One transaction, no savepoint per row (django-import-export's own transactions put two statements around
    # every row): a preview writes the rows too and is rolled back, so it meets what the import will meet.
    resource.preview = not write
    with transaction.atomic():
        # the township's figures dropped once, when the rows are written; the working-day calendar read once
        with changes_deferred() as changes, one_calendar():
            result = resource.import_data(
                parsed.dataset, dry_run=False, use_transactions=False, raise_errors=False, collect_failed_rows=False
            )
            failed = result.has_errors() or result.has_validation_errors()
            if failed or not write:
                changes.clear()
        if failed or not write:
            # django-import-export keeps the valid rows when others are only invalid: not here
            transaction.set_rollback(True)
    rows = []
    database_error_row = None  # after a statement fails, PostgreSQL refuses the rest of the transaction
    headers = list(parsed.dataset.headers)
    date_columns = {f.column_name for f in resource.fields.values() if isinstance(f.widget, DateWidget)}
    for index, row_result in enumerate(result.rows):
        action = {
            RowResult.IMPORT_TYPE_NEW: "new",
            RowResult.IMPORT_TYPE_UPDATE: "update",
            RowResult.IMPORT_TYPE_SKIP: "skip",
        }.get(row_result.import_type, "invalid")
        errors = []
        if row_result.validation_error is not None:
            errors += [(sheet_column(name), message) for name, message in _messages(row_result.validation_error)]
        failures = [error.error for error in row_result.errors]
        if database_error_row is not None and failures and all(isinstance(e, DatabaseError) for e in failures):
            failures = []  # only the echo of the earlier failure: this row was not checked
            errors.append(("", _("未检查：第 %(row)s 行写入时出错，其后的行没有检查。") % {"row": database_error_row}))
        elif any(isinstance(e, DatabaseError) for e in failures):
            database_error_row = parsed.sheet_rows[index]
        for failure in failures:
            errors += _messages(failure)
        if index in duplicates:  # the rest (e.g. "already stored") would only echo the earlier row
            errors = [duplicates[index]]
        values = [preview_cell(value, header in date_columns) for header, value in zip(headers, parsed.dataset[index], strict=False)]
        note = resource.notes.get(index + 1)
        outcome = RowOutcome(parsed.sheet_rows[index], "invalid" if errors else action, errors, values)
        if note is not None:
            outcome.changes, outcome.namesakes, outcome.matched = note.changes, note.namesakes, note.matched
            if note.held and not errors:
                outcome.action = "held"
            outcome.confirmed = bool(note.changes) and any(c.identity for c in note.changes) and not note.held
        rows.append(outcome)
    written = write and not failed
    return ImportOutcome(rows, list(parsed.dataset.headers), parsed.ignored_headers, written,
                         skipped=parsed.skipped, hidden_rows=parsed.hidden_rows)


# --- a sheet waiting for the clerk's confirmation --------------------------------------------------


def pending_path(token: str) -> Path:
    """An uploaded sheet waiting for the clerk's confirmation (the token is random, never a path)."""
    safe = "".join(ch for ch in token if ch.isalnum() or ch in "-_")[:40]
    return Path(settings.MEDIA_ROOT) / "imports" / f"{safe}.upload"


def discard_stale_pending_imports(max_age_hours: int = 24) -> None:
    """Previewed sheets nobody confirmed are removed after a day."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    cutoff = timezone.now().timestamp() - max_age_hours * 3600
    for leftover in folder.glob("*.upload") if folder.is_dir() else []:
        if leftover.stat().st_mtime < cutoff:
            leftover.unlink(missing_ok=True)
