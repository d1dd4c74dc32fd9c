"""A LiveBlogPosting's updates read together with the page's markup: each update matched
to its post in the markup (by id, else by what it says), the markup's times, bylines
and paragraphs taken where the JSON-LD's are degenerate or disagree, and the posts only
the markup holds put in their places among the updates.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from liveline.ingest.read.markup_tree import WorkBudget
from liveline.ingest.read.raw_post import RawPost
from liveline.ingest.read.witnesses import ld_times_disagree


def _twins(markup: list[RawPost], budget: WorkBudget) -> Callable[[str | None], RawPost | None]:
    """Finds an update's post in the markup: the one whose id is the update's, else the first
    whose id holds it (the markup's "block-abc" for the JSON-LD's "#abc")."""
    by_key = {m.key: m for m in markup if m.key}
    keys = list(by_key)
    # All ids in one string: one C-speed search per update instead of a loop over the ids.
    joined = "\0".join(keys)
    starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0))

    def find(key: str | None) -> RawPost | None:
        if not key or not keys:
            return None
        if key in by_key:
            return by_key[key]
        if "\0" in key:
            return None
        budget.spend(len(joined))
        at = joined.find(key)
        return by_key[keys[bisect_right(starts, at) - 1]] if at >= 0 else None

    return find


@dataclass
class LdWithMarkup:
    posts: list[RawPost]  # the updates, completed, with the markup-only posts in their places
    matched: int  # updates found in the markup
    disagreement: str | None  # why the JSON-LD's times lost to the markup's, if they did


def read_ld_with_markup(
    raws: list[RawPost], markup: list[RawPost], times_ok: bool, authors_ok: bool, budget: WorkBudget, zone: dt.tzinfo | None = None
) -> LdWithMarkup:
    """The JSON-LD's updates checked against and completed from the markup's posts (written
    times on the page's clock `zone`)."""
    twin_of = _twins(markup, budget)
    by_id = [twin_of(raw.key) for raw in raws]
    found_by_id = {id(twin) for twin in by_id if twin is not None}
    saying: dict[str, RawPost | None] = {}
    for post in markup:
        if id(post) not in found_by_id:
            for text in {*post.paragraphs, *([post.headline] if post.headline else [])}:
                # A text several posts say (the same tweet quoted twice, a "Read more"
                # line) tells none of them apart.
                saying[text] = post if text not in saying else None
    twins = [
        twin if twin is not None
        else next((said for text in [*raw.paragraphs, *([raw.headline] if raw.headline else [])] if (said := saying.get(text))), None)
        for raw, twin in zip(raws, by_id, strict=True)
    ]
    disagreement = ld_times_disagree(raws, twins, zone)
    _complete_from_markup(raws, twins, times_ok and disagreement is None, authors_ok)
    return LdWithMarkup(
        _with_markup_only_posts(raws, twins, found_by_id, markup),
        sum(1 for twin in twins if twin is not None),
        disagreement,
    )


def _complete_from_markup(raws: list[RawPost], twins: list[RawPost | None], times_ok: bool, authors_ok: bool) -> None:
    """Each update takes its twin post's markup times, byline and paragraphs where it has a
    twin, and drops what the JSON-LD cannot be trusted for where not."""
    for raw, twin in zip(raws, twins, strict=True):
        if twin is not None:
            raw.published = twin.published if (twin.published or not times_ok) else raw.published
            raw.updated = twin.updated or (raw.updated if times_ok else None)
            raw.author = twin.author or (raw.author if authors_ok else None)
            raw.role = twin.role
            raw.paragraphs = twin.paragraphs or raw.paragraphs
            raw.headline = raw.headline or twin.headline
            raw.wall = raw.wall or twin.wall
            raw.key = twin.key or raw.key
            raw.key_event = raw.key_event or twin.key_event
        else:
            if not times_ok:
                raw.published = raw.updated = None  # never the page's time passed off as the post's
            if not authors_ok:
                raw.author = None


def _with_markup_only_posts(
    raws: list[RawPost], twins: list[RawPost | None], found_by_id: set[int], markup: list[RawPost]
) -> list[RawPost]:
    """The updates, and in their places among them the markup's posts that no update is:
    on a live page the markup often shows the newest post before the JSON-LD does.

    An update is the markup post found by its id or, with no id to match by, the one
    saying a paragraph (or headline) it says. Markup posts count only once the two
    witnesses are seen to list the same posts (one update was found in the markup), and
    only when like the posts matched: with a post time (every markup post has one: that
    is how they are found, among siblings, so furniture is never one) and an id when the
    matched ones were found by theirs.
    """
    found = {id(post) for post in twins if post is not None}
    pending = [
        post for post in markup
        if id(post) not in found and post.paragraphs and post.published is not None and (post.key or not found_by_id)
    ]
    if not found or not pending:
        return raws  # nothing to add, or nothing shows that the markup's posts are the JSON-LD's
    place = {id(post): number for number, post in enumerate(markup)}
    merged: list[RawPost] = []
    taken = 0  # pending posts placed so far
    for raw, twin in zip(raws, twins, strict=True):
        if twin is not None:  # the markup posts above this one's place go before it
            while taken < len(pending) and place[id(pending[taken])] < place[id(twin)]:
                merged.append(pending[taken])
                taken += 1
        merged.append(raw)
    return merged + pending[taken:]
