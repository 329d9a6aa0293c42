"""Admin wiring for feeds: the Feeds menu (a ModelViewSet), the feed report, Run now, duplicates, log actions."""

from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from directory.feeds import admin_urls
from directory.feeds.forms import FeedForm
from directory.feeds.models import Feed
from directory.feeds.permissions import DirectoryTeamFeedPolicy, can_run_feeds
from directory.feeds.sync import RESTORED_ACTION, WITHDRAWN_ACTION

# Registered before the viewset is, so it never makes a fallback policy for feeds.
register_permission_policy(Feed, DirectoryTeamFeedPolicy(Feed))


class ReportColumn(Column):
    """The feed's name, linking to its report (the edit form is one click further)."""

    def get_value(self, instance):
        return format_html('<a href="{}">{}</a>', reverse("feeds_admin:report", args=[instance.pk]), instance.name)


def _last_run(feed):
    run = feed.last_run
    if run is None:
        return _("Not run yet")
    if run.succeeded:
        return _("Complete, %(date)s: %(count)d services") % {
            "date": run.started_at.strftime("%d %b %Y %H:%M"),
            "count": run.services_in,
        }
    return _("Failed, %(date)s") % {"date": run.started_at.strftime("%d %b %Y %H:%M")}


class FeedViewSet(ModelViewSet):
    model = Feed
    name = "feeds"
    icon = "form"
    menu_label = _("Feeds")
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        ReportColumn("name", label=_("Feed")),
        "publisher",
        Column("last_run", label=_("Last run"), accessor=_last_run),
        Column("next_due", label=_("Next due"), accessor=lambda feed: feed.next_due.strftime("%d %b %Y %H:%M")),
    ]
    search_fields = ["name", "publisher", "url"]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            MultiFieldPanel([FieldPanel("publisher"), FieldPanel("publisher_url")], heading=_("Credit")),
            MultiFieldPanel(
                [FieldPanel("organisations"), FieldPanel("organisation"), FieldPanel("publishing")],
                heading=_("Where its services go"),
            ),
            MultiFieldPanel(
                [FieldPanel("active"), FieldPanel("every_hours"), FieldPanel("next_due")], heading=_("Schedule")
            ),
        ],
        base_form_class=FeedForm,
    )

    def get_queryset(self, request):
        return Feed.objects.select_related("last_run")


feed_viewset = FeedViewSet()


@hooks.register("register_admin_viewset")
def register_feed_viewset():
    return feed_viewset


@hooks.register("register_admin_urls")
def register_feed_admin_urls():
    return [path("feed-runs/", include((admin_urls, "feeds_admin")))]


class DuplicatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_run_feeds(request.user)


@hooks.register("register_reports_menu_item")
def register_duplicates_menu_item():
    return DuplicatesMenuItem(
        _("Possible duplicates"),
        reverse("feeds_admin:duplicates"),
        name="possible-duplicates",
        icon_name="duplicate",
        order=150,
    )


@hooks.register("register_log_actions")
def register_feed_log_actions(actions):
    @actions.register_action(WITHDRAWN_ACTION)
    class Withdrawn(LogFormatter):
        label = _("Withdrawn by its feed")

        def format_message(self, log_entry):
            return _("Unpublished: no longer in the %(feed)s feed") % {"feed": log_entry.data.get("feed", "")}

    @actions.register_action(RESTORED_ACTION)
    class Restored(LogFormatter):
        label = _("Back in its feed")

        def format_message(self, log_entry):
            return _("Published again: back in the %(feed)s feed") % {"feed": log_entry.data.get("feed", "")}
