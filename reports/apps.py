"""The reports app: the annual report, its PDF and Word file, dashboards and targets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("年度报告与工作台")
