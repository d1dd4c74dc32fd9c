"""Which pairs merging scores at all: an inverted index over rare tokens, never all pairs."""

from __future__ import annotations

import math
from collections import defaultdict

from liveline.ingest.events.likeness import Vectors
from liveline.ingest.events.thresholds import MAX_CANDIDATES, MAX_POSTING, TOP_TOKENS


def rarest_first(vectors: list[dict[str, float]], idf: dict[str, float]) -> list[list[str]]:
    """Each vector's tokens, rarest (highest IDF) first, ties in the vector's order. Kept in
    `Vectors` for the next step: candidates and each round of growing pick a paragraph's
    rarest tokens (a sort per paragraph per step, each the same). Picking from this list
    the tokens that pass a test gives what sorting only those would (the sort is stable)."""
    if isinstance(vectors, Vectors) and vectors.ranked is not None and vectors.ranked_by is idf:
        return vectors.ranked
    made: dict[int, list[str]] = {}
    ranked = []
    for vec in vectors:
        found = made.get(id(vec))
        if found is None:
            found = made[id(vec)] = sorted(vec, key=lambda t: -idf.get(t, 0.0))
        ranked.append(found)
    if isinstance(vectors, Vectors):
        vectors.ranked, vectors.ranked_by = ranked, idf
    return ranked


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
    for index, ranked in enumerate(rarest_first(vectors, idf)):
        top = [t for t in ranked if idf.get(t, 0.0) < unique][:TOP_TOKENS]
        tops.append(top)
        for token in top:
            postings[token].append(index)
    pairs: set[tuple[int, int]] = set()
    for a, top in enumerate(tops):
        shared: dict[int, float] = {}
        get = shared.get
        for token in top:
            members = postings[token]
            if len(members) > MAX_POSTING:
                continue
            weight = idf.get(token, 0.0)
            for b in members:
                shared[b] = get(b, 0.0) + weight
        shared.pop(a, None)  # in its own tokens' postings; dropped afterwards, the others keep their order (ties)
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
        pairs.update((min(a, b), max(a, b)) for b in best)
    return pairs


def nearest_clusters(
    tokens_of: list[str], index_of: dict[str, list[int]], idf: dict[str, float], exclude: int | None = None
) -> list[int]:
    """Clusters sharing the most rare-token weight with these tokens (at most MAX_CANDIDATES)."""
    shared: dict[int, float] = {}
    get = shared.get
    for token in tokens_of:
        clusters = index_of.get(token, ())
        if len(clusters) > MAX_POSTING:
            continue
        weight = idf.get(token, 1.0)
        for cluster in clusters:
            shared[cluster] = get(cluster, 0.0) + weight
    if exclude is not None:  # dropped afterwards, not skipped in the loop: the others keep their order (ties)
        shared.pop(exclude, None)
    return sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
