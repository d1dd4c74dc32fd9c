"""Reading the timeline: the queries every front end (CLI tables, print, reader, export) shares."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from liveline.timeline.errors import LivelineError
from liveline.timeline.limits import SQLITE_MAX_INTEGER
from liveline.timeline.marks import LONDON, report_mark, time_mark
from liveline.timeline.stories import in_stories


@dataclass(slots=True)
class Entry:
    """One paragraph of the combined timeline with the context a reader needs."""

    paragraph_id: int
    date: str
    sort_key: int
    part: str
    text: str
    post_id: int
    headline: str | None
    author: str | None
    author_role: str | None
    stated_at: str | None
    not_before: str | None
    not_after: str | None
    basis: str
    post_kind: str
    pinned: int  # 0 or 1, as stored
    source_id: int
    outlet: str
    source_kind: str
    speakers: str | None  # names, asker first, joined by "; "
    event_id: int | None = None
    event_at: str | None = None  # the event's best time, borrowed by untimed members
    event_outlets: str | None = None  # every outlet reporting the event, joined by ", "
    # Positions in the four orders (see KEYS); mrank/mrrank only for an event's first report.
    rank: int | None = None
    rrank: int | None = None
    mrank: int | None = None
    mrrank: int | None = None
    removed_at: str | None = None  # UTC ISO minute a follower found the post gone from its page
    event_basis: str | None = None  # stated | bounded: what the borrowed event_at is

    @property
    def mark(self) -> str:
        """The time mark in UK time: stated, bounded, or borrowed from the event an untimed
        report belongs to."""
        return self.mark_in(LONDON)

    def mark_in(self, zone: dt.tzinfo) -> str:
        """The time mark as read in `zone` (see liveline.timeline.zones.zone_for)."""
        return report_mark(self.stated_at, self.not_before, self.not_after, self.basis, self.event_at, self.event_basis, zone)

    @property
    def removed(self) -> str | None:
        """"removed 16:52" (UK time) when the post has gone from its page, else None."""
        return removed_note(self.removed_at)


def removed_note(removed_at: str | None) -> str | None:
    """The words that mark a post its outlet took off the page: "removed 16:52" (UK time;
    ??:?? for a stored value that is no time)."""
    return f"removed {time_mark(removed_at)}" if removed_at else None


def source_summaries(db: sqlite_utils.Database, story_ids: Sequence[int] = ()) -> list[dict[str, Any]]:
    """One row per source with its story, and its post, paragraph and stated-time counts."""
    where, params = in_stories("s.story_id", story_ids)
    return list(
        db.query(
            f"""
            SELECT s.id, s.name, s.outlet, s.kind, s.date, s.[order], s.order_basis,
                   (SELECT name FROM stories st WHERE st.id = s.story_id) AS story,
                   (SELECT COUNT(*) FROM posts p WHERE p.source_id = s.id AND p.kind != 'header') AS posts,
                   (SELECT COUNT(*) FROM paragraphs pa JOIN posts p ON p.id = pa.post_id
                     WHERE pa.source_id = s.id AND p.kind != 'header' AND pa.duplicate_of IS NULL) AS paragraphs,
                   (SELECT COUNT(p.stated_at) + COUNT(p.updated_at) FROM posts p WHERE p.source_id = s.id) AS stated
            FROM sources s WHERE {where} ORDER BY s.date, s.id
            """,
            params,
        )
    )


def _strip_determiner(text: str) -> str:
    return re.sub(r"^(?:the|a|an|our)\s+", "", " ".join(text.lower().replace("’", "'").split()))


def find_people(db: sqlite_utils.Database, query: str) -> list[int]:
    """People matching a name, alias or role, case-insensitively; exact forms beat partial ones."""
    wanted = _strip_determiner(query)
    found = _matching_people(db, wanted, _likely_people(wanted))
    if found is None:  # nobody among the likely rows: every row read, for the hint too
        found = _matching_people(db, wanted, None)
    assert found is not None  # every row read always answers
    exact, partial, known = found
    if exact or partial:
        return exact or partial
    close = {known[f] for f in difflib.get_close_matches(wanted, list(known), n=6, cutoff=0.6)}
    hint = f"; did you mean {', '.join(sorted(close))}?" if close else "; see `liveline speakers`"
    raise LivelineError(f"no speaker matches {query!r}{hint}")


def _likely_people(wanted: str) -> tuple[str, str] | None:
    """A LIKE pattern that every row matching `wanted` holds (its longest word), to read only
    those: reading all 11,000 people of a 2M-paragraph archive took 0.86 s of a speaker
    switch. None when no such pattern is safe: SQLite's LIKE folds the case of ASCII letters
    only, and a word with anything else (an accent, an apostrophe) is left to Python."""
    words = [word for word in wanted.split() if word.isascii() and word.isalnum()]
    if not words:
        return None
    longest = max(words, key=len)
    return "SELECT id, name, role, kind, aliases FROM people WHERE name LIKE ? OR role LIKE ? OR aliases LIKE ? ORDER BY id", \
        f"%{longest}%"


def _matching_people(
    db: sqlite_utils.Database, wanted: str, likely: tuple[str, str] | None
) -> tuple[list[int], list[int], dict[str, str]] | None:
    """(exact, partial, every form read -> its person's name); None when `likely` found nobody."""
    exact, partial = [], []
    known: dict[str, str] = {}
    if likely is None:
        rows = db.query("SELECT id, name, role, kind, aliases FROM people ORDER BY id")
    else:
        sql, pattern = likely
        rows = db.query(sql, (pattern, pattern, pattern))
    for row in rows:
        surname = row["name"].split()[-1] if row["kind"] in ("person", "journalist") else ""
        forms = {_strip_determiner(f) for f in [row["name"], surname, row["role"] or "", *json.loads(row["aliases"] or "[]")] if f}
        known.update((form, row["name"]) for form in forms)
        if wanted in forms:
            exact.append(row["id"])
        elif any(re.search(rf"\b{re.escape(wanted)}\b", f) for f in forms):
            partial.append(row["id"])
    if likely is not None and not exact and not partial:
        return None
    return exact, partial, known


def speaker_summaries(db: sqlite_utils.Database, story_ids: Sequence[int] = ()) -> list[dict[str, Any]]:
    """One row per person (of some stories): role, kind, aliases, paragraphs attributed and
    the outlets they appear in."""
    where, params = in_stories("pe.story_id", story_ids)
    rows = db.query(
        f"""
        SELECT pe.id, pe.name, pe.role, pe.kind, pe.aliases, (SELECT name FROM stories WHERE id = pe.story_id) AS story,
               COUNT(DISTINCT ps.paragraph_id) AS paragraphs,
               GROUP_CONCAT(DISTINCT s.outlet) AS outlets
        FROM people pe
        LEFT JOIN paragraph_speakers ps ON ps.person_id = pe.id
        LEFT JOIN paragraphs pa ON pa.id = ps.paragraph_id AND pa.duplicate_of IS NULL
        LEFT JOIN sources s ON s.id = pa.source_id
        WHERE {where}
        GROUP BY pe.id
        ORDER BY paragraphs DESC, pe.name
        """,
        params,
    )
    return [dict(row, aliases=json.loads(row["aliases"] or "[]")) for row in rows]


def speaker_counts(db: sqlite_utils.Database, story_ids: Sequence[int] = ()) -> list[dict[str, Any]]:
    """Each person (by name: the same name in several stories is one line) with the number
    of shown entries attributed to them, most heard first (the reader's picker: lighter
    than speaker_summaries); with `story_ids`, in those stories only."""
    if story_ids:
        where, params = in_stories("pa.story_id", story_ids)
        rows = db.execute(
            f"""SELECT pe.name, COUNT(*) AS shown FROM paragraphs pa
                JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id JOIN people pe ON pe.id = ps.person_id
                WHERE {where} AND pa.rank IS NOT NULL GROUP BY pe.name ORDER BY shown DESC, pe.name""",
            params,
        )
        return [{"name": name, "paragraphs": n} for name, n in rows]
    # Every attribution less those of hidden paragraphs (page furniture, repeats): checking
    # each attribution's paragraph costs 115 ms at 200k, counting the few hidden ones 45 ms.
    # CROSS JOIN keeps SQLite scanning paragraphs first for those.
    rows = db.execute(
        """WITH every AS (SELECT person_id, COUNT(*) AS n FROM paragraph_speakers GROUP BY person_id),
                hidden AS (SELECT ps.person_id, COUNT(*) AS n FROM paragraphs pa
                           CROSS JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id
                           WHERE pa.rank IS NULL GROUP BY ps.person_id)
           SELECT pe.name, SUM(every.n - COALESCE(hidden.n, 0)) AS shown FROM every
           JOIN people pe ON pe.id = every.person_id LEFT JOIN hidden ON hidden.person_id = every.person_id
           GROUP BY pe.name HAVING shown > 0 ORDER BY shown DESC, pe.name"""
    )
    return [{"name": name, "paragraphs": n} for name, n in rows]


def outlet_counts(db: sqlite_utils.Database, story_ids: Sequence[int] = ()) -> list[tuple[str, int]]:
    """Each outlet with the number of entries it shows, by name (the reader's outlet picker);
    with `story_ids`, in those stories only."""
    where, params = in_stories("pa.story_id", story_ids)
    rows = db.execute(
        "SELECT s.outlet, COUNT(*) FROM paragraphs pa JOIN sources s ON s.id = pa.source_id "
        f"WHERE {where} AND pa.rank IS NOT NULL GROUP BY s.outlet ORDER BY s.outlet",
        params,
    )
    return [(outlet, count) for outlet, count in rows]


def post_summaries(
    db: sqlite_utils.Database, outlets: Sequence[str] = (), person_ids: Sequence[int] = (), story_ids: Sequence[int] = ()
) -> list[dict[str, Any]]:
    """Posts in file order, each with its first paragraph's text; optionally only those of
    some outlets or stories, or those a person speaks in."""
    stories, params = in_stories("s.story_id", story_ids)
    where = f"p.kind != 'header' AND {stories}"
    if outlets:
        where += f" AND s.outlet IN ({', '.join('?' * len(outlets))})"
        params += list(outlets)
    if person_ids:
        where += (
            " AND p.id IN (SELECT pa.post_id FROM paragraphs pa JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id"
            f" WHERE ps.person_id IN ({', '.join('?' * len(person_ids))}))"
        )
        params += list(person_ids)
    return list(
        db.query(
            f"""
            SELECT p.*, s.outlet,
                   (SELECT text FROM paragraphs pa WHERE pa.post_id = p.id AND pa.part = 'body'
                     ORDER BY pa.seq LIMIT 1) AS first_text
            FROM posts p JOIN sources s ON s.id = p.source_id
            WHERE {where}
            ORDER BY s.date, s.id, p.seq
            """,
            params,
        )
    )


def timeline_entries(db: sqlite_utils.Database) -> Iterator[Entry]:
    """The whole combined timeline in reading order."""
    return entries_where(db, [], [])


JOINED_FROM = """FROM paragraphs pa
        JOIN posts p ON p.id = pa.post_id
        JOIN sources s ON s.id = pa.source_id
        LEFT JOIN events e ON e.id = pa.event_id"""
NEEDS_JOIN = re.compile(r"\b[pse]\.")

# The dense position columns (see liveline.ingest.events.combine.rank_timeline); every shown paragraph has a rank.
KEYS = ("rank", "rrank", "mrank", "mrrank")


def where_sql(where: list[str]) -> str:
    return " AND ".join(["pa.rank IS NOT NULL", *where])


def keys_where(db: sqlite_utils.Database, where: list[str], params: list[object], key: str = "rank") -> Sequence[int]:
    """The `key` values of the entries passing the conditions, ascending: a view's positions.

    A view with no conditions is every value from the lowest to the largest (the numbers
    are dense), so it costs two index lookups however long the timeline is. The lowest is
    not always 1: newest-first numbers are anchored at the oldest entry, so that a post
    arriving at the top takes the number below the lowest instead of renumbering every
    other paragraph (liveline.ingest.events.positions).
    """
    if key not in KEYS:
        raise ValueError(f"not a position column: {key}")
    if not where:
        low = db.execute(f"SELECT {key} FROM paragraphs WHERE {key} IS NOT NULL ORDER BY {key} LIMIT 1").fetchone()
        high = db.execute(f"SELECT {key} FROM paragraphs WHERE {key} IS NOT NULL ORDER BY {key} DESC LIMIT 1").fetchone()
        return range(low[0], high[0] + 1) if low and high else range(0)
    # Joins only when a condition needs them: most filters are on paragraphs alone.
    source = JOINED_FROM if NEEDS_JOIN.search(" ".join(where)) else "FROM paragraphs pa"
    rows = db.execute(f"SELECT pa.{key} {source} WHERE pa.{key} IS NOT NULL AND {where_sql(where)} ORDER BY pa.{key}", params)
    return array("q", (row[0] for row in rows))


def entries_where(
    db: sqlite_utils.Database, where: list[str], params: list[object], key: str = "rank",
) -> Iterator[Entry]:
    """Timeline entries passing SQL conditions (on pa, p, s, e) in `key` order; page
    furniture and copies are never entries. (A whole export reads its own way, a page at a
    time: timeline/export.py.)"""
    if key not in KEYS:
        raise ValueError(f"not a position column: {key}")
    rows = db.execute(
        f"""
        SELECT pa.id, pa.date, pa.sort_key, pa.part, pa.text, p.id, p.headline, p.author, p.author_role,
               p.stated_at, p.not_before, p.not_after, p.basis, p.kind, p.pinned, s.id, s.outlet, s.kind,
               (SELECT GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                 WHERE ps.paragraph_id = pa.id),
               pa.event_id, e.best_at,
               (SELECT GROUP_CONCAT(DISTINCT s2.outlet) FROM event_members em JOIN paragraphs p2 ON p2.id = em.paragraph_id
                 JOIN sources s2 ON s2.id = p2.source_id WHERE em.event_id = pa.event_id),
               pa.rank, pa.rrank, pa.mrank, pa.mrrank, p.removed_at, e.basis
        {JOINED_FROM}
        WHERE pa.{key} IS NOT NULL AND {where_sql(where)}
        ORDER BY pa.{key}
        """,
        params,
    )
    return (_sorted_outlets(Entry(*row)) for row in rows)


def _sorted_outlets(entry: Entry) -> Entry:
    if entry.event_outlets:
        entry.event_outlets = ", ".join(sorted(set(entry.event_outlets.split(","))))
    return entry


def event_summaries(
    db: sqlite_utils.Database, date: str | None = None, min_outlets: int = 1, story_ids: Sequence[int] = ()
) -> list[dict[str, Any]]:
    """Events with their time, outlets, representative speaker and text (of some stories)."""
    if min_outlets > SQLITE_MAX_INTEGER:
        return []  # more outlets than any story has; SQLite could not even take the number
    stories, params = in_stories("e.story_id", story_ids)
    where: list[str] = ["e.n_sources >= ?", stories]
    params = [min_outlets, *params]
    if date:
        where.append("e.date = ?")
        params.append(date)
    return list(
        db.query(
            f"""
            SELECT e.id, e.date, e.best_at, e.basis, e.label, e.n_sources, pa.text AS representative,
                   (SELECT GROUP_CONCAT(DISTINCT s.outlet) FROM event_members em JOIN paragraphs p ON p.id = em.paragraph_id
                      JOIN sources s ON s.id = p.source_id WHERE em.event_id = e.id) AS outlets,
                   (SELECT COUNT(*) FROM event_members em WHERE em.event_id = e.id) AS members,
                   (SELECT GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                      WHERE ps.paragraph_id = e.rep_paragraph_id) AS speakers
            FROM events e JOIN paragraphs pa ON pa.id = e.rep_paragraph_id
            WHERE {' AND '.join(where)}
            ORDER BY e.date, (SELECT MIN(sort_key) FROM paragraphs p WHERE p.event_id = e.id)
            """,
            params,
        )
    )


def holds_entries(db: sqlite_utils.Database) -> bool:
    """Whether the timeline shows anything at all (an empty one is told how to fill it)."""
    return db.execute("SELECT 1 FROM paragraphs WHERE rank IS NOT NULL LIMIT 1").fetchone() is not None
