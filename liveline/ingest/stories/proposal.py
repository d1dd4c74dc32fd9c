"""Which story new sources belong to, when nobody named one: an existing story close in
time that shares their people and their words, else a new story named from their title.

One batch (one `liveline ingest` run, one newly followed page) gets one proposal; the
user sees its reason and overrides it with --story.

Reading an existing story is bounded, whatever the archive's size: only stories with a
source near the batch's dates are read, at most MAX_CANDIDATES of them, and of each only
its people, titles, event labels and PARAGRAPH_SAMPLE paragraphs from each end of its
order (served by the (story_id, rank) index), never all of its paragraphs.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from liveline.ingest.model import ParsedSource
from liveline.ingest.stories.profiles import Profile, likeness, profile
from liveline.timeline.errors import LivelineError
from liveline.timeline.stories import story_slug

# Days between the batch and an existing story's nearest source within which the story
# is a candidate. Two weeks covers a statement and the debate or vote that follows it a
# week or ten days later (Parliament's business is set about a fortnight ahead), a trial's
# opening and its verdict in the next fortnight; a story quiet for longer that comes back
# is proposed as new, and --story joins it by hand. Wider windows bring in more stories
# that share the same politicians but are about something else.
WINDOW_DAYS = 14
# At most this many candidates are read, the nearest in time first: on a big news day an
# archive may hold dozens of stories within the window, and each costs a bounded read.
MAX_CANDIDATES = 40
# Paragraphs read from each end of a candidate's order: its opening says what it is
# about, its latest paragraphs are what a follow-up continues.
PARAGRAPH_SAMPLE = 150
# Bounds on the other reads of a candidate (a story's registry rarely holds more people).
PEOPLE_LIMIT = 2000
LABEL_LIMIT = 300
# How alike in words (profiles.likeness, both ways, the lower kept) a story must be to be
# joined on words alone. Measured on news texts: a blog and the follow-up of its story ten
# days on, or other outlets' reports of it, score 0.34 to 0.6; unrelated stories of the
# same day (a debate and a match, two policy statements by the same ministers) under 0.05;
# the hardest unrelated pair, riots and a grooming-gangs statement that share the same
# politicians, towns and "police", 0.15.
JOIN_ON_WORDS = 0.4
# With at least JOIN_NAMES shared names (people, and places or bodies written as names), a
# lower likeness is enough: the same people talking about the same things. Names alone
# never join: the same politicians appear in every political story of a week.
JOIN_NAMES = 2
JOIN_ON_NAMES_AND_WORDS = 0.2
# Within CLOSE_DAYS of each other, a lower likeness is enough. A day's reports of one story
# split into two stories lose their merges across outlets, which are the point of reading
# them together; two stories of one day joined by mistake cost little, since merging
# still needs an event's own words. Two short reports of one announcement, each with one
# unrelated item beside it, score 0.3; unrelated stories of a day stay under 0.12.
CLOSE_DAYS = 1
JOIN_WHEN_CLOSE = 0.2
# Fewer shared telling words than this is chance, however short the batch is.
MIN_SHARED_WORDS = 4
# With more than this many sides read (the batch and its candidates), they are the
# background that tells the glue of a language or a beat ("minister", "government",
# "Regierung") from a story's own words: a telling word used by more than BACKGROUND_SHARE
# of them is evidence for none. Fewer sides are too few to say what is common.
BACKGROUND_MIN = 3
BACKGROUND_SHARE = 0.5


@dataclass(frozen=True)
class Proposal:
    story_id: int | None  # an existing story, or None for a new one
    name: str  # the existing story's name, or the proposed new name (unique in the timeline)
    title: str | None  # the story's title (for a new story, the batch's)
    reason: str  # one short line shown to the user


@dataclass(frozen=True)
class _Candidate:
    story_id: int
    name: str
    title: str | None
    gap_days: int  # days between the batch and the story's nearest source
    shared_names: int
    shared_words: int
    word_share: float

    @property
    def joinable(self) -> bool:
        if self.shared_words < MIN_SHARED_WORDS:
            return False
        if self.gap_days <= CLOSE_DAYS and self.word_share >= JOIN_WHEN_CLOSE:
            return True
        return self.word_share >= JOIN_ON_WORDS or (
            self.shared_names >= JOIN_NAMES and self.word_share >= JOIN_ON_NAMES_AND_WORDS
        )

    def evidence(self) -> str:
        return f"{_count(self.shared_names, 'name')} and {_count(self.shared_words, 'word')}"


def propose_story(conn: sqlite3.Connection, batch: list[ParsedSource]) -> Proposal:
    """The story `batch` belongs to: an existing one it shares names and words with, close
    in time, else a new one with a unique name made from its title and first date."""
    if not batch:
        raise LivelineError("no sources to propose a story for")
    first, last = _dates(batch)
    near = _candidates(conn, first, last)
    if not near:
        return _new_story(conn, batch, first, _nothing_near(conn, first))
    new = _batch_profile(batch)
    read = [(row, _story_profile(conn, row[0])) for row in near]
    glue = _glue([new] + [story for _, story in read])
    scored = [_score(new, story, glue, *row) for row, story in read]
    joinable = [c for c in scored if c.joinable]
    if joinable:
        best = max(joinable, key=lambda c: (c.word_share, c.shared_names, -c.gap_days, -c.story_id))
        return Proposal(best.story_id, best.name, best.title, f"shares {best.evidence()} with it, {_apart(best.gap_days)}")
    closest = max(scored, key=lambda c: (c.word_share, c.shared_names, -c.gap_days, -c.story_id))
    return _new_story(conn, batch, first, f"new: the closest story, {closest.name}, shares only {closest.evidence()}")


def _dates(batch: list[ParsedSource]) -> tuple[dt.date, dt.date]:
    days = [source.date for source in batch] + [p.date for source in batch for p in source.timeline_posts if p.date]
    return min(days), max(days)


def _candidates(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> list[tuple[int, str, str | None, int]]:
    """Stories with a source within WINDOW_DAYS of the batch, nearest first: (id, name,
    title, days apart)."""
    low, high = _shifted(first, -WINDOW_DAYS).isoformat(), _shifted(last, WINDOW_DAYS).isoformat()
    rows = conn.execute(
        "SELECT st.id, st.name, st.title, s.date FROM sources s JOIN stories st ON st.id = s.story_id "
        "WHERE s.date BETWEEN ? AND ?",
        (low, high),
    ).fetchall()
    gaps: dict[int, tuple[str, str | None, int]] = {}
    for story_id, name, title, date in rows:
        try:
            day = dt.date.fromisoformat(date)
        except (TypeError, ValueError):
            continue  # a damaged date places the source nowhere
        gap = (first - day).days if day < first else max((day - last).days, 0)
        if story_id not in gaps or gap < gaps[story_id][2]:
            gaps[story_id] = (name, title, gap)
    nearest = sorted(gaps.items(), key=lambda item: (item[1][2], -item[0]))[:MAX_CANDIDATES]
    return [(story_id, name, title, gap) for story_id, (name, title, gap) in nearest]


def _shifted(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the first or last day a date can be (a source of
    year 1 or 9999 is storable)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def _batch_profile(batch: list[ParsedSource]) -> Profile:
    paragraphs = [p.text for source in batch for post in source.timeline_posts for p in post.paragraphs if p.duplicate_of is None]
    titles = [source.spec.title for source in batch if source.spec.title]
    writers = {post.author for source in batch for post in source.posts if post.author}
    writers |= {source.blog_author for source in batch if source.blog_author}
    return profile(titles + paragraphs, not_names=writers)


def _story_profile(conn: sqlite3.Connection, story_id: int) -> Profile:
    texts = [str(row[0]) for row in conn.execute("SELECT title FROM sources WHERE story_id = ? AND title IS NOT NULL", (story_id,))]
    texts += [str(row[0]) for row in conn.execute(
        "SELECT label FROM events WHERE story_id = ? AND label IS NOT NULL LIMIT ?", (story_id, LABEL_LIMIT)
    )]
    # Both ends of the story's order, each a walk of the (story_id, rank) index.
    for order in ("ASC", "DESC"):
        texts += [str(row[0]) for row in conn.execute(
            f"SELECT text FROM paragraphs WHERE story_id = ? AND rank IS NOT NULL ORDER BY rank {order} LIMIT ?",
            (story_id, PARAGRAPH_SAMPLE),
        ) if row[0]]
    people = [str(row[0]) for row in conn.execute(
        "SELECT name FROM people WHERE story_id = ? AND kind = 'person' AND name IS NOT NULL LIMIT ?", (story_id, PEOPLE_LIMIT)
    )]
    return profile(texts, people=people)


def _glue(profiles: list[Profile]) -> frozenset[str]:
    """Words most of the profiles read use (see BACKGROUND_MIN): evidence for none."""
    if len(profiles) <= BACKGROUND_MIN:
        return frozenset()
    limit = BACKGROUND_SHARE * len(profiles)
    keywords = {word for p in profiles for word in p.keywords}
    return frozenset(word for word in keywords if sum(word in p.rates for p in profiles) > limit)


def _score(new: Profile, story: Profile, glue: frozenset[str], story_id: int, name: str, title: str | None, gap: int) -> _Candidate:
    """How alike the batch and a story are in words, taken both ways and the lower kept,
    so that neither a long story nor a long batch is like everything."""
    share = min(likeness(new, story, glue), likeness(story, new, glue))
    shared = len((new.keywords & story.keywords) - glue)
    return _Candidate(story_id, name, title, gap, len(new.names & story.names), shared, share)


def _nothing_near(conn: sqlite3.Connection, first: dt.date) -> str:
    if conn.execute("SELECT 1 FROM stories LIMIT 1").fetchone() is None:
        return "new: the timeline has no stories yet"
    return f"new: no story has a source within {WINDOW_DAYS} days of {first.isoformat()}"


def _new_story(conn: sqlite3.Connection, batch: list[ParsedSource], first: dt.date, reason: str) -> Proposal:
    # A title the batch states (a page's, a manifest's, a parliament's record's debate
    # heading), a live blog's first; else the lead's earliest headline: a copy's first
    # headline in page order is often its latest post ("Summary"), not what the day is about.
    titled = [source for source in batch if source.spec.title]
    lead = next((s for s in titled if s.kind == "liveblog"), titled[0] if titled else
                next((s for s in batch if s.kind == "liveblog"), batch[0]))
    earliest = sorted((post for post in lead.timeline_posts if post.headline), key=lambda post: post.chron or 0)
    title = lead.spec.title or (earliest[0].headline if earliest else None)
    return Proposal(None, unique_name(conn, story_slug(title, first.isoformat())), title, reason)


def unique_name(conn: sqlite3.Connection, name: str) -> str:
    """`name`, or `name-2`, `name-3`... whichever no story of the timeline has yet."""
    taken = {str(row[0]) for row in conn.execute("SELECT name FROM stories WHERE name = ? OR name LIKE ?", (name, f"{name}-%"))}
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def _apart(days: int) -> str:
    return "the same day" if days == 0 else f"{_count(days, 'day')} apart"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
