"""What the index knows of a published service: one plain dict per service, shared by every backend."""

from django.utils.html import strip_tags
from django.utils.text import slugify

from directory import schedules as schedule_rules
from directory import sites
from directory.local_offer import marks_of
from directory.translations import translated_text
from directory.vocabularies import DeliveryMode, Weekday


def topic_slug(topic):
    """The form a topic is matched in: "Food bank", "food-bank" and "FOOD BANK" are one topic."""
    return slugify(topic)


def service_document(service):
    """A published ServicePage as the facts search filters, sorts and shows."""
    locations = [location for location in service.locations.all() if sites.public_point(location) is not None]
    organisation = service.get_parent().specific
    delivery = [mode.value for mode in DeliveryMode if getattr(service, mode.field)]
    topic_tags = list(service.topics.all())
    topics = [tag.name for tag in topic_tags]
    openings = schedule_rules.index_openings(service.schedules.all(), schedule_rules.now_in_london().date())
    outcomes = list(service.outcomes.all())
    need_levels = list(service.need_levels.all())
    age_bands = list(service.age_bands.all())
    # The published translations' words too, so a Polish or Arabic keyword finds the one English service.
    text = " ".join(
        [service.title, service.summary, strip_tags(service.description or ""), service.eligibility, organisation.title]
        + topics
        + [translated_text(service)]
    )
    return {
        "id": service.pk,
        "name": service.title,
        "url": service.get_url() or service.url_path,
        "summary": service.summary,
        "organisation": organisation.title,
        "text": text,
        "topics": topics,
        "topic_slugs": sorted({slug for tag in topic_tags for slug in (tag.slug, topic_slug(tag.name)) if slug}),
        "cost": service.cost,
        "self_referral": service.self_referral,
        "min_age": service.min_age,
        "max_age": service.max_age,
        "outcomes": [tag.code for tag in outcomes],
        "need_levels": [tag.code for tag in need_levels],
        "age_bands": [tag.code for tag in age_bands],
        "districts": [tag.code for tag in service.districts.all()],
        "served_districts": [tag.code for tag in service.districts_served.all()],
        "delivery": delivery,
        "languages": [name.lower() for name in service.language_list],
        "days": sorted({Weekday(weekday).code for weekday, *_rest in openings}),
        # Any session still on after 6pm ("after 6pm" filter); midnight closing means a session without times.
        "evening": any(closes > schedule_rules.EVENING for _day, _opens, closes, *_rest in openings),
        "openings": [
            {
                "day": weekday,
                "opens": _clock(opens),
                "closes": _clock(closes),
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat(),
                "date": on_date.isoformat() if on_date else None,
            }
            for weekday, opens, closes, valid_from, valid_to, on_date in openings
        ],
        "last_reviewed": service.last_reviewed.isoformat() if service.last_reviewed else None,
        # A feature at any of its sites: the service page says which site has which.
        "access_features": sorted(
            {feature.code for place in service.locations.all() for feature in place.access_features.all()}
        ),
        "send_needs": sorted(need.code for need in service.send_needs.all()),
        "marks": [mark.value for mark in marks_of(service)],
        "card": {
            "outcomes": [tag.name for tag in outcomes],
            "need_levels": [tag.name for tag in need_levels],
            "age_bands": [tag.name for tag in age_bands],
            "marks": [mark.value for mark in marks_of(service)],
        },
        "locations": [_location(location) for location in locations],
    }


def _location(location):
    """A site as an index holds it: a confidential one (a refuge) without its postcode, at its district's
    centre and named by its district, so no index ever holds its door (results say "in the Worthing area")."""
    latitude, longitude = sites.public_point(location)
    return {
        "id": location.pk,
        "name": location.name,
        "town": sites.area_name(location) if location.confidential else location.town,
        "postcode": "" if location.confidential else location.postcode,
        "latitude": latitude,
        "longitude": longitude,
        "district": location.lad_code,
    }


def _clock(time):
    """ "09:30:00": how SQLite stores a time, and sorts in time order as text."""
    return time.strftime("%H:%M:%S")
