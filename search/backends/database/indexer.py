"""Keeping the database backend's index: rows per service-location, words, openings, facet lanes."""

from directory.vocabularies import CONTROLLED, DeliveryMode, Weekday
from search.backends.database import words
from search.models import (
    FACET_PACKS,
    LANE_BITS,
    LANES_PER_PACK,
    FacetLane,
    SearchTerm,
    ServiceLocationRow,
    ServiceOpening,
    ServiceText,
)
from search.offer_filters import OFFER_FIELDS
from search.spelling import index_words

FACET_FIELDS = tuple(vocabulary.field for vocabulary in CONTROLLED)
SERVED = "served_districts"
# One bit each, the delivery modes then the weekdays, in the registry's order (migration 0003 set it).
# "evening" (a session still on after 6pm) came later, in the next bit.
DELIVERY_DAY_BITS = {
    code: 1 << bit
    for bit, code in enumerate([mode.value for mode in DeliveryMode] + [day.code for day in Weekday] + ["evening"])
}


def _codes(values):
    return "|" + "|".join(values) + "|" if values else "|"


# --- keeping the index -------------------------------------------------------------


def _lanes(documents):
    """The lane of every vocabulary code in these documents, giving new codes the next free lanes.

    Districts served are listed too (as "served_districts", with no lane), so a search near a place
    whose district no service serves can skip looking for them.
    """
    lanes = read_lanes()
    used = {(facet, code) for document in documents for facet in FACET_FIELDS for code in document[facet]}
    served = {(SERVED, code) for document in documents for code in document["served_districts"]}
    new = sorted(used - set(lanes))
    free = max((lane for lane in lanes.values() if lane is not None), default=-1) + 1
    added = []
    for facet, code in new:
        lane = free if free < FACET_PACKS * LANES_PER_PACK else None
        free += lane is not None
        lanes[facet, code] = lane
        added.append(FacetLane(vocabulary=facet, code=code, lane=lane))
    added += [FacetLane(vocabulary=facet, code=code, lane=None) for facet, code in sorted(served - set(lanes))]
    FacetLane.objects.bulk_create(added)
    return lanes


def _packs(document, lanes):
    packs = [0] * FACET_PACKS
    for facet in FACET_FIELDS:
        for code in document[facet]:
            lane = lanes[facet, code]
            if lane is not None:
                pack, place = divmod(lane, LANES_PER_PACK)
                packs[pack] |= 1 << (LANE_BITS * place)
    return {f"facet_pack_{number}": value for number, value in enumerate(packs)}


def _rows(document, lanes):
    """The index rows of one service document: one per location, or one with no place."""
    base = {
        "service_id": document["id"],
        "name": document["name"][:255],
        "url": document["url"],
        "summary": document["summary"],
        "organisation": document["organisation"][:255],
        "cost": document["cost"],
        "self_referral": document["self_referral"],
        "min_age": document["min_age"],
        "max_age": document["max_age"],
        "outcomes": _codes(document["outcomes"]),
        "need_levels": _codes(document["need_levels"]),
        "age_bands": _codes(document["age_bands"]),
        "districts": _codes(document["districts"]),
        "served_districts": _codes(document["served_districts"]),
        "delivery": _codes(document["delivery"]),
        "languages": _codes(document["languages"]),
        "days": _codes(document["days"]),
        "topics": _codes(document.get("topic_slugs", ())),
        **{field: _codes(document.get(field, ())) for field in OFFER_FIELDS},
        "card": document["card"],
        "last_reviewed": document["last_reviewed"],
        "delivery_day_bits": sum(
            DELIVERY_DAY_BITS.get(code, 0)
            for code in {*document["delivery"], *document["days"], *(["evening"] if document.get("evening") else [])}
        ),
        **_packs(document, lanes),
    }
    return [
        ServiceLocationRow(
            **base,
            location_id=location and location["id"],
            latitude=location and location["latitude"],
            longitude=location and location["longitude"],
            postcode=(location and location["postcode"]) or "",
            place_name=(location and location["name"][:200]) or "",
            town=(location and location["town"]) or "",
            first_of_service=index == 0,
        )
        for index, location in enumerate(document["locations"] or [None])
    ]


def read_lanes():
    """Every vocabulary term's lane: {(vocabulary, code): lane or None}."""
    return {(lane.vocabulary, lane.code): lane.lane for lane in FacetLane.objects.all()}


def write_documents(documents):
    """Add services not yet in the index, in bulk; returns how many."""
    lanes = _lanes(documents)
    rows, texts, openings, index_terms = [], [], [], set()
    for document in documents:
        rows.extend(_rows(document, lanes))
        texts.append(
            ServiceText(
                service_id=document["id"],
                text=document["text"],
                name=document["name"],
                topics=" ".join(document.get("topics", ())),
                summary=document["summary"],
                last_reviewed=document["last_reviewed"],
            )
        )
        index_terms.update(index_words(document["text"]))
        openings += [
            ServiceOpening(
                service_id=document["id"],
                weekday=o["day"],
                opens=o["opens"],
                closes=o["closes"],
                **{key: o[key] for key in ("valid_from", "valid_to", "date") if o.get(key)},
            )
            for o in document.get("openings", ())
        ]
    ServiceLocationRow.objects.bulk_create(rows, batch_size=500)
    ServiceOpening.objects.bulk_create(openings, batch_size=500)
    ServiceText.objects.bulk_create(texts, batch_size=500)
    _add_terms(index_terms)
    words.changed()
    return len(texts)


def _add_terms(new_words):
    """The index's words, for spelling corrections; a word already there is left as it is."""
    terms = [SearchTerm(word=word, initial=word[0], length=len(word)) for word in sorted(new_words)]
    SearchTerm.objects.bulk_create(terms, batch_size=1000, ignore_conflicts=True)


def remove(service_id):
    ServiceLocationRow.objects.filter(service_id=service_id).delete()
    ServiceOpening.objects.filter(service_id=service_id).delete()
    ServiceText.objects.filter(service_id=service_id).delete()
    words.changed()


def clear():
    """Empty the index; the lanes are given out afresh, to the codes in use."""
    ServiceLocationRow.objects.all().delete()
    ServiceText.objects.all().delete()
    ServiceOpening.objects.all().delete()
    words.changed()
    FacetLane.objects.all().delete()
    SearchTerm.objects.all().delete()
