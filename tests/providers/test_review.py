"""Deciding on a provider's change from the comparison, auto-approval for trusted organisations, and freshness."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from directory.models import ServicePage
from tests.providers.forms_data import service_edit_data
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db


def review_url(service):
    return reverse("providers_admin:review_changes", args=[service.pk])


def submit(client, service, **changes):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]), service_edit_data(service, action="submit", **changes)
    )
    assert response.status_code == 302
    service.refresh_from_db()
    return response


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def make_old(service, days=200):
    service.last_reviewed = timezone.localdate() - datetime.timedelta(days=days)
    service.save_revision().publish()
    service.refresh_from_db()
    return service


@pytest.fixture
def submitted(client, provider_a, moderator, service_a):
    """Alice (Acorn Family Trust) sent a new summary; the moderator is signed in."""
    client.force_login(provider_a)
    submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    return service_a


# --- The review page --------------------------------------------------------------------------


def test_the_review_page_names_the_organisation_and_the_person(client, submitted):
    content = client.get(review_url(submitted)).content.decode()
    assert "Acorn Family Trust" in content
    assert "Alice" in content
    assert "alice@example.org" in content
    assert "Now also on Saturdays" in content
    assert "Approve and publish" in content
    assert "Request changes" in content


def test_approving_from_the_review_page_publishes_and_confirms(client, submitted):
    response = client.post(review_url(submitted), {"action": "approve"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.summary == "Now also on Saturdays"
    assert not submitted.workflow_in_progress
    assert any("Approved" in message and submitted.title in message for message in messages_of(response))


def test_requesting_changes_sends_the_comment_to_the_provider(client, submitted, provider_a):
    response = client.post(review_url(submitted), {"action": "reject", "comment": "Please add the Saturday hours."})
    assert any("went back to Acorn Family Trust" in message for message in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.summary != "Now also on Saturdays"
    client.force_login(provider_a)
    assert "Please add the Saturday hours." in client.get(reverse("wagtailadmin_home")).content.decode()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk])).content.decode()
    assert "Please add the Saturday hours." in editor
    assert "Submit for checking again" in editor


def test_requesting_changes_without_a_comment_asks_for_one(client, submitted):
    response = client.post(review_url(submitted), {"action": "reject", "comment": "  "})
    assert response.status_code == 200
    assert "Say what needs changing" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.current_workflow_task_state.status == "in_progress"


def test_an_unknown_decision_changes_nothing(client, submitted):
    response = client.post(review_url(submitted), {"action": "delete-everything"})
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress


def test_the_provider_cannot_decide_on_their_own_change(client, provider_a, submitted):
    client.force_login(provider_a)
    assert_refused(client.post(review_url(submitted), {"action": "approve"}))
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress


def test_a_decided_change_is_not_decided_twice(client, submitted):
    client.post(review_url(submitted), {"action": "approve"})
    response = client.get(review_url(submitted))
    assert response.status_code == 302
    assert any("no changes waiting" in message for message in messages_of(response))


def test_the_team_dashboard_leads_to_the_review_page_with_the_organisation(client, submitted):
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert review_url(submitted) in content
    assert "Acorn Family Trust" in content


def test_the_editor_offers_the_review_page_to_the_moderator(client, submitted):
    content = client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk])).content.decode()
    assert review_url(submitted) in content


# --- An approved edit is a check --------------------------------------------------------------


def test_an_approved_edit_moves_last_checked_to_the_approval_date(client, provider_a, moderator, service_a):
    make_old(service_a)
    client.force_login(provider_a)
    submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    client.post(review_url(service_a), {"action": "approve"})
    service_a.refresh_from_db()
    assert service_a.last_reviewed == timezone.localdate()
    assert service_a.live_revision.as_object().last_reviewed == timezone.localdate()
    assert not service_a.has_unpublished_changes


def test_the_search_index_gets_the_new_check_date(client, provider_a, moderator, service_a):
    from search.models import ServiceLocationRow

    make_old(service_a)
    client.force_login(provider_a)
    submit(client, service_a, summary="Now also on Saturdays")
    client.force_login(moderator)
    client.post(review_url(service_a), {"action": "approve"})
    dates = set(ServiceLocationRow.objects.filter(service_id=service_a.pk).values_list("last_reviewed", flat=True))
    assert dates == {timezone.localdate()}


def test_a_change_still_waiting_does_not_move_last_checked(client, provider_a, service_a):
    make_old(service_a)
    client.force_login(provider_a)
    submit(client, service_a, summary="Now also on Saturdays")
    assert service_a.last_reviewed < timezone.localdate()


def test_the_teams_own_edit_is_not_a_providers_check(client, moderator, service_a):
    old = make_old(service_a).last_reviewed
    client.force_login(moderator)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[service_a.pk]),
        service_edit_data(service_a, action="publish", summary="Typo fixed by the team"),
    )
    service_a.refresh_from_db()
    assert service_a.summary == "Typo fixed by the team"
    assert service_a.last_reviewed == old


# --- Auto-approval for trusted organisations (a setting, off by default) ----------------------


@pytest.fixture
def trusted_a(org_a):
    org_a.trusted = True
    org_a.save_revision().publish()
    return org_a


def test_by_default_a_trusted_providers_submission_waits(client_a, trusted_a, service_a):
    submit(client_a, service_a, min_age="3")
    assert service_a.workflow_in_progress


def test_with_the_setting_a_trusted_change_without_new_words_goes_live(client_a, trusted_a, service_a, settings):
    settings.DIRECTORY_AUTO_APPROVE_TRUSTED_UNCHANGED_TEXT = True
    response = submit(client_a, service_a, min_age="3")
    assert not service_a.workflow_in_progress
    assert service_a.min_age == 3
    assert any("Published straight away" in message for message in messages_of(response))


def test_with_the_setting_new_words_still_wait_for_the_team(client_a, trusted_a, service_a, settings):
    settings.DIRECTORY_AUTO_APPROVE_TRUSTED_UNCHANGED_TEXT = True
    submit(client_a, service_a, summary="New words")
    assert service_a.workflow_in_progress
    assert ServicePage.objects.get(pk=service_a.pk).summary != "New words"


def test_with_the_setting_an_untrusted_organisation_still_waits(client_a, service_a, settings):
    settings.DIRECTORY_AUTO_APPROVE_TRUSTED_UNCHANGED_TEXT = True
    submit(client_a, service_a, min_age="3")
    assert service_a.workflow_in_progress
