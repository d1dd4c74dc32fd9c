"""Bringing a timeline written by an older liveline up to today's schema.

A file of a version this liveline knows how to upgrade (MIGRATES_FROM) is copied beside
itself first, then changed in the caller's one transaction, so a failure anywhere leaves
the file as it was. The schema itself is defined once, in store: store imports this
module and hands over the steps that build today's tables and indexes (`Target`).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from liveline.timeline.quotation import QUOTATION_INDEX
from liveline.timeline.stories import story_slug

# The versions whose files open by being upgraded; older ones predate anything worth keeping.
MIGRATES_FROM = (2, 3)
# The story a migrated file's sources all belong to: person ids stay as they were,
# because story 1 numbers its people from 1.
MIGRATED_STORY = 1
_OLD_REGISTRY_KEY = "speaker_registry"
_REGISTRY_KEY = f"speaker_registry:{MIGRATED_STORY}"
_STORY_TABLES = ("sources", "paragraphs", "people", "events")


@dataclass(frozen=True)
class Target:
    """Today's schema, as store defines it: the version, a step adding the tables and
    columns a file lacks (columns last, as in a fresh file) and one adding its indexes."""

    version: int
    add_tables_and_columns: Callable[[sqlite_utils.Database], None]
    add_indexes: Callable[[sqlite_utils.Database], None]


def migratable(version: str | None) -> int | None:
    """The stored schema version as a number when this liveline can upgrade it, else None."""
    return int(version) if version in {str(v) for v in MIGRATES_FROM} else None


def backup_path(path: Path, version: int, attempt: int = 0) -> Path:
    """`X.schema3.bak` beside `X`; a later attempt, when that name is taken, `X.schema3.1.bak`."""
    return Path(f"{path}.schema{version}{f'.{attempt}' if attempt else ''}.bak")


def keep_backup(path: Path, version: int) -> Path:
    """Copy the timeline at `path` to a new file beside it through SQLite's backup, which
    copies one consistent state. Call it holding the write lock, before writing: nobody
    can then write between the copy and the migration. The copy is read through a
    connection of its own, because SQLite refuses (forever busy) to back up from the
    connection that holds the write transaction."""
    target = _reserve(path, version)
    try:
        source = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _reserve(path: Path, version: int) -> Path:
    """A backup name nobody has: created empty (an empty file is a valid new database),
    so two migrations at once can never copy into the same file."""
    attempt = 0
    while True:
        target = backup_path(path, version, attempt)
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return target
        except FileExistsError:
            attempt += 1


def upgrade(db: sqlite_utils.Database, version: int, target: Target) -> None:
    """Change a file of schema `version` into `target.version`, step by step, inside the
    caller's transaction (which must already be open: DDL then commits with it)."""
    if not db.conn.in_transaction:
        raise RuntimeError("upgrade runs inside an open write transaction")
    if version == 2:
        _two_to_three(db)
        version = 3
    if version == 3:
        _three_to_four(db, target)
        version = 4
    if version != target.version:
        raise RuntimeError(f"no migration from schema {version} to {target.version}")
    db.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(target.version),))


def _two_to_three(db: sqlite_utils.Database) -> None:
    # Schema 3 added when a follower found a post gone from its page; unknown for older posts.
    db.conn.execute("ALTER TABLE posts ADD COLUMN removed_at TEXT")


def _three_to_four(db: sqlite_utils.Database, target: Target) -> None:
    """Schema 4 made a timeline a library of stories: everything already in the file
    becomes the one story it always was."""
    conn = db.conn
    target.add_tables_and_columns(db)
    # Named as a proposed story would be: the main source's title, from the first date.
    lead = conn.execute(
        "SELECT s.title FROM sources s LEFT JOIN posts p ON p.source_id = s.id "
        "GROUP BY s.id ORDER BY COUNT(p.id) DESC, s.id LIMIT 1"
    ).fetchone()
    if lead is not None:  # a timeline with no sources has no story to name
        (first_date,) = conn.execute("SELECT MIN(date) FROM sources").fetchone()
        conn.execute(
            "INSERT INTO stories (id, name, title, origin, created_at) VALUES (?, ?, ?, 'migrated', ?)",
            (MIGRATED_STORY, story_slug(lead[0], first_date), lead[0], dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
        )
        for table in _STORY_TABLES:
            conn.execute(f"UPDATE [{table}] SET story_id = ?", (MIGRATED_STORY,))
    conn.execute("UPDATE meta SET key = ? WHERE key = ?", (_REGISTRY_KEY, _OLD_REGISTRY_KEY))
    # Indexes last: built once over the filled columns rather than kept up row by row.
    target.add_indexes(db)
    # Some schema-3 files were written before the quotation index existed.
    conn.execute(QUOTATION_INDEX)
