"""The core app: townships, villages, people, roles; it discovers every app's area.py when Django starts."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class TownshipConfig(AppConfig):
    name = "township"
    verbose_name = _("乡镇、村（社区）与人员")

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from township import collector
        from township.cache import record_changed
        from township.workdays import connect_calendar_signals

        # every installed app's area.py registers its area (township.areas)
        autodiscover_modules("area")
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(record_changed, dispatch_uid=f"township-cache-{signal}")
        # no collection of Python's cyclic garbage inside a request: after it (township.collector)
        request_started.connect(collector.pause, dispatch_uid="township-collector-pause")
        request_finished.connect(collector.resume, dispatch_uid="township-collector-resume")
        # an admin's CalendarDay moves the stored due dates around it (township.workdays)
        connect_calendar_signals()
