"""URLs of the annual report (/reports/): the report of a year, its PDF, drafts, sections, finalize, publish."""

from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.report, name="report"),
    path("<int:year>/pdf/", views.report_pdf, name="pdf"),
    path("<int:year>/docx/", views.report_docx, name="docx"),
    path("<int:year>/draft/", views.new_draft, name="draft"),
    path("<int:year>/edit/", views.edit_settings, name="edit"),
    path("<int:year>/sections/<int:pk>/edit/", views.edit_section, name="edit_section"),
    path("<int:year>/finalize/", views.finalize, name="finalize"),
    path("<int:year>/submit/", views.submit, name="submit"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/county-batch/", views.county_batch, name="county_batch"),
]
