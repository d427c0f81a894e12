"""The public page of published reports: no login, no drafts, no personal data."""

from django.urls import path

from reports import views

app_name = "public_reports"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("<slug:township>/<int:year>/", views.public_report, name="report"),
    path("<slug:township>/<int:year>/pdf/", views.public_pdf, name="pdf"),
]
