"""Each story's registry of people kept in the timeline between settles.

A full settle learns a story's people from every post (seconds on a long story); a
follower's new post is then attributed against the registry that settle left, restored
from here. It is kept whole (people with their votes, and every index in its first-come
order, which decides ties), one per story (`speaker_registry:<story id>`), beside a
digest of that story's `people` rows it was written with: rows rewritten without it (by
another liveline) make the kept registry unusable, and settle then learns the story again.

It also records what of the story it was learned from (`Settled`: the highest post and
paragraph ids, and a fingerprint of the rows up to them): a settle finding those rows as
they were, and only whole new sources after them, knows every other source is as the
registry read it (settle.py, a new source settled on its own).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Settled:
    """The story's rows a kept registry was learned from: its posts and paragraphs up to
    these ids, and a fingerprint of them (their ids and the posts' order in their page;
    a removed post is still read, so its removal is left out)."""

    posts_through: int
    paragraphs_through: int
    fingerprint: list[int]


# Sums kept below SQLite's 64-bit integers (SUM raises on overflow) whatever the ids.
_MODULUS = 1_000_000_007


def _fingerprint(conn: sqlite3.Connection, story_id: int, posts_through: int, paragraphs_through: int) -> list[int]:
    # Read from the indexes alone (sources by story, posts by source and seq, paragraphs by
    # story): milliseconds at 200k paragraphs, where reading the rows took 0.2 s at 50k.
    posts = conn.execute(
        f"""SELECT COUNT(*), COALESCE(SUM((p.id * 7919 + p.seq) % {_MODULUS}), 0)
            FROM sources s JOIN posts p ON p.source_id = s.id WHERE s.story_id = ? AND p.id <= ?""",
        (story_id, posts_through),
    ).fetchone()
    paragraphs = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(id), 0) FROM paragraphs WHERE story_id = ? AND id <= ?", (story_id, paragraphs_through)
    ).fetchone()
    return [int(n) for n in (*posts, *paragraphs)]


def _settled_now(conn: sqlite3.Connection, story_id: int) -> Settled:
    (posts,) = conn.execute(
        "SELECT COALESCE(MAX(p.id), 0) FROM posts p JOIN sources s ON s.id = p.source_id WHERE s.story_id = ?", (story_id,)
    ).fetchone()
    (paragraphs,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM paragraphs WHERE story_id = ?", (story_id,)).fetchone()
    return Settled(int(posts), int(paragraphs), _fingerprint(conn, story_id, int(posts), int(paragraphs)))


def unchanged_since(conn: sqlite3.Connection, settled: Settled, story_id: int) -> bool:
    """Whether the story's rows the registry was learned from are all there, as they were."""
    return _fingerprint(conn, story_id, settled.posts_through, settled.paragraphs_through) == settled.fingerprint


def keep_registry(conn: sqlite3.Connection, registry: Registry, story_id: int) -> None:
    """Store the story's registry beside its `people` rows just written from it."""
    settled = _settled_now(conn, story_id)
    value = {"people": _people_digest(conn, story_id), "registry": registry.state(),
             "settled": [settled.posts_through, settled.paragraphs_through, settled.fingerprint]}
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
    kept = kept_state(conn, story_id)
    return None if kept is None else kept[0]


def kept_state(conn: sqlite3.Connection, story_id: int | None = None) -> tuple[Registry, Settled | None] | None:
    """The kept registry (as `kept_registry`) and what of the story it was learned from
    (None when kept by an older liveline)."""
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
        settled = value.get("settled")
        through = Settled(int(settled[0]), int(settled[1]), [int(n) for n in settled[2]]) if settled else None
        return Registry.from_state(value["registry"]), through
    except (ValueError, KeyError, TypeError, IndexError):  # written by something else: learn it again
        return None
