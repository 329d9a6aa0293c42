"""Moderation: the provider submits, the directory team sees the diff and approves or asks for changes; all recorded."""

import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, PageLogEntry, Workflow

from directory.providers.access import DIRECTORY_TEAM, WORKFLOW_NAME, ensure_directory_team
from tests.providers.forms_data import service_edit_data

pytestmark = pytest.mark.django_db


def submit(client, service, **changes):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]), service_edit_data(service, action="submit", **changes)
    )
    assert response.status_code == 302
    service.refresh_from_db()
    return service.current_workflow_task_state


def act(client, service, task_state, action, comment=""):
    url = reverse("wagtailadmin_pages:workflow_action", args=[service.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_the_workflow_exists_once_with_the_team_as_approvers(team):
    ensure_directory_team()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.get(name=WORKFLOW_NAME)
    assert list(task.groups.values_list("name", flat=True)) == [DIRECTORY_TEAM]
    assert workflow.workflow_tasks.get().task_id == task.pk


def test_every_service_in_the_directory_goes_through_the_team_workflow(service_a, service_b, team):
    assert service_a.get_workflow().name == WORKFLOW_NAME
    assert service_b.get_workflow().name == WORKFLOW_NAME


def test_submitted_change_goes_live_when_the_moderator_approves(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    task_state = submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    act(client, service_a, task_state, "approve")
    service_a.refresh_from_db()
    assert service_a.summary == "Now also on Saturdays"
    assert not service_a.workflow_in_progress


def test_submitted_change_is_not_live_before_approval(client_a, service_a):
    submit(client_a, service_a, summary="Now also on Saturdays")
    assert service_a.summary != "Now also on Saturdays"


def test_provider_cannot_approve_their_own_submission(client_a, service_a):
    task_state = submit(client_a, service_a, summary="Now also on Saturdays")
    act(client_a, service_a, task_state, "approve")
    service_a.refresh_from_db()
    assert service_a.summary != "Now also on Saturdays"
    assert service_a.workflow_in_progress


def test_provider_sees_the_moderators_comment_in_the_history(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    task_state = submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    act(client, service_a, task_state, "reject", comment="Please add the Saturday opening hours.")
    client.force_login(provider_a)
    response = client.get(reverse("wagtailadmin_pages:history", args=[service_a.pk]))
    assert response.status_code == 200
    assert "Please add the Saturday opening hours." in response.content.decode()


def test_provider_sees_that_changes_were_requested_in_the_editor(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    task_state = submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    act(client, service_a, task_state, "reject", comment="Please add the hours.")
    client.force_login(provider_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk]))
    assert "Changes requested" in response.content.decode()


def test_moderator_sees_the_difference_between_live_and_submitted(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[service_a.pk, "live", "latest"])
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Now also on Saturdays" in content
    assert "Support for families." in content  # the live summary, shown against the new one


def test_moderator_is_offered_the_submission_on_their_dashboard(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    assert service_a.title in client.get(reverse("wagtailadmin_home")).content.decode()


# --- Audit: who changed what, in Wagtail's history -----------------------------------


def test_a_providers_edit_is_recorded_with_their_name(client_a, provider_a, service_a):
    client_a.post(
        reverse("wagtailadmin_pages:edit", args=[service_a.pk]), service_edit_data(service_a, summary="Edited")
    )
    entry = PageLogEntry.objects.filter(page=service_a, action="wagtail.edit").latest("timestamp")
    assert entry.user == provider_a


def test_approval_is_recorded_with_the_moderators_name(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    task_state = submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    act(client, service_a, task_state, "approve")
    assert PageLogEntry.objects.filter(page=service_a, action="wagtail.workflow.approve", user=moderator).exists()
    assert PageLogEntry.objects.filter(page=service_a, action="wagtail.publish", user=moderator).exists()


def test_the_history_page_shows_the_provider_who_edited(client, provider_a, service_a):
    client.force_login(provider_a)
    client.post(reverse("wagtailadmin_pages:edit", args=[service_a.pk]), service_edit_data(service_a, summary="Edited"))
    response = client.get(reverse("wagtailadmin_pages:history", args=[service_a.pk]))
    assert "Alice" in response.content.decode()
