"""The insight pages' admin URLs (mounted under /admin/insight/ by wagtail_hooks)."""

from django.urls import path

from insight import views

app_name = "insight"
urlpatterns = [
    path("", views.CoverageView.as_view(), name="coverage"),
    path("cell/", views.CellView.as_view(), name="cell"),
    path("searches/", views.DemandView.as_view(), name="demand"),
    path("quality/", views.QualityView.as_view(), name="quality"),
]
