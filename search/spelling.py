"""Correcting a misspelt keyword to the nearest word services use ("brestfeeding" -> "breastfeeding").

Only a word no indexed service contains is corrected, and only to a word of the index (SearchTerm) with
the same first letter, a similar length and at most one edit (two from eight letters, three from ten; the
nearest, then the closest in length, wins): the candidates
are a few hundred rows read by an index, and rapidfuzz compares them in microseconds.
"""

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from search.text import STOP_WORDS, tokens

SHORTEST = 4  # shorter words have too many neighbours one edit away ("cafe" / "care")
LONGEST = 40  # SearchTerm.word's length
# Endings a word of the index may have that the typed word lacks: still the same word. Not the other way:
# "counciling" less "ing" is "council", but it is "counselling" misspelt.
ENDINGS = ("s", "es", "ed", "er", "ers", "ing", "ings")


def max_edits(word):
    return 1 if len(word) < 8 else 2 if len(word) < 10 else 3


def index_words(text):
    """The words of a service as SearchTerms keep them: folded, no digits, no filler, not too short."""
    return {word for word in tokens(text) if SHORTEST <= len(word) <= LONGEST and word.isalpha()}


def _variants(word):
    """The word, and the word with a common ending: any of them in the index makes it known."""
    return {word} | {word + ending for ending in ENDINGS}


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
    replacements = {}
    for word in unknown:
        edits = max_edits(word)
        candidates = sorted(
            SearchTerm.objects.filter(
                initial=word[0], length__gte=len(word) - edits, length__lte=len(word) + edits
            ).values_list("word", flat=True)
        )
        if any(candidate.startswith(word) for candidate in candidates):
            continue  # a prefix of a word of the index: the search finds it as it is
        near = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=edits, limit=None)
        if near:
            # "counciling": "counselling" (3 edits, one letter longer) before "council" (3 edits, three shorter).
            replacements[word] = min(near, key=lambda found: (found[1], abs(len(found[0]) - len(word)), found[0]))[0]
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in typed)
