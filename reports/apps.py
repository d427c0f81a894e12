"""The reports app: the annual report, its PDF and Word file, dashboards and targets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("年度报告与工作台")

    def ready(self):
        from reports.tasks import warm_after_change
        from township.cache import everything_changed

        # a change to the working-day calendar: the worker computes every dashboard again (reports.tasks)
        everything_changed.connect(warm_after_change, dispatch_uid="reports-warm-dashboards")
