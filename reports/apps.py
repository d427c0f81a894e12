"""The reports app: the annual report, its PDF and Word file, dashboards and targets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("年度报告与工作台")

    def ready(self):
        from reports.tasks import warm_after_change
        from township.cache import committed

        # a township's records or the working-day calendar changed: the worker counts the dashboards again
        committed.connect(warm_after_change, dispatch_uid="reports-warm-dashboards")
