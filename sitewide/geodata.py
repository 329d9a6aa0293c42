"""Views that look places up: missing postcode data becomes a polite 503, logged once, never a 500."""

import functools
import logging

from django.utils.translation import gettext_lazy as _

from directory.geodata import GeodataUnavailable

logger = logging.getLogger("earlyhelp.search")

# What an API says when it cannot look places up; pages show their own "search unavailable" page.
PLACE_SEARCH_UNAVAILABLE = _("Searching by place is not working at the moment. Please try again later.")


def when_geodata_unavailable(respond):
    """Decorate a view so GeodataUnavailable is logged and answered by `respond(request)` (a 503).

    It is the server's fault, not the searcher's: the log says so once, the person gets a page or a JSON
    error in their language, and the view itself never needs a try block.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except GeodataUnavailable:
                logger.error("Place look-ups are unavailable: the postcode data could not be read", exc_info=True)
                return respond(request)

        return wrapped

    return decorator
