"""What a paragraph is about, as weighted tokens for comparing reports of the same event.

Content words are lower-cased and lightly stemmed ("inquiries" -> "inquiry"); numbers
are normalised so "£5m", "5 million" and "£5 million" agree; capitalised words in
mid-sentence (names, places, bodies) count extra, as do numbers: two outlets wording
one announcement differently still share its names and figures.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from operator import mul

_TOKEN = re.compile(r"£?\d[\d,]*(?:\.\d+)?(?:\s*(?:m|bn|k|million|billion|per\s*cent|%))?|[A-Za-z][A-Za-z'’-]*")
_MULTIPLIER = {"million": "m", "m": "m", "billion": "bn", "bn": "bn", "k": "k", "per cent": "%", "percent": "%", "%": "%"}
STOPWORDS = set(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can cannot could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just let me more most my myself no nor not now of off on once only or other ought our ours
    ourselves out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves says said say tells told asks
    asked adds added mr mrs ms miss one two three four five six seven eight nine ten year years week
    weeks day days today yesterday last next new also going get got make made like well many much may
    might must need needs us there's it's that's he's she's we're they're don't doesn't didn't won't
    can't isn't wasn't weren't haven't hasn't hadn't i'm you're i've we've they've
    """.split()
)
_NUMBER_WORDS = {"ten": "10", "twenty": "20", "fifty": "50", "hundred": "100", "thousand": "1000"}


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light, predictable stemmer: plural and verb endings only."""
    if len(word) <= 4:
        return word
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + replacement
    return word


def _number(token: str) -> str:
    text = token.lower().replace("£", "").replace(",", "")
    m = re.match(r"(\d+(?:\.\d+)?)\s*(.*)$", text)
    if not m:
        return text
    value, unit = m.group(1), " ".join(m.group(2).split())
    if value.endswith(".0"):
        value = value[:-2]
    return "#" + value + _MULTIPLIER.get(unit, "")


def tokens(text: str) -> Counter[str]:
    """Weighted tokens: content words 1, entities and numbers 2 (entities keep their stem too)."""
    counts: Counter[str] = Counter()
    sentence_start = True
    for m in _TOKEN.finditer(text):
        raw = m.group()
        read = _WORDS.get(raw)
        if read is None:
            if len(_WORDS) >= _WORDS_KEPT:
                _WORDS.clear()
            read = _WORDS[raw] = _read(raw)
        token, weight, entity, figure = read
        if token is not None:
            counts[token] += weight
            if entity is not None and not sentence_start:
                counts[entity] += 1
        if figure:
            sentence_start = False
            continue
        following = text[m.end() : m.end() + 2]
        sentence_start = following[:1] in ".!?" or following.startswith(": ")
    return counts


# What each distinct raw word reads as, kept across paragraphs: a date's tens of thousands
# of paragraphs use a few thousand words, and reading one (lower-casing, stop words,
# stemming) was most of tokenising's 17.7 s in a 50k-paragraph merge under the profiler.
# Bounded, so a long-lived process does not grow with every word it ever saw.
_WORDS: dict[str, tuple[str | None, int, str | None, bool]] = {}
_WORDS_KEPT = 1 << 18


def _read(raw: str) -> tuple[str | None, int, str | None, bool]:
    """A raw token as `tokens` counts it: its token (None: a stop word or too short), the
    token's weight, for a capitalised word its entity token (counted in mid-sentence only),
    and whether it is a figure (which never ends a sentence)."""
    if raw[0].isdigit() or raw[0] == "£":
        return _number(raw), 2, None, True
    word = raw.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _NUMBER_WORDS:
        return "#" + _NUMBER_WORDS[word], 2, None, False
    if word not in STOPWORDS and len(word) > 2:
        return stem(word), 1, "@" + word if raw[0].isupper() else None, False
    return None, 0, None, False


def document_frequencies(documents: Iterable[Counter[str]]) -> tuple[int, Counter[str]]:
    """How many documents there are, and how many of them hold each token."""
    df: Counter[str] = Counter()
    n = 0
    for document in documents:
        n += 1
        df.update(document.keys())
    return n, df


def idf_of(n: int, df: Counter[str]) -> dict[str, float]:
    """Smoothed inverse document frequency of each token, from `document_frequencies`."""
    return {token: math.log((1 + n) / (1 + count)) + 1.0 for token, count in df.items()}


def idf_table(documents: Iterable[Counter[str]]) -> dict[str, float]:
    return idf_of(*document_frequencies(documents))


def vector(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """A unit-length TF-IDF vector (sublinear term frequency)."""
    weights = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # The products summed in C, in the order of the shared-key set as ever: the same float.
    common = a.keys() & b.keys()
    total: float = sum(map(mul, map(a.__getitem__, common), map(b.__getitem__, common)))
    return total
