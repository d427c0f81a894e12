"""Who changed what and when (django-simple-history), as the detail page and the stale-edit refusal
tell it. Personal data in a change is masked like everywhere else, unless the reader may see it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from township.personal import mask_personal

EXCLUDED = ["version", "updated_at", "created_at"]


def _shown(value, kind, reveal):
    return mask_personal(kind, value) if kind and value and not reveal else value


def _changes(record, entry, previous, personal_fields, reveal) -> list[tuple[str, object, object]]:
    delta = entry.diff_against(previous, excluded_fields=EXCLUDED)
    changes = []
    for change in delta.changes:
        kind = personal_fields.get(change.field)
        field = record._meta.get_field(change.field)
        labels = dict(field.flatchoices) if field.choices else {}  # choices as people read them, not their values
        old, new = labels.get(change.old, change.old), labels.get(change.new, change.new)
        changes.append((field.verbose_name, _shown(old, kind, reveal), _shown(new, kind, reveal)))
    return changes


def history_entries(record, personal_fields=None, *, reveal=False, limit=30) -> list[dict]:
    """Newest first, each with its changes; personal fields masked unless reveal."""
    personal_fields = personal_fields or {}
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    result = []
    for index, entry in enumerate(entries[:limit]):
        previous = entries[index + 1] if index + 1 < len(entries) else None
        changes = []
        if previous is not None and entry.history_type == "~":
            changes = _changes(record, entry, previous, personal_fields, reveal)
        result.append({"entry": entry, "changes": changes})
    return result


def stale_edit_message(current, loaded_version, personal_fields=None, *, reveal=False) -> str:
    """Tell the second editor who changed what since they opened the form; nothing is overwritten."""
    newer = list(current.history.filter(version__gt=loaded_version).select_related("history_user").order_by("version"))
    base = current.history.filter(version=loaded_version).first()
    changed = []
    if base is not None and newer:
        for label, old, new in _changes(current, newer[-1], base, personal_fields or {}, reveal):
            changed.append(f"{label}：{old or '（空）'} → {new or '（空）'}")
    who = newer[-1].history_user if newer and newer[-1].history_user else _("其他用户")
    when = timezone.localtime(newer[-1].history_date).strftime("%H:%M") if newer else ""
    text = _("保存未成功：在您编辑期间，%(who)s 于 %(when)s 修改了此记录。您的修改没有保存，也没有覆盖对方的修改。") % {
        "who": who, "when": when,
    }
    if changed:
        text += _("对方修改了：") + "；".join(changed) + "。"
    return text + _("请重新打开记录后再修改。")
