"""Which pairs merging scores at all: an inverted index over rare tokens, never all pairs."""

from __future__ import annotations

import math
from collections import defaultdict

from liveline.ingest.events.thresholds import MAX_CANDIDATES, MAX_POSTING, TOP_TOKENS


def candidate_pairs(vectors: list[dict[str, float]], idf: dict[str, float]) -> set[tuple[int, int]]:
    """Pairs sharing some of their rarest tokens: an inverted index, never all pairs.

    Each paragraph keeps its MAX_CANDIDATES partners with the most rare-token weight in
    common, so the work grows with the corpus, not with its square.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    tops = []
    # A word only one paragraph has can pair it with nothing: the rarest words that at
    # least two paragraphs share find the partners ("Stornoway" alone would crowd them out).
    unique = math.log((1 + len(vectors)) / 2) + 1.0 - 1e-9  # idf_table's weight for a word in one paragraph
    for index, vec in enumerate(vectors):
        top = sorted((t for t in vec if idf.get(t, 0.0) < unique), key=lambda t: -idf.get(t, 0.0))[:TOP_TOKENS]
        tops.append(top)
        for token in top:
            postings[token].append(index)
    pairs: set[tuple[int, int]] = set()
    for a, top in enumerate(tops):
        shared: dict[int, float] = defaultdict(float)
        for token in top:
            members = postings[token]
            if len(members) > MAX_POSTING:
                continue
            weight = idf.get(token, 0.0)
            for b in members:
                if b != a:
                    shared[b] += weight
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
        pairs.update((min(a, b), max(a, b)) for b in best)
    return pairs


def nearest_clusters(
    tokens_of: list[str], index_of: dict[str, list[int]], idf: dict[str, float], exclude: int | None = None
) -> list[int]:
    """Clusters sharing the most rare-token weight with these tokens (at most MAX_CANDIDATES)."""
    shared: dict[int, float] = defaultdict(float)
    for token in tokens_of:
        clusters = index_of.get(token, ())
        if len(clusters) > MAX_POSTING:
            continue
        for cluster in clusters:
            if cluster != exclude:
                shared[cluster] += idf.get(token, 1.0)
    return sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
