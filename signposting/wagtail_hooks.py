"""Admin for reports and suggestions: the team's lists (status with history), and the provider's own reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from directory.providers.access import is_directory_team
from signposting import provider_reports, report_status
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


class ListingReportEditView(EditView):
    """Every status change is logged with who made it; the viewset's history view lists them."""

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        self.status_before, self.needs_check_before = report.status, report.needs_check
        return report

    def save_instance(self):
        report = super().save_instance()
        report_status.record_status(report, self.status_before, self.request.user)
        report_status.record_checked(report, self.needs_check_before, self.request.user)
        return report


class ListingReportViewSet(ModelViewSet):
    model = ListingReport
    name = "listing_reports"
    icon = "warning"
    menu_label = _("Reports about listings")
    edit_view_class = ListingReportEditView
    list_display = [
        "service",
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
        "created_at",
        Column("status", label=_("Status"), accessor="get_status_display"),
        BooleanColumn("needs_check", label=_("Check the listing")),
    ]
    list_filter = ["status", "needs_check", "reason"]
    search_fields = ["details", "service__title"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("service", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("details", read_only=True),
        FieldPanel("created_at", read_only=True),
        FieldPanel(
            "status",
            help_text=_(
                "New: nobody has looked yet. With the provider: theirs to correct. Fixed: the listing is right now. "
                "Rejected: nothing was wrong. The history keeps who changed it and when."
            ),
        ),
        FieldPanel("needs_check"),
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


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    for action, label, message in [*report_status.ACTIONS.values(), report_status.CHECKED_ACTION]:
        actions.register_action(action, label, message)


# --- The provider's own reports (signposting/provider_reports.py) ----------------------------


@hooks.register("register_admin_urls")
def register_provider_reports_urls():
    urls = [
        path("", provider_reports.ProviderReportsView.as_view(), name="index"),
        path("<int:pk>/fixed/", provider_reports.MarkFixedView.as_view(), name="mark_fixed"),
    ]
    return [path("reports-about-your-listings/", include((urls, "provider_reports")))]


class ProviderReportsMenuItem(MenuItem):
    def is_shown(self, request):
        # The team works from "Public feedback"; this is a provider's view of their own listings.
        return not is_directory_team(request.user) and provider_reports.can_see_own_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_provider_reports_menu_item():
    return ProviderReportsMenuItem(
        _("Reports about your listings"),
        reverse("provider_reports:index"),
        name="reports-about-your-listings",
        icon_name="warning",
        order=255,
    )
