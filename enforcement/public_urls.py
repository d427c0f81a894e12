"""The public disclosure page (行政执法公示): no login, published decisions only, no personal data beyond
surnames. The root URLconf includes it at /public/enforcement/ (DESIGN.md §7)."""

from django.urls import path

from enforcement import views

app_name = "public_enforcement"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("<slug:township>/", views.public_township, name="township"),
]
