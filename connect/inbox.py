"""Who may open which requests: the organisation that runs the service, and the directory team (audited)."""

from django.db.models import Count, Q

from connect.models import ContactRequest
from directory.providers.access import is_directory_team, organisations_for


def requests_for(user):
    """The requests `user` may open: every one for the directory team, else those to their organisations' services."""
    requests = ContactRequest.objects.select_related("service")
    if not user.is_authenticated or not user.is_active:
        return requests.none()
    if is_directory_team(user):
        return requests
    paths = list(organisations_for(user).values_list("path", flat=True))
    if not paths:
        return requests.none()
    # A service is a child page of its organisation, so its tree path starts with the organisation's.
    under = Q()
    for path in paths:
        under |= Q(service__path__startswith=path)
    return requests.filter(under)


def can_use_inbox(user):
    return user.is_authenticated and user.is_active and (is_directory_team(user) or organisations_for(user).exists())


def status_counts(user):
    """How many requests per status the user can see: {"sent": 2, "seen": 1, ...}, every status present."""
    counts = dict.fromkeys(ContactRequest.Status.values, 0)
    rows = requests_for(user).order_by().values("status").annotate(count=Count("pk"))
    counts.update({row["status"]: row["count"] for row in rows})
    return counts
