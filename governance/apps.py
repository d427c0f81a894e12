from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("组织领导与学法培训")

    def ready(self):
        from governance.rules import forget_work_calendar

        # due dates read the holiday table through a short-lived copy: a change to the table is seen at once
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(forget_work_calendar, sender="township.CalendarDay", dispatch_uid=f"governance-calendar-{name}")
