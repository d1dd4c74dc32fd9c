"""What the writes since the last settle changed, recorded in the same transaction as the rows.

`dirty_dates` lists every date a write touched: settle.py recomputes them, and an
interrupted batch is repaired by the next write's settle. `dirty_stories` lists the
stories those writes touched (a source moved between stories touches both): their
speakers are attributed afresh, the other stories' left as they are. `dirty_posts` lists the posts a
follower added or rewrote on a page seen before: when every write since the last settle
was of that kind, settle can work on those posts alone (settle.py, incremental). A write
of a whole source drops the list, so the next settle is a full one; the list is only ever
started when nothing else is pending, so it never hides a whole-source write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

DIRTY_KEY = "dirty_dates"
DIRTY_POSTS_KEY = "dirty_posts"
DIRTY_STORIES_KEY = "dirty_stories"


def _read(conn: sqlite3.Connection, key: str) -> list[Any] | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def _write(conn: sqlite3.Connection, key: str, values: Iterable[object]) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, json.dumps(sorted(set(values)))))


def dirty_dates(conn: sqlite3.Connection) -> set[str]:
    """The dates written since the last settle."""
    return {str(date) for date in _read(conn, DIRTY_KEY) or []}


def dirty_stories(conn: sqlite3.Connection) -> set[int]:
    """The stories written since the last settle."""
    return {int(story) for story in _read(conn, DIRTY_STORIES_KEY) or []}


def mark_dirty_stories(conn: sqlite3.Connection, stories: Iterable[int | None]) -> None:
    """The stories a write touched (with its dates, marked by the functions below)."""
    found = {int(story) for story in stories if story is not None}
    if found:
        _write(conn, DIRTY_STORIES_KEY, dirty_stories(conn) | found)


def dirty_posts(conn: sqlite3.Connection) -> set[int] | None:
    """The posts added or rewritten since the last settle, when that is all that changed;
    None when some write since then was of a whole source (or is unknown)."""
    posts = _read(conn, DIRTY_POSTS_KEY)
    return None if posts is None else {int(post) for post in posts}


def mark_dirty_dates(conn: sqlite3.Connection, dates: Iterable[str]) -> None:
    """A whole source written (or moved): its dates need a full settle."""
    _write(conn, DIRTY_KEY, dirty_dates(conn) | set(dates))
    conn.execute("DELETE FROM meta WHERE key = ?", (DIRTY_POSTS_KEY,))


def mark_dirty_posts(conn: sqlite3.Connection, dates: Iterable[str], post_ids: Iterable[int]) -> None:
    """Posts added or rewritten in a source already in the timeline: their dates are dirty,
    and the posts themselves are listed unless a whole-source write is already pending."""
    pending_dates, pending_posts = dirty_dates(conn), dirty_posts(conn)
    _write(conn, DIRTY_KEY, pending_dates | set(dates))
    if pending_posts is not None or not pending_dates:
        _write(conn, DIRTY_POSTS_KEY, (pending_posts or set()) | set(post_ids))


def clear_dirty(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meta WHERE key IN (?, ?, ?)", (DIRTY_KEY, DIRTY_POSTS_KEY, DIRTY_STORIES_KEY))
