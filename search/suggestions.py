"""True suggestions for an empty result: each is counted by running the changed query."""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy, ngettext

from directory.vocabularies import CONTROLLED
from search.offer_filters import OFFER_FILTERS
from search.query import RADIUS_CHOICES_MILES, Suggestion

# The wider radii worth suggesting: the choices from 10 miles up.
WIDER_RADII = tuple(float(radius) for radius in RADIUS_CHOICES_MILES if radius >= 10)

FILTER_LABELS = {
    **{vocabulary.field: vocabulary.filter_label for vocabulary in CONTROLLED},
    "age": gettext_lazy("the age"),
    "free_only": gettext_lazy("Free only"),
    "delivery": gettext_lazy("the delivery filter"),
    "self_referral": gettext_lazy("Self-referral only"),
    "languages": gettext_lazy("the language filter"),
    "day": gettext_lazy("the day filter"),
    "topics": gettext_lazy("the topic"),
    "age_range": gettext_lazy("the ages"),
    "opens_after": gettext_lazy("the opening time"),
    "closes_before": gettext_lazy("the closing time"),
    "open_now": gettext_lazy("Open now"),
    "weekends": gettext_lazy("At weekends"),
    "evenings": gettext_lazy("After 6pm"),
    "on_date": gettext_lazy("the date"),
    **{offer.field: offer.filter_label for offer in OFFER_FILTERS},
}
EMPTY = {name: None for name in ("age", "day", "age_range", "opens_after", "closes_before", "on_date")}
EMPTY |= {"free_only": False, "self_referral": False, "open_now": False, "weekends": False, "evenings": False}


def _grouped(count):
    """The count as the active language writes a large number (1,234 in English, 1 234 in Polish)."""
    return number_format(count, force_grouping=True)


def make_suggestions(backend, query):
    suggestions = []
    if query.near is not None:
        for radius in WIDER_RADII:
            if radius > query.radius_miles:
                wider = query.without(radius_miles=radius)
                count = backend.count(wider)
                if count:
                    message = ngettext(
                        "%(count)s service within %(radius)d miles",
                        "%(count)s services within %(radius)d miles",
                        count,
                    ) % {"count": _grouped(count), "radius": radius}
                    suggestions.append(Suggestion(message=message, count=count, query=wider))
                    break
    for name in query.filters:
        relaxed = query.without(**{name: EMPTY.get(name, ())})
        count = backend.count(relaxed)
        if count:
            message = ngettext(
                "%(count)s service if you remove %(filter)s", "%(count)s services if you remove %(filter)s", count
            ) % {"count": _grouped(count), "filter": FILTER_LABELS[name]}
            suggestions.append(Suggestion(message=message, count=count, query=relaxed))
    if query.text:
        count = backend.count(query.without(text=""))
        if count:
            message = ngettext(
                "%(count)s service without the words “%(text)s”",
                "%(count)s services without the words “%(text)s”",
                count,
            ) % {"count": _grouped(count), "text": query.text}
            suggestions.append(Suggestion(message=message, count=count, query=query.without(text="")))
    return suggestions
