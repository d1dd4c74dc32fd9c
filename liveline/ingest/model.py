"""What a reader makes of one source before it is written: posts, their paragraphs and stated times."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache

from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.storable import storable_utc
from liveline.timeline.marks import LONDON

# Hours ahead of UTC of the zones a UK page states.
ZONE_OFFSETS = {
    "gmt": 0,
    "greenwich mean time": 0,
    "utc": 0,
    "z": 0,
    "bst": 1,
    "british summer time": 1,
}
# Wall times placed in UTC, kept: a post's time is placed for its order, its bounds and
# again when a blog crosses midnight (15,232 placements over the 50k corpus's 1,632
# sources, the tz rules looked up each time). More than a day's minutes, so a blog's times
# stay kept while it is read; the result is an immutable datetime, shared safely.
_PLACED = 2048


@dataclass(frozen=True)
class Stamp:
    """A stated time as the page gives it, before it is placed on a day."""

    kind: str  # published | updated
    hour: int
    minute: int
    zone: str | None  # normalised "GMT"/"BST"/"UTC", or None for local wall time
    day: dt.date | None = None  # when the stamp states its own day
    utc: dt.datetime | None = None  # exact, when the stamp carried an offset (ISO)

    def to_utc(self, day: dt.date) -> dt.datetime:
        """Place the stamp on `day` (unless it states its own) and convert it to UTC.

        Raises UnstorableTime (a LivelineError) for a time liveline cannot store.
        """
        if self.utc is not None:
            return storable_utc(self.utc)
        return _wall_to_utc(self.hour, self.minute, self.zone, self.day or day)


@lru_cache(maxsize=_PLACED)
def _wall_to_utc(hour: int, minute: int, zone_name: str | None, local_day: dt.date) -> dt.datetime:
    """A stated wall time on `local_day` in UTC (an error is raised again on every call: not kept)."""
    naive = dt.datetime.combine(local_day, dt.time(hour, minute))
    # Wall time on that day under the real Europe/London rules, unless a zone is stated.
    zone = LONDON if zone_name is None else dt.timezone(dt.timedelta(hours=ZONE_OFFSETS[zone_name.lower()]))
    stated = f"{naive:%H:%M} {zone_name or ''} on {local_day.isoformat()}".replace("  ", " ")
    return storable_utc(naive.replace(tzinfo=zone), stated=stated)


@dataclass
class Paragraph:
    line: int  # 1-based first source line (provenance)
    end_line: int
    text: str
    part: str = "body"  # headline | body
    duplicate_of: Paragraph | None = None  # an earlier paragraph this one repeats


# What a post is (posts.kind). A key event is a plain post the page flags as one (a "Key
# event" label, a key-events list linking to it, a flag in its data): it is stored, ordered,
# timed, attributed and merged exactly as a post is; only the reader's catch-up view (K)
# asks for it. A summary or the page's header stays what it is when flagged.
POST, KEY_EVENT, SUMMARY, HEADER = "post", "key_event", "summary", "header"
FEED_KINDS = (POST, KEY_EVENT)  # the posts of the feed itself, flagged or not


@dataclass
class Post:
    first_line: int
    kind: str = POST  # post | key_event | summary | header
    pinned: bool = False
    headline: str | None = None
    author: str | None = None
    author_role: str | None = None
    last_line: int = 0
    published: Stamp | None = None
    updated: Stamp | None = None
    # "4 minutes ago" as a copy shows it: orders the posts, states no time (the copy's moment is unknown)
    shown_ago: dt.timedelta | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    key: str | None = None  # a stable id from the page (web pages), for following a blog
    # The clock, filled by liveline.ingest.clock.bounds
    chron: int | None = None
    date: dt.date | None = None
    stated_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    not_before: dt.datetime | None = None
    not_after: dt.datetime | None = None
    basis: str = "unknown"

    @property
    def has_body(self) -> bool:
        return any(p.part == "body" for p in self.paragraphs)

    @property
    def is_empty(self) -> bool:
        return not self.paragraphs and self.headline is None and self.author is None

    @property
    def in_timeline(self) -> bool:
        return self.kind != HEADER

    @property
    def is_feed_post(self) -> bool:
        """A post of the feed, key event or not: neither the page's header nor a summary of it."""
        return self.kind in FEED_KINDS

    def flag_key_event(self) -> None:
        """The page flags this post as a key event: a plain post becomes one; a summary (already
        what catch-up shows) and the hidden header keep their kind."""
        if self.kind == POST:
            self.kind = KEY_EVENT

    def touch(self, line: int) -> None:
        if line < self.first_line:
            self.first_line = line
        if line > self.last_line:
            self.last_line = line


# The blog's own author (--author, a manifest's `author`, or the page's byline) is kept in
# the timeline's `meta`, one entry per source named by its identity (outlet + name), written
# in the same transaction as the source's rows: no column of its own, and no row among the
# posts that every reader of posts would have to step over.
BLOG_AUTHOR_PREFIX = "blog_author:"


def blog_author_key(outlet: str, name: str) -> str:
    """The `meta` key holding the blog author of the source with this outlet and name."""
    return BLOG_AUTHOR_PREFIX + json.dumps([outlet, name], ensure_ascii=False)


@dataclass
class ParsedSource:
    spec: SourceSpec
    kind: str
    date: dt.date
    order: str
    order_basis: str
    posts: list[Post]
    sha256: str
    parser: str
    warnings: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)  # how the source was read (--explain)
    blog_author: str | None = None  # who writes the blog (--author, the manifest, the page's byline)
    zone: str | None = None  # the zone its times are written in (stored_zone_name); None: UK time

    @property
    def timeline_posts(self) -> list[Post]:
        return [p for p in self.posts if p.in_timeline]

    @property
    def paragraph_count(self) -> int:
        return sum(len(post.paragraphs) for post in self.posts)
