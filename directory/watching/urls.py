"""Admin URLs for watching, mounted at /admin/watching/ by wagtail_hooks."""

from django.urls import path

from directory.watching.views import MyWatchesView, WatchPageView

urlpatterns = [
    path("", MyWatchesView.as_view(), name="my_watches"),
    path("page/<int:target_id>/", WatchPageView.as_view(), name="watch_page"),
]
