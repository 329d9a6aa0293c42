"""Area profiles: one JSON file per area in directory/areas/, loaded into the vocabularies and place aliases."""

import json
from pathlib import Path

from django.db import transaction

from directory.places import seed_aliases
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag

AREAS_DIR = Path(__file__).parent / "areas"


class UnknownArea(LookupError):
    pass


def available_areas():
    return sorted(path.stem for path in AREAS_DIR.glob("*.json"))


def read_area(slug):
    path = AREAS_DIR / f"{slug}.json"
    if slug not in available_areas():
        raise UnknownArea(f"Unknown area '{slug}'. Areas that exist: {', '.join(available_areas())}.")
    return json.loads(path.read_text(encoding="utf-8"))


def _upsert(model, rows, extra_fields=()):
    """Create or update each term by code; returns how many rows changed."""
    changed = 0
    for order, row in enumerate(rows, start=1):
        values = {"name": row["name"], "order": order, "description": row.get("description", "")}
        values.update({field: row.get(field) for field in extra_fields})
        term = model.objects.filter(code=row["code"]).first()
        if term is None:
            model.objects.create(code=row["code"], slug=row["code"].lower(), **values)
            changed += 1
        elif any(getattr(term, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(term, field, value)
            term.save()
            changed += 1
    return changed


@transaction.atomic
def load_area(slug):
    """Load an area's vocabularies and place aliases; idempotent, returns the number of rows created or changed."""
    area = read_area(slug)
    changed = _upsert(
        DistrictTag, area["districts"], extra_fields=("quadrant",) if area["districts"][0].get("quadrant") else ()
    )
    changed += _upsert(OutcomeTag, area["outcomes"])
    changed += _upsert(NeedLevelTag, area["need_levels"], extra_fields=("level",))
    changed += _upsert(AgeBandTag, area["age_bands"], extra_fields=("min_age", "max_age"))
    changed += seed_aliases(slug, area.get("place_aliases", []))
    return changed
