"""Admin home panels for the work itself: a provider's listings by what needs doing, the team's changes to check."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from directory.providers.access import is_directory_team
from directory.providers.listings import attach_organisations, open_report_counts, services_for
from directory.providers.moderation import organisation_of

MAX_SERVICES_SHOWN = 100


def _person(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def requested_changes_by_page(page_ids):
    """{page id: {"comment", "by", "at"}} for pages sent back by the directory team, in one query."""
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page_id) for page_id in page_ids],
        status=WorkflowState.STATUS_NEEDS_CHANGES,
    ).select_related("current_task_state__finished_by")
    requested = {}
    for state in states:
        task_state = state.current_task_state
        if task_state is not None:
            requested[int(state.object_id)] = {
                "comment": task_state.get_comment(),
                "by": _person(task_state.finished_by),
                "at": task_state.finished_at,
            }
    return requested


class ProviderWorkPanel(Component):
    """A provider's listings by what needs doing: changes requested, due a check, with the team, reported."""

    name = "provider_work"
    template_name = "providers/panels/provider_work.html"
    order = 40

    def is_shown(self, parent_context=None):
        return not is_directory_team(parent_context["request"].user)

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        today = timezone.localdate()
        services = attach_organisations(services_for(request.user).order_by("title")[:MAX_SERVICES_SHOWN])
        ids = [service.pk for service in services]
        requested = requested_changes_by_page(ids)
        reports = open_report_counts(ids)
        changes_requested, due, with_team, reported = [], [], [], []
        for service in services:
            if service.pk in requested:
                changes_requested.append({"service": service, **requested[service.pk]})
            elif service.workflow_in_progress:
                with_team.append({"service": service})
            if service.live and service.review_due <= today:
                due.append({"service": service, "is_stale": service.is_stale})
            if reports.get(service.pk):
                reported.append({"service": service, "count": reports[service.pk]})
        return {
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
            "changes_requested": changes_requested,
            "due": due,
            "with_team": with_team,
            "reported": reported,
            "nothing_to_do": not (changes_requested or due or with_team or reported),
            "has_services": bool(services),
        }

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context):
            return ""
        return super().render_html(parent_context)


class ChangesToCheckPanel(Component):
    """The directory team's queue: each change waiting, with its organisation and sender, one click from deciding."""

    name = "changes_to_check"
    template_name = "providers/panels/changes_to_check.html"
    order = 45

    def is_shown(self, parent_context=None):
        return is_directory_team(parent_context["request"].user)

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        states = (
            TaskState.objects.reviewable_by(user)
            .select_related("revision__user", "workflow_state")
            .order_by("started_at")
        )
        rows = []
        for state in states:
            page = state.revision.content_object
            if not isinstance(page, Page):
                continue
            page = page.specific
            organisation = organisation_of(page)
            rows.append(
                {
                    "page": page,
                    "organisation": organisation.title if organisation else "",
                    "trusted": bool(organisation and organisation.trusted),
                    "sent_by": _person(state.revision.user),
                    "sent_at": state.started_at,
                    "is_new": not page.live,
                }
            )
        return {"rows": rows}

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context):
            return ""
        return super().render_html(parent_context)
