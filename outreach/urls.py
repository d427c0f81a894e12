"""URLs of the outreach area (the root URLconf includes them under /outreach/)."""

from outreach.area import AREA

urlpatterns = AREA.urlpatterns()
