"""The shortlist: service ids held in the session, the share-link form of it, and the services it names."""

import re

from directory.models import ServicePage

SESSION_KEY = "shortlist"
# Enough for any family's list, small enough for a URL and a printed page.
MAX_SERVICES = 30
SHARE_PATTERN = re.compile(r"^\d{1,10}(,\d{1,10})*,?$")


def service_ids(request):
    """The ids in this visitor's shortlist; reading never creates a session (no cookie for browsing)."""
    ids = request.session.get(SESSION_KEY, [])
    return [value for value in ids if isinstance(value, int)]


def contains(request, service_id):
    return service_id in service_ids(request)


def add(request, service_id):
    """Add one id; returns False when the shortlist is already full."""
    ids = service_ids(request)
    if service_id in ids:
        return True
    if len(ids) >= MAX_SERVICES:
        return False
    request.session[SESSION_KEY] = [*ids, service_id]
    # A shortlist outlives no browser: the cookie ends when the browser closes (see /browsing-safely/).
    request.session.set_expiry(0)
    return True


def remove(request, service_id):
    ids = service_ids(request)
    if service_id in ids:
        request.session[SESSION_KEY] = [value for value in ids if value != service_id]


def clear(request):
    if SESSION_KEY in request.session:
        del request.session[SESSION_KEY]


def parse_share(text):
    """The ids in a share link ("12,45,78"), in order, without repeats; None if the text is not a list of ids."""
    if not SHARE_PATTERN.match(text or ""):
        return None
    ids = []
    for part in text.strip(",").split(","):
        value = int(part)
        if value not in ids:
            ids.append(value)
    return ids[:MAX_SERVICES]


def share_token(ids):
    return ",".join(str(value) for value in ids)


def published_in_order(ids):
    """The published services among `ids`, in the order given; unpublished ones silently drop out."""
    if not ids:
        return []
    services = (
        ServicePage.objects.published()
        .filter(pk__in=ids)
        .prefetch_related("locations__district")
        .select_related("locale")
    )
    by_id = {service.pk: service for service in services}
    return [by_id[value] for value in ids if value in by_id]


def is_published(service_id):
    return ServicePage.objects.published().filter(pk=service_id).exists()


def posted_from_another_site(request):
    """True when the browser says this post came from another origin, or from an opaque one.

    `Origin: null` is what a sandboxed frame, a `data:` page or a cross-site redirect sends: never this
    site's own shortlist buttons, so it is refused like any other foreign origin.
    """
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"{request.scheme}://{request.get_host()}":
        return True
    return request.headers.get("Sec-Fetch-Site") == "cross-site"
