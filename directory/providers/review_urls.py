"""Admin URLs for reminders and closures, mounted at /admin/providers/review/ by review_hooks."""

from django.urls import path

from directory.providers.closing_views import CloseServiceView, ClosuresView
from directory.providers.overdue import OverdueAfterRemindersView

urlpatterns = [
    path("close/<int:page_id>/", CloseServiceView.as_view(), name="close_service"),
    path("closures/", ClosuresView.as_view(), name="closures"),
    path("overdue/", OverdueAfterRemindersView.as_view(), name="overdue"),
    path("overdue/results/", OverdueAfterRemindersView.as_view(results_only=True), name="overdue_results"),
]
