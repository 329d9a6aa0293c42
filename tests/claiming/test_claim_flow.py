"""Claiming a listing nobody looks after: ask, confirm by email, the team approves, the invite gives access."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from directory.claims.models import Claim, ClaimEvent
from tests.claiming.conftest import ask, check_link, claim_url, invite_link, mail_to
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db

Action = ClaimEvent.Action
PASSWORD = "kettle-harbour-47-lantern"


def actions(claim):
    return list(ClaimEvent.objects.filter(claim_number=claim.pk).values_list("action", flat=True))


def test_a_listing_nobody_looks_after_asks_is_this_your_service(client, orchard_service):
    page = client.get(orchard_service.url).content.decode()
    assert "Is this your service?" in page
    assert claim_url(orchard_service) in page


def test_a_listing_its_provider_looks_after_does_not_ask(client, harbour_service, harbour_provider):
    page = client.get(harbour_service.url).content.decode()
    assert claim_url(harbour_service) not in page


def test_the_form_asks_name_work_email_role_and_message_only(client, orchard_service):
    form = client.get(claim_url(orchard_service)).context["form"]
    assert set(form.fields) == {"name", "email", "role", "message", "nickname"}


def test_the_whole_claim_from_asking_to_editing_the_service(
    client, team_client, moderator, orchard, orchard_service, harbour_service, harbour_provider
):
    visitor = client.__class__()
    # 1. Ask, with an address on the listing's own domain: a link goes to that address.
    response = ask(visitor, orchard_service)
    assert response.status_code == 302
    assert response["Location"].endswith("/sent/email/")
    claim = Claim.objects.get()
    assert claim.status == Claim.Status.AWAITING_EMAIL
    [check_email] = mail_to("jo@orchard.example")
    link = check_link(check_email)

    # 2. Opening the link only asks; pressing the button confirms.
    assert "Confirm my email address" in visitor.get(link).content.decode()
    claim.refresh_from_db()
    assert not claim.email_confirmed
    assert visitor.post(link).status_code == 200
    claim.refresh_from_db()
    assert claim.email_confirmed
    assert claim.status == Claim.Status.TO_CHECK
    assert mail_to(moderator.email), "the team is told a claim waits"

    # 3. The team approves in the admin: the usual invite goes to the claimant.
    response = team_client.post(reverse("claims_admin:claim", args=[claim.pk]), {"decision": "approve", "note": "ok"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_note) == (Claim.Status.APPROVED, moderator, "ok")
    invite_email = mail_to("jo@orchard.example")[-1]

    # 4. The claimant accepts the invite and can edit this organisation's service, and no other.
    visitor.post(invite_link(invite_email), {"first_name": "Jo", "password1": PASSWORD, "password2": PASSWORD})
    user = get_user_model().objects.get(email="jo@orchard.example")
    assert visitor.get(reverse("wagtailadmin_pages:edit", args=[orchard_service.pk])).status_code == 200
    assert_refused(visitor.get(reverse("wagtailadmin_pages:edit", args=[harbour_service.pk])))
    assert orchard_service.permissions_for_user(user).can_edit()
    assert not harbour_service.permissions_for_user(user).can_edit()

    # Every step is in the audit, the team's with who took it.
    assert actions(claim) == [
        Action.REQUESTED,
        Action.CHECK_EMAIL_SENT,
        Action.EMAIL_CONFIRMED,
        Action.APPROVED,
    ]
    assert ClaimEvent.objects.get(action=Action.APPROVED).actor == moderator
    # Once looked after, the listing stops asking.
    assert claim_url(orchard_service) not in client.get(orchard_service.url).content.decode()


def test_an_address_off_the_listings_domain_goes_to_the_team_by_hand(client, orchard_service, moderator):
    response = ask(client, orchard_service, email="jo.fielding@gmail.com")
    assert response["Location"].endswith("/sent/team/")
    assert "cannot check it by email" in client.get(response["Location"]).content.decode()
    claim = Claim.objects.get()
    assert claim.status == Claim.Status.TO_CHECK
    assert not mail_to("jo.fielding@gmail.com"), "no link to an address that proves nothing"
    assert mail_to(moderator.email)
    assert actions(claim) == [Action.REQUESTED, Action.NOT_ON_DOMAIN]


def test_the_team_approves_by_hand_with_a_note(client, team_client, moderator, orchard, orchard_service):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    claim = Claim.objects.get()
    page = team_client.get(reverse("claims_admin:claim", args=[claim.pk])).content.decode()
    assert "not on the listing&#x27;s domain" in page
    team_client.post(
        reverse("claims_admin:claim", args=[claim.pk]), {"decision": "approve", "note": "Phoned the centre."}
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED
    assert claim.decision_note == "Phoned the centre."
    assert claim.invite.email == "jo.fielding@gmail.com"
    assert claim.invite.organisation_id == orchard.pk
    assert "/providers/invite/" in mail_to("jo.fielding@gmail.com")[-1].body


def test_the_team_refuses_with_a_note_and_the_person_is_told(client, team_client, moderator, orchard_service):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    claim = Claim.objects.get()
    mail.outbox.clear()
    team_client.post(reverse("claims_admin:claim", args=[claim.pk]), {"decision": "refuse", "note": "Not staff."})
    claim.refresh_from_db()
    assert (claim.status, claim.decision_note, claim.invite) == (Claim.Status.REFUSED, "Not staff.", None)
    [told] = mail_to("jo.fielding@gmail.com")
    assert "Not staff." not in told.body, "the note is the team's"
    assert ClaimEvent.objects.get(action=Action.REFUSED).actor == moderator
    assert not get_user_model().objects.filter(email="jo.fielding@gmail.com").exists()


def test_a_decided_claim_cannot_be_decided_again(client, team_client, orchard_service):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    claim = Claim.objects.get()
    url = reverse("claims_admin:claim", args=[claim.pk])
    team_client.post(url, {"decision": "refuse"})
    response = team_client.post(url, {"decision": "approve"}, follow=True)
    assert "already decided" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REFUSED
    assert claim.invite is None


def test_the_team_lists_claims_waiting(client, team_client, orchard_service):
    ask(client, orchard_service)
    page = team_client.get(reverse("claims_admin:index")).content.decode()
    assert "Orchard Family Centre" in page
    assert "jo@orchard.example" in page


def test_turning_the_page_of_claims_keeps_the_status_filter(team_client, orchard_service):
    from directory.claims.admin_views import PAGE_SIZE

    Claim.objects.bulk_create(
        Claim(
            organisation=orchard_service.get_parent().specific,
            name=f"Asker {n}",
            email=f"a{n}@x.example",
            role="Manager",
        )
        for n in range(PAGE_SIZE + 1)
    )
    first = team_client.get(reverse("claims_admin:index"), {"status": "undecided"}).content.decode()
    assert "Page 1 of 2" in first
    assert '?status=undecided&amp;p=2">Next' in first

    second = team_client.get(reverse("claims_admin:index"), {"status": "undecided", "p": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert '?status=undecided&amp;p=1">Previous' in second


def test_a_provider_cannot_see_or_decide_claims(client, orchard_service, harbour_provider):
    ask(client, orchard_service, email="jo.fielding@gmail.com")
    claim = Claim.objects.get()
    client.force_login(harbour_provider)
    assert_refused(client.get(reverse("claims_admin:index")))
    assert_refused(client.get(reverse("claims_admin:claim", args=[claim.pk])))
    assert_refused(client.post(reverse("claims_admin:claim", args=[claim.pk]), {"decision": "approve"}))
    claim.refresh_from_db()
    assert claim.status == Claim.Status.TO_CHECK
    assert claim.invite is None


def test_the_claims_menu_is_the_teams_only(team_client, client, harbour_provider):
    assert '"name": "claims"' in team_client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(harbour_provider)
    assert '"name": "claims"' not in client.get(reverse("wagtailadmin_home")).content.decode()
