"""Admin URLs of the inbox, mounted at /admin/requests/ by wagtail_hooks."""

from django.urls import path

from connect import admin_views

urlpatterns = [
    path("", admin_views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/", admin_views.RequestView.as_view(), name="request"),
    path("subject-access/", admin_views.SubjectAccessView.as_view(), name="subject_access"),
]
