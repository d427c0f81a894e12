from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("普法宣传")

    def ready(self):
        from outreach.occasions import seed_new_township
        from township.models import Township

        post_save.connect(seed_new_township, sender=Township, dispatch_uid="outreach_national_occasions")
