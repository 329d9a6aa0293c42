"""A place outside the area: say so plainly, and offer the services for anyone in the area: county-wide or online."""

from dataclasses import replace

from django.utils.translation import gettext as _

from directory.geo import site_area
from directory.vocabularies import DeliveryMode

# Enough to show there is help, not a second results page.
SHOWN = 5


def area_name():
    """The area as families know it ("West Sussex"), from the area profile."""
    return site_area()[2] or _("this area")


def outside_message(place_label):
    return _("%(place)s is outside %(area)s. This directory lists services in %(area)s.") % {
        "place": place_label,
        "area": area_name(),
    }


def services_for_anyone(backend, query):
    """The same words and filters with no place: the first few serving every district of the area, then online.

    A phone line or a hub for one district is no help to someone from elsewhere in the area: only those serving
    the whole of it, however they are given, and those given online.
    """
    asked = replace(query, near=None, sort="", page=1, page_size=SHOWN, facets=False, suggestions=False)
    districts = site_area()[0]
    shown = list(backend.search(replace(asked, serves_all=districts)).items) if districts else []
    if len(shown) < SHOWN:  # online services fill the rest; a full list needs no second search
        county_wide = {item.service_id for item in shown}
        online = backend.search(replace(asked, delivery=(DeliveryMode.ONLINE.value,))).items
        shown += [item for item in online if item.service_id not in county_wide]
    return shown[:SHOWN]
