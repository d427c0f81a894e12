"""What a record shows as badges and what the lists filter by: overdue, due within 7 days, defects.

A model that has deadlines gives ``alerts(today) -> list[Alert]`` per record and a queryset method
``alerting(kind, today)`` that selects the same records in SQL (tests keep the two equal); its ledger
shows ``alert_badges(record.alerts(today))`` and filters with township.ledger.filters.AlertFilter.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from township.workdays import STATUS_DUE_SOON, STATUS_OVERDUE, Deadline

OVERDUE = "overdue"
DUE_SOON = "due_soon"
DEFECT = "defect"
ALERT_CHOICES = [(OVERDUE, _("已逾期")), (DUE_SOON, _("7日内到期")), (DEFECT, _("有缺陷"))]


@dataclass(frozen=True)
class Alert:
    """One badge-worthy fact about a record: kind is overdue, due_soon or defect."""

    kind: str
    label: str
    message: str
    deadline: Deadline | None = None


def deadline_alert(deadline: Deadline | None, today: datetime.date, subject: str) -> Alert | None:
    """An overdue or due-soon alert for a running deadline (None when it is met, done or far)."""
    if deadline is None or deadline.due is None:
        return None
    status = deadline.status(today)
    where = f"{deadline.rule}：{date_format(deadline.due)}（{deadline.article}）"
    if status == STATUS_OVERDUE:
        return Alert(OVERDUE, gettext("%(subject)s已逾期") % {"subject": subject}, where, deadline)
    if status == STATUS_DUE_SOON:
        return Alert(DUE_SOON, gettext("%(subject)s7日内到期") % {"subject": subject}, where, deadline)
    return None


ALERT_LEVELS = {OVERDUE: "danger", DUE_SOON: "warning", DEFECT: "warning"}


def alert_badges(alerts) -> list:
    """The badges of a record's alerts (red when overdue, amber when due soon or defective)."""
    from township.ledger import Badge

    return [Badge(alert.label, ALERT_LEVELS[alert.kind], alert.message) for alert in alerts]
