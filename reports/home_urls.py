"""The portal's start page (the root URLconf includes it at /): the dashboard, the county's comparison, or
a village clerk's ledgers; the province viewer's rollup by county."""

from django.urls import path

from reports import views

urlpatterns = [path("", views.dashboard, name="home"), path("province/", views.province, name="province")]
