"""Each story's registry of people kept in the timeline between settles.

A full settle learns a story's people from every post (seconds on a long story); a
follower's new post is then attributed against the registry that settle left, restored
from here. It is kept whole (people with their votes, and every index in its first-come
order, which decides ties), one per story (`speaker_registry:<story id>`), beside a
digest of that story's `people` rows it was written with: rows rewritten without it (by
another liveline) make the kept registry unusable, and settle then learns the story again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from liveline.ingest.speakers.registry import Person, Registry

REGISTRY_KEY = "speaker_registry"


def registry_key(story_id: int) -> str:
    """The meta key a story's registry is kept under."""
    return f"{REGISTRY_KEY}:{story_id}"


def people_rows(people: list[Person]) -> list[tuple[int, str, str | None, str, str]]:
    """The `people` table's rows for these people (without their story)."""
    return [(p.key, p.name, p.role, p.kind, json.dumps(sorted(p.aliases), ensure_ascii=False)) for p in people]


def _people_digest(conn: sqlite3.Connection, story_id: int) -> str:
    digest = hashlib.sha1()
    for row in conn.execute("SELECT id, name, role, kind, aliases FROM people WHERE story_id = ? ORDER BY id", (story_id,)):
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def keep_registry(conn: sqlite3.Connection, registry: Registry, story_id: int) -> None:
    """Store the story's registry beside its `people` rows just written from it."""
    value = {"people": _people_digest(conn, story_id), "registry": registry.state()}
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (registry_key(story_id), json.dumps(value, ensure_ascii=False)),
    )
    # A registry kept before stories (one per file) is no story's now.
    conn.execute("DELETE FROM meta WHERE key = ?", (REGISTRY_KEY,))


def drop_registry(conn: sqlite3.Connection, story_id: int) -> None:
    """A story left without posts keeps no registry."""
    conn.execute("DELETE FROM meta WHERE key = ?", (registry_key(story_id),))


def first_story(conn: sqlite3.Connection) -> int | None:
    """The timeline's first story (its only one, in a timeline of one story)."""
    row = conn.execute("SELECT MIN(id) FROM stories").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def kept_registry(conn: sqlite3.Connection, story_id: int | None = None) -> Registry | None:
    """The registry the last settle left for the story (default: the first), or None when
    there is none that matches its `people` rows."""
    story = first_story(conn) if story_id is None else story_id
    if story is None:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (registry_key(story),)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
        if value["people"] != _people_digest(conn, story):
            return None
        return Registry.from_state(value["registry"])
    except (ValueError, KeyError, TypeError, IndexError):  # written by something else: learn it again
        return None
