"""What a text is about, as a story proposal compares it: its telling words and the names
it writes. Pure functions on plain text, so they can be tested without a timeline.

Nothing here knows a language beyond a short list of English function words: a word is
common when the text itself writes it in lower case, or when it fills a large share of
the text's paragraphs, which holds for "the", "der" and "les" alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# Letters joined by an inner apostrophe or hyphen ("O'Neill", "Smith-Jones"); digits and
# underscores are not words.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What may come before a sentence's first word: its capital is the sentence's, not a name's.
_SENTENCE_ENDS = frozenset(".!?:;\"“‘(—–-•")
_POSSESSIVE = re.compile(r"['’]s$", re.I)
# Words shorter than this are, in most European languages, mostly function words
# ("the", "und", "les", "del"); a topic is told by longer ones.
MIN_WORD_LETTERS = 4
# A word found in more than this share of a text's paragraphs is the language's glue
# ("the", "said", "und"), not its topic: a live blog's subject ("water", "strike") recurs
# in a third of its paragraphs or so, glue in more than half. Only applied when there are
# enough paragraphs for a share to mean anything.
COMMON_SHARE = 0.5
MIN_PARAGRAPHS_FOR_SHARE = 10
# How many of a batch's words are weighed: enough to describe a day's live blog, few
# enough that the long tail of words said once does not drown the topic.
KEYWORDS = 40
# English function words at least four letters long that a short text may not repeat
# often enough for COMMON_SHARE to catch; other languages rely on the share alone.
_STOPWORDS = frozenset(
    """
    about above after again against also although among another because been before being
    below between both could does doing down during each even ever every from further have
    having here hers herself himself however into itself just more most much must myself
    never only other ought ours over same says said should some such than that their theirs
    them themselves then there these they this those through under until very were what
    when where which while whom whose will with within without would your yours yourself
    live latest updates update news blog
    today yesterday tomorrow week weeks year years time times told tells telling think going
    come comes came make made like well back still people thing things being says saying
    """.split()
)


@dataclass(frozen=True)
class Profile:
    """What one side is about: its telling words, the share of its paragraphs that use
    each word it uses, and the names it writes (as name keys)."""

    keywords: frozenset[str]
    rates: dict[str, float]
    names: frozenset[str]


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _bare(token: str) -> str:
    return _POSSESSIVE.sub("", token)


def _case_counts(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each word is written in lower case, and capitalised where a sentence
    does not force it (a sentence's first word says nothing of its case)."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for text in texts:
        for match in _tokens(text):
            token = _bare(match.group())
            if not token[:1].isupper():
                lower[token.casefold()] += 1
            elif not _opens_sentence(text, match.start()):
                upper[token.casefold()] += 1
    return lower, upper


def _opens_sentence(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at < 0 or text[at] in _SENTENCE_ENDS


def _is_common(token: str, lower: Counter[str], upper: Counter[str]) -> bool:
    """A capitalised word the text also writes in lower case, at least as often as
    capitalised inside a sentence, is an ordinary word opening a sentence or a title
    ("The", "After", "Home"), not a name."""
    key = token.casefold()
    return key in _STOPWORDS or 0 < upper[key] <= lower[key] or upper[key] == 0 < lower[key]


def name_key(words: list[str]) -> str | None:
    """Two capitalised words at the end of a run are a name as a story repeats it:
    "Labour MP Ann Blake" and "Ann Blake" both give "ann blake"."""
    return " ".join(w.casefold() for w in words[-2:]) if len(words) >= 2 else None


def _runs(text: str) -> Iterable[list[str]]:
    """Capitalised words separated only by spaces on one line ("Prime Minister Ann Blake")."""
    run: list[str] = []
    end: int | None = None
    for match in _tokens(text):
        token = match.group()
        gap = text[end:match.start()] if end is not None else ""
        if run and not (gap.isspace() and "\n" not in gap):
            yield run
            run = []
        if token[:1].isupper():
            run.append(_bare(token))
            if token != _bare(token):  # a possessive ends a name: "Blake's plan"
                yield run
                run = []
        elif run:
            yield run
            run = []
        end = match.end()
    if run:
        yield run


def names_in(texts: list[str], cases: tuple[Counter[str], Counter[str]] | None = None) -> set[str]:
    """The names the texts write, as name keys, ordinary words trimmed from their front
    (`cases`: the texts' _case_counts, when already counted)."""
    lower, upper = cases or _case_counts(texts)
    found: set[str] = set()
    for text in texts:
        for run in _runs(text):
            # Only the front: an ordinary word ends a name of a thing ("Severnside Water")
            # but only opens one by opening a sentence or a title ("After", "Home Secretary").
            while run and _is_common(run[0], lower, upper):
                run = run[1:]
            key = name_key(run)
            if key:
                found.add(key)
    return found


def full_names(names: Iterable[str]) -> set[str]:
    """Name keys of names already known to be people's (a story's registry)."""
    keys = (name_key([_bare(m.group()) for m in _tokens(name)]) for name in names)
    return {key for key in keys if key}


def profile(paragraphs: list[str], people: Iterable[str] = (), not_names: Iterable[str] = ()) -> Profile:
    """The profile of `paragraphs`, with the names of `people` known to be people (a
    story's registry) and without `not_names` (the blog's own writers, whose bylines say
    nothing of the story)."""
    counts: Counter[str] = Counter()
    for text in paragraphs:
        counts.update({_bare(m.group()).casefold() for m in _tokens(text)})
    known = full_names(people)
    lower, upper = _case_counts(paragraphs)
    names = frozenset((names_in(paragraphs, (lower, upper)) | known) - full_names(not_names))
    share_limit = COMMON_SHARE * len(paragraphs) if len(paragraphs) >= MIN_PARAGRAPHS_FOR_SHARE else float("inf")
    # The words of names count once, as names: two stories of the same politicians are not
    # alike in words for writing their names. A name's word the text also writes as an
    # ordinary word ("Severnside Water", "the water bill") stays a word.
    name_words = {word for name in names for word in name.split() if not _is_common(word, lower, upper)}
    telling = [
        (word, n) for word, n in counts.items()
        if len(word) >= MIN_WORD_LETTERS and word not in _STOPWORDS and word not in name_words and n <= share_limit
    ]
    telling.sort(key=lambda item: (-item[1], item[0]))
    rates = {word: n / max(len(paragraphs), 1) for word, n in counts.items()}
    return Profile(keywords=frozenset(word for word, _ in telling[:KEYWORDS]), rates=rates, names=names)


def likeness(one: Profile, other: Profile, ignore: frozenset[str] = frozenset()) -> float:
    """How much of `one`'s telling words `other` uses as much: each word counts up to the
    lower of its two rates. A long text uses nearly every word of its language once, so a
    word found in it but rarely ("police" in two paragraphs of a story about schools) is
    little evidence; the same words filling both texts are a lot."""
    words = one.keywords - ignore
    total = sum(one.rates[word] for word in words)
    return sum(min(one.rates[word], other.rates.get(word, 0.0)) for word in words) / total if total else 0.0
