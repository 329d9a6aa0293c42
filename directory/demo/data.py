"""Reads the demo's data files, which sit beside the area profiles in directory/areas/demo/."""

import json

from directory.area_profiles import AREAS_DIR, available_areas

DEMO_DIR = AREAS_DIR / "demo"


def read_demo_file(name):
    """One data file, e.g. "service-types" or an area's slug ("west-sussex": its outcome themes and venues)."""
    return json.loads((DEMO_DIR / f"{name}.json").read_text(encoding="utf-8"))


def demo_areas():
    """Every area profile that has demo data (an area may exist without a demo)."""
    return [slug for slug in available_areas() if (DEMO_DIR / f"{slug}.json").exists()]
