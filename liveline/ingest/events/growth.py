"""Events growing from their seeds: paragraphs near an event join it, and events that are
one statement told in parallel, or fragments of one, join each other."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from liveline.ingest.events.candidates import nearest_clusters, rarest_first
from liveline.ingest.events.features import cosine
from liveline.ingest.events.items import Item, UnionFind
from liveline.ingest.events.likeness import centroids, event_speakers, sums, sums_differ
from liveline.ingest.events.previews import cluster_previews, preview_flags
from liveline.ingest.events.thresholds import (
    GROW,
    GROW_NEAR,
    JOIN,
    JOIN_NEAR,
    JOIN_SAME_SPEAKER,
    SPEAKER_MISMATCH,
    TOP_TOKENS,
)

# "She also announced...", "In addition, ..." - the speaker moves on to another item, so
# being next to the last one is no evidence of being part of it.
_ANOTHER = re.compile(
    r"^\W*(?:in addition|additionally|separately|meanwhile)\b|\bthere(?:'s|’s| is| are| will be) also\b"
    r"|\balso\s+(?:\w+\s+)?(?:announc|said|says|say\b|promis|pledg|confirm|reveal|unveil|launch|set out|told|tells)",
    re.I,
)


def join_parallel(items: list[Item], label: dict[int, int], previews: Sequence[bool] | None = None) -> dict[int, int]:
    """Join two events that follow each other, by the same speaker, in two or more sources:
    both outlets are telling one continuous statement in the same order. An event of
    previews never joins one of the act (`previews`: each item's `is_preview`)."""
    previews = preview_flags(items) if previews is None else previews
    while True:
        kind = cluster_previews(previews, label)
        # (earlier event, later event) in reading order -> sources where they are adjacent
        sources: dict[tuple[int, int], set[int]] = defaultdict(set)
        for i in range(len(items) - 1):
            x, y = items[i], items[i + 1]
            a, b = label.get(i), label.get(i + 1)
            if a is None or b is None or a == b or x.post_id != y.post_id:
                continue
            if x.speakers and x.speakers == y.speakers and not _ANOTHER.search(y.text):
                sources[(a, b)].add(x.source_id)
        joins = UnionFind(len(items))
        changed = False
        for (a, b), seen in sources.items():
            if len(seen) >= 2 and not sources.get((b, a)) and kind[a] == kind[b]:
                joins.union(a, b)
                changed = True
        if not changed:
            return label
        label = {index: joins.find(cluster) for index, cluster in label.items()}


def join_similar(
    items: list[Item], vectors: list[dict[str, float]], idf: dict[str, float], label: dict[int, int],
    previews: Sequence[bool] | None = None,
) -> dict[int, int]:
    """Join two fragments of one event: their centroids alike, or fairly alike and adjacent
    (same speaker, same post) somewhere. An event of previews never joins one of the act."""
    kind = cluster_previews(preview_flags(items) if previews is None else previews, label)
    centroid_of = centroids(vectors, label)
    centroid_sums = {cluster: sums(centroid) for cluster, centroid in centroid_of.items()}
    speakers = event_speakers(items, label)
    adjacent: set[tuple[int, int]] = set()
    for i in range(len(items) - 1):
        a, b = label.get(i), label.get(i + 1)
        x, y = items[i], items[i + 1]
        if a is not None and b is not None and a != b and x.post_id == y.post_id and x.speakers and x.speakers == y.speakers:
            adjacent.add((min(a, b), max(a, b)))
    index_of: dict[str, list[int]] = defaultdict(list)
    tops: dict[int, list[str]] = {}
    for cluster, centroid in centroid_of.items():
        tops[cluster] = sorted(centroid, key=lambda t: -centroid[t])[:TOP_TOKENS]
        for token in tops[cluster]:
            index_of[token].append(cluster)
    pairs = set(adjacent)
    for cluster, top in tops.items():
        pairs.update((min(cluster, other), max(cluster, other)) for other in nearest_clusters(top, index_of, idf, cluster))
    joins = UnionFind(len(items))
    for a, b in pairs:
        if kind[a] != kind[b]:
            continue
        differ = sums_differ(centroid_sums[a], centroid_sums[b])
        similarity = cosine(centroid_of[a], centroid_of[b]) - differ
        if (a, b) in adjacent:
            needed = JOIN_NEAR
        elif not differ and speakers[a] and speakers[b] and (speakers[a] <= speakers[b] or speakers[b] <= speakers[a]):
            # One person's announcement told in fragments; other sums make it another announcement.
            needed = JOIN_SAME_SPEAKER
        else:
            needed = JOIN
        if similarity >= needed:
            joins.union(a, b)
    return {index: joins.find(cluster) for index, cluster in label.items()}


def grow(
    items: list[Item], vectors: list[dict[str, float]], idf: dict[str, float], label: dict[int, int],
    strength: dict[int, float], sums_of: list[frozenset[str]], previews: Sequence[bool] | None = None,
) -> dict[int, int]:
    """One round of attaching unlabelled paragraphs to the event whose centroid they are
    nearest; a preview only to an event of previews, a report only to one of reports."""
    previews = preview_flags(items) if previews is None else previews
    kind = cluster_previews(previews, label)
    centroid_of = centroids(vectors, label)
    centroid_sums = {cluster: sums(centroid) for cluster, centroid in centroid_of.items()}
    speakers = event_speakers(items, label)
    index_of: dict[str, list[int]] = defaultdict(list)
    for cluster, centroid in centroid_of.items():
        for token in centroid:
            index_of[token].append(cluster)
    grown = dict(label)
    ranked = rarest_first(vectors, idf)
    for i, item in enumerate(items):
        if i in label:
            continue
        near = set()
        for j in (i - 1, i + 1) if not _ANOTHER.search(item.text) else ():
            if 0 <= j < len(items) and j in label and items[j].post_id == item.post_id:
                if item.speakers and items[j].speakers == item.speakers:
                    near.add(label[j])
        top = [t for t in ranked[i] if t in index_of][:TOP_TOKENS]
        candidates = set(near) | set(nearest_clusters(top, index_of, idf))
        best, best_score = None, 0.0
        for cluster in candidates:
            if kind[cluster] != previews[i]:
                continue
            value = cosine(vectors[i], centroid_of[cluster]) - sums_differ(sums_of[i], centroid_sums[cluster])
            if item.speakers and speakers[cluster] and not item.speakers & speakers[cluster]:
                value -= SPEAKER_MISMATCH  # one person's reply is not another's announcement
            if value > best_score:
                best, best_score = cluster, value
        # The neighbour's event needs less only when nothing else is nearer.
        if best is not None and best_score >= (GROW_NEAR if best in near else GROW):
            grown[i] = best
            strength[i] = round(best_score, 4)
    return grown
