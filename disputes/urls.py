"""URLs of the disputes area, included by township/urls.py under /disputes/."""

from django.urls import path

from disputes import views
from township.models import Area
from township.views import area_index

urlpatterns = [
    path("", area_index, {"area": Area.DISPUTES}, name="disputes"),  # the area's landing page (the nav links it)
    path("disputes/", views.DisputeLedger.urls()),
    path("petitions/", views.PetitionLedger.urls()),
    path("mediators/", views.MediatorLedger.urls()),
    path("committees/", views.MediationCommitteeLedger.urls()),
    path("advisers/", views.LegalAdviserLedger.urls()),
    path("consultations/", views.ConsultationLedger.urls()),
]
