"""Which of a page's witnesses tells its posts: JSON-LD updates, machine time elements,
text time stamps, embedded JSON state, repeated untimed blocks. Each gives a reading; the
one the page supports best wins, and what the others say is kept to check it and to say
in --explain.

A witness's rank is how exact its times are: a time element carries its own offset,
embedded JSON usually does, a text stamp needs the page's zone and day worked out. A
less exact witness wins only with clearly more posts (the exact one then holds a few
teasers or a pinned box, not the feed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

from liveline.ingest.read.raw_post import RawPost

# A witness ranked below another wins only with this many times its timed posts (and at
# least MIN_LEAD more): a feed read twice gives nearly equal counts, and the exact
# witness should keep it; a page whose time elements mark two teaser boxes while forty
# posts are stamped in text is a different reading.
CLEAR_LEAD = 1.25
MIN_LEAD = 2
# A JSON-LD time off from its markup twin's by more than this is a different time, not rounding.
SAME_TIME = dt.timedelta(minutes=1)
# Times that step against the page's order this often (share of steps, both ways) are
# out of order: a live feed is sorted, bar a pinned post or an edit or two.
MAX_DISORDER = 0.2
# ... judged only over this many times: two or three posts with one published late are
# one step in three out of order, and that is news, not a broken feed.
MIN_ORDER_EVIDENCE = 5
# A page showing at least this many text time stamps is a timed page: too few posts from
# it, or none, is said.
MANY_STAMPS = 5


@dataclass
class Witness:
    name: str  # as --explain says it: "JSON-LD", "time elements", "text stamps", ...
    posts: list[RawPost]
    rank: int  # lower is more exact
    detail: str = ""  # where the posts were found, for --explain

    @property
    def readable(self) -> list[RawPost]:
        return [post for post in self.posts if post.paragraphs or post.headline]

    @property
    def timed(self) -> int:
        return sum(1 for post in self.readable if post.published is not None or post.wall is not None)


@dataclass
class Choice:
    witness: Witness | None
    others: list[Witness] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said in --explain
    warnings: list[str] = field(default_factory=list)  # said always


def choose(witnesses: list[Witness]) -> Choice:
    """The witness with the most timed posts, an exact one kept unless clearly beaten; with
    no timed reading, the one with the most posts (an untimed feed)."""
    present = [w for w in witnesses if len(w.readable) >= 2 or (w.timed and w.readable)]
    if not present:
        return Choice(None, [w for w in witnesses if w.readable])
    best: Witness | None = None
    for witness in sorted(present, key=lambda w: w.rank):
        if best is None:
            best = witness
        elif witness.timed >= max(best.timed * CLEAR_LEAD, best.timed + MIN_LEAD):
            best = witness
    assert best is not None
    if best.timed == 0:
        best = max(present, key=lambda w: (len(w.readable), -w.rank))
    return Choice(best, [w for w in witnesses if w is not best and w.readable])


def fullest(readings: list[list[RawPost]]) -> list[RawPost]:
    """Of markup readings ranked most exact first, the one that sees the most posts, a less
    exact one taken only with clearly more (the same rule as choose's)."""
    best: list[RawPost] = readings[0]
    for posts in readings[1:]:
        count, best_count = sum(1 for p in posts if p.paragraphs), sum(1 for p in best if p.paragraphs)
        if count >= max(best_count * CLEAR_LEAD, best_count + MIN_LEAD):
            best = posts
    return best


def disorder(times: list[dt.datetime]) -> float:
    """The share of steps against the majority direction (0 for a sorted list)."""
    if len(times) < 3:
        return 0.0
    rises = sum(1 for a, b in pairwise(times) if b > a)
    falls = sum(1 for a, b in pairwise(times) if b < a)
    return min(rises, falls) / (len(times) - 1)


def ld_times_disagree(raws: list[RawPost], twins: list[RawPost | None], zone: dt.tzinfo | None = None) -> str | None:
    """Why the JSON-LD's update times cannot be trusted beside the markup's, or None.

    Either they differ from their markup twins' (a feed whose JSON-LD is filled in by
    another system) or they are out of order where the markup's are in order.
    """
    pairs = [(raw.published, twin.published) for raw, twin in zip(raws, twins, strict=True)
             if twin is not None and raw.published and twin.published]
    off = sum(1 for ld, markup in pairs if abs(ld - markup) > SAME_TIME)
    if len(pairs) >= 2 and off * 2 > len(pairs):
        return f"{off} of {len(pairs)} JSON-LD update times differ from their post's time in the markup"
    if zone is not None and (written := _written_disagreement(raws, twins, zone)):
        return written
    ld_times = [raw.published for raw in raws if raw.published]
    markup_times = [twin.published for twin in twins if twin is not None and twin.published]
    if disorder(ld_times) > MAX_DISORDER and len(markup_times) >= MIN_ORDER_EVIDENCE and disorder(markup_times) <= MAX_DISORDER:
        return "the JSON-LD update times are out of order where the markup's are in order"
    return None


def _written_disagreement(raws: list[RawPost], twins: list[RawPost | None], zone: dt.tzinfo) -> str | None:
    """Why the JSON-LD's times lose to the times written on their posts, or None: most of
    them show another hour and minute on the page's clock than the post does (a feed
    whose JSON-LD labels the local clock UTC is off by exactly the page's offset)."""
    pairs = [(raw.published, twin.wall) for raw, twin in zip(raws, twins, strict=True)
             if twin is not None and raw.published and twin.wall is not None and twin.published is None and twin.wall.zone is None]
    if len(pairs) < 2:
        return None
    off = [(ld, wall) for ld, wall in pairs if (ld.astimezone(zone).hour, ld.astimezone(zone).minute) != (wall.hour, wall.minute)]
    if off and len(off) * 2 > len(pairs):
        as_utc = sum(1 for ld, wall in off if (ld.astimezone(dt.UTC).hour, ld.astimezone(dt.UTC).minute) == (wall.hour, wall.minute))
        why = " (they are the page's own clock labelled UTC)" if as_utc * 2 > len(off) else ""
        return f"{len(off)} of {len(pairs)} JSON-LD update times differ from the time written on their post{why}"
    return None


def ld_order_doubt(raws: list[RawPost]) -> str | None:
    """A doubt to say (not a reason to drop them) when the JSON-LD's own times are out of
    order with nothing to check them against: a post published late is one step out of
    order, a feed whose times are scrambled is many."""
    times = [raw.published for raw in raws if raw.published]
    if len(times) >= MIN_ORDER_EVIDENCE and disorder(times) > MAX_DISORDER:
        return f"{disorder(times):.0%} of the JSON-LD's update times step against the others' order; they may be wrong"
    return None
