"""What the index knows of a published service: one plain dict per service, shared by every backend."""

from django.utils.html import strip_tags

from search.query import WEEKDAYS


def service_document(service):
    """A published ServicePage as the facts search filters, sorts and shows."""
    locations = [location for location in service.locations.all() if location.latitude is not None]
    organisation = service.get_parent().specific
    delivery = [
        mode
        for mode, offered in (
            ("in_person", service.in_person),
            ("home_visits", service.home_visits),
            ("online", service.online),
            ("phone", service.by_phone),
        )
        if offered
    ]
    topics = [tag.name for tag in service.topics.all()]
    outcomes = list(service.outcomes.all())
    need_levels = list(service.need_levels.all())
    age_bands = list(service.age_bands.all())
    text = " ".join(
        [service.title, service.summary, strip_tags(service.description or ""), service.eligibility, organisation.title]
        + topics
    )
    return {
        "id": service.pk,
        "name": service.title,
        "url": service.get_url() or service.url_path,
        "summary": service.summary,
        "organisation": organisation.title,
        "text": text,
        "topics": topics,
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
        "days": sorted({WEEKDAYS[opening.weekday] for opening in service.opening_times.all()}),
        "last_reviewed": service.last_reviewed.isoformat() if service.last_reviewed else None,
        "card": {
            "outcomes": [tag.name for tag in outcomes],
            "need_levels": [tag.name for tag in need_levels],
            "age_bands": [tag.name for tag in age_bands],
        },
        "locations": [
            {
                "id": location.pk,
                "name": location.name,
                "town": location.town,
                "postcode": location.postcode,
                "latitude": location.latitude,
                "longitude": location.longitude,
                "district": location.lad_code,
            }
            for location in locations
        ],
    }
