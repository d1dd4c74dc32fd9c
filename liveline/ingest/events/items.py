"""What merging works on and gives back: paragraphs (Item), events (Event), and the
union-find every rule groups them with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


# Slots: a date's tens of thousands of items are held by the merge's parent and sent to a
# worker; each with a __dict__, they took 28.6 MB in a worker for a 23,900-paragraph date.
@dataclass(slots=True)
class Item:
    """A paragraph as merging sees it."""

    paragraph_id: int
    source_id: int
    post_id: int
    post_kind: str  # post | summary (a live page's) | article
    text: str
    part: str
    speakers: frozenset[int] = frozenset()
    opens_quote: bool = False
    earliest: dt.datetime | None = None  # what the post's clock allows
    latest: dt.datetime | None = None
    quote: bool = False  # carries a directly quoted, attributed statement
    copies: int = 0  # exact repeats of it in later posts of its page (stored as duplicates)
    record: bool = False  # of an official record (a source of kind "transcript"): each post a turn


@dataclass
class Event:
    members: list[tuple[int, float]]  # (item index, similarity that brought it in)
    representative: int = 0
    sources: set[int] = field(default_factory=set)


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
