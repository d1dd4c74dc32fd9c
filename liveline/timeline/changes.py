"""What changed since the reader last looked: the checks behind its live updates while
another process (`liveline follow`, an ingest) writes to the same timeline."""

from __future__ import annotations

import sqlite_utils

from liveline.timeline.queries import KEYS


def data_version(db: sqlite_utils.Database) -> int:
    """A number that moves whenever another connection commits to the file (never for this one's own writes)."""
    version: int = db.execute("PRAGMA data_version").fetchone()[0]
    return version


def last_paragraph_id(db: sqlite_utils.Database) -> int:
    """The newest paragraph's id, 0 for an empty timeline: paragraphs above it are news later."""
    newest: int = db.execute("SELECT COALESCE(MAX(id), 0) FROM paragraphs").fetchone()[0]
    return newest


def keys_written_after(db: sqlite_utils.Database, paragraph_id: int, key: str) -> list[int]:
    """The `key` position values of shown paragraphs written after `paragraph_id`, unordered."""
    if key not in KEYS:
        raise ValueError(f"not a position column: {key}")
    rows = db.execute(f"SELECT {key} FROM paragraphs WHERE id > ? AND {key} IS NOT NULL", (paragraph_id,))
    return [value for (value,) in rows]
