"""Safeguarding rules for requests: who may ask a specialist service, and words that mean someone may be in danger."""

import functools
import re

from django.conf import settings

from directory.area_profiles import UnknownArea, read_area

SPECIALIST_LEVEL = 4
AREA_RULE = "specialist_referrals_from_professionals_only"

# Words and phrases that suggest someone may be in danger now. Finding one shows the urgent help panel
# before the request is sent; it never stops the request (a false alarm costs one extra click).
DANGER_PHRASES = (
    "danger",
    "dangerous",
    "not safe",
    "unsafe",
    "kill",
    "suicide",
    "suicidal",
    "end my life",
    "hurt me",
    "hurting me",
    "hit me",
    "hits me",
    "hitting me",
    "beat me",
    "self harm",
    "self-harm",
    "overdose",
    "threatened",
    "threatening",
    "abuse",
    "abused",
    "abusing",
    "scared for my life",
)
DANGER_PATTERN = re.compile(r"\b(" + "|".join(re.escape(phrase) for phrase in DANGER_PHRASES) + r")\b", re.IGNORECASE)


def mentions_danger(*texts):
    return any(DANGER_PATTERN.search(text or "") for text in texts)


@functools.cache
def _area_rule(area):
    try:
        return bool(read_area(area).get(AREA_RULE, False))
    except UnknownArea:
        return False


def professionals_only(service):
    """True when only a professional may send this service a request (its own setting, or the area's rule)."""
    if service.professional_referrals_only:
        return True
    if _area_rule(settings.EARLYHELP_AREA):
        return service.need_levels.filter(level=SPECIALIST_LEVEL).exists()
    return False
