"""How alike two reports, or two events, are: a pair's score, sums of money, an event's
centroid and speakers."""

from __future__ import annotations

from collections import Counter, defaultdict

from liveline.ingest.events.features import tokens
from liveline.ingest.events.items import Item
from liveline.ingest.events.thresholds import (
    CENTROID_TOKENS,
    CLOCKS_APART,
    SPEAKER_MATCH,
    SPEAKER_MISMATCH,
    SUMS_DIFFER,
    TIME_SLACK,
)


def _time_penalty(a: Item, b: Item) -> float:
    """Two posts whose clocks cannot overlap are not reporting the same moment."""
    if a.latest and b.earliest and a.latest + TIME_SLACK < b.earliest:
        return CLOCKS_APART
    if b.latest and a.earliest and b.latest + TIME_SLACK < a.earliest:
        return CLOCKS_APART
    return 0.0


def score(a: Item, b: Item, similarity: float) -> float:
    if a.speakers and b.speakers:
        similarity += SPEAKER_MATCH if a.speakers & b.speakers else -SPEAKER_MISMATCH
    return similarity - _time_penalty(a, b)


def sums(tokens_of: dict[str, float] | Counter[str]) -> frozenset[str]:
    """Sums of money a paragraph names ("£5m", "5 million" -> "#5m")."""
    return frozenset(t for t in tokens_of if t[:1] == "#" and t[-1:] in ("m", "n", "k"))


def sums_differ(x: frozenset[str], y: frozenset[str]) -> float:
    """Two reports naming sums of money, none of them the same, are of two announcements."""
    return SUMS_DIFFER if x and y and not x & y else 0.0


def shared_words(a: Counter[str], b: Counter[str]) -> int:
    """Distinct words two paragraphs share, a name's entity token and its word counted once."""
    return len({t.lstrip("@") for t in a.keys() & b.keys()})


def content(text: str, ignore: frozenset[str]) -> Counter[str]:
    """A paragraph's tokens without the story's speakers' names."""
    counts = tokens(text)
    for token in [t for t in counts if t.lstrip("@") in ignore]:
        del counts[token]
    return counts


def event_speakers(items: list[Item], label: dict[int, int]) -> dict[int, set[int]]:
    """Everyone each event's members report."""
    speakers: dict[int, set[int]] = defaultdict(set)
    for index, cluster in label.items():
        speakers[cluster] |= items[index].speakers
    return speakers


class Vectors(list[dict[str, float]]):
    """Paragraphs' vectors (a list, as everywhere) that keep each event's centroid between
    merging's steps: an event whose members did not change keeps its centroid, and one
    that only gained members adds theirs to its sums. Merging asks for every event's
    centroid five times a date (two rounds of growing and joining, then headlines), and
    most events are the same each time; rebuilt, that was 6.7 s of a 50k-paragraph merge
    under the profiler. The vectors must not change while it is in use."""

    def __init__(self, vectors: list[dict[str, float]] | None = None) -> None:
        super().__init__(vectors or [])
        # cluster -> (its members when last summed, in the label's order; their summed words)
        self.totals: dict[int, tuple[tuple[int, ...], dict[str, float]]] = {}
        self.made: dict[tuple[int, ...], dict[str, float]] = {}  # members -> centroid, of the last call
        # each vector's tokens, rarest first (`candidates.rarest_first`), and the IDF they were ranked by
        self.ranked: list[list[str]] | None = None
        self.ranked_by: dict[str, float] | None = None


def centroids(vectors: list[dict[str, float]], label: dict[int, int]) -> dict[int, dict[str, float]]:
    """Each event's words, summed over its members, keeping the CENTROID_TOKENS heaviest."""
    members: dict[int, list[int]] = defaultdict(list)
    for index, cluster in label.items():
        members[cluster].append(index)
    memo = vectors if isinstance(vectors, Vectors) else Vectors()
    made: dict[tuple[int, ...], dict[str, float]] = {}
    totals: dict[int, tuple[tuple[int, ...], dict[str, float]]] = {}  # kept for this call's clusters only
    out: dict[int, dict[str, float]] = {}
    for cluster, indices in members.items():
        key = tuple(indices)
        centroid = memo.made.get(key)
        if centroid is None:
            # Each word's weights added in member order, as one pass over the label adds
            # them: the same sums, and so the same heaviest words, as summing afresh.
            before, total = memo.totals.get(cluster, ((), {}))
            if key[: len(before)] == before:
                total, start = dict(total), len(before)
            else:
                total, start = {}, 0
            for index in key[start:]:
                for token, weight in vectors[index].items():
                    total[token] = total.get(token, 0.0) + weight
            totals[cluster] = (key, total)
            centroid = _unit(dict(sorted(total.items(), key=lambda kv: -kv[1])[:CENTROID_TOKENS]))
        elif cluster in memo.totals:
            totals[cluster] = memo.totals[cluster]
        made[key] = out[cluster] = centroid
    if memo is vectors:
        memo.made, memo.totals = made, totals
    return out


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5 or 1.0
    return {t: w / norm for t, w in weights.items()}
