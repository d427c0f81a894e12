"""The portal's URLs: the core's own pages, then one include per area."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from reports import views as reports_views
from township import views
from township.ledger import download_attachment
from township.models import Area

urlpatterns = [
    path("", reports_views.dashboard, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("year/", views.choose_year, name="choose_year"),
    path("township/", views.choose_township, name="choose_township"),
    path("attachments/<int:pk>/", download_attachment, name="attachment"),
    path("core/", views.area_index, {"area": Area.CORE}, name="core"),
    path("core/villages/", views.VillageLedger.urls()),
    path("core/people/", views.PersonLedger.urls()),
    path("core/users/", views.members, name="members"),
    path("core/users/add/", views.member_edit, name="member_add"),
    path("core/users/<int:pk>/", views.member_edit, name="member_edit"),
    path("governance/", views.area_index, {"area": Area.GOVERNANCE}, name="governance"),
    path("enforcement/", views.area_index, {"area": Area.ENFORCEMENT}, name="enforcement"),
    path("disputes/", include("disputes.urls")),
    path("outreach/", views.area_index, {"area": Area.OUTREACH}, name="outreach"),
    path("reports/", include("reports.urls")),
    path("public/reports/", include("reports.public_urls")),
]
