"""Direct quotes in a text, and where each one stands in an official record.

Pure text work, no database: the merger uses it to join a live-blog paragraph to the turn
it quotes, and the quote check to say whether a quote is verbatim, close (a few words
differ, shown as a word diff) or absent from the record.

Which quotes are checked, and where: a quote of QUOTE_MIN_WORDS words or more is looked
for in the whole record. A quote of two or three words ("badly let down", "deeply
sorry") is checked only when the paragraph attributes it to somebody, and only in that
person's turns (`RecordIndex.check`): such a phrase turns up somewhere in a whole record
by chance, but in one member's turns only if they said it, so verbatim there is
verbatim and anything else is absent (a phrase put in their mouth; a person with no
turns said nothing in the record). Short phrases attributed to nobody are labels or
scare quotes ("“two-tier” policing"), and so is a single quoted word whoever it is pinned
on: neither is checked.

Close means small wording differences, measured two ways, either being enough: the
word-level likeness of the aligned span (CLOSE_LIKENESS), or the edits themselves (a
word swapped for a phrase, "twice" quoted as "a second time", costs the likeness more
than the change is worth): at most EDIT_RUNS runs of changed words, each at most
EDIT_RUN_WORDS words on either side, with EDIT_MATCHED_SHARE of the quote's words (and
EDIT_MIN_MATCHED at least) matched in place.

Words are compared after folding what a copy-editor changes without changing the words:
case, punctuation, the style of quotation marks, apostrophes and dashes ("long-term" and
"long term" are the same words). Spelling is not folded: "organise" quoted as "organize"
is a changed word, shown in the diff, because the record is the authority on its words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from fractions import Fraction
from itertools import groupby, repeat
from operator import sub

# A quoted phrase of fewer words is often a scare quote or a label ("a “reset”", "the
# “Rwanda plan”"), and two or three words are found by chance somewhere in a long record:
# such a phrase is looked for in the whole record only from this length on. Words are
# counted as printed, space-separated ("“two-tier” policing" quotes one word).
QUOTE_MIN_WORDS = 4
# From two words, a phrase the paragraph attributes to somebody is checked in that
# person's turns only (news quotes fragments: Marr said families had been “badly let
# down”); one quoted word ("Tory ‘lectures’") is a label whoever it is pinned on.
SHORT_QUOTE_MIN_WORDS = 2
# Word n-grams indexed. Three words rarely repeat by chance across a debate's passages
# while a quote of QUOTE_MIN_WORDS words still has two of them; one changed word spoils at
# most three, so a quote with a few changes keeps shared n-grams to be found by.
NGRAM = 3
# The aligned span is "close" when 2·matched words / (span words + quote words) reaches
# this: one word changed in ten (0.9) or two in ten (0.8) is a copy-editing slip or a
# misheard word; three in ten (0.7) is a paraphrase in quotation marks.
CLOSE_LIKENESS = 0.8
# Close by its edits: the likeness above charges a word swapped for a phrase for every
# word of the phrase ("we will not let them down twice" quoted with "a second time":
# 2·6/(7+9) = 0.75), though the speaker said nearly that. A span is also close when it
# differs from the quote in at most EDIT_RUNS runs of changed words, each at most
# EDIT_RUN_WORDS words on either side (a word or a short phrase swapped, added or
# dropped; a longer run is a different clause), with at least EDIT_MATCHED_SHARE of the
# quote's words matched in place (two in three: the quote is mostly the record's words)
# and at least EDIT_MIN_MATCHED of them (three or four words in place are a stock phrase
# any member says, "we will not", "I thank the hon."; five in at most three runs are a
# sentence of theirs).
EDIT_RUNS = 2
EDIT_RUN_WORDS = 3
EDIT_MATCHED_SHARE = Fraction(2, 3)
EDIT_MIN_MATCHED = 5
# Passages tried per quote, best by shared n-grams first: a quote's passage is among the
# few sharing most of its n-grams; trying more only costs alignment time.
CANDIDATES = 3
# A posting packs the passage's index above the n-gram's place (plus a bias, so that
# subtracting a quote word's place never borrows from the index).
_PLACE_BITS = 32
_PLACE_BIAS = 1 << 16
_PLACE_MASK = (1 << _PLACE_BITS) - 1
_PLACE_LIMIT = _PLACE_MASK - _PLACE_BIAS

VERBATIM = "verbatim"
CLOSE = "close"
ABSENT = "not found"  # the word, and the table's and the JSON's


@dataclass(frozen=True)
class Quote:
    """A direct quote: its words without the marks; text == paragraph[start:end]."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class RecordMatch:
    verdict: str  # VERBATIM | CLOSE | ABSENT
    passage: int | None  # index into the passages searched; None when absent
    wording: str | None  # the record's words the quote corresponds to, as printed ("…" between elided parts)
    diff: list[tuple[str, str]] = field(default_factory=list)  # ("=", w) both, ("-", w) record only, ("+", w) quote only
    # 2·matched / (span words + quote words): 1.0 when verbatim; when absent, the nearest
    # passage's, or 0.0 when none came near enough to be aligned.
    likeness: float = 0.0


# --- finding quotes -------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# A word with the punctuation closing it, when a space or the end follows ("scandal," but
# "long" of "long-term"); never a quotation mark, which is the quote's, not the words'.
_SHOWN = re.compile(r"\w+(?:['’]\w+)*(?:[^\w\s“”\"‘’'«»„]+(?=\s|$))?")
# Before an opening mark: the start, a space, or an opening bracket or dash; after a closing
# mark: the end, a space or punctuation. A mark between letters is an apostrophe.
_OPEN_BEFORE = r"(?:(?<=^)|(?<=[\s(\[{—–-]))"
_CLOSE_AFTER = r"(?=$|[\s.,;:!?)\]}—–-])"
_QUOTE_PATTERNS = (
    # Curly double: an unclosed one runs to the paragraph's end (a quote continued in the
    # next paragraph opens again there and does not close here).
    re.compile(r"“(?P<q>[^“”]+)(?:”|$)"),
    re.compile(r"„(?P<q>[^„“”]+)[“”]"),
    re.compile(r"«\s*(?P<q>[^«»]+?)\s*»"),
    re.compile(_OPEN_BEFORE + r"\"(?P<q>[^\"]+)\""),
    # Single marks close only where no letter follows ("don’t" is inside a quote, not its end).
    re.compile(_OPEN_BEFORE + r"‘(?P<q>\S(?:[^‘’]|’(?=\w))*?\S)’" + _CLOSE_AFTER),
    re.compile(_OPEN_BEFORE + r"'(?P<q>[^\s'](?:[^']|'(?=\w))*?\S)'" + _CLOSE_AFTER),
)
_ANY_OPENER = re.compile(r"[“„«\"‘']")
# A word as printed: what stands between spaces (or dashes and slashes joining words
# without them, "stand by—and"), holding a letter or digit; "long-term" is one.
_PRINTED_WORD = re.compile(r"[^\s—–/]*\w[^\s—–/]*")


def quote_words(text: str) -> int:
    """How many words a quote has, as a reader counts them ("“two-tier”" is one)."""
    return len(_PRINTED_WORD.findall(text))


def direct_quotes(text: str, min_words: int = QUOTE_MIN_WORDS) -> list[Quote]:
    """The direct quotes of min_words words or more (quote_words), outermost only, in
    order. Pass SHORT_QUOTE_MIN_WORDS to get the short ones `RecordIndex.check` judges
    when attributed."""
    quotes: list[Quote] = []
    pos = 0
    while (opener := _ANY_OPENER.search(text, pos)) is not None:
        found = None
        for pattern in _QUOTE_PATTERNS:
            found = pattern.match(text, opener.start())
            if found is not None:
                break
        if found is None:
            pos = opener.start() + 1
            continue
        start, end = found.span("q")
        inner = text[start:end]
        lead = len(inner) - len(inner.lstrip())
        inner = inner.strip()
        if quote_words(inner) >= min_words:
            quotes.append(Quote(inner, start + lead, start + lead + len(inner)))
        pos = found.end()
    return quotes


# --- words ----------------------------------------------------------------------------

# An elision: "...", "…", ". . ." with or without brackets around it.
_ELLIPSIS = re.compile(r"[\[(]?\s*(?:…|\.\s*\.\s*\.(?:\s*\.)*)\s*[\])]?")


class _Words:
    """A text's words folded; as printed and their character offsets only when asked."""

    __slots__ = ("text", "folded", "_shown", "_spans")

    def __init__(self, text: str) -> None:
        self.text = text
        folded = [w.casefold() for w in _WORD.findall(text)]
        self.folded = [w.replace("’", "'") for w in folded] if "’" in text else folded
        self._shown: list[str] | None = None
        self._spans: list[tuple[int, int]] | None = None

    @property
    def shown(self) -> list[str]:
        """The words as printed with the punctuation ending them ("scandal,"): a diff then
        reads as the sentence does. As many as `folded`, one for one."""
        if self._shown is None:
            self._shown = _SHOWN.findall(self.text)
        return self._shown

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in _WORD.finditer(self.text)]
        return self._spans


def _words(text: str) -> _Words:
    return _Words(text)


def _quote_parts(quote: str) -> list[tuple[str, _Words]]:
    parts = []
    for piece in _ELLIPSIS.split(quote):
        words = _words(piece)
        if words.folded:
            parts.append((piece, words))
    return parts


class _Passage:
    """One passage's words, with what exact search and alignment need, built on demand."""

    __slots__ = ("text", "words", "grams", "_joined", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _words(text)
        self.grams = _grams(self.words.folded)
        self._joined: str | None = None
        self._starts: list[int] = []

    def ends_sentence(self, word: int) -> bool:
        """Whether a sentence ends with the word ("twice." but not "hon.")."""
        shown = self.words.shown
        return word < len(shown) and _ends_sentence(shown[word], self.words.folded[word])

    def find_exact(self, words: list[str], from_word: int) -> int | None:
        """The first word index >= from_word where the words stand in a row."""
        if self._joined is None:
            self._joined = " " + " ".join(self.words.folded) + " "
            at = 1
            for w in self.words.folded:
                self._starts.append(at)
                at += len(w) + 1
        if from_word >= len(self._starts):
            return None
        at = self._joined.find(" " + " ".join(words) + " ", self._starts[from_word] - 1)
        return None if at < 0 else bisect_left(self._starts, at + 1)

    def printed(self, start: int, end: int) -> str:
        """The passage's text from word start to word end (exclusive), spaces tidied."""
        s = self.words.spans
        return " ".join(self.text[s[start][0] : s[end - 1][1]].split())


# Abbreviations a record prints with a full stop inside a sentence ("the right hon.
# Member", "No. 10"): their stop ends no sentence.
_ABBREVIATIONS = frozenset({"hon", "rt", "mr", "mrs", "ms", "dr", "st", "no", "nos", "col", "vol", "cf", "eg", "ie", "vs"})
_SENTENCE_END = re.compile(r"[.!?…]")


def _ends_sentence(shown: str, folded: str) -> bool:
    word = _WORD.match(shown)
    tail = shown[word.end() :] if word else ""
    return bool(_SENTENCE_END.search(tail)) and not (tail.startswith(".") and folded in _ABBREVIATIONS)


@dataclass(slots=True)
class _Aligned:
    start: int
    end: int  # word span in the passage; start == end when nothing aligned
    matched: int
    diff: list[tuple[str, str]]


def _grams(words: list[str]) -> list[int]:
    """The words' n-grams, as hashes: a collision only adds a candidate that the word
    comparison then turns down, and keeping no tuples halves the index's build time."""
    return list(map(hash, zip(*(words[k:] for k in range(NGRAM)), strict=False)))


class RecordIndex:
    """A record's passages indexed by word n-grams: built once, searched per quote.

    A quote is looked for only in the passages sharing its n-grams (never every passage),
    so a check costs the postings of a quote's n-grams plus an alignment with a few
    passages. `speakers`, one collection per passage, holds what names the passage's
    speaker (a person's id, their name: any hashable keys the caller also uses for whom
    a quote is attributed to); `check` needs them for short quotes."""

    def __init__(self, passages: Sequence[str], speakers: Sequence[Collection[Hashable]] | None = None) -> None:
        self._passages = [_Passage(text) for text in passages]
        self._spoken_by: dict[Hashable, list[int]] = {}
        for index, keys in enumerate(speakers or ()):
            for key in keys:
                self._spoken_by.setdefault(key, []).append(index)
        # Each posting is one int, passage and place together: a list of ints builds twice
        # as fast as one of tuples, and a quote's diagonals come out of it in C (below).
        self._postings: dict[int, list[int]] = {}
        for index, passage in enumerate(self._passages):
            base = index << _PLACE_BITS
            for place, gram in enumerate(passage.grams[:_PLACE_LIMIT], start=base + _PLACE_BIAS):
                self._postings.setdefault(gram, []).append(place)

    def check(self, quote: str, said_by: Collection[Hashable] = ()) -> RecordMatch | None:
        """The verdict on a quote the paragraph attributes to `said_by` (speaker keys, as
        given to the index; empty when it names nobody), or None when the quote is not one
        to judge. QUOTE_MIN_WORDS words or more: `find` in the whole record. Two or three
        words: only when attributed, and then only verbatim in the turns of those it is
        attributed to, else absent (none of them said it in the record). Shorter, or short
        and unattributed: None (a label or a scare quote)."""
        words = quote_words(quote)
        if words >= QUOTE_MIN_WORDS:
            return self.find(quote)
        if words < SHORT_QUOTE_MIN_WORDS or not said_by:
            return None
        turns = sorted({index for key in said_by for index in self._spoken_by.get(key, ())})
        return self._find_in(quote, turns)

    def _find_in(self, quote: str, turns: list[int]) -> RecordMatch:
        """The quote word for word (its parts in order) in the first of `turns` holding it."""
        parts = _quote_parts(quote)
        for index in turns if parts else ():
            passage = self._passages[index]
            spans = self._exact(passage, parts)
            if spans is not None:
                diff = _joined_diffs([_same(passage, s, e) for s, e in spans])
                return RecordMatch(VERBATIM, index, _wording(passage, spans), diff, 1.0)
        return RecordMatch(ABSENT, None, None, [], 0.0)

    def find(self, quote: str) -> RecordMatch:
        """Where the quote stands in the whole record: verbatim, close (with a word diff)
        or absent. Any length: the caller decides which quotes are worth it (`check`)."""
        parts = _quote_parts(quote)
        if not parts:
            return RecordMatch(ABSENT, None, None, [], 0.0)
        if len(parts) == 1 and len(parts[0][1].folded) >= NGRAM:
            return self._find_whole(parts[0][1])
        candidates = self._candidates([words.folded for _, words in parts])
        for index in candidates:
            spans = self._exact(self._passages[index], parts)
            if spans is not None:
                passage = self._passages[index]
                diff = _joined_diffs([_same(passage, s, e) for s, e in spans])
                return RecordMatch(VERBATIM, index, _wording(passage, spans), diff, 1.0)
        return self._closest([(index, self._align(self._passages[index], parts)) for index in candidates], parts)

    def _find_whole(self, words: _Words) -> RecordMatch:
        """A quote without elisions: the passages' diagonals sharing most of its n-grams
        (a verbatim quote shares all of them on one diagonal), then alignment there."""
        quote = words.folded
        diagonals: Counter[int] = Counter()
        for i, gram in enumerate(_grams(quote)[:_PLACE_BIAS]):
            postings = self._postings.get(gram)
            if postings:
                diagonals.update(map(sub, postings, repeat(i)))
        tried = []
        for key, _ in diagonals.most_common(CANDIDATES):
            index, offset = key >> _PLACE_BITS, (key & _PLACE_MASK) - _PLACE_BIAS
            passage = self._passages[index]
            if passage.words.folded[offset : offset + len(quote)] == quote:
                return RecordMatch(VERBATIM, index, _wording(passage, [(offset, offset + len(quote))]), _same(passage, offset, offset + len(quote)), 1.0)
            tried.append((index, [_align_part(passage, words, 0, True, offset)]))
        return self._closest(tried, [("", words)])

    def _closest(self, tried: list[tuple[int, list[_Aligned]]], parts: list[tuple[str, _Words]]) -> RecordMatch:
        """The most alike of the passages tried when close by likeness; else the most
        alike close by its edits; else absent, with the best likeness seen."""
        quote_length = sum(len(w.folded) for _, w in parts)
        ranked = []
        for index, aligned in tried:
            matched = sum(a.matched for a in aligned)
            likeness = 2 * matched / (sum(a.end - a.start for a in aligned) + quote_length)
            ranked.append((likeness, -index, index, aligned))
        ranked.sort(key=lambda r: (r[0], r[1]), reverse=True)
        for likeness, _, index, aligned in ranked:
            diff = _joined_diffs([a.diff for a in aligned])
            if likeness >= CLOSE_LIKENESS or _close_by_edits(diff, quote_length):
                spans = [(a.start, a.end) for a in aligned if a.end > a.start]
                return RecordMatch(CLOSE, index, _wording(self._passages[index], spans), diff, round(likeness, 3))
        return RecordMatch(ABSENT, None, None, [], round(ranked[0][0], 3) if ranked else 0.0)

    def _candidates(self, parts: list[list[str]]) -> list[int]:
        """Passages for an elided quote: those sharing most of its parts' n-grams."""
        votes: Counter[int] = Counter()
        for words in parts:
            for gram in set(_grams(words)):
                votes.update({posting >> _PLACE_BITS for posting in self._postings.get(gram, ())})
        if votes or any(len(words) >= NGRAM for words in parts):
            return [index for index, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]]
        # Every part shorter than an n-gram ("we will … act"): look for the longest part
        # word for word; rare enough that reading each passage once is affordable.
        longest = max(parts, key=len)
        found = [i for i, p in enumerate(self._passages) if p.find_exact(longest, 0) is not None]
        return found[:CANDIDATES]

    @staticmethod
    def _exact(passage: _Passage, parts: list[tuple[str, _Words]]) -> list[tuple[int, int]] | None:
        spans = []
        cursor = 0
        for _, words in parts:
            at = passage.find_exact(words.folded, cursor)
            if at is None:
                return None
            cursor = at + len(words.folded)
            spans.append((at, cursor))
        return spans

    @staticmethod
    def _align(passage: _Passage, parts: list[tuple[str, _Words]]) -> list[_Aligned]:
        aligned = []
        cursor = 0
        # An elided quote's parts are judged together: a weak part may be carried by the others.
        prune = len(parts) == 1
        for _, words in parts:
            part = _align_part(passage, words, cursor, prune, None)
            if part.end > part.start:
                cursor = part.end
            aligned.append(part)
        return aligned


def _align_part(passage: _Passage, words: _Words, cursor: int, prune: bool, offset: int | None) -> _Aligned:
    """The passage span after cursor best matching the part, around the diagonal given or
    else the one sharing most n-grams, by word alignment inside a window around it. When
    pruning, a window that could not hold a close span is not aligned."""
    quote = words.folded
    unmatched = _Aligned(cursor, cursor, 0, [("+", w) for w in _bare_last(words.shown)])
    if offset is None:
        at = passage.find_exact(quote, cursor)
        if at is not None:
            return _Aligned(at, at + len(quote), len(quote), _same(passage, at, at + len(quote)))
        offset = _best_diagonal(passage, quote, cursor)
        if offset is None:
            return unmatched
    slack = len(quote) // 2 + 2
    lo = max(cursor, offset - slack)
    hi = min(len(passage.words.folded), offset + len(quote) + slack)
    window = passage.words.folded[lo:hi]
    if prune and not _may_be_close(window, quote):
        return unmatched
    blocks = [b for b in SequenceMatcher(None, window, quote, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return unmatched
    # The span is the run of matching blocks giving the best likeness (a stray "the"
    # matched at the window's edge would only add record words to the diff), stretched
    # over as many record words as the quote has words beyond the run at either end, but
    # not across a sentence end: a changed last word ("of the inquiry" quoted as "of the
    # report") is a substitution, not a quote longer than its source, and a phrase for
    # the last word ("twice." quoted as "a second time") stands for no more than the rest
    # of the record's sentence.
    best: tuple[float, int, int, int] | None = None
    for i in range(len(blocks)):
        matched = 0
        for j in range(i, len(blocks)):
            matched += blocks[j].size
            start = _stretch_back(passage, lo + blocks[i].a, blocks[i].b, cursor)
            end = _stretch_on(passage, lo + blocks[j].a + blocks[j].size, len(quote) - blocks[j].b - blocks[j].size)
            likeness = 2 * matched / (end - start + len(quote))
            if best is None or likeness > best[0]:
                best = (likeness, start, end, matched)
    assert best is not None
    _, start, end, matched = best
    return _Aligned(start, end, matched, _diff(passage, start, end, words))


def _best_diagonal(passage: _Passage, quote: list[str], cursor: int) -> int | None:
    in_quote: dict[int, list[int]] = {}
    for i, gram in enumerate(_grams(quote)):
        in_quote.setdefault(gram, []).append(i)
    offsets: Counter[int] = Counter()
    for p in range(cursor, len(passage.grams)):
        for i in in_quote.get(passage.grams[p], ()):
            offsets[p - i] += 1
    return min(offsets, key=lambda o: (-offsets[o], o)) if offsets else None


def _stretch_back(passage: _Passage, at: int, words: int, floor: int) -> int:
    """Up to `words` words before `at` (not before floor), stopping at a sentence end."""
    while words and at > floor and not passage.ends_sentence(at - 1):
        at -= 1
        words -= 1
    return at


def _stretch_on(passage: _Passage, at: int, words: int) -> int:
    """Up to `words` words from `at`, the last one a sentence's end at the furthest."""
    end_of_passage = len(passage.words.folded)
    while words and at < end_of_passage:
        at += 1
        words -= 1
        if passage.ends_sentence(at - 1):
            break
    return at


def _may_be_close(window: list[str], quote: list[str]) -> bool:
    """Whether some span of the window could be close: counting its words shared with the
    quote, each used once, all in place."""
    shared = sum((Counter(window) & Counter(quote)).values())
    if 2 * shared / (shared + len(quote)) >= CLOSE_LIKENESS:
        return True
    return shared >= EDIT_MIN_MATCHED and shared >= EDIT_MATCHED_SHARE * len(quote)


def _close_by_edits(diff: list[tuple[str, str]], quote_length: int) -> bool:
    """Whether the quote is the record's words but for a few short edits (EDIT_RUNS)."""
    matched = sum(1 for op, word in diff if op == "=" and word != "…")
    if matched < EDIT_MIN_MATCHED or matched < EDIT_MATCHED_SHARE * quote_length:
        return False
    runs = 0
    for changed, pairs in groupby(diff, key=lambda pair: pair[0] != "="):
        if not changed:
            continue
        ops = [op for op, _ in pairs]
        runs += 1
        if runs > EDIT_RUNS or ops.count("-") > EDIT_RUN_WORDS or ops.count("+") > EDIT_RUN_WORDS:
            return False
    return True


def _diff(passage: _Passage, start: int, end: int, words: _Words) -> list[tuple[str, str]]:
    record = passage.words.folded[start:end]
    shown_record = _span_shown(passage, start, end)
    quote_shown = _bare_last(words.shown)
    diff: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, record, words.folded, autojunk=False).get_opcodes():
        if op == "equal":
            diff.extend(("=", w) for w in shown_record[a1:a2])
            continue
        diff.extend(("-", w) for w in shown_record[a1:a2])
        diff.extend(("+", w) for w in quote_shown[b1:b2])
    return diff


def _same(passage: _Passage, start: int, end: int) -> list[tuple[str, str]]:
    return [("=", w) for w in _span_shown(passage, start, end)]


def _span_shown(passage: _Passage, start: int, end: int) -> list[str]:
    """The span's words as printed, the last without its punctuation: the span ends there,
    whatever the sentence does."""
    return _bare_last(passage.words.shown[start:end])


def _bare_last(shown: list[str]) -> list[str]:
    last = _WORD.match(shown[-1]) if shown else None
    return shown[:-1] + [last.group()] if last else shown


def _joined_diffs(diffs: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Part diffs in order, an elision mark between them."""
    joined: list[tuple[str, str]] = []
    for n, diff in enumerate(diffs):
        if n:
            joined.append(("=", "…"))
        joined.extend(diff)
    return joined


def _wording(passage: _Passage, spans: list[tuple[int, int]]) -> str:
    return " … ".join(passage.printed(s, e) for s, e in spans)
