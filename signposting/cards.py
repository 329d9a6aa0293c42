"""What a shortlist, print view or poster shows of each service, and the plain-text form for a message."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from directory import sites
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


def site_view(location):
    """What a card shows of one site: a confidential one (a refuge) only by its district."""
    if location.confidential:
        address = _("In the %(area)s area") % {"area": sites.area_name(location)}
    else:
        address = _address(location)
    return {
        "name": location.name,
        "address": address,
        "confidential": location.confidential,
        "phone": location.phone,
        "email": location.email,
        "how_to_find": "" if location.confidential else location.how_to_find,
    }


def service_cards(request, services, point=None, district=None):
    """Plain dicts for the templates; `services` have their locations prefetched.

    The site shown is directory.sites' choice: nearest the searcher's point (carried in the URL, never
    stored), else the first in `district`, else the first. With a district, every site there is listed.
    """
    organisations = _organisations(services)
    cards = []
    for service in services:
        locations = list(service.locations.all())
        main = sites.site_for(locations, point, district)
        here = [site_view(location) for location in sites.sites_in(locations, district)] if district else []
        shown = max(1, len(here)) if locations else 0
        organisation = organisations.get(service.path[: -Page.steplen])
        # Wagtail reverses the page's URL under the active language's prefix.
        url = service.get_url(request) or ""
        site = site_view(main) if main else None
        cards.append(
            {
                "id": service.pk,
                "name": service.title,
                "summary": service.summary,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if url else "",
                "organisation": organisation.title if organisation else "",
                "site": site,
                "address": site["address"] if site else "",
                "sites_here": here,
                "other_places": max(0, len(locations) - shown),
                "outreach_only": not locations,
                # A site's own phone and email come first: that is where the family will go.
                "phone": (site and site["phone"]) or service.phone,
                "email": (site and site["email"]) or service.email,
                "website": service.website,
                "cost": _cost(service),
                "self_referral": service.self_referral,
                # Freshness travels with the listing: a printed or shared list says how old each one is.
                "last_checked": service.last_reviewed,
                "stale": service.is_stale,
            }
        )
    return cards


def shortlist_text(cards, share_url=""):
    """The shortlist as plain text to paste into a text message or email: name, phone, email, website, address."""
    blocks = []
    for card in cards:
        lines = [card["name"]]
        if card["phone"]:
            lines.append(_("Phone: %(phone)s") % {"phone": card["phone"]})
        if card["email"]:
            lines.append(_("Email: %(email)s") % {"email": card["email"]})
        if card["website"]:
            lines.append(_("Website: %(website)s") % {"website": card["website"]})
        if card["address"]:
            lines.append(_("Address: %(address)s") % {"address": card["address"]})
        if card["last_checked"]:
            lines.append(_("Last checked: %(date)s") % {"date": date_format(card["last_checked"], "DATE_FORMAT")})
        lines.append(_("More: %(url)s") % {"url": card["absolute_url"]})
        blocks.append("\n".join(lines))
    if share_url and blocks:
        blocks.append(_("The whole list: %(url)s") % {"url": share_url})
    return "\n\n".join(blocks)
