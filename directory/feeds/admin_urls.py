"""Admin URLs of the feeds app, mounted at /admin/feed-runs/ by wagtail_hooks."""

from django.urls import path

from directory.feeds.reports import PossibleDuplicatesView
from directory.feeds.views import FeedReportView, RunNowView

urlpatterns = [
    path("<int:pk>/", FeedReportView.as_view(), name="report"),
    path("<int:pk>/run/", RunNowView.as_view(), name="run_now"),
    path("duplicates/", PossibleDuplicatesView.as_view(), name="duplicates"),
    path("duplicates/results/", PossibleDuplicatesView.as_view(results_only=True), name="duplicates_results"),
]
