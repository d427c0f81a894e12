"""URLs of the enforcement area (the root URLconf includes them under /enforcement/)."""

from enforcement.area import AREA

urlpatterns = AREA.urlpatterns()
