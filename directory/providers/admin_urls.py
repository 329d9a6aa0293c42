"""Admin URLs of the providers app, mounted at /admin/providers/ by wagtail_hooks."""

from django.urls import path

from directory.providers import admin_views
from directory.providers.reports import ListingsToCheckView

urlpatterns = [
    path("invite/", admin_views.InviteProviderView.as_view(), name="invite"),
    path("import/", admin_views.ImportServicesView.as_view(), name="import_services"),
    path("import/template.csv", admin_views.CsvTemplateView.as_view(), name="csv_template"),
    path("still-correct/<int:page_id>/", admin_views.StillCorrectView.as_view(), name="still_correct"),
    path("still-correct/", admin_views.BulkStillCorrectView.as_view(), name="still_correct_several"),
    path("review/<int:page_id>/", admin_views.ReviewChangesView.as_view(), name="review_changes"),
    path("listings-to-check/", ListingsToCheckView.as_view(), name="listings_to_check"),
    path(
        "listings-to-check/results/",
        ListingsToCheckView.as_view(results_only=True),
        name="listings_to_check_results",
    ),
]
