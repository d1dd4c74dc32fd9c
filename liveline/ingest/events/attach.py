"""A follower's new paragraphs merged with their date's existing events, by merging's own rules.

Works on a neighbourhood of the date (placement.py picks it: the new posts, the paragraphs
sharing their rare words, those paragraphs' events and posts, the new posts' pages), its
words weighed by the whole date's vocabulary, so every score is the one a full merge
computes. The steps follow `merge`: a new paragraph seeds with its mutual best match in
another outlet (joining that paragraph's event, or starting one with it), grows into the
event whose centroid it is nearest, and parallel or similar fragments join, then the
follow-up rules (a paragraph pointing back, a post's headline and lede) place the rest.

What stays put: existing events are never joined to each other or split, and a paragraph
already in an event stays in it; an unmerged old paragraph only joins an event that a new
paragraph starts with it. One person's exchange across a page's posts
(`exchanges_follow`) is left to the next full merge: it re-reads whole runs of posts.

Last, the official record (record_anchors.py): a new paragraph quoting a turn of the
record joins the turn's event, unless the event it joined already holds a turn; a new
turn gathers the unmerged old paragraphs quoting it. An old paragraph in an event stays
there, and two turns an event holds are parted by the next full merge.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from liveline.ingest.events.context import anaphora_follow, headlines_follow
from liveline.ingest.events.features import cosine, vector
from liveline.ingest.events.growth import grow, join_parallel, join_similar
from liveline.ingest.events.items import Item
from liveline.ingest.events.likeness import centroids, sums
from liveline.ingest.events.merging import is_event, seed_value
from liveline.ingest.events.previews import preview_flags
from liveline.ingest.events.record_anchors import anchor_to_record, record_paragraphs
from liveline.ingest.events.thresholds import GROW_ROUNDS

Labels = dict[int, int]  # item index -> its cluster (an item index, as merging labels clusters)


class _Neighbourhood:
    """The items, their words and their clusters as the steps move them."""

    def __init__(self, items: list[Item], new: set[int], label: Labels, idf: dict[str, float],
                 counts: list[Counter[str]]) -> None:
        self.items, self.new, self.idf, self.counts = items, new, idf, counts
        self.existing = set(label.values())  # clusters that are stored events
        self.label = dict(label)
        self.strength: dict[int, float] = {}
        self.vectors = [vector(c, idf) for c in counts]
        self.money = [sums(c) for c in counts]
        # Read once: every step asks whether an item is a preview, seeds of every pair.
        self.previews = preview_flags(items)

    def movable(self, index: int, cluster: int) -> bool:
        """Whether an unlabelled paragraph may join this cluster: a new one may join any,
        an old one only a cluster that is not a stored event (one a new paragraph starts)."""
        return index not in self.label and (index in self.new or cluster not in self.existing)

    # 1. Seeds ------------------------------------------------------------------------
    def _best(self, one: int, source: int | None = None) -> dict[int, tuple[float, int]]:
        """`one`'s best seed partner in each other source (or in `source` only), as merging finds it."""
        best: dict[int, tuple[float, int]] = {}
        for other, item in enumerate(self.items):
            if source is not None and item.source_id != source:
                continue
            value = seed_value(self.items, self.counts, self.vectors, self.money, one, other, self.previews)
            if value is not None and value > best.get(item.source_id, (0.0, -1))[0]:
                best[item.source_id] = (value, other)
        return best

    def seed(self) -> None:
        pairs: list[tuple[float, int, int]] = []
        for a in sorted(self.new):
            for value, b in self._best(a).values():
                back = self._best(b, self.items[a].source_id).get(self.items[a].source_id)
                if back is not None and back[1] == a:  # mutual best, as merging requires
                    pairs.append((value, a, b))
        for value, a, b in sorted(pairs, reverse=True):
            self._union(a, b, value)

    def _union(self, a: int, b: int, value: float) -> None:
        la, lb = self.label.get(a), self.label.get(b)
        if la is None or lb is None:
            known = la if lb is None else lb
            cluster = min(a, b) if known is None else known
        elif la != lb and (la not in self.existing or lb not in self.existing):
            keep, drop = (la, lb) if la in self.existing or (lb not in self.existing and la < lb) else (lb, la)
            self.label = {i: keep if c == drop else c for i, c in self.label.items()}
            return
        else:
            return  # two stored events are never joined here
        for index in (a, b):
            if index not in self.label:
                self.label[index] = cluster
                self.strength[index] = max(self.strength.get(index, 0.0), round(value, 4))

    # 2. Growth and joins ------------------------------------------------------------------
    def grow(self) -> None:
        scratch = dict(self.strength)
        grown = grow(self.items, self.vectors, self.idf, self.label, scratch, self.money, self.previews)
        for index, cluster in grown.items():
            if self.movable(index, cluster):
                self.label[index] = cluster
                self.strength[index] = scratch[index]

    def join(self, joiner: Callable[[Labels], Labels]) -> None:
        """Apply a join rule, keeping only joins that involve a cluster new paragraphs made."""
        joined = joiner(self.label)
        groups: dict[int, set[int]] = defaultdict(set)
        for index, cluster in self.label.items():
            groups[joined[index]].add(cluster)
        rename: dict[int, int] = {}
        for clusters in groups.values():
            fresh = clusters - self.existing
            if not fresh or len(clusters) < 2:
                continue
            stored = clusters & self.existing
            target = self._nearest(fresh, stored) if stored else min(fresh)
            rename.update({cluster: target for cluster in fresh})
        self.label = {index: rename.get(cluster, cluster) for index, cluster in self.label.items()}

    def _nearest(self, fresh: set[int], stored: set[int]) -> int:
        """The stored event the fresh clusters' words are nearest (several may join one group)."""
        centroid = centroids(self.vectors, self.label)
        words: dict[str, float] = {}
        for cluster in fresh:
            for token, weight in centroid[cluster].items():
                words[token] = words.get(token, 0.0) + weight
        return max(sorted(stored), key=lambda event: cosine(words, centroid[event]))

    # 3. Follow-up rules ----------------------------------------------------------------
    def follow(self, rule: Callable[[Labels], Labels]) -> None:
        for index, cluster in rule(self.label).items():
            if self.movable(index, cluster):
                self.label[index] = cluster
                self.strength.setdefault(index, 0.0)

    # 4. The record ---------------------------------------------------------------------
    def anchor(self) -> bool:
        """Whether any paragraph joined a turn's event."""
        if not record_paragraphs(self.items):
            return False
        # A new turn is looked for in every report here; else only the new reports' quotes.
        new_turn = any(self.items[i].record for i in self.new)
        candidates = None if new_turn else sorted(i for i in self.new if not self.items[i].record)
        stored = dict(self.label)
        strength = dict(self.strength)
        anchored = anchor_to_record(self.items, stored, strength, movable=lambda i: i in self.new or i not in stored,
                                    candidates=candidates, previews=self.previews)
        moved = False
        for index, cluster in anchored.items():
            if stored.get(index) == cluster:
                continue
            # An old unmerged paragraph joins only an event a new paragraph starts (as in `movable`).
            if index in self.new or cluster not in self.existing:
                self.label[index] = cluster
                self.strength[index] = strength.get(index, 0.0)
                moved = True
        return moved

    def events(self) -> tuple[Labels, dict[int, float]]:
        """Labels of the items that changed (new ones, and old ones joining new events),
        new clusters that are no event dropped; and their similarities."""
        members: dict[int, list[int]] = defaultdict(list)
        for index, cluster in self.label.items():
            members[cluster].append(index)
        changed = {index: cluster for index, cluster in self.label.items()
                   if index in self.new or index in self.strength}
        kept = {index: cluster for index, cluster in changed.items()
                if cluster in self.existing or is_event(self.items, sorted(members[cluster]))}
        return kept, {index: self.strength.get(index, 0.0) for index in kept}


def attach(items: list[Item], new: set[int], label: Labels, idf: dict[str, float], counts: list[Counter[str]],
           own: list[Counter[str]]) -> tuple[Labels, dict[int, float]]:
    """Where the `new` items go among `items` (in source order, whole posts) whose stored
    events are `label`: item index -> cluster for the items that change (a cluster is a
    stored event's label, or the index of an item of a new event), and each one's
    similarity. `own` and `counts` are the items' words (merging's `paragraph_words`),
    `idf` the date's."""
    here = _Neighbourhood(items, new, label, idf, counts)
    here.seed()
    previews = here.previews
    here.join(lambda labels: join_parallel(items, labels, previews))
    for _ in range(GROW_ROUNDS):
        here.grow()
        here.join(lambda labels: join_parallel(items, labels, previews))
        here.join(lambda labels: join_similar(items, here.vectors, idf, labels, previews))
    here.follow(lambda labels: anaphora_follow(items, labels, previews))
    here.follow(lambda labels: headlines_follow(items, here.vectors, idf, labels, own, previews))
    if here.anchor():
        # A new post whose quote took it to a turn takes its headline and lede along.
        here.follow(lambda labels: headlines_follow(items, here.vectors, idf, labels, own, previews))
    return here.events()
