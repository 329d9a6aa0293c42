"""Issue 13's filters: accessibility at a site, SEND needs supported, Family Hub and Start for Life marks.

Each is a list of codes a service must have every one of (a family needing step-free access and a hearing
loop wants both). An accessibility feature counts when any of the service's sites has it: the service page
says which site has which. Both backends read the same three document fields (search/documents.py).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from directory.accessibility import AccessibilityFeature
from directory.local_offer import Mark, SendNeed


@dataclass(frozen=True)
class OfferFilter:
    parameter: str  # the URL parameter: ?access=step_free&send=autism&mark=family_hub
    field: str  # the ServiceQuery field and the index document field
    legend: str  # lazy: the filter group's heading
    noun: str  # lazy: in "“x” is not a known accessibility feature"
    filter_label: str  # lazy: in "12 if you remove the accessibility filter"


ACCESS = OfferFilter(
    "access",
    "access_features",
    _("Accessibility at the place"),
    _("accessibility feature"),
    _("the accessibility filter"),
)
SEND = OfferFilter(
    "send",
    "send_needs",
    _("Supports special educational needs"),
    _("special educational need"),
    _("the special educational needs filter"),
)
MARK = OfferFilter(
    "mark", "marks", _("Family Hub and Start for Life"), _("programme"), _("the Family Hub or Start for Life filter")
)
OFFER_FILTERS = (ACCESS, SEND, MARK)
OFFER_FIELDS = tuple(offer.field for offer in OFFER_FILTERS)


def offer_terms():
    """(code, English name) per parameter, in editorial order: two small queries."""
    return {
        ACCESS.parameter: list(AccessibilityFeature.objects.values_list("code", "name")),
        SEND.parameter: list(SendNeed.objects.values_list("code", "name")),
        MARK.parameter: [(mark.value, mark.label) for mark in Mark],
    }


def offer_codes(query):
    """(field, code) for every code the query asks for."""
    return [(offer.field, code) for offer in OFFER_FILTERS for code in getattr(query, offer.field)]
