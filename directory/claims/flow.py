"""Claiming a listing, step by step: ask, confirm the email, the team approves (an invite) or refuses; all audited."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from directory.claims.domains import listing_domains, on_listing_domain
from directory.claims.models import Claim, ClaimEvent
from directory.providers.access import organisations_for, provider_users
from directory.providers.invites import existing_user, invite_provider, team_addresses

logger = logging.getLogger("earlyhelp.claims")
Action = ClaimEvent.Action

# One message for "already managed" and "you are already a member": telling them apart to an anonymous
# visitor would say whether an email address has an account.
ALREADY_LOOKED_AFTER = gettext_lazy(
    "This listing is already looked after by the people who run it. If that is you, sign in to edit it. "
    "If you think someone else should look after it, contact the directory team."
)
# The team may know more than the public: which of the two it is.
TEAM_MESSAGES = {
    Action.ALREADY_MEMBER: gettext_lazy("Not approved: %(email)s already looks after %(organisation)s."),
    Action.ALREADY_MANAGED: gettext_lazy(
        "Not approved: %(organisation)s already has a provider, or an invite from another approved claim is still "
        "open. Refuse this claim, or invite them from Providers if they should be added."
    ),
}
LINK_MESSAGES = {
    "unknown": gettext_lazy("This link is not right. Check you copied all of it from the email."),
    "used": gettext_lazy("This link has already been used. Your email address is confirmed; nothing more to do."),
    "expired": gettext_lazy("This link has expired. Ask again from the listing and we will send a new one."),
}


class ClaimRefused(Exception):
    """A step that cannot happen: `action` is the ClaimEvent recorded, `message` what to say."""

    def __init__(self, action, message):
        super().__init__(str(message))
        self.action = action
        self.message = message


class ClaimLinkNotUsable(Exception):
    """The emailed link is unknown (forged or mistyped), used already, or expired; `reason` says which."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason
        self.message = LINK_MESSAGES[reason]


# --- Who may claim what -------------------------------------------------------------


def _pending_claim_invite(organisation):
    """An approved claim whose invite can still be accepted: a second approval would make a second account."""
    return Claim.objects.filter(
        organisation=organisation,
        status=Claim.Status.APPROVED,
        invite__used_at__isnull=True,
        invite__expires_at__gt=timezone.now(),
    ).exists()


def is_managed(organisation):
    return provider_users(organisation).exists() or _pending_claim_invite(organisation)


def is_claimable(organisation):
    """Listings with nobody to keep them true (imported, suggested) show "Is this your service?"."""
    return not is_managed(organisation)


def is_member(email, organisation):
    user = existing_user(email)
    return user is not None and user.is_active and organisations_for(user).filter(pk=organisation.pk).exists()


def _looked_after(email, organisation):
    """The audit action saying why nobody new may take this listing on, or None."""
    if is_member(email, organisation):
        return Action.ALREADY_MEMBER
    if is_managed(organisation):
        return Action.ALREADY_MANAGED
    return None


def _refuse(action, claim=None, organisation=None, actor=None, message=ALREADY_LOOKED_AFTER):
    """Record the refusal (outside any transaction that the raise would roll back) and say why."""
    ClaimEvent.record(action, claim=claim, organisation=organisation, actor=actor)
    raise ClaimRefused(action, message)


# --- Emails ---------------------------------------------------------------------------


def _absolute(path, base_url=None):
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def _send(subject, body, recipients):
    """Send, or log: the claim is stored either way, and the team can send the email check again."""
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Could not send %r", subject)
        return False
    return True


def _send_check_email(claim, token, base_url=None):
    context = {
        "claim": claim,
        "link": _absolute(reverse("claims:confirm", args=[token]), base_url),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "days": (claim.token_expires_at - timezone.now()).days or 1,
    }
    subject = _("Confirm your email to look after %(organisation)s's listings") % {
        "organisation": claim.organisation.title
    }
    if _send(subject, render_to_string("claims/emails/check_email.txt", context), [claim.email]):
        ClaimEvent.record(Action.CHECK_EMAIL_SENT, claim=claim)


def _tell_the_team(claim):
    """The team reads in the site's main language, whatever language the person asked in."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "claim": claim,
            "domains": listing_domains(claim.organisation),
            "url": _absolute(reverse("claims_admin:claim", args=[claim.pk])),
        }
        subject = _("Someone asks to look after %(organisation)s's listings") % {
            "organisation": claim.organisation.title
        }
        _send(subject, render_to_string("claims/emails/team_claim.txt", context), team_addresses())


# --- The steps --------------------------------------------------------------------------


def submit_claim(organisation, name, email, role, message="", service=None, base_url=None):
    """Store the claim; email a link when the address is on the listing's domain, else ask the team to check."""
    action = _looked_after(email, organisation)
    if action:
        _refuse(action, organisation=organisation)
    claim = Claim(organisation=organisation, service=service, name=name, email=email, role=role, message=message)
    on_domain = on_listing_domain(email, organisation)
    token = claim.new_check_token() if on_domain else None
    if not on_domain:
        claim.status = Claim.Status.TO_CHECK
    with transaction.atomic():
        claim.save()
        ClaimEvent.record(Action.REQUESTED, claim=claim)
    if on_domain:
        _send_check_email(claim, token, base_url)
    else:
        ClaimEvent.record(Action.NOT_ON_DOMAIN, claim=claim)
        _tell_the_team(claim)
    return claim


def claim_for_link(token, record=True):
    """The claim behind an emailed link, or ClaimLinkNotUsable (recorded in the audit when `record`)."""
    claim = Claim.objects.for_token(token) if token else None
    reason = None
    if claim is None:
        reason, action = "unknown", Action.LINK_UNKNOWN
    elif claim.email_confirmed or claim.is_decided:
        reason, action = "used", Action.LINK_USED
    elif timezone.now() >= claim.token_expires_at:
        reason, action = "expired", Action.LINK_EXPIRED
    if reason:
        if record:
            ClaimEvent.record(action, claim=claim)
        raise ClaimLinkNotUsable(reason)
    return claim


def confirm_email(token):
    """Use the link once: the address is confirmed and the claim waits for the team."""
    claim = claim_for_link(token)
    # The conditional update makes the link single-use, even under two clicks at once.
    confirmed = Claim.objects.filter(pk=claim.pk, email_confirmed_at__isnull=True).update(
        email_confirmed_at=timezone.now(), status=Claim.Status.TO_CHECK
    )
    if not confirmed:
        ClaimEvent.record(Action.LINK_USED, claim=claim)
        raise ClaimLinkNotUsable("used")
    claim.refresh_from_db()
    ClaimEvent.record(Action.EMAIL_CONFIRMED, claim=claim)
    _tell_the_team(claim)
    return claim


def _undecided(claim):
    if claim.is_decided:
        raise ClaimRefused(None, _("This claim was already decided."))


def send_check_again(claim, user, base_url=None):
    """The team asks for (another) email check: only to an address on the listing's own domain."""
    _undecided(claim)
    if not on_listing_domain(claim.email, claim.organisation):
        ClaimEvent.record(Action.NOT_ON_DOMAIN, claim=claim, actor=user)
        domains = ", ".join(listing_domains(claim.organisation)) or _("none")
        raise ClaimRefused(
            Action.NOT_ON_DOMAIN,
            _(
                "%(email)s is not on the listing's own domain (%(domains)s), so an email proves nothing. "
                "Check by hand, for example by phoning the number on the listing."
            )
            % {"email": claim.email, "domains": domains},
        )
    token = claim.new_check_token()
    if not claim.email_confirmed:
        claim.status = Claim.Status.AWAITING_EMAIL
    claim.save()
    _send_check_email(claim, token, base_url)
    return claim


def approve(claim, user, note="", base_url=None):
    """Give access the usual way: an invite to the claimant's email, accepted like any other."""
    with transaction.atomic():
        # Lock the organisation, then the claim: two approvals at once must not make two accounts.
        list(Page.objects.select_for_update().filter(pk=claim.organisation_id))
        claim = Claim.objects.select_for_update().select_related("organisation").get(pk=claim.pk)
        _undecided(claim)
        action = _looked_after(claim.email, claim.organisation)
        if action is None:
            invite = invite_provider(claim.email, claim.organisation, invited_by=user, base_url=base_url)
            claim.status = Claim.Status.APPROVED
            claim.decided_at, claim.decided_by, claim.decision_note = timezone.now(), user, note
            claim.invite = invite
            claim.save()
            ClaimEvent.record(Action.APPROVED, claim=claim, actor=user)
            return claim
    message = TEAM_MESSAGES[action] % {"email": claim.email, "organisation": claim.organisation.title}
    _refuse(action, claim=claim, actor=user, message=message)


@transaction.atomic
def refuse(claim, user, note=""):
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _undecided(claim)
    claim.status = Claim.Status.REFUSED
    claim.decided_at, claim.decided_by, claim.decision_note = timezone.now(), user, note
    claim.save()
    ClaimEvent.record(Action.REFUSED, claim=claim, actor=user)
    context = {"claim": claim, "site_name": settings.WAGTAIL_SITE_NAME}
    subject = _("Your request to look after %(organisation)s's listings") % {"organisation": claim.organisation.title}
    _send(subject, render_to_string("claims/emails/refused.txt", context), [claim.email])
    return claim
