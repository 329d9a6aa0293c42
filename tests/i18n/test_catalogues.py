"""Every offered language has a complete catalogue: no untranslated or fuzzy msgid, plural forms all filled."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from directory.area_strings import STRINGS, render

LOCALE = Path(settings.BASE_DIR) / "locale"
AREAS = Path(settings.BASE_DIR) / "directory" / "areas"

# Offered by an area profile but not translated yet: listed so the gap is visible, and strict so the entry
# must be removed once the catalogue exists.
CATALOGUES_TO_WRITE = set()


def po_entries(path):
    """(msgid, [msgstr...], flags) per live entry of a .po file; obsolete (#~) entries skipped."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current] += json.loads(line)
            else:
                current, value = line.split(" ", 1)
                fields[current] = json.loads(value)
        if fields.get("msgid"):
            strings = [value for key, value in fields.items() if key.startswith("msgstr")]
            entries.append((fields["msgid"], strings, flags))
    return entries


def offered_languages():
    codes = {code for path in AREAS.glob("*.json") for code in json.loads(path.read_text())["languages"]}
    codes |= {code for code, _name in settings.LANGUAGES}
    return sorted(code for code in codes if not code.startswith("en"))


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, marks=pytest.mark.xfail(strict=True, reason="catalogue not written yet"))
        if code in CATALOGUES_TO_WRITE
        else code
        for code in offered_languages()
    ],
)
def test_every_msgid_is_translated_in_each_offered_language(code):
    path = LOCALE / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{code} is offered but has no catalogue: run make messages and translate it"
    entries = po_entries(path)
    assert entries
    untranslated = [msgid for msgid, strings, _flags in entries if not strings or not all(strings)]
    fuzzy = [msgid for msgid, _strings, flags in entries if "fuzzy" in flags]
    assert untranslated == [], f"{len(untranslated)} untranslated in {code}: {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {code}: {fuzzy[:5]}"


def test_the_loaded_area_offers_english_first_and_its_profile_languages():
    profile = json.loads((AREAS / f"{settings.EARLYHELP_AREA}.json").read_text())
    codes = [code for code, _name in settings.LANGUAGES]
    assert codes[0] == settings.LANGUAGE_CODE
    assert codes[1:] == [code for code in profile["languages"] if code != "en"]


def test_area_vocabulary_strings_are_current_with_the_profiles():
    assert STRINGS.read_text(encoding="utf-8") == render(), "run: python -m directory.area_strings"


def test_arabic_counts_use_the_singular_and_the_dual():
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override("ar"):
        found = [ngettext("%(shown)s service found", "%(shown)s services found", n) % {"shown": n} for n in (1, 2, 5)]
    assert found == ["تم العثور على خدمة واحدة", "تم العثور على خدمتين", "تم العثور على 5 خدمات"]
