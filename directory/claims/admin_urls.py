"""Admin URLs of claiming, mounted at /admin/claims/ by wagtail_hooks."""

from django.urls import path

from directory.claims import admin_views

urlpatterns = [
    path("", admin_views.ClaimListView.as_view(), name="index"),
    path("<int:pk>/", admin_views.ClaimView.as_view(), name="claim"),
    path("audit/", admin_views.ClaimAuditView.as_view(), name="audit"),
]
