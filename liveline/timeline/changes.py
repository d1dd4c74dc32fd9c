"""What changed since the reader last looked: the checks behind its live updates while
another process (`liveline follow`, an ingest) writes to the same timeline.

A writer numbers the paragraphs it writes above every id in the file (`follow`'s edits
too, under the post's own id), so "written since" is "id above the newest id the reader had
seen", and "edited" is "written since, in a post the reader had". (A source replaced whole
may reuse ids it freed at the top; its rows then count as neither.)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from liveline.timeline.queries import KEYS


def data_version(db: sqlite_utils.Database) -> int:
    """A number that moves whenever another connection commits to the file (never for this one's own writes)."""
    version: int = db.execute("PRAGMA data_version").fetchone()[0]
    return version


def newest_shown(db: sqlite_utils.Database) -> tuple[int, int]:
    """The newest shown paragraph's id and the newest post with a shown paragraph, read at
    one moment (0, 0 for an empty timeline): later paragraphs are news, and those of a post
    at or below that post are its edit (a writer rewrites an edited post under its own id).

    Only numbered (settled) paragraphs count: a writer's rows are numbered by the settle
    that follows in another transaction, and a reader looking in between must still count
    them as news once they show.
    """
    # `+rank` keeps SQLite on the rowid, newest first, stopping at the first numbered one
    # (through the rank index it would sort every shown paragraph).
    row = db.execute(
        """SELECT (SELECT id FROM paragraphs WHERE +rank IS NOT NULL ORDER BY id DESC LIMIT 1),
                  (SELECT p.id FROM posts p WHERE EXISTS (SELECT 1 FROM paragraphs pa WHERE pa.post_id = p.id
                     AND pa.rank IS NOT NULL) ORDER BY p.id DESC LIMIT 1)"""
    ).fetchone()
    return int(row[0] or 0), int(row[1] or 0)


def last_paragraph_id(db: sqlite_utils.Database) -> int:
    """The newest shown paragraph's id, 0 for an empty timeline: paragraphs above it are news later."""
    return newest_shown(db)[0]


def _position_column(key: str) -> str:
    if key not in KEYS:
        raise ValueError(f"not a position column: {key}")
    return key


def keys_written_after(db: sqlite_utils.Database, paragraph_id: int, key: str) -> list[int]:
    """The `key` position values of shown paragraphs written after `paragraph_id`, unordered."""
    new, _ = keys_written_and_rewritten_after(db, paragraph_id, 0, key)
    return new


def keys_written_and_rewritten_after(
    db: sqlite_utils.Database, paragraph_id: int, post_id: int, key: str
) -> tuple[list[int], list[int]]:
    """The `key` values of shown paragraphs written after `paragraph_id`: those of posts above
    `post_id` (new posts), and those of posts at or below it (edits), unordered."""
    column = _position_column(key)
    rows = db.execute(
        f"SELECT {column}, post_id > ? FROM paragraphs WHERE id > ? AND {column} IS NOT NULL", (post_id, paragraph_id)
    )
    new: list[int] = []
    rewritten: list[int] = []
    for value, is_new in rows:
        (new if is_new else rewritten).append(value)
    return new, rewritten


def heard_after(db: sqlite_utils.Database, paragraph_id: int, person_ids: Sequence[int]) -> list[int]:
    """Shown paragraphs written after `paragraph_id` and attributed to any of `person_ids`, by id."""
    if not person_ids:
        return []
    marks = ", ".join("?" * len(person_ids))
    rows = db.execute(
        f"""SELECT DISTINCT pa.id FROM paragraphs pa JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id
            WHERE pa.id > ? AND pa.rank IS NOT NULL AND ps.person_id IN ({marks}) ORDER BY pa.id""",
        (paragraph_id, *person_ids),
    )
    return [value for (value,) in rows]


def outlets_gained_after(db: sqlite_utils.Database, paragraph_id: int, post_id: int) -> dict[int, int]:
    """Events touched by paragraphs written after `paragraph_id` that were already reported
    in posts at or below `post_id` and are now reported by more outlets: event id -> how
    many outlets it gained. An event whose every report is new is itself news, and an
    outlet whose report was only edited gained nothing."""
    rows = db.execute(
        # NOT INDEXED: the rowid range holds the few paragraphs written since; with DISTINCT,
        # SQLite would rather scan the whole event index (14.8 ms against 0.4 ms at 200k).
        """WITH touched AS (SELECT DISTINCT event_id FROM paragraphs NOT INDEXED WHERE id > ? AND event_id IS NOT NULL),
                reports AS (SELECT pa.event_id, s.outlet, MIN(pa.post_id) AS first_post FROM paragraphs pa
                            JOIN sources s ON s.id = pa.source_id
                            WHERE pa.event_id IN (SELECT event_id FROM touched) AND pa.rank IS NOT NULL
                            GROUP BY pa.event_id, s.outlet)
           SELECT event_id, SUM(first_post > ?) FROM reports GROUP BY event_id
           HAVING MIN(first_post) <= ? AND SUM(first_post > ?) > 0""",
        (paragraph_id, post_id, post_id, post_id),
    )
    return {event_id: int(gained) for event_id, gained in rows}


def event_keys(db: sqlite_utils.Database, event_ids: Sequence[int], key: str) -> list[int]:
    """The `key` position values of every shown report of the events, ascending (where a view
    that shows an event once may show it)."""
    column = _position_column(key)
    if not event_ids:
        return []
    marks = ", ".join("?" * len(event_ids))
    rows = db.execute(
        f"SELECT {column} FROM paragraphs WHERE event_id IN ({marks}) AND {column} IS NOT NULL ORDER BY {column}",
        list(event_ids),
    )
    return [value for (value,) in rows]


def keys_for_place(db: sqlite_utils.Database, paragraph_id: int, post_id: int, key: str) -> list[int]:
    """Where a reader's place is now, after other writes renumbered the timeline: the `key`
    values, best first, of the paragraph itself, the other reports of its event (a view
    showing an event once may show it by another report now), then its post's paragraphs
    (an edited post's paragraphs are written anew), in the post's order."""
    column = _position_column(key)
    rows = db.execute(
        f"""SELECT {column} FROM (
              SELECT {column}, 0 AS tier, 0 AS distance FROM paragraphs WHERE id = ?
              UNION ALL
              SELECT m.{column}, 1, m.sort_key FROM paragraphs own JOIN paragraphs m ON m.event_id = own.event_id
              WHERE own.id = ? AND m.id != own.id
              UNION ALL
              SELECT {column}, 2, seq FROM paragraphs WHERE post_id = ?)
           WHERE {column} IS NOT NULL ORDER BY tier, distance""",
        (paragraph_id, paragraph_id, post_id),
    )
    return [value for (value,) in rows]


def keys_of_text(db: sqlite_utils.Database, outlet: str, text: str, key: str) -> list[int]:
    """The `key` values of shown paragraphs of `outlet` saying exactly `text`: a reader's place
    when its source was replaced whole (a text copy ingested again writes every row anew)."""
    column = _position_column(key)
    rows = db.execute(
        f"""SELECT pa.{column} FROM paragraphs pa JOIN sources s ON s.id = pa.source_id
            WHERE pa.text = ? AND s.outlet = ? AND pa.{column} IS NOT NULL ORDER BY pa.{column}""",
        (text, outlet),
    )
    return [value for (value,) in rows]
