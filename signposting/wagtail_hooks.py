"""Admin for the directory team: reports about listings and suggested services, to read and mark resolved."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from directory.providers.access import is_directory_team
from signposting.models import ListingReport, ServiceSuggestion


class DirectoryTeamPolicy(ModelPermissionPolicy):
    """The directory team reads and resolves what the public sends; nobody adds one by hand."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action in ("view", "change") and is_directory_team(user):
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Registered before the viewsets are, so they never make a fallback policy for these models.
register_permission_policy(ListingReport, DirectoryTeamPolicy(ListingReport))
register_permission_policy(ServiceSuggestion, DirectoryTeamPolicy(ServiceSuggestion))


class ListingReportViewSet(ModelViewSet):
    model = ListingReport
    name = "listing_reports"
    icon = "warning"
    menu_label = _("Reports about listings")
    list_display = [
        "service",
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
        "created_at",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_filter = ["status", "reason"]
    search_fields = ["details", "service__title"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("service", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("details", read_only=True),
        FieldPanel("created_at", read_only=True),
        FieldPanel("status", help_text=_("Mark it resolved once the listing is right.")),
    ]


class ServiceSuggestionViewSet(ModelViewSet):
    model = ServiceSuggestion
    name = "service_suggestions"
    icon = "plus"
    menu_label = _("Suggested services")
    list_display = [
        "name",
        "organisation_name",
        "service",
        "created_at",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_filter = ["status"]
    search_fields = ["name", "organisation_name"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("organisation_name", read_only=True),
        FieldPanel("service", read_only=True),
        FieldPanel("created_at", read_only=True),
        FieldPanel("status", help_text=_("Mark it resolved once the draft is published or deleted.")),
    ]


class PublicFeedbackGroup(ModelViewSetGroup):
    menu_label = _("Public feedback")
    menu_icon = "mail"
    menu_order = 260
    items = (ListingReportViewSet, ServiceSuggestionViewSet)


@hooks.register("register_admin_viewset")
def register_public_feedback():
    return PublicFeedbackGroup()
