"""The blog's own author as the timeline keeps it: a `meta` entry per source (model.py),
given by --author, a manifest's `author` or the page's byline."""

from __future__ import annotations

import sqlite3

from liveline.ingest.model import blog_author_key


def blog_authors(conn: sqlite3.Connection, source_id: int | None = None) -> dict[int, str]:
    """source id -> its blog author, for every source that has one (or for `source_id` only)."""
    sources = conn.execute(
        "SELECT id, outlet, name FROM sources" + ("" if source_id is None else " WHERE id = ?"),
        () if source_id is None else (source_id,),
    ).fetchall()
    found: dict[int, str] = {}
    for number, outlet, name in sources:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (blog_author_key(outlet, name),)).fetchone()
        if row is not None and row[0]:
            found[number] = row[0]
    return found
