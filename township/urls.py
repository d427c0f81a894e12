"""The portal's root URLconf: the core's own pages, then each registered area's URLconf by its dotted path
(township.areas), then the reports. With the settings and wsgi, this is one of the project's root modules
and the only ones allowed to name other apps (docs/architecture.md)."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from township import areas, task_views, views
from township.ledger.views import download_attachment

core_patterns = [
    *areas.area("core").urlpatterns(),
    path("users/", views.members, name="members"),
    path("users/add/", views.member_edit, name="member_add"),
    path("users/<int:pk>/", views.member_edit, name="member_edit"),
]

urlpatterns = [
    path("", include("reports.home_urls")),  # the start page: the dashboard
    path("healthz/", views.healthz, name="healthz"),
    path("accounts/login/", views.PortalLoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("year/", views.choose_year, name="choose_year"),
    path("township/", views.choose_township, name="choose_township"),
    path("attachments/<int:pk>/", download_attachment, name="attachment"),
    path("tasks/<uuid:pk>/", task_views.task_page, name="task"),
    path("tasks/<uuid:pk>/status/", task_views.task_status, name="task_status"),
    path("tasks/<uuid:pk>/download/", task_views.task_download, name="task_download"),
    path("core/", include(core_patterns)),
    *(path(f"{area.code}/", include(area.urls)) for area in areas.areas() if area.urls),
    path("reports/", include("reports.urls")),
    path("public/reports/", include("reports.public_urls")),
    path("public/enforcement/", include("enforcement.public_urls")),
]

handler400 = "township.views.bad_request"
handler403 = "township.views.permission_denied"
handler404 = "township.views.page_not_found"
