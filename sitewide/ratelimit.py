"""A small rate limit for the public forms and the search API, counted in the cache by a salted hash of the client.

The address itself is never stored: the cache key is an HMAC of it (salted with SECRET_KEY), it lives
only in the cache and expires with the window. Behind a proxy set RATELIMIT_IP_HEADER (for example
"HTTP_X_REAL_IP") so each visitor is counted, not the proxy.

The counters live in the default cache, which every worker shares (the database cache, or Redis when
REDIS_URL is set; see earlyhelp/settings/base.py), so the limit holds whatever the number of workers.
django-ratelimit counts the same way (cache.add, then cache.incr) but answers 403 without a Retry-After
and would key on the raw address; these forty lines give the 429, the wait and the GOV.UK page directly.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

LIMIT = 5
WINDOW_SECONDS = 10 * 60


def client_address(request):
    header = settings.RATELIMIT_IP_HEADER or "REMOTE_ADDR"
    address = request.META.get(header, "") or request.META.get("REMOTE_ADDR", "")
    # With several addresses in a forwarded header the first is the client.
    return address.split(",")[0].strip()


def exempt(request):
    """A client in RATELIMIT_EXEMPT_IPS (the load test's, say) is never counted."""
    return client_address(request) in settings.RATELIMIT_EXEMPT_IPS


def client_key(request, scope):
    address = client_address(request)
    digest = salted_hmac("earlyhelp.ratelimit", address).hexdigest()
    return f"ratelimit:{scope}:{digest}"


def hit(request, scope, limit=LIMIT, window=WINDOW_SECONDS):
    """Count one post; returns the seconds to wait if this one is over the limit, else 0."""
    if exempt(request):
        return 0
    key = client_key(request, scope)
    now = int(time.time())
    window_start = cache.get_or_set(key + ":start", now, window)
    # add() is atomic: the first post in a window creates the counter, the rest increment it (atomically
    # too: Redis's INCR, or sitewide.cache.DatabaseCache's locked read and write).
    if cache.add(key, 1, window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, window)
            count = 1
    if count > limit:
        return max(1, window_start + window - now)
    return 0


def limit_posts(scope, limit=LIMIT, window=WINDOW_SECONDS):
    """Decorate a view: more than `limit` POSTs per `window` seconds from one client get a polite 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                retry_after = hit(request, scope, limit, window)
                if retry_after:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request, retry_after):
    minutes = max(1, -(-retry_after // 60))
    response = render(request, "signposting/too_many_requests.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
