"""The disputes app (report part 一(四)): disputes, petitions, the mediation network, legal advisers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = _("矛盾纠纷与信访")
