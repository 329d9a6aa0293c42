"""Correcting a misspelt keyword to the nearest word services use ("brestfeeding" -> "breastfeeding").

Only a word no indexed service contains, no word of the index starts with, no synonym group holds and that is
not a common English word is corrected ("teen" is not "then": "teenagers" starts with it; "sons" is not
"songs": people write it), and only to a word of the index (SearchTerm) with the same first letter, a similar
length and at most one edit (two from eight letters, three from ten; the nearest, then the closest in length,
wins): the candidates are a few hundred rows read by an index, and rapidfuzz compares them in microseconds.
"""

import functools
import gzip
import json
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from search.text import STOP_WORDS, synonym_groups, tokens

SHORTEST = 4  # shorter words have too many neighbours one edit away ("cafe" / "care")
LONGEST = 40  # SearchTerm.word's length
# Endings a word of the index may have that the typed word lacks: still the same word. Not the other way:
# "counciling" less "ing" is "council", but it is "counselling" misspelt.
ENDINGS = ("s", "es", "ed", "er", "ers", "ing", "ings")


# How often an English word must appear in pyspellchecker's word list (counted in film subtitles) to be a word
# people use, not a misspelling: "sons" 37,090, "teen" 5,409, "respite" 816; misspellings are not listed at all.
COMMON = 500


@functools.cache
def common_english_words():
    """English words in everyday use, read once a process (about 26,000 of them; a tenth of a second)."""
    listed = resources.files("spellchecker") / "resources" / "en.json.gz"
    with listed.open("rb") as packed, gzip.open(packed) as unpacked:
        counts = json.load(unpacked)
    return frozenset(word for word, count in counts.items() if count >= COMMON)


def max_edits(word):
    return 1 if len(word) < 8 else 2 if len(word) < 10 else 3


def index_words(text):
    """The words of a service as SearchTerms keep them: folded, no digits, no filler, not too short."""
    return {word for word in tokens(text) if SHORTEST <= len(word) <= LONGEST and word.isalpha()}


def _variants(word):
    """The word, and the word with a common ending: any of them in the index makes it known."""
    return {word} | {word + ending for ending in ENDINGS}


def _synonym_words():
    """Every word of every synonym group: words the directory team taught the search, searched as they are."""
    return _words_of(tuple(synonym_groups()))


@functools.lru_cache(maxsize=8)  # keyed by the groups themselves: an edit to them is read at once
def _words_of(groups):
    return frozenset(word for group in groups for alternative in group for word in tokens(alternative))


def whole_words(typed):
    """The typed words matched whole, never as the start of a longer word: short common English words ("son",
    "kids", "mum"), whose stems start unrelated words ("songs", "kidney"). Longer ones still find their relatives
    as prefixes ("caring" finds "carers", "play" finds "playgroup"), as a partial word does ("autis")."""
    return {word for word in typed if len(word.removesuffix("s")) <= 3 and word in common_english_words()}


def meant_as_typed(typed):
    """The typed words never corrected, whatever the index holds: common English words and the synonym groups'
    words. Both backends ask (Elasticsearch matches them without fuzziness and drops suggestions for them)."""
    taught = _synonym_words()
    return {word for word in typed if word in taught or word in common_english_words()}


def _starts_a_word_of_the_index(word):
    from search.models import SearchTerm

    # A range on the primary key, so the index answers (LIKE 'teen%' would read every word).
    return SearchTerm.objects.filter(word__gt=word, word__lt=word + chr(0x10FFFF)).exists()


def _checkable(word):
    return SHORTEST <= len(word) <= LONGEST and word.isalpha() and word not in STOP_WORDS


def correct(text):
    """The text with each misspelt word replaced by the index's nearest word, or None when nothing changed."""
    from search.models import SearchTerm

    typed = tokens(text)
    checked = sorted({word for word in typed if _checkable(word)})
    if not checked:
        return None
    variants = {word: _variants(word) for word in checked}
    known = set(SearchTerm.objects.filter(word__in=set().union(*variants.values())).values_list("word", flat=True))
    unknown = [word for word in checked if not variants[word] & known]
    # What the family meant, though no listing has it: "my sons anger" is not "songs".
    as_typed = meant_as_typed(unknown) if unknown else set()
    unknown = [word for word in unknown if word not in as_typed]
    replacements = {}
    for word in unknown:
        if _starts_a_word_of_the_index(word):
            continue  # a prefix of a word of the index: the search finds it as it is
        edits = max_edits(word)
        candidates = sorted(
            SearchTerm.objects.filter(
                initial=word[0], length__gte=len(word) - edits, length__lte=len(word) + edits
            ).values_list("word", flat=True)
        )
        near = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=edits, limit=None)
        if near:
            # "counciling": "counselling" (3 edits, one letter longer) before "council" (3 edits, three shorter).
            replacements[word] = min(near, key=lambda found: (found[1], abs(len(found[0]) - len(word)), found[0]))[0]
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in typed)
