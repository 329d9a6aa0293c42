"""Fields a feed owns: shown read-only on the service's edit form, with where to change them."""

from django.utils.translation import gettext as _

from directory.feeds.models import FeedListing

# What an Open Referral UK record says about a service; the rest (requests through the directory,
# review interval, local notes) stays the directory's own.
FEED_OWNED_FIELDS = (
    "title",
    "summary",
    "description",
    "eligibility",
    "how_to_access",
    "cost",
    "cost_detail",
    "phone",
    "email",
    "website",
    "min_age",
    "max_age",
    "languages",
)
# Inline rows a feed describes; every field of every row is held, so an added or deleted row is ignored too.
FEED_OWNED_ROWS = ("locations", "opening_times")


def feed_listing_for(page) -> FeedListing | None:
    if page is None or not page.pk:
        return None
    return FeedListing.objects.select_related("feed").filter(service_id=page.pk).first()


def hold_feed_owned_fields(form):
    """Disable the fields the service's feed owns: Django then ignores whatever a POST says for them."""
    listing = feed_listing_for(form.instance)
    if listing is None:
        return None
    reason = _("This comes from the %(publisher)s feed; change it there.") % {"publisher": listing.feed.publisher}
    for name in FEED_OWNED_FIELDS:
        field = form.fields.get(name)
        if field is None:
            continue
        field.disabled = True
        field.help_text = reason
    for name in FEED_OWNED_ROWS:
        formset = getattr(form, "formsets", {}).get(name)
        if formset is None:
            continue
        for row in formset.forms:
            for field in row.fields.values():
                field.disabled = True
    return listing
