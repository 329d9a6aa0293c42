""" "This service has closed": one step for the provider, the directory team decides, approval unpublishes."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from directory.providers.access import sync_publish_permission
from directory.providers.closing import (
    CLOSURE_APPROVED_ACTION,
    CLOSURE_REQUESTED_ACTION,
    ClosureRefused,
    approve_closure,
    ask_to_close,
)
from directory.providers.models import ClosureRequest
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db

REASON = "Funding ended in March; families now go to the Horsham family hub."


def close_url(service):
    return reverse("providers_review:close_service", args=[service.pk])


def closures_url():
    return reverse("providers_review:closures")


def test_the_closed_action_is_on_the_service_editor(client_a, service_a):
    content = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk])).content.decode()
    assert close_url(service_a) in content
    assert "This service has closed" in content


def test_asking_to_close_sends_it_to_the_team_and_keeps_the_page_up(client_a, service_a, moderator):
    response = client_a.post(close_url(service_a), {"reason": REASON})
    assert response.status_code == 302
    closure = ClosureRequest.objects.get(service=service_a)
    assert closure.status == ClosureRequest.Status.PENDING
    assert closure.reason == REASON
    service_a.refresh_from_db()
    assert service_a.live
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert REASON not in mail.outbox[0].body  # free text stays in the admin
    entry = PageLogEntry.objects.get(page=service_a, action=CLOSURE_REQUESTED_ACTION)
    assert REASON in entry.message


def test_a_reason_is_needed(client_a, service_a, moderator):
    response = client_a.post(close_url(service_a), {"reason": "   "})
    assert response.status_code == 200
    assert "Say why the service has closed" in response.content.decode()
    assert not ClosureRequest.objects.exists()


def test_asking_twice_is_answered_politely(client_a, service_a, provider_a):
    ask_to_close(service_a, provider_a, REASON)
    response = client_a.post(close_url(service_a), {"reason": REASON})
    assert response.status_code == 200
    assert "The directory team has had a request to close" in response.content.decode()
    assert ClosureRequest.objects.count() == 1


def test_another_organisations_provider_cannot_ask(client_a, service_b):
    assert_refused(client_a.get(close_url(service_b)))
    assert_refused(client_a.post(close_url(service_b), {"reason": REASON}))
    assert not ClosureRequest.objects.exists()


def test_a_missing_service_is_a_404_not_a_500(moderator_client):
    assert moderator_client.get(reverse("providers_review:close_service", args=[999999])).status_code == 404


def test_approval_unpublishes_with_the_reason_in_the_history(
    moderator_client, moderator, provider_a, service_a, django_capture_on_commit_callbacks
):
    closure = ask_to_close(service_a, provider_a, REASON)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(closures_url(), {"closure": closure.pk, "decision": "approve"})
    assert response.status_code == 302
    service_a.refresh_from_db()
    assert not service_a.live
    closure.refresh_from_db()
    assert (closure.status, closure.decided_by) == (ClosureRequest.Status.APPROVED, moderator)
    entry = PageLogEntry.objects.get(page=service_a, action=CLOSURE_APPROVED_ACTION)
    assert entry.user == moderator
    assert entry.data["reason"] == REASON
    assert REASON in entry.message
    assert PageLogEntry.objects.filter(page=service_a, action="wagtail.unpublish").exists()
    assert [message.to for message in mail.outbox] == [[provider_a.email]]


def test_declining_keeps_the_service_published(moderator_client, provider_a, service_a):
    closure = ask_to_close(service_a, provider_a, REASON)
    moderator_client.post(closures_url(), {"closure": closure.pk, "decision": "decline", "note": "It runs in May."})
    service_a.refresh_from_db()
    assert service_a.live
    closure.refresh_from_db()
    assert closure.status == ClosureRequest.Status.DECLINED
    assert closure.decision_note == "It runs in May."


def test_a_trusted_organisation_also_goes_through_the_team(client_a, org_a, service_a, moderator):
    org_a.trusted = True
    org_a.save_revision().publish()
    sync_publish_permission(org_a)
    client_a.post(close_url(service_a), {"reason": REASON})
    service_a.refresh_from_db()
    assert service_a.live
    assert ClosureRequest.objects.get(service=service_a).status == ClosureRequest.Status.PENDING


def test_a_provider_cannot_decide_closures(client_a, provider_a, service_a):
    closure = ask_to_close(service_a, provider_a, REASON)
    assert_refused(client_a.get(closures_url()))
    assert_refused(client_a.post(closures_url(), {"closure": closure.pk, "decision": "approve"}))
    with pytest.raises(ClosureRefused):
        approve_closure(closure, provider_a)
    service_a.refresh_from_db()
    assert service_a.live


def test_a_decided_closure_cannot_be_decided_again(moderator_client, moderator, provider_a, service_a):
    closure = ask_to_close(service_a, provider_a, REASON)
    approve_closure(closure, moderator)
    response = moderator_client.post(closures_url(), {"closure": closure.pk, "decision": "decline"}, follow=True)
    assert "already been decided" in response.content.decode()
    assert ClosureRequest.objects.get().status == ClosureRequest.Status.APPROVED


def test_the_queue_shows_pending_closures_with_their_reason(moderator_client, provider_a, service_a):
    ask_to_close(service_a, provider_a, REASON)
    content = moderator_client.get(closures_url()).content.decode()
    assert service_a.title in content
    assert "Acorn Family Trust" in content
    assert "Funding ended in March" in content


def test_an_unknown_closure_in_the_queue_is_a_404(moderator_client):
    assert moderator_client.post(closures_url(), {"closure": "abc", "decision": "approve"}).status_code == 404
