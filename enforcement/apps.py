from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def seed_violation_types(sender, instance, created, raw=False, **kwargs):
    """A new township starts with the customary violation categories (it edits the list afterwards)."""
    if created and not raw:
        from enforcement.models import ViolationType

        ViolationType.ensure_defaults(instance)


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("行政执法")

    def ready(self):
        post_save.connect(seed_violation_types, sender="township.Township", dispatch_uid="enforcement.violation_types")
