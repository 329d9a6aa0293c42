"""How search reads text, for every backend: words, filler words, and the synonyms editors keep."""

import functools
import re
import unicodedata

from django.core.cache import cache

# Words that say nothing about which service is wanted; a search of only these finds everything.
STOP_WORDS = frozenset(
    # Joining words, then how families frame a question ("we need help with our ...", "a lot of ...").
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "am",
        "any",
        "can",
        "do",
        "get",
        "got",
        "have",
        "help",
        "i",
        "im",
        "me",
        "my",
        "near",
        "need",
        "needs",
        "our",
        "some",
        "support",
        "us",
        "want",
        "we",
        "what",
        "where",
        "who",
        "lot",
        "lots",
        "please",
        "looking",
        "find",
        "someone",
        "somewhere",
    ]
)
MAX_WORDS = 12
SYNONYMS_CACHE_KEY = "search:synonym-groups"
SYNONYMS_CACHE_SECONDS = 300  # other processes see an edit within five minutes; this one at once

_APOSTROPHES = re.compile(r"[’‘`´]")
_POSSESSIVE = re.compile(r"'s\b")
_WORD = re.compile(r"[^\W_]+")  # letters of any script and digits


def fold(text):
    """Lower case without accents or apostrophes: "Children’s Café" -> "children cafe"."""
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _POSSESSIVE.sub("", _APOSTROPHES.sub("'", text))
    return text.replace("'", "")  # "can't" -> "cant", one word


def tokens(text):
    """Every word, filler ones too (hyphens and other punctuation split words; digits are words)."""
    return _WORD.findall(fold(text))


def words(text):
    """The words that narrow a search: no filler words, at most MAX_WORDS."""
    return [word for word in tokens(text) if word not in STOP_WORDS][:MAX_WORDS]


@functools.lru_cache(maxsize=4096)  # expand() folds every synonym phrase for each text it is given
def phrase(text):
    """A phrase as searched for, filler words kept: "speech and language" must not become "speech language"."""
    return " ".join(tokens(text))


# --- synonyms ------------------------------------------------------------------------


def synonym_groups():
    """Each group editors keep (the SynonymGroup snippet) as a tuple of lower-case phrases; cached."""
    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        from search.models import SynonymGroup

        rows = SynonymGroup.objects.all()
        groups = [tuple(" ".join(p.lower().split()) for p in row.phrase_list()) for row in rows]
        groups = [group for group in groups if group]
        cache.set(SYNONYMS_CACHE_KEY, groups, SYNONYMS_CACHE_SECONDS)
    return groups


def forget_synonyms(**kwargs):
    """Drop the cached groups (connected to SynonymGroup's save and delete)."""
    cache.delete(SYNONYMS_CACHE_KEY)


def expand(text):
    """The alternatives for a typed text: each group with a phrase in it adds its other phrases.

    Compared folded ("Children’s" types as "childrens"), given back as the editors wrote them.
    """
    typed = f" {phrase(text)} "
    extra = []
    for group in synonym_groups():
        if any(f" {phrase(alternative)} " in typed for alternative in group):
            extra.extend(alternative for alternative in group if f" {phrase(alternative)} " not in typed)
    return list(dict.fromkeys(extra))


def elasticsearch_synonyms():
    """The groups in Solr synonym format, for the Elasticsearch synonym_graph filter."""
    return [", ".join(group) for group in synonym_groups()]
