"""Inviting providers: the email with a single-use link, accepting it, and asking the team for a new one."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.providers.access import directory_team_emails, give_provider_access
from directory.providers.models import ProviderInvite


class InviteNotUsable(Exception):
    """The link is unknown, used or expired; `reason` is one of those words."""

    def __init__(self, reason, invite=None):
        super().__init__(reason)
        self.reason = reason
        self.invite = invite


def invite_link(token, base_url=None):
    path = reverse("providers:accept_invite", args=[token])
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def invite_provider(email, organisation, invited_by=None, base_url=None):
    """Create an invite and email its link; returns the invite (the token lives only in the email)."""
    invite, token = ProviderInvite.create_for(email=email, organisation=organisation, invited_by=invited_by)
    body = render_to_string(
        "providers/emails/invite.txt",
        {
            "invite": invite,
            "link": invite_link(token, base_url),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "inviter": invited_by.get_full_name() or invited_by.get_username() if invited_by else "",
        },
    )
    subject = _("You are invited to look after %(organisation)s's listings") % {"organisation": organisation.title}
    send_mail(subject, body, None, [email])
    return invite


def usable_invite(token):
    """The invite behind `token`, or InviteNotUsable saying why not."""
    invite = ProviderInvite.objects.for_token(token)
    if invite is None:
        raise InviteNotUsable("unknown")
    if invite.is_used:
        raise InviteNotUsable("used", invite)
    if invite.is_expired:
        raise InviteNotUsable("expired", invite)
    return invite


def existing_user(email):
    """The account already using this email, as its address or its username."""
    users = get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    return users.order_by("pk").first()


@transaction.atomic
def accept_invite(token, password=None, first_name="", last_name=""):
    """Use the invite once: make (or find) the account, give it access; returns the user."""
    invite = usable_invite(token)
    # The conditional update is what makes the link single-use, even under two clicks at once.
    claimed = ProviderInvite.objects.filter(pk=invite.pk, used_at__isnull=True).update(used_at=timezone.now())
    if not claimed:
        raise InviteNotUsable("used", invite)
    user = existing_user(invite.email)
    if user is None:
        user = get_user_model().objects.create_user(
            username=invite.email.lower(),
            email=invite.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
    give_provider_access(user, invite.organisation)
    ProviderInvite.objects.filter(pk=invite.pk).update(accepted_by=user)
    return user


def team_addresses():
    """The directory team's addresses, else the site's own: a provider's or a claim's news always goes somewhere."""
    return directory_team_emails() or [settings.DEFAULT_FROM_EMAIL]


def ask_for_new_link(email, invite=None):
    """Tell the directory team someone needs a new invite; nothing is stored."""
    body = render_to_string(
        "providers/emails/new_link_request.txt",
        {
            "email": email,
            "organisation": invite.organisation if invite else None,
            "invite_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("providers_admin:invite"),
        },
    )
    send_mail(_("A provider asks for a new invite link"), body, None, team_addresses())
