"""{% feed_provenance page %}: where a service's information comes from, when a feed provides it."""

from django import template

from directory.feeds.models import FeedListing

register = template.Library()


@register.inclusion_tag("feeds/provenance.html")
def feed_provenance(page):
    listing = FeedListing.objects.select_related("feed").filter(service_id=page.pk, withdrawn_at__isnull=True).first()
    return {"listing": listing, "feed": listing.feed if listing else None}
