"""The stories of a timeline: a library of stories in one file, read.

A story groups the sources about one happening; the people, roles, aliases and events
of one story are its own (the schema's `story_id` columns). Readers name a story as
they name an outlet: exactly, else by any part of its name, else close matches offered.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from liveline.timeline.errors import LivelineError

# Words a story's name is built from, at most: enough to tell "grooming-gangs-statement"
# from "grooming-gangs-inquiry", short enough to type after --story.
NAME_WORDS = 5
# Title words that say nothing about the story ("Live: ...", "as it happened").
_FILLER = frozenset(
    "a an and the of in on at to for from by with as is are was were be it its this that live latest updates update "
    "news blog happened happens what we know says said after over into new".split()
)


@dataclass(frozen=True)
class Story:
    id: int
    name: str
    title: str | None


def story_slug(title: str | None, first_date: str | None) -> str:
    """A story's proposed name: its first date and the telling words of a title,
    lower-case, joined by hyphens ("2025-01-16-grooming-gangs-cooper-statement")."""
    folded = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode("ascii").lower()
    words = [w for w in re.findall(r"[a-z0-9]+", folded) if w not in _FILLER and not w.isdigit()]
    parts = ([first_date] if first_date else []) + words[:NAME_WORDS]
    return "-".join(parts) or "story"


def stories(db: sqlite_utils.Database) -> list[Story]:
    """Every story, oldest first (by its first source's date)."""
    rows = db.execute(
        "SELECT st.id, st.name, st.title FROM stories st "
        "LEFT JOIN sources s ON s.story_id = st.id GROUP BY st.id ORDER BY MIN(s.date), st.id"
    )
    return [Story(*row) for row in rows]


def latest_story(db: sqlite_utils.Database) -> Story | None:
    """The story written to last, when the timeline holds more than one (the reader opens
    on it: where a follow or an ingest just brought news, which an archive's older story
    gets too); None for a timeline of one story, which needs no story filter."""
    every = {story.id: story for story in stories(db)}
    if len(every) < 2:
        return None
    row = db.execute("SELECT story_id FROM paragraphs ORDER BY id DESC LIMIT 1").fetchone()
    return every.get(row[0]) if row else None


def find_stories(db: sqlite_utils.Database, query: str) -> list[Story]:
    """Stories whose name or title matches exactly (case-insensitive), else contains the
    words typed; raises LivelineError naming close ones."""
    every = stories(db)
    wanted = " ".join(query.lower().split())
    if not wanted:
        raise LivelineError("--story cannot be blank: give a story's name (see `liveline stories`)")
    exact = [s for s in every if wanted in (s.name.lower(), (s.title or "").lower())]
    if exact:
        return exact
    words = wanted.replace("-", " ").split()
    partial = [s for s in every if all(w in f"{s.name} {s.title or ''}".lower().replace("-", " ") for w in words)]
    if partial:
        return partial
    close = _close_names(wanted, every)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; stories: {', '.join(s.name for s in every) or 'none'}"
    raise LivelineError(f"no story matches {query!r}{hint}")


def _close_names(wanted: str, every: list[Story]) -> list[str]:
    """Stories whose name, or a word of it, is close to what was typed: a proposed name is
    long ("2025-03-26-spring-statement-..."), and a typo of one of its words ("sprng") is
    far from the whole of it."""
    def closeness(story: Story) -> float:
        parts = [story.name.lower(), *story.name.lower().split("-")]
        return max(difflib.SequenceMatcher(None, wanted, part).ratio() for part in parts)

    scored = sorted(((closeness(story), story.name) for story in every), reverse=True)
    return [name for score, name in scored if score >= CLOSE_ENOUGH][:4]


# difflib's ratio above which a name or word is offered as meant (its own default cutoff is 0.6;
# "sprng" against "spring" is 0.91, against "sport" 0.6).
CLOSE_ENOUGH = 0.6


def in_stories(column: str, story_ids: Sequence[int]) -> tuple[str, list[object]]:
    """A condition keeping rows of these stories (true for every row when none are given)."""
    if not story_ids:
        return "1", []
    return f"{column} IN ({', '.join('?' * len(story_ids))})", list(story_ids)


def story_summaries(db: sqlite_utils.Database) -> list[dict[str, object]]:
    """One row per story: name, title, first and last date, outlets, posts and people
    (`liveline stories`)."""
    rows = db.query(
        """
        SELECT st.id, st.name, st.title, st.origin,
               (SELECT MIN(date) FROM sources WHERE story_id = st.id) AS first_date,
               (SELECT MAX(date) FROM sources WHERE story_id = st.id) AS last_date,
               (SELECT GROUP_CONCAT(DISTINCT outlet) FROM sources WHERE story_id = st.id) AS outlets,
               (SELECT COUNT(*) FROM posts p JOIN sources s ON s.id = p.source_id
                 WHERE s.story_id = st.id AND p.kind != 'header') AS posts,
               (SELECT COUNT(*) FROM people pe WHERE pe.story_id = st.id AND pe.kind = 'person') AS people
        FROM stories st ORDER BY first_date, st.id
        """
    )
    return [dict(row, outlets=sorted((row["outlets"] or "").split(",")) if row["outlets"] else []) for row in rows]


def story_counts(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """Each story's name with the number of entries it shows, oldest story first (the
    reader's story picker)."""
    counts = dict(db.execute(
        "SELECT story_id, COUNT(*) FROM paragraphs WHERE rank IS NOT NULL GROUP BY story_id"
    ).fetchall())
    return [(story.name, int(counts.get(story.id, 0))) for story in stories(db)]
