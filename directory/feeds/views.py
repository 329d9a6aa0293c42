"""Admin views for feeds: the feed report (like the ORUK validator's dashboard) and the "Run now" button."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.feeds.models import Feed, FeedRun
from directory.feeds.permissions import can_run_feeds
from directory.feeds.sync import sync_feed

RUNS_SHOWN = 20


class FeedTeamOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_run_feeds(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class FeedReportView(FeedTeamOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Is the feed there, is it valid, what came in and what changed: the last run and the history."""

    header_icon = "form"
    template_name = "feeds/feed_report.html"

    def get_page_title(self):
        return _("Feed report: %(name)s") % {"name": self.feed.name}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feeds:index"), "label": _("Feeds")},
            {"url": "", "label": self.feed.name},
        ]

    def dispatch(self, request, *args, pk, **kwargs):
        self.feed = get_object_or_404(Feed.objects.select_related("last_run", "organisation"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = list(self.feed.runs.select_related("triggered_by")[:RUNS_SHOWN])
        context.update(
            feed=self.feed,
            last=runs[0] if runs else None,
            runs=runs,
            last_success=self.feed.runs.filter(complete=True, failure="").first(),
            last_failure=self.feed.runs.exclude(failure="").first(),
            listed=self.feed.listings.filter(withdrawn_at__isnull=True).count(),
            withdrawn=self.feed.listings.filter(withdrawn_at__isnull=False).count(),
        )
        return context


class RunNowView(FeedTeamOnlyMixin, View):
    """POST only: run the feed at once, in this request, then show its report."""

    http_method_names = ["post"]

    def post(self, request, pk):
        feed = get_object_or_404(Feed, pk=pk)
        feed_run = sync_feed(feed, trigger=FeedRun.Trigger.ADMIN, user=request.user)
        if feed_run is None:
            messages.warning(request, _("“%(name)s” is already running. Try again in a minute.") % {"name": feed.name})
        elif feed_run.succeeded:
            messages.success(
                request,
                _("“%(name)s” ran: %(created)d new, %(updated)d updated, %(withdrawn)d withdrawn.")
                % {
                    "name": feed.name,
                    "created": feed_run.created,
                    "updated": feed_run.updated,
                    "withdrawn": feed_run.withdrawn,
                },
            )
        else:
            messages.error(
                request,
                _("“%(name)s” failed: %(failure)s Nothing was withdrawn.")
                % {"name": feed.name, "failure": feed_run.failure},
            )
        return redirect("feeds_admin:report", pk=feed.pk)


RunNowView.page_title = gettext_lazy("Run now")
