"""What a shortlist, print view or poster shows of each service, and the plain-text form for a message."""

from django.utils.translation import gettext as _
from wagtail.models import Page

from directory.models import OrganisationPage


def _address(location):
    if location is None:
        return ""
    parts = [location.name, location.address, location.town, location.postcode]
    seen = []
    for part in parts:
        part = (part or "").strip()
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen)


def _cost(service):
    label = service.get_cost_display()
    return f"{label}: {service.cost_detail}" if service.cost_detail else label


def _organisations(services):
    """Each service's organisation in one query: a service's parent is the page whose path is one step shorter."""
    paths = {service.path[: -Page.steplen] for service in services}
    return {page.path: page for page in OrganisationPage.objects.filter(path__in=paths)}


def service_cards(request, services):
    """Plain dicts for the templates; `services` have their locations prefetched."""
    organisations = _organisations(services)
    cards = []
    for service in services:
        locations = list(service.locations.all())
        # Without the searcher's place (never kept) the first location listed is the main one.
        main = locations[0] if locations else None
        organisation = organisations.get(service.path[: -Page.steplen])
        # Wagtail reverses the page's URL under the active language's prefix.
        url = service.get_url(request) or ""
        cards.append(
            {
                "id": service.pk,
                "name": service.title,
                "summary": service.summary,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if url else "",
                "organisation": organisation.title if organisation else "",
                "address": _address(main),
                "other_places": max(0, len(locations) - 1),
                "outreach_only": not locations,
                "phone": service.phone,
                "email": service.email,
                "website": service.website,
                "cost": _cost(service),
                "self_referral": service.self_referral,
            }
        )
    return cards


def shortlist_text(cards, share_url=""):
    """The shortlist as plain text to paste into a text message or email: name, phone, website, address."""
    blocks = []
    for card in cards:
        lines = [card["name"]]
        if card["phone"]:
            lines.append(_("Phone: %(phone)s") % {"phone": card["phone"]})
        if card["website"]:
            lines.append(_("Website: %(website)s") % {"website": card["website"]})
        if card["address"]:
            lines.append(_("Address: %(address)s") % {"address": card["address"]})
        lines.append(_("More: %(url)s") % {"url": card["absolute_url"]})
        blocks.append("\n".join(lines))
    if share_url and blocks:
        blocks.append(_("The whole list: %(url)s") % {"url": share_url})
    return "\n\n".join(blocks)
