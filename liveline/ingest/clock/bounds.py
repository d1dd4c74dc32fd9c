"""Every post's clock: stated where the text states it, bounded by its neighbours otherwise.

A live blog's order says which post came first; a stated time pins one post; an
"Updated at" time caps a post's publication (and that of every older post). Nothing
here invents a time: a post without a stated time gets bounds or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from liveline.ingest.model import Post, Stamp
from liveline.timeline.marks import LONDON

# Phrases that open a live blog or an occasion, and phrases that can only come later.
_EARLY = re.compile(
    r"\b(?:has just (?:stood up|begun|started|risen)|is about to|as we wait|will (?:shortly|soon) "
    r"(?:begin|start|speak|deliver)|welcome to (?:our|the) live|good (?:morning|afternoon|evening)"
    r"(?: and welcome)?|we'?ll bring you)\b",
    re.I,
)
_LATE = re.compile(
    r"\b(?:goes on to|continues|has finished|has ended|that(?:'s| is) all from (?:me|us)|"
    r"is now taking over|we'?re (?:pausing|closing|ending) (?:our|this) (?:live )?coverage|"
    r"wrapp(?:ing|ed) up|in summary)\b",
    re.I,
)
# A stated time that jumps back this far across a newer post means the blog crossed midnight.
_MIDNIGHT_JUMP = dt.timedelta(hours=6)
# UTC times turned into London days, kept: a source's posts share a few hundred distinct
# minutes (13,056 conversions over the 50k corpus's 1,632 sources, each a tz-rule lookup).
_LOCAL_DATES = 2048


# The kinds of time a copy can show on its posts, as a number that grows with the time, in
# the order trusted when two kinds are as consistent: the time a post was written; its
# "4 minutes ago" (the same moment, counted back); its last update (which can come hours
# later and out of turn, when an old post is corrected).
_EVIDENCE: tuple[tuple[str, Callable[[Post, dt.date], float | None]], ...] = (
    ("published", lambda post, day: post.published.to_utc(day).timestamp() if post.published else None),
    ("ago", lambda post, day: -post.shown_ago.total_seconds() if post.shown_ago is not None else None),
    ("updated", lambda post, day: post.updated.to_utc(day).timestamp() if post.updated else None),
)


def _net_direction(times: list[float]) -> int:
    """Pairs of neighbours that rise in file order, less those that fall: >0 oldest first."""
    return sum(1 for a, b in pairwise(times) if b > a) - sum(1 for a, b in pairwise(times) if b < a)


def _order_from_times(feed: list[Post], day: dt.date) -> str | None:
    """The order the posts' times show. Where two kinds of time disagree, the kind that runs
    one way across more posts wins (it is the copy's own mark on every post, where the other
    may be a few misread lines); where they are as consistent, the more direct kind wins."""
    best = 0
    for _, value in _EVIDENCE:
        net = _net_direction([t for t in (value(post, day) for post in feed) if t is not None])
        if abs(net) > abs(best):  # strictly: on a tie the kind listed first stays
            best = net
    if not best:
        return None
    return "oldest_first" if best > 0 else "newest_first"


def detect_order(posts: list[Post], day: dt.date) -> tuple[str, str]:
    """(order, basis): from the times the posts show, else writing cues, else newest first."""
    feed = [p for p in posts if p.in_timeline and not p.pinned]
    from_times = _order_from_times(feed, day)
    if from_times:
        return from_times, "times"
    early, late = [], []
    for position, post in enumerate(feed):
        for paragraph in post.paragraphs:
            if _EARLY.search(paragraph.text):
                early.append(position)
            if _LATE.search(paragraph.text):
                late.append(position)
    if early and late:
        mean_early, mean_late = sum(early) / len(early), sum(late) / len(late)
        if mean_early != mean_late:
            return ("newest_first" if mean_early > mean_late else "oldest_first"), "cues"
    # Most live blogs put the newest post on top.
    return "newest_first", "default"


def _chronological(posts: list[Post], order: str) -> list[Post]:
    """The feed's posts, earliest first; pinned posts first, as their place in time is unknown."""
    timeline = [p for p in posts if p.in_timeline]
    pinned = [p for p in timeline if p.pinned]
    feed = [p for p in timeline if not p.pinned]
    if order == "newest_first":
        feed.reverse()
    return pinned + feed


def _place(stamp: Stamp, day: dt.date, floor: dt.datetime | None) -> dt.datetime:
    """A stamp in UTC; a wall time earlier than the previous post by hours is the next day."""
    value = stamp.to_utc(day)
    if stamp.day is None and floor is not None and value < floor - _MIDNIGHT_JUMP:
        value = stamp.to_utc(day + dt.timedelta(days=1))
    return value


def apply_clock(posts: list[Post], order: str, day: dt.date) -> None:
    """Fill chron, date, stated/updated times, bounds and basis on every post."""
    ordered = _chronological(posts, order)
    for chron, post in enumerate(ordered, 1):
        post.chron = chron
    floor: dt.datetime | None = None
    for post in ordered:
        if post.published:
            post.stated_at = _place(post.published, day, None if post.pinned else floor)
            if not post.pinned:
                floor = post.stated_at
        if post.updated:
            post.updated_at = _place(post.updated, day, post.stated_at or (None if post.pinned else floor))
    for post in posts:
        post.date = day
    stated = [(p.stated_at, number, p) for number, p in enumerate(ordered) if not p.pinned and p.stated_at]
    if len(stated) > 1 and len(stated) == sum(1 for p in ordered if not p.pinned):
        # Every post states its time: the times are the order, not the page's (a post kept
        # at the top of a newest-first page, a late post slotted in where it was written).
        ordered = [p for p in ordered if p.pinned] + [p for _, _, p in sorted(stated, key=lambda item: item[:2])]
        for chron, post in enumerate(ordered, 1):
            post.chron = chron
    if order == "article":
        for post in ordered:
            post.basis = "stated" if post.stated_at else "unknown"
            post.date = (post.stated_at and _local_date(post.stated_at)) or day
        return
    feed = [p for p in ordered if not p.pinned]
    # Lower bounds run forward from the earliest post; upper bounds run back from the newest.
    latest_stated: dt.datetime | None = None
    for post in feed:
        post.not_before = latest_stated
        if post.stated_at:
            latest_stated = max(latest_stated or post.stated_at, post.stated_at)
    cap: dt.datetime | None = None
    for post in reversed(feed):
        own = [t for t in (post.updated_at, cap) if t]
        post.not_after = min(own) if own else None
        for t in (post.stated_at, post.updated_at):
            if t:
                cap = min(cap or t, t)
    for post in ordered:
        if post.pinned:
            post.not_before, post.not_after = None, post.updated_at
        if post.stated_at:
            post.basis = "stated"
            post.not_before = post.not_after = None
        elif post.not_before or post.not_after:
            post.basis = "bounded"
        else:
            post.basis = "unknown"
        anchor = post.stated_at or post.not_after or post.not_before
        post.date = _local_date(anchor) if anchor else day


@lru_cache(maxsize=_LOCAL_DATES)
def _local_date(value: dt.datetime) -> dt.date:
    return value.astimezone(LONDON).date()
