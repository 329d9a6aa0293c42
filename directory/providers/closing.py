""" "This service has closed": a provider asks in one step, the directory team approves (unpublish) or declines.

Every closure goes through the team, trusted organisations' too: taking a service off the public site is
hard for families to notice and to undo, and the team may know of a replacement to point people to. A trusted
provider who simply wants a page down still has Wagtail's own "Unpublish".
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from directory.providers.access import is_directory_team
from directory.providers.escalation import team_people
from directory.providers.models import ClosureRequest
from sitewide import notifications
from sitewide.notifications import EMAIL, MessageTemplate

CLOSURE_REQUESTED_ACTION = "providers.closure_requested"
CLOSURE_APPROVED_ACTION = "providers.closure_approved"
CLOSURE_DECLINED_ACTION = "providers.closure_declined"
MAX_REASON = 2000

CLOSURE_TO_APPROVE = MessageTemplate(
    name="providers_closure_to_approve",
    channel=EMAIL,
    subject=_("A provider says a service has closed"),
    body_template="providers/closing/closure_to_approve.txt",
    fields=("service_name", "organisation", "queue_url"),
)
CLOSURE_DECIDED = MessageTemplate(
    name="providers_closure_decided",
    channel=EMAIL,
    subject=_("The directory team has answered about “%(service_name)s”"),
    body_template="providers/closing/closure_decided.txt",
    fields=("service_name", "outcome"),
)


class ClosureRefused(Exception):
    """The closure cannot be asked for or decided; the message says why, politely."""


def can_ask_to_close(user, service):
    return service.permissions_for_user(user).can_edit()


def pending_closure(service):
    return ClosureRequest.objects.filter(service=service, status=ClosureRequest.Status.PENDING).first()


def _admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def ask_to_close(service, user, reason):
    """Record the provider's "this service has closed" for the team to decide; the page stays up until then."""
    reason = (reason or "").strip()
    if not can_ask_to_close(user, service):
        raise ClosureRefused(_("You cannot change this listing."))
    if not service.live:
        raise ClosureRefused(_("This listing is not on the public site, so there is nothing to take down."))
    if not reason:
        raise ClosureRefused(_("Say why the service has closed, so the directory team can check."))
    if len(reason) > MAX_REASON:
        raise ClosureRefused(_("Keep the reason under %(max)s characters.") % {"max": MAX_REASON})
    try:
        with transaction.atomic():
            closure = ClosureRequest.objects.create(service=service, reason=reason, requested_by=user)
    except IntegrityError as error:
        raise ClosureRefused(_("The directory team already has a request to close this service.")) from error
    log(instance=service, action=CLOSURE_REQUESTED_ACTION, user=user, content_changed=False, data={"reason": reason})
    organisation = service.get_parent()
    for member in team_people():
        if not member.is_active:
            continue
        notifications.send(
            CLOSURE_TO_APPROVE,
            member.email,
            {
                "service_name": service.title,
                "organisation": organisation.title,
                "queue_url": _admin_url("providers_review:closures"),
            },
        )
    return closure


def _tell_requester(closure, outcome):
    requester = closure.requested_by
    if requester is not None and requester.is_active and requester.email:
        notifications.send(
            CLOSURE_DECIDED, requester.email, {"service_name": closure.service.title, "outcome": outcome}
        )


def _check_decidable(closure, user):
    if not is_directory_team(user):
        raise ClosureRefused(_("Only the directory team can decide closures."))
    if closure.status != ClosureRequest.Status.PENDING:
        raise ClosureRefused(_("This request has already been decided."))


@transaction.atomic
def approve_closure(closure, user):
    """Unpublish the service, with a history entry naming the provider's reason."""
    closure = ClosureRequest.objects.select_for_update().get(pk=closure.pk)
    _check_decidable(closure, user)
    service = closure.service.specific
    if service.live:
        service.unpublish(user=user)
    closure.status = ClosureRequest.Status.APPROVED
    closure.decided_by = user
    closure.decided_at = timezone.now()
    closure.save()
    log(
        instance=service,
        action=CLOSURE_APPROVED_ACTION,
        user=user,
        content_changed=False,
        data={"reason": closure.reason},
    )
    transaction.on_commit(lambda: _tell_requester(closure, str(_("It has been taken off the directory."))))
    return closure


@transaction.atomic
def decline_closure(closure, user, note=""):
    closure = ClosureRequest.objects.select_for_update().get(pk=closure.pk)
    _check_decidable(closure, user)
    closure.status = ClosureRequest.Status.DECLINED
    closure.decided_by = user
    closure.decided_at = timezone.now()
    closure.decision_note = (note or "").strip()[:MAX_REASON]
    closure.save()
    log(
        instance=closure.service,
        action=CLOSURE_DECLINED_ACTION,
        user=user,
        content_changed=False,
        data={"reason": closure.reason, "note": closure.decision_note},
    )
    outcome = str(_("It stays on the directory."))
    if closure.decision_note:
        outcome += " " + closure.decision_note
    transaction.on_commit(lambda: _tell_requester(closure, outcome))
    return closure
