"""A place outside the area: say so plainly, and offer the services anyone in the area can use online or by phone."""

from dataclasses import replace

from django.utils.translation import gettext as _

from directory.geo import site_area
from directory.vocabularies import DeliveryMode

# Enough to show there is help, not a second results page.
SHOWN = 5
ANYWHERE = (DeliveryMode.ONLINE.value, DeliveryMode.PHONE.value)


def area_name():
    """The area as families know it ("West Sussex"), from the area profile."""
    return site_area()[2] or _("this area")


def outside_message(place_label):
    return _("%(place)s is outside %(area)s. This directory lists services in %(area)s.") % {
        "place": place_label,
        "area": area_name(),
    }


def services_for_anyone(backend, query):
    """The same words and filters with no place, given online or by phone: the first few."""
    return backend.search(replace(query, near=None, delivery=ANYWHERE, sort="", page=1, page_size=SHOWN))
