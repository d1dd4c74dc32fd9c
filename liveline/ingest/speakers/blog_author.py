"""The blog's own author as the timeline keeps it: a `meta` entry per source (model.py),
given by --author, a manifest's `author` or the page's byline."""

from __future__ import annotations

import sqlite3

from liveline.ingest.model import blog_author_key


def blog_authors(conn: sqlite3.Connection, source_id: int | None = None, story_id: int | None = None) -> dict[int, str]:
    """source id -> its blog author, for every source that has one (or for `source_id`, or
    the sources of `story_id`, only: a settle of one story in an archive of a thousand
    reads its own sources, not every source a thousand times)."""
    if source_id is not None:
        sources = conn.execute("SELECT id, outlet, name FROM sources WHERE id = ?", (source_id,)).fetchall()
    elif story_id is not None:
        sources = conn.execute("SELECT id, outlet, name FROM sources WHERE story_id = ?", (story_id,)).fetchall()
    else:
        sources = conn.execute("SELECT id, outlet, name FROM sources").fetchall()
    found: dict[int, str] = {}
    for number, outlet, name in sources:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (blog_author_key(outlet, name),)).fetchone()
        if row is not None and row[0]:
            found[number] = row[0]
    return found
