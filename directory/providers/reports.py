"""The "Listings to check" admin report: live services due a check or stale, oldest check first."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from directory.providers.access import is_directory_team, organisations_for
from directory.providers.freshness import services_due_for_review
from directory.providers.listings import attach_organisations, services_for


def can_see_listings_to_check(user):
    return is_directory_team(user) or organisations_for(user).exists()


def _date(value):
    return date_format(value, "j M Y") if value else ""


class ListingsToCheckView(ReportView):
    page_title = _("Listings to check")
    header_icon = "time"
    index_url_name = "providers_admin:listings_to_check"
    index_results_url_name = "providers_admin:listings_to_check_results"
    paginate_by = 50
    columns = [
        TitleColumn("title", label=_("Service"), url_name="wagtailadmin_pages:edit"),
        Column("organisation_title", label=_("Organisation")),
        Column("last_checked", label=_("Last checked"), accessor=lambda service: _date(service.last_reviewed)),
        Column("review_due_on", label=_("Check due"), accessor=lambda service: _date(service.review_due)),
        Column(
            "stale",
            label=_("Public page"),
            accessor=lambda service: _("Says it may be out of date") if service.is_stale else "",
        ),
    ]
    list_export = ["title", "organisation_title", "last_reviewed", "review_due", "is_stale"]
    export_headings = {
        "title": _("Service"),
        "organisation_title": _("Organisation"),
        "last_reviewed": _("Last checked"),
        "review_due": _("Check due"),
        "is_stale": _("Over 12 months since checked"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_listings_to_check(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"listings-to-check-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        # Live services only: drafts are not on the public site, so nobody relies on them yet.
        live = services_for(self.request.user).live()
        return services_due_for_review(timezone.localdate(), live).order_by("last_reviewed", "title")

    def decorate_paginated_queryset(self, object_list):
        return attach_organisations(object_list)
