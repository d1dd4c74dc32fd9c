"""The `stories` rows ingest writes: found by name or made, and dropped when emptied."""

from __future__ import annotations

import datetime as dt
import sqlite3

from liveline.timeline.errors import LivelineError
from liveline.timeline.text import strip_controls


def story_id_for(conn: sqlite3.Connection, name: str, title: str | None, origin: str) -> int:
    """The id of the story called `name`, made (with `title` and `origin`) if there is none."""
    # A title may come from a page's headline: stored, like the page's text, without controls.
    name, title = strip_controls(name), strip_controls(title) if title else title
    row = conn.execute("SELECT id FROM stories WHERE name = ?", (name,)).fetchone()
    if row:
        return int(row[0])
    cursor = conn.execute(
        "INSERT INTO stories (name, title, origin, created_at) VALUES (?, ?, ?, ?)",
        (name, title, origin, dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
    )
    assert cursor.lastrowid is not None  # set by every INSERT
    return cursor.lastrowid


def drop_empty_stories(conn: sqlite3.Connection) -> None:
    """Stories whose sources all moved to other stories, or were never written."""
    conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM sources WHERE story_id IS NOT NULL)")


def rename_story(conn: sqlite3.Connection, story_id: int, name: str) -> None:
    """Give a story the name --story will take (a proposed one is long); refused when
    another story has it."""
    name = strip_controls(name)
    taken = conn.execute("SELECT 1 FROM stories WHERE name = ? AND id != ?", (name, story_id)).fetchone()
    if taken:
        raise LivelineError(f"a story is already called {name!r}; choose another name")
    conn.execute("UPDATE stories SET name = ? WHERE id = ?", (name, story_id))
