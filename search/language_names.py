"""Language names in the reader's own words: "polski", "عربي" and "Poloneză" all mean the Polish that services write.

Services name their languages in English ("Polish, Arabic"). The names in other languages come from Django's own
catalogues (every language's name translated into every language Django ships) and `LANG_INFO`'s names in the
language itself, so nothing here is a hand-kept word list.
"""

import functools
import json
import re

from django.conf import global_settings, settings
from django.conf.locale import LANG_INFO
from django.utils import translation

from search.text import fold

# Arabic-script spellings that differ by letter form, article or ending: "العربيّة", "عربي" and Urdu "عربی" are one name.
_ARABIC_LETTERS = str.maketrans({"ی": "ي", "ى": "ي", "ک": "ك", "ۃ": "ة", "ہ": "ه"})
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# The word for "language" a reader may put before the name: Romanian "limba română" is "română".
_LANGUAGE_WORDS = ("limba ",)


def _key(name):
    key = " ".join(fold(name).split())
    for word in _LANGUAGE_WORDS:
        key = key.removeprefix(word)
    if not _ARABIC.search(key):
        return key
    key = key.translate(_ARABIC_LETTERS)
    if key.startswith("ال") and len(key) > 4:
        key = key[2:]
    return key.removesuffix("ة").removesuffix("ه").removesuffix("ي")


def _reader_languages():
    """Every language a reader may use here: the site's, and those any area profile offers."""
    codes = {code for code, _name in settings.LANGUAGES}
    for path in (settings.BASE_DIR / "directory" / "areas").glob("*.json"):
        codes.update(json.loads(path.read_text(encoding="utf-8")).get("languages", []))
    return sorted(codes)


@functools.cache
def _english_names():
    """{key of a name in any reader's language: the English name}."""
    names = {}
    readers = _reader_languages()
    for code, english in global_settings.LANGUAGES:
        spellings = [english, LANG_INFO.get(code, {}).get("name_local", "")]
        for reader in readers:
            with translation.override(reader):
                spellings.append(translation.gettext(english))
        for spelling in spellings:
            if spelling:
                names.setdefault(_key(spelling), english)
    return names


def english_name(name):
    """The English name services use for `name` in any reader's language, or `name` itself when unknown."""
    return _english_names().get(_key(name), name)
