"""URLs of the disputes area (the root URLconf includes them under /disputes/): its landing page and ledgers."""

from disputes.area import AREA

urlpatterns = AREA.urlpatterns()
