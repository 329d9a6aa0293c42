"""The "Possible duplicates" admin report: pairs of services that look alike, side by side, never merged."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from directory.feeds.duplicates import possible_duplicates
from directory.feeds.models import FeedListing
from directory.feeds.permissions import can_run_feeds


def _source(service, feeds) -> str:
    listing = feeds.get(service.pk)
    return _("%(feed)s feed") % {"feed": listing.feed.name} if listing else _("Local listing")


class PossibleDuplicatesView(ReportView):
    page_title = _("Possible duplicates")
    header_icon = "duplicate"
    results_template_name = "feeds/possible_duplicates_results.html"
    index_url_name = "feeds_admin:duplicates"
    index_results_url_name = "feeds_admin:duplicates_results"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_run_feeds(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return possible_duplicates()

    def decorate_paginated_queryset(self, object_list):
        pairs = list(object_list)
        ids = {service.pk for pair in pairs for service in (pair.first, pair.second)}
        feeds = {
            listing.service_id: listing
            for listing in FeedListing.objects.filter(service_id__in=ids).select_related("feed")
        }
        paths = {service.path[:-4] for pair in pairs for service in (pair.first, pair.second)}
        parents = dict(Page.objects.filter(path__in=paths).values_list("path", "title"))
        for pair in pairs:
            pair.sides = [
                {
                    "service": service,
                    "organisation": parents.get(service.path[:-4], ""),
                    "source": _source(service, feeds),
                }
                for service in (pair.first, pair.second)
            ]
        return pairs
