"""A ledger's export in the importer's layout (xlsx or csv), with personal data masked unless the user
may see it in full, and every export that carries personal data logged (PIPL Art. 28). The web page
and the export_ledger command both come through here."""

from django.utils.translation import gettext as _

from township.models import PersonalDataLog
from township.personal import mask_personal
from township.sheets import write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def personal_columns(ledger, resource) -> dict[str, str]:
    """Export column name → personal data kind, from the model's personal fields."""
    return {f.column_name: ledger.personal_fields[f.attribute] for f in resource.fields.values()
            if f.attribute in ledger.personal_fields}


def mask_rows(ledger, resource, headers, rows):
    columns = personal_columns(ledger, resource)
    if not columns:
        return rows
    kinds = [columns.get(header) for header in headers]
    return [[mask_personal(kind, value) if kind and value else value for kind, value in zip(kinds, row, strict=False)]
            for row in rows]


def log_export(ledger, resource, user, headers, count, revealed) -> None:
    """Every export that contains personal data is logged, masked or not."""
    columns = [header for header in headers if header in personal_columns(ledger, resource)]
    if columns and count:
        detail = _("导出 %(count)s 条，含：%(cols)s（%(state)s）") % {
            "count": count, "cols": "、".join(columns), "state": _("完整") if revealed else _("已脱敏"),
        }
        PersonalDataLog.objects.create(
            user=user, township=resource.township, action=PersonalDataLog.Action.EXPORT, ledger=ledger.slug,
            detail=detail,
        )


def export_ledger(ledger, *, township, user, queryset, year, reveal: bool, fmt: str = "xlsx") -> tuple[bytes, str, str]:
    """(content, MIME type, file name) of the export of these records; logged when it carries personal data."""
    resource = ledger.resource(township=township, user=user)
    headers, rows = resource.export_rows(queryset)
    if not reveal:
        rows = mask_rows(ledger, resource, headers, rows)
    if user is not None:
        log_export(ledger, resource, user, headers, len(rows), reveal)
    title = ledger.export_title(township, year)
    if fmt == "csv":
        return write_csv(headers, rows), "text/csv; charset=utf-8", f"{title}.csv"
    return write_xlsx(title, headers, rows), XLSX, f"{title}.xlsx"
