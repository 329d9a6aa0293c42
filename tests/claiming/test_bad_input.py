"""Bad input never gives a 500 or a second account: each case says what happened, and the audit records it."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.claims.domains import listing_domains, on_listing_domain
from directory.claims.models import Claim, ClaimEvent
from directory.claims.retention import purge
from directory.providers.access import give_provider_access, provider_users
from directory.providers.models import ProviderInvite
from tests.claiming.conftest import ask, check_link, claim_url, mail_to
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db

Action = ClaimEvent.Action


def events(action):
    return ClaimEvent.objects.filter(action=action)


# --- The emailed link ----------------------------------------------------------------------


def test_an_expired_link_says_so_and_confirms_nothing(client, orchard_service):
    ask(client, orchard_service)
    link = check_link(mail.outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3, minutes=1)):
        shown, posted = client.get(link), client.post(link)
    for response in (shown, posted):
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
    claim = Claim.objects.get()
    assert not claim.email_confirmed
    assert events(Action.LINK_EXPIRED).filter(claim=claim).count() == 2


def test_a_link_used_twice_says_it_was_used(client, orchard_service):
    ask(client, orchard_service)
    link = check_link(mail.outbox[0])
    client.post(link)
    response = client.post(link)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert events(Action.EMAIL_CONFIRMED).count() == 1
    assert events(Action.LINK_USED).count() == 1


def test_a_forged_link_is_not_recognised(client, orchard_service):
    ask(client, orchard_service)
    forged = reverse("claims:confirm", args=["a" * 43])
    response = client.post(forged)
    assert response.status_code == 404
    assert "This link is not right" in response.content.decode()
    assert not Claim.objects.get().email_confirmed
    assert events(Action.LINK_UNKNOWN).count() == 1


def test_the_token_is_stored_only_as_a_hash(client, orchard_service):
    ask(client, orchard_service)
    token = check_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert token not in (Claim.objects.get().token_hash or "")
    assert Claim.objects.for_token(token) is not None


# --- Listings already looked after, and their members --------------------------------------


def test_a_looked_after_listing_explains_instead_of_showing_the_form(client, harbour_service, harbour_provider):
    response = client.get(claim_url(harbour_service))
    assert response.status_code == 200
    assert "already looked after" in response.content.decode()
    assert "form" not in response.context


def test_a_claim_for_a_looked_after_listing_is_refused_and_recorded(client, harbour, harbour_service, harbour_provider):
    response = ask(client, harbour_service, email="someone@harbour.example")
    assert response.status_code == 200
    assert "already looked after" in response.content.decode()
    assert not Claim.objects.exists()
    assert mail.outbox == []
    assert events(Action.ALREADY_MANAGED).get().organisation_id == harbour.pk


def test_a_claim_by_a_member_says_the_same_and_is_recorded_as_a_member(client, harbour_service, harbour_provider):
    response = ask(client, harbour_service, email=harbour_provider.email)
    assert "already looked after" in response.content.decode()
    assert not Claim.objects.exists()
    assert events(Action.ALREADY_MEMBER).count() == 1


def test_approving_a_claimant_who_became_a_member_meanwhile_adds_nothing(client, team_client, orchard, orchard_service):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    claim = Claim.objects.get()
    member = get_user_model().objects.create_user("jo.fielding@gmail.com", "jo.fielding@gmail.com", "x-long-pw-31")
    give_provider_access(member, orchard)
    mail.outbox.clear()
    response = team_client.post(reverse("claims_admin:claim", args=[claim.pk]), {"decision": "approve"}, follow=True)
    assert response.status_code == 200
    assert "Not approved: jo.fielding@gmail.com already looks after Orchard Family Centre" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.TO_CHECK
    assert not ProviderInvite.objects.exists()
    assert mail.outbox == []
    assert events(Action.ALREADY_MEMBER).get().actor is not None


def test_a_second_claim_cannot_be_approved_while_the_first_invite_is_open(
    client, team_client, moderator, orchard, orchard_service
):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    first = Claim.objects.get()
    team_client.post(reverse("claims_admin:claim", args=[first.pk]), {"decision": "approve"})
    # The listing stops asking at once, but a claim made before the approval can still be waiting.
    second = Claim.objects.create(
        organisation=orchard, name="Sam", email="sam@orchard.example", role="Volunteer", status=Claim.Status.TO_CHECK
    )
    response = team_client.post(reverse("claims_admin:claim", args=[second.pk]), {"decision": "approve"}, follow=True)
    assert "already has a provider, or an invite from another approved claim is still open" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Claim.Status.TO_CHECK
    assert ProviderInvite.objects.count() == 1
    assert events(Action.ALREADY_MANAGED).get().claim == second
    assert provider_users(orchard).count() == 0


# --- Email checks only on the listing's own domain -----------------------------------------


def test_the_team_cannot_send_an_email_check_to_an_address_off_the_domain(client, team_client, orchard_service):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    claim = Claim.objects.get()
    mail.outbox.clear()
    response = team_client.post(reverse("claims_admin:claim", args=[claim.pk]), {"decision": "send_check"}, follow=True)
    assert "is not on the listing" in response.content.decode()
    assert mail.outbox == []
    assert events(Action.NOT_ON_DOMAIN).filter(actor__isnull=False).count() == 1


def test_the_team_can_send_a_new_email_check_on_the_domain(client, team_client, orchard_service):
    ask(client, orchard_service)
    claim = Claim.objects.get()
    old_hash = claim.token_hash
    team_client.post(reverse("claims_admin:claim", args=[claim.pk]), {"decision": "send_check"})
    claim.refresh_from_db()
    assert claim.token_hash != old_hash
    assert len(mail_to("jo@orchard.example")) == 2
    assert client.post(check_link(mail_to("jo@orchard.example")[0])).status_code == 404, "the old link is dead"


def test_the_listings_domains_leave_out_shared_mail_and_hosting(area, orchard, orchard_service):
    orchard_service.email = "orchard.centre@gmail.com"
    orchard_service.website = "https://orchard-centre.wixsite.com/home"
    orchard_service.save()
    assert listing_domains(orchard) == ["orchard-centre.wixsite.com", "orchard.example"]
    assert not on_listing_domain("anyone@gmail.com", orchard)


@pytest.mark.parametrize(
    "email, on_domain",
    [
        ("jo@orchard.example", True),
        ("Jo@ORCHARD.example", True),
        ("jo@mail.orchard.example", False),
        ("jo@orchard.example.evil.test", False),
        ("jo@notorchard.example", False),
    ],
)
def test_only_the_listings_exact_domain_counts(orchard, email, on_domain):
    assert on_listing_domain(email, orchard) is on_domain


# --- The public form's guards --------------------------------------------------------------


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client, orchard_service):
    response = ask(client, orchard_service, nickname="bot")
    assert response.status_code == 302
    assert not Claim.objects.exists()
    assert mail.outbox == []


def test_missing_answers_are_explained(client, orchard_service):
    response = client.post(claim_url(orchard_service), {"name": "", "email": "not-an-email", "role": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter your name" in content
    assert "Enter an email address in the correct format" in content
    assert "Enter your role" in content
    assert not Claim.objects.exists()


def test_too_many_claims_from_one_place_are_slowed_down(client, orchard_service):
    for _ in range(5):
        ask(client, orchard_service, email="jo.fielding@gmail.com")
    response = ask(client, orchard_service, email="jo.fielding@gmail.com")
    assert response.status_code == 429
    assert Claim.objects.count() == 5


def test_an_unpublished_or_missing_service_is_not_found(client, orchard_service):
    assert client.get(reverse("claims:claim", args=[999999])).status_code == 404
    orchard_service.unpublish()
    assert client.get(claim_url(orchard_service)).status_code == 404


# --- Retention --------------------------------------------------------------------------------


def test_claims_are_deleted_after_the_retention_period_and_the_audit_keeps_no_person(
    client, team_client, orchard_service, settings
):
    settings.CLAIM_RETENTION_DAYS = 30
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    old = Claim.objects.get()
    team_client.post(reverse("claims_admin:claim", args=[old.pk]), {"decision": "refuse"})
    ask(client, orchard_service, email="sam@orchard.example")
    now = timezone.now()
    Claim.objects.filter(pk=old.pk).update(decided_at=now - datetime.timedelta(days=29))
    assert purge() == 0
    Claim.objects.filter(pk=old.pk).update(decided_at=now - datetime.timedelta(days=31))
    assert purge() == 1
    assert list(Claim.objects.values_list("email", flat=True)) == ["sam@orchard.example"]
    trail = ClaimEvent.objects.filter(claim_number=old.pk)
    assert trail.filter(action=Action.PURGED).exists()
    for event in trail:
        assert "jo" not in str(event).lower()
        assert event.claim is None


def test_the_daily_purge_command_includes_claims_and_prints_the_request_count_last(client, orchard_service, settings):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    Claim.objects.update(created_at=timezone.now() - datetime.timedelta(days=settings.CLAIM_RETENTION_DAYS + 1))
    out = io.StringIO()
    call_command("purge_requests", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "Claims to manage a listing deleted: 1"
    assert lines[-1] == "0"
    assert not Claim.objects.exists()


# --- The audit trail and mail outages -------------------------------------------------------


def test_the_team_reads_the_audit_trail_even_for_links_with_no_claim(client, team_client, orchard_service):
    client.post(reverse("claims:confirm", args=["forged-token"]))
    page = team_client.get(reverse("claims_admin:audit")).content.decode()
    assert "Unknown email link used" in page


def test_a_provider_cannot_read_the_audit_trail(client, harbour_provider):
    client.force_login(harbour_provider)
    assert_refused(client.get(reverse("claims_admin:audit")))


def test_a_mail_outage_keeps_the_claim_and_shows_no_error(client, orchard_service, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("directory.claims.flow.send_mail", broken)
    response = ask(client, orchard_service)
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert not events(Action.CHECK_EMAIL_SENT).exists(), "the team can see no email went, and send it again"
    assert events(Action.REQUESTED).get().claim == claim
