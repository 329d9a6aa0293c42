"""True suggestions for an empty result: each is counted by running the changed query."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from search.query import MAX_RADIUS_MILES, Suggestion

WIDER_RADII = (10.0, 20.0, MAX_RADIUS_MILES)

FILTER_LABELS = {
    "outcomes": gettext_lazy("the outcome filter"),
    "need_levels": gettext_lazy("the need level filter"),
    "age": gettext_lazy("the age"),
    "age_bands": gettext_lazy("the age band filter"),
    "districts": gettext_lazy("the district filter"),
    "free_only": gettext_lazy("Free only"),
    "delivery": gettext_lazy("the delivery filter"),
    "self_referral": gettext_lazy("Self-referral only"),
    "languages": gettext_lazy("the language filter"),
    "day": gettext_lazy("the day filter"),
}
EMPTY = {"age": None, "day": None, "free_only": False, "self_referral": False}


def make_suggestions(backend, query):
    suggestions = []
    if query.near is not None:
        for radius in WIDER_RADII:
            if radius > query.radius_miles:
                wider = query.without(radius_miles=radius)
                count = backend.count(wider)
                if count:
                    message = ngettext(
                        "%(count)d service within %(radius)d miles",
                        "%(count)d services within %(radius)d miles",
                        count,
                    ) % {"count": count, "radius": radius}
                    suggestions.append(Suggestion(message=message, count=count, query=wider))
                    break
    for name in query.filters:
        relaxed = query.without(**{name: EMPTY.get(name, ())})
        count = backend.count(relaxed)
        if count:
            message = _("%(count)d if you remove %(filter)s") % {"count": count, "filter": FILTER_LABELS[name]}
            suggestions.append(Suggestion(message=message, count=count, query=relaxed))
    if query.text:
        count = backend.count(query.without(text=""))
        if count:
            message = _("%(count)d without the words “%(text)s”") % {"count": count, "text": query.text}
            suggestions.append(Suggestion(message=message, count=count, query=query.without(text="")))
    return suggestions
