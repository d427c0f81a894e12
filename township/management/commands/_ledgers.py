"""What the import and export commands share: finding a ledger by name and the township by code."""

from django.core.management.base import CommandError

from township import areas
from township.models import Township


def ledger_named(name: str):
    registered = areas.ledgers()
    try:
        return registered[name]
    except KeyError:
        raise CommandError(f"未知台账“{name}”，可用：{', '.join(sorted(registered))}") from None


def township_coded(code: str) -> Township:
    try:
        return Township.objects.get(code=code)
    except Township.DoesNotExist:
        raise CommandError(f"未知乡镇代码“{code}”") from None
