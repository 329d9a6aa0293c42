"""Builders for issue 13's tests: sites with accessibility features, services in the SEND Local Offer."""

from directory.accessibility import AccessibilityFeature
from directory.local_offer import SendNeed
from directory.models import Location


def features(*codes):
    return [AccessibilityFeature.objects.get(code=code) for code in codes]


def needs(*codes):
    return [SendNeed.objects.get(code=code) for code in codes]


def site(name, postcode, town="", access=()):
    """A Location not yet saved, with these accessibility features (by code) chosen."""
    location = Location(name=name, postcode=postcode, town=town)
    location.access_features = features(*access)
    return location


def publish(service):
    """Publish the service's latest state as an editor would (revision, then publish), and return it fresh."""
    service.save_revision().publish()
    return type(service).objects.get(pk=service.pk)
