"""How search reads text, for every backend: words, filler words, and the synonyms editors keep."""

import functools
import itertools
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
# Words that say what kind of thing is wanted, not what it is about: in "toddler group" the subject is
# "toddler", and a youth group that matches only "group" must not rank beside a stay and play. With a
# subject word typed they are not searched alone, only as a phrase with the word before them ("toddler
# group", "youth club"); typed alone ("drop in", "clubs") they are the search.
KIND_WORDS = frozenset(
    [
        "centre",
        "center",
        "class",
        "classes",
        "club",
        "clubs",
        "course",
        "courses",
        "drop",
        "group",
        "groups",
        "hub",
        "project",
        "service",
        "services",
        "session",
        "sessions",
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
    """The words that narrow a search: no filler words, no kind words beside a subject, at most MAX_WORDS."""
    narrowing = [word for word in tokens(text) if word not in STOP_WORDS]
    subject = [word for word in narrowing if word not in KIND_WORDS]
    return (subject or narrowing)[:MAX_WORDS]


def kind_phrases(text):
    """Each kind word left out by words() with the subject word before it: "a toddler group" -> ["toddler group"]."""
    typed = tokens(text)
    if all(word in KIND_WORDS or word in STOP_WORDS for word in typed):
        return []  # kind words alone are searched as words
    return [
        f"{before} {word}"
        for before, word in itertools.pairwise(typed)
        if word in KIND_WORDS and before not in KIND_WORDS and before not in STOP_WORDS
    ]


@functools.lru_cache(maxsize=4096)  # expand() folds every synonym phrase for each text it is given
def phrase(text):
    """A phrase as searched for, filler words kept: "speech and language" must not become "speech language"."""
    return " ".join(tokens(text))


# --- synonyms ------------------------------------------------------------------------


def synonym_groups():
    """Each group editors keep (the SynonymGroup snippet), then each topic with its names in other languages
    (directory.topics), as a tuple of lower-case phrases; cached."""
    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        from directory.topics import topic_name_groups
        from search.models import SynonymGroup

        rows = [row.phrase_list() for row in SynonymGroup.objects.all()] + topic_name_groups()
        groups = [tuple(" ".join(p.lower().split()) for p in row) for row in rows]
        groups = [group for group in groups if group]
        cache.set(SYNONYMS_CACHE_KEY, groups, SYNONYMS_CACHE_SECONDS)
    return groups


def forget_synonyms(**kwargs):
    """Drop the cached groups (connected to SynonymGroup's save and delete)."""
    cache.delete(SYNONYMS_CACHE_KEY)


def expand(text):
    """The alternatives for a typed text: its kind phrases, and each synonym group with a phrase in it adds its others.

    Compared folded ("Children’s" types as "childrens"), given back as the editors wrote them.
    """
    typed = f" {phrase(text)} "
    extra = kind_phrases(text)
    for group in synonym_groups():
        if any(f" {phrase(alternative)} " in typed for alternative in group):
            extra.extend(alternative for alternative in group if f" {phrase(alternative)} " not in typed)
    return list(dict.fromkeys(extra))


def elasticsearch_synonyms():
    """The groups in Solr synonym format, for the Elasticsearch synonym_graph filter."""
    return [", ".join(group) for group in synonym_groups()]
