from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TownshipConfig(AppConfig):
    name = "township"
    verbose_name = _("乡镇、村（社区）与人员")

    def ready(self):
        from township.workdays import connect_calendar_signals

        connect_calendar_signals()
