"""The story's registry of people kept in the timeline between settles.

A full settle learns the story's people from every post (seconds on a long story); a
follower's new post is then attributed against the registry that settle left, restored
from here. It is kept whole (people with their votes, and every index in its first-come
order, which decides ties), beside a digest of the `people` table it was written with: a
table rewritten without it (by another liveline) makes the kept registry unusable, and
settle then learns the story again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from liveline.ingest.speakers.registry import Person, Registry

REGISTRY_KEY = "speaker_registry"


def people_rows(people: list[Person]) -> list[tuple[int, str, str | None, str, str]]:
    """The `people` table's rows for these people."""
    return [(p.key, p.name, p.role, p.kind, json.dumps(sorted(p.aliases), ensure_ascii=False)) for p in people]


def _people_digest(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha1()
    for row in conn.execute("SELECT id, name, role, kind, aliases FROM people ORDER BY id"):
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def keep_registry(conn: sqlite3.Connection, registry: Registry) -> None:
    """Store the registry beside the `people` rows just written from it."""
    value = {"people": _people_digest(conn), "registry": registry.state()}
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (REGISTRY_KEY, json.dumps(value, ensure_ascii=False))
    )


def kept_registry(conn: sqlite3.Connection) -> Registry | None:
    """The registry the last settle left, or None when there is none that matches `people`."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (REGISTRY_KEY,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
        if value["people"] != _people_digest(conn):
            return None
        return Registry.from_state(value["registry"])
    except (ValueError, KeyError, TypeError, IndexError):  # written by something else: learn it again
        return None
