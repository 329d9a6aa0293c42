"""Admin home panels: a provider's own services, and the directory team's to-do counts."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from directory.providers.access import is_directory_team
from directory.providers.freshness import services_due_for_review, stale_services
from directory.providers.listings import (
    attach_organisations,
    listing_report_model,
    listing_status,
    open_report_counts,
    services_for,
)
from directory.providers.models import ProviderInvite

MAX_SERVICES_SHOWN = 100


class ProviderServicesPanel(Component):
    name = "provider_services"
    template_name = "providers/panels/provider_services.html"
    order = 50

    def is_shown(self, parent_context=None):
        # The directory team sees every service elsewhere; this panel is a provider's own list.
        return not is_directory_team(parent_context["request"].user)

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        today = timezone.localdate()
        services = attach_organisations(services_for(user).order_by("title")[:MAX_SERVICES_SHOWN])
        reports = open_report_counts(service.pk for service in services)
        rows = [
            {
                "service": service,
                "organisation": service.organisation_title,
                "status": listing_status(service),
                "last_checked": service.last_reviewed,
                "review_due": service.review_due,
                "is_due": service.review_due <= today,
                "is_stale": service.is_stale,
                "open_reports": reports.get(service.pk, 0),
            }
            for service in services
        ]
        return {"rows": rows, "show_reports": listing_report_model() is not None}

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context):
            return ""
        return super().render_html(parent_context)


class DirectoryTeamPanel(Component):
    name = "directory_team"
    template_name = "providers/panels/directory_team.html"
    order = 60

    def is_shown(self, parent_context=None):
        return is_directory_team(parent_context["request"].user)

    def get_context_data(self, parent_context):
        live = services_for(parent_context["request"].user).live()
        return {
            "due_count": services_due_for_review(queryset=live).count(),
            "stale_count": stale_services(queryset=live).count(),
            "pending_invites": ProviderInvite.objects.filter(
                used_at__isnull=True, expires_at__gt=timezone.now()
            ).count(),
        }

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context):
            return ""
        return super().render_html(parent_context)
