"""Invites: the team invites by email; the link sets a password once, within 7 days; a dead link says why."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.providers.invites import invite_provider
from directory.providers.models import ProviderInvite, hash_token
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "kettle-harbour-47-lantern"


def invite_and_get_link(organisation, email="carol@example.org", invited_by=None):
    invite_provider(email, organisation, invited_by=invited_by)
    link = re.search(r"https?://\S+/providers/invite/\S+/", mail.outbox[-1].body).group(0)
    return "/" + link.split("/", 3)[3]


def accept(client, link, password=GOOD_PASSWORD, again=None):
    return client.post(link, {"first_name": "Carol", "password1": password, "password2": again or password})


# --- Sending ------------------------------------------------------------------------------


def test_the_team_sends_an_invite_from_the_admin(moderator_client, org_a):
    response = moderator_client.post(
        reverse("providers_admin:invite"), {"email": "carol@example.org", "organisation": org_a.pk}
    )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["carol@example.org"]
    assert org_a.title in mail.outbox[0].body
    assert "/providers/invite/" in mail.outbox[0].body


def test_a_provider_cannot_send_invites(client_a, org_a):
    response = client_a.post(reverse("providers_admin:invite"), {"email": "eve@example.org", "organisation": org_a.pk})
    assert_refused(response)
    assert mail.outbox == []
    assert not ProviderInvite.objects.exists()


def test_the_token_is_stored_only_as_a_hash(org_a):
    link = invite_and_get_link(org_a)
    token = link.rstrip("/").rsplit("/", 1)[1]
    invite = ProviderInvite.objects.get()
    assert invite.token_hash == hash_token(token)
    assert token not in invite.token_hash


def test_an_invite_expires_after_seven_days(org_a):
    invite_and_get_link(org_a)
    invite = ProviderInvite.objects.get()
    assert invite.expires_at - invite.created_at == datetime.timedelta(days=7)


# --- Accepting ----------------------------------------------------------------------------


def test_a_valid_link_shows_the_password_form(client, org_a):
    link = invite_and_get_link(org_a)
    response = client.get(link)
    assert response.status_code == 200
    assert "Choose a password" in response.content.decode()


def test_a_valid_link_sets_the_password_and_signs_the_provider_in(client, org_a):
    link = invite_and_get_link(org_a)
    response = accept(client, link)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    user = get_user_model().objects.get(email="carol@example.org")
    assert user.check_password(GOOD_PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # signed in


def test_the_new_provider_can_edit_the_invited_organisations_services(client, org_a, service_a, service_b):
    accept(client, invite_and_get_link(org_a))
    user = get_user_model().objects.get(email="carol@example.org")
    assert service_a.permissions_for_user(user).can_edit()
    assert not service_b.permissions_for_user(user).can_edit()
    assert not service_a.permissions_for_user(user).can_publish()


def test_a_weak_password_is_refused_with_the_reason(client, org_a):
    link = invite_and_get_link(org_a)
    response = accept(client, link, password="password")
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not get_user_model().objects.filter(email="carol@example.org").exists()
    assert not ProviderInvite.objects.get().is_used  # the link still works for a second try


def test_passwords_that_differ_are_refused(client, org_a):
    response = accept(client, invite_and_get_link(org_a), again="something-else-entirely-9")
    assert "The two passwords are different" in response.content.decode()


def test_a_used_link_says_it_was_used(client, org_a):
    link = invite_and_get_link(org_a)
    accept(client, link)
    client.logout()
    response = client.get(link)
    assert response.status_code == 410
    content = response.content.decode()
    assert "already been used" in content
    assert "Ask for a new link" in content


def test_a_used_link_cannot_set_a_password_again(client, org_a):
    link = invite_and_get_link(org_a)
    accept(client, link)
    client.logout()
    accept(client, link, password="another-strong-passphrase-8")
    user = get_user_model().objects.get(email="carol@example.org")
    assert user.check_password(GOOD_PASSWORD)


def test_an_expired_link_says_it_has_expired(client, org_a):
    link = invite_and_get_link(org_a)
    ProviderInvite.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 410
    content = response.content.decode()
    assert "has expired" in content
    assert "Ask for a new link" in content


def test_an_expired_link_cannot_create_an_account(client, org_a):
    link = invite_and_get_link(org_a)
    ProviderInvite.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    accept(client, link)
    assert not get_user_model().objects.filter(email="carol@example.org").exists()


def test_an_unknown_link_says_it_is_not_recognised(client):
    response = client.get(reverse("providers:accept_invite", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "do not recognise" in response.content.decode()


def test_asking_for_a_new_link_emails_the_directory_team_and_stores_nothing(client, org_a, moderator):
    link = invite_and_get_link(org_a)
    ProviderInvite.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    mail.outbox.clear()
    response = client.post(link + "new-link/", {"email": "carol@example.org"})
    assert response.status_code == 200
    assert mail.outbox[0].to == [moderator.email]
    assert "carol@example.org" in mail.outbox[0].body
    assert org_a.title in mail.outbox[0].body
    assert ProviderInvite.objects.count() == 1


def test_an_existing_account_gets_the_organisation_added(client, provider_a, org_b, service_b):
    link = invite_and_get_link(org_b, email=provider_a.email)
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login")
    assert service_b.permissions_for_user(provider_a).can_edit()
    provider_a.refresh_from_db()
    assert provider_a.check_password("not-a-real-password-42")  # their password is untouched


def test_the_invite_page_lists_recent_invites(moderator_client, org_a):
    invite_provider("carol@example.org", org_a)
    response = moderator_client.get(reverse("providers_admin:invite"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "carol@example.org" in content
    assert "Waiting" in content
