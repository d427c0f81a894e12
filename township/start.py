"""What a user's start and area pages say of each ledger they read: the year's records in their scope, what is
overdue or due within 7 days, what is still open, and whether they may enter more.

Read through township.access like every page (a village clerk counts their own village's records, and never
a ledger their role does not read, such as petitions: 《信访工作条例》第三十条). A ledger's model may offer, on
its queryset, ``alerting(kind, today)`` (township.ledger.alerts) and ``pending()`` (records still open); a
ledger without them shows its count only. A fixed number of queries per ledger, whatever the records.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from township import access
from township.ledger.alerts import DUE_SOON, OVERDUE

#: how many records with deadlines a start page lists per ledger
ALERT_ITEMS = 5


@dataclass
class LedgerSummary:
    ledger: type
    title: str
    count: int
    can_add: bool
    overdue: int = 0
    due_soon: int = 0
    pending: int | None = None  # None: the ledger has no notion of open records
    items: list[dict] = field(default_factory=list)  # the records with deadlines, soonest first

    @property
    def slug(self) -> str:
        return self.ledger.slug


def summarise(user, township, ledger, year: int, today: datetime.date, *, with_items: bool = False) -> LedgerSummary:
    """One ledger as the user's start page shows it (the user must read the ledger: access.can_read)."""
    queryset = ledger.base_queryset(user, township, year)
    summary = LedgerSummary(ledger=ledger, title=ledger.title(), count=queryset.count(),
                            can_add=access.can_change(user, township, ledger.model))
    if hasattr(queryset, "pending"):
        summary.pending = queryset.pending().count()
    if hasattr(queryset, "alerting"):
        summary.overdue = queryset.alerting(OVERDUE, today).count()
        summary.due_soon = queryset.alerting(DUE_SOON, today).count()
        if with_items and (summary.overdue or summary.due_soon):
            alerting = queryset.alerting(OVERDUE, today) | queryset.alerting(DUE_SOON, today)
            for record in alerting.distinct()[: ALERT_ITEMS * 2]:
                for alert in record.alerts(today):
                    if alert.kind in (OVERDUE, DUE_SOON) and alert.deadline is not None:
                        summary.items.append({"record": record, "alert": alert, "due": alert.deadline.due})
            summary.items = sorted(summary.items, key=lambda item: item["due"])[:ALERT_ITEMS]
    return summary


def summaries(user, township, ledgers, year: int, today: datetime.date, *, with_items: bool = False) -> list[LedgerSummary]:
    return [summarise(user, township, ledger, year, today, with_items=with_items)
            for ledger in ledgers if access.can_read(user, ledger)]
