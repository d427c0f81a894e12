"""URLs of the governance area (the root URLconf includes them under /governance/)."""

from governance.area import AREA

urlpatterns = AREA.urlpatterns()
