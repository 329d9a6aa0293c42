"""The naive way many council directories search: load every service, measure each with geopy, filter in Python."""

from directory import geo
from search.models import ServiceLocationRow, ServiceText
from search.query import WEEKDAYS
from search.text import expand, phrase, tokens, words

FIELDS = [
    "service_id",
    "name",
    "latitude",
    "longitude",
    "cost",
    "self_referral",
    "min_age",
    "max_age",
    "outcomes",
    "need_levels",
    "age_bands",
    "districts",
    "served_districts",
    "delivery",
    "languages",
    "days",
]
FACETS = ("outcomes", "need_levels", "age_bands", "districts")


def _has(codes_text, code):
    return f"|{code}|" in codes_text


def _text_matches(query_text):
    # Any typed word starting a word of the text, or any synonym phrase in it, as the backend finds them.
    typed = words(query_text)
    alternatives = [f" {phrase(alt)} " for alt in expand(query_text)]

    def matches(text):
        text_words = tokens(text)
        spaced = f" {' '.join(text_words)} "
        return any(w.startswith(word) for w in text_words for word in typed) or any(a in spaced for a in alternatives)

    return matches


def _passes(row, query):
    if query.age is not None and not (
        (row["min_age"] is None or row["min_age"] <= query.age)
        and (row["max_age"] is None or row["max_age"] >= query.age)
    ):
        return False
    if query.free_only and row["cost"] != "free":
        return False
    if query.self_referral and not row["self_referral"]:
        return False
    if query.day is not None and not _has(row["days"], WEEKDAYS[query.day]):
        return False
    for name, values in (("delivery", query.delivery), ("languages", query.languages)):
        if values and not any(_has(row[name], value) for value in values):
            return False
    for name in FACETS:
        values = getattr(query, name)
        if values and not any(_has(row[name], value) for value in values):
            return False
    return True


def search(query):
    """(total, page of service ids, facet counts), worked out the slow way."""
    rows = list(ServiceLocationRow.objects.values(*FIELDS))
    texts = dict(ServiceText.objects.values_list("service_id", "text")) if query.text else {}
    place = query.near
    if place is not None:
        # Every row gets a geodesic distance, whether or not it could ever be near.
        for row in rows:
            row["distance"] = (
                geo.distance_miles(place.latitude, place.longitude, row["latitude"], row["longitude"])
                if row["latitude"] is not None
                else None
            )
    matches = _text_matches(query.text) if query.text else None
    found = {}
    for row in rows:
        if matches and not matches(texts.get(row["service_id"], "")):
            continue
        if not _passes(row, query):
            continue
        best = found.get(row["service_id"])
        if best is None or (row.get("distance") is not None and (best.get("distance") or 1e9) > row["distance"]):
            found[row["service_id"]] = row
    if place is not None:
        radius = query.radius_miles
        near_ids = {sid for sid, row in found.items() if row["distance"] is not None and row["distance"] <= radius}
        near = sorted((found[sid]["distance"], sid) for sid in near_ids)
        serving = sorted(
            (row["name"], sid)
            for sid, row in found.items()
            if sid not in near_ids and place.lad_code and _has(row["served_districts"], place.lad_code)
        )
        ordered = [sid for _, sid in near] + [sid for _, sid in serving]
    else:
        ordered = [sid for _, sid in sorted((row["name"], sid) for sid, row in found.items())]
    chosen = [found[sid] for sid in ordered]
    facets = {name: {} for name in FACETS}
    for row in chosen:
        for name in FACETS:
            for code in row[name].strip("|").split("|"):
                if code:
                    facets[name][code] = facets[name].get(code, 0) + 1
    start = (query.page - 1) * query.page_size
    return len(ordered), ordered[start : start + query.page_size], facets
