"""What the directory's pages show beyond their own fields, prepared in get_context: templates run no queries."""

from django.db.models import Count
from django.db.models.functions import Substr

from directory.topics import topics_in_language


def organisations_a_to_z(organisations, live_services):
    """The organisations grouped by first letter, each with its count of live services, in one query."""
    organisations = list(organisations)
    counts = {}
    if organisations:
        parent_length = len(organisations[0].path)
        rows = (
            live_services.filter(depth=organisations[0].depth + 1)
            .annotate(parent_path=Substr("path", 1, parent_length))
            .filter(parent_path__in=[organisation.path for organisation in organisations])
            # Pages are ordered by path by default, which would split the groups: clear it.
            .order_by()
            .values("parent_path")
            .annotate(services=Count("id"))
        )
        counts = {row["parent_path"]: row["services"] for row in rows}
    groups = {}
    for organisation in sorted(organisations, key=lambda page: page.title.casefold()):
        letter = organisation.title[:1].upper()
        letter = letter if letter.isalpha() else "#"
        groups.setdefault(letter, []).append({"page": organisation, "services": counts.get(organisation.path, 0)})
    return [{"letter": letter, "organisations": rows} for letter, rows in groups.items()]


def service_vocabularies(service):
    """The service's terms in each vocabulary, in the vocabulary's own order."""
    return {
        "age_bands": sorted(service.age_bands.all(), key=_vocabulary_order),
        "need_levels": sorted(service.need_levels.all(), key=lambda tag: tag.level),
        "outcomes": sorted(service.outcomes.all(), key=_vocabulary_order),
        "districts_served": sorted(service.districts_served.all(), key=_vocabulary_order),
        "topics": topics_in_language(list(service.topics.all())),
    }


def _vocabulary_order(tag):
    return (tag.order, tag.name)
