"""The core's own area: the villages and the people roster that every other area refers to."""

from django.utils.translation import gettext_lazy as _

from township.areas import Area, register
from township.views import PersonLedger, VillageLedger

AREA = register(Area(
    code="core",
    label=_("村（社区）与人员"),
    position=90,
    app="township",
    urls=None,  # the root URLconf (township.urls) routes the core's pages itself
    stats=None,
    ledgers=[VillageLedger, PersonLedger],
    assignable=False,  # kept by the rule-of-law office's admin
))
