"""The timeline database: schema, opening, version checks and write transactions.

One SQLite file (WAL, FTS5 on paragraph text) that ingest writes and everything else
reads. A file written by an older liveline is migrated on opening (one transaction, a
backup kept beside it); any other schema version is refused, never rewritten, so a newer
or unknown liveline cannot silently damage somebody's timeline; a damaged file is
reported in one line wherever a query meets the damage; a read-only file or folder can
still be read.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlite_utils
from sqlite_utils.db import COLUMN_TYPE_MAPPING

from liveline.timeline import migration
from liveline.timeline.errors import LivelineError
from liveline.timeline.guarded_sqlite import GuardedConnection
from liveline.timeline.locations import LOCK_TIMEOUT_ENV, lock_timeout, read_lock_timeout
from liveline.timeline.quotation import QUOTATION_INDEX
from liveline.timeline.write_turns import begin_write

SCHEMA_VERSION = 4
APP_ID = "liveline"

# Columns are listed once here; tests and the staleness check read them from this map.
TABLES: dict[str, dict[str, type]] = {
    "meta": {"key": str, "value": str},
    # A story groups the sources about one happening (a debate, a day of riots): people,
    # roles, aliases and events belong to a story, and merging never crosses stories.
    "stories": {
        "id": int,
        "name": str,  # what --story takes: a short slug, unique
        "title": str,
        "origin": str,  # named (--story, a manifest) | proposed | migrated: how its sources were grouped
        "created_at": str,
    },
    "sources": {
        "id": int,
        "name": str,  # file stem or URL: with outlet, the source's identity for re-ingest
        "outlet": str,
        "kind": str,  # liveblog | article | transcript
        "title": str,
        "url": str,
        "date": str,  # the source's local date, YYYY-MM-DD
        "tz": str,
        "order": str,  # newest_first | oldest_first | article
        "order_basis": str,  # manifest | times | cues | default | article
        "path": str,
        "sha256": str,
        "parser": str,
        "ingested_at": str,
        "story_id": int,
    },
    "posts": {
        "id": int,
        "source_id": int,
        "seq": int,  # file order, 1-based
        "chron": int,  # 1 = earliest in its source; null for page furniture
        "kind": str,  # post | summary | header
        "pinned": int,
        "headline": str,
        "author": str,
        "author_role": str,
        "first_line": int,
        "last_line": int,
        "date": str,  # local date the post belongs to
        "stated_at": str,  # UTC ISO minute, only when the text states it
        "updated_at": str,
        "not_before": str,
        "not_after": str,
        "basis": str,  # stated | bounded | borrowed | unknown
        "key": str,  # the page's own id for the post (web pages), for follow
        "digest": str,  # hash of what the post says, to tell an edit from a repeat
        "removed_at": str,  # UTC ISO minute a follower first found the post gone from its page
    },
    "paragraphs": {
        "id": int,
        "post_id": int,
        "source_id": int,
        "seq": int,  # order within the post
        "line": int,  # 1-based source line the paragraph starts on (provenance)
        "end_line": int,
        "part": str,  # headline | body
        "text": str,
        "duplicate_of": int,  # a copy repeating an earlier paragraph of the same source
        "event_id": int,
        "date": str,
        "sort_key": int,  # rank within `date` in the combined timeline
        # Dense positions in the reader's orders (null for furniture and copies):
        "rank": int,  # oldest first
        "rrank": int,  # newest first
        "mrank": int,  # merged (one entry per event), oldest first
        "mrrank": int,  # merged, newest first
        "story_id": int,  # the source's story, here so that a story filter is an index
    },
    "people": {
        "id": int,
        "name": str,
        "role": str,
        "kind": str,
        "aliases": str,  # JSON list
        "story_id": int,
        "same_as": int,  # the lowest id of the people linked as one across stories (its own when lowest); NULL: linked to nobody
    },
    "paragraph_speakers": {
        "paragraph_id": int,
        "person_id": int,
        "how": str,  # quote | paraphrase | pronoun | continuation | byline | transcript
        "confidence": float,
    },
    "events": {
        "id": int,
        "date": str,
        "best_at": str,
        "basis": str,
        "label": str,
        "rep_paragraph_id": int,
        "n_sources": int,
        "story_id": int,
    },
    "event_members": {"event_id": int, "paragraph_id": int, "similarity": float},
}

_PKS: dict[str, str | tuple[str, ...]] = {
    "meta": "key",
    "paragraph_speakers": ("paragraph_id", "person_id"),
    "event_members": ("event_id", "paragraph_id"),
}
_FOREIGN_KEYS = {
    "sources": [("story_id", "stories", "id")],
    "posts": [("source_id", "sources", "id")],
    "paragraphs": [("post_id", "posts", "id"), ("source_id", "sources", "id")],
    "paragraph_speakers": [("paragraph_id", "paragraphs", "id"), ("person_id", "people", "id")],
    "event_members": [("event_id", "events", "id"), ("paragraph_id", "paragraphs", "id")],
}
_INDEXES = [
    ("stories", ["name"], True),
    ("sources", ["outlet", "name"], True),
    ("sources", ["story_id"], False),
    ("posts", ["source_id", "seq"], False),
    ("paragraphs", ["post_id", "seq"], False),
    ("paragraphs", ["source_id", "line"], False),
    ("paragraphs", ["date", "sort_key"], False),
    ("paragraphs", ["event_id", "sort_key"], False),
    ("paragraphs", ["story_id", "rank"], False),
    ("people", ["story_id"], False),
    ("people", ["same_as"], False),
    ("events", ["story_id", "date"], False),
    ("paragraph_speakers", ["person_id"], False),
    ("event_members", ["paragraph_id"], False),
]


def _connect(path: Path, on_wait: Callable[[str], None] | None = None, immutable: bool = False) -> sqlite3.Connection:
    """A connection to `path`; `immutable` reads a file in a folder nobody can write (so
    SQLite can neither lock it nor make the -shm file that WAL readers share)."""
    target, uri = (f"file:{quote(str(path.resolve()))}?immutable=1", True) if immutable else (str(path), False)
    # Writers wait their turn in write_transaction; the connection's own wait is a reader's.
    conn = sqlite3.connect(target, timeout=read_lock_timeout(), uri=uri, factory=GuardedConnection)
    conn.label, conn.on_wait = str(path), on_wait
    try:
        _first_read(conn, path)
        # In WAL mode NORMAL cannot corrupt the file; it only skips an fsync per commit.
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _not_sqlite(exc: sqlite3.Error) -> bool:
    """SQLite found no database in the file (SQLITE_NOTADB): its header is not SQLite's."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_NOTADB  # the low byte is the primary code


def _first_read(conn: sqlite3.Connection, path: Path) -> None:
    """Read the file's header through SQLite, refusing one that is not a SQLite database.

    Never with a plain open(): POSIX locks belong to the process, so closing any other
    descriptor on the file drops the locks this process's connections hold on it, and a
    writer elsewhere then deletes the WAL beneath them (they never see a change again).
    SQLite's own descriptors are safe: it defers closing them while a lock is held.
    """
    try:
        # A plain cursor: the guarded one would report the file as a damaged timeline.
        conn.cursor(sqlite3.Cursor).execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        if _not_sqlite(exc):
            raise LivelineError(f"{path} is not a SQLite database") from exc
        raise


def open_db(
    path: Path | str,
    *,
    create: bool = False,
    on_wait: Callable[[str], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> sqlite_utils.Database:
    """Open a liveline timeline, creating the schema in a new file when `create` is set
    (a writer: `on_wait` hears when it has waited long for another writer), migrating
    a file an older liveline wrote (`on_notice` hears of it once; by default a line on
    stderr).

    Raises LivelineError for a missing file (when not creating), a file that is not a
    liveline database, one with another schema version, or a damaged one.
    """
    path = Path(path)
    if path.is_dir():
        raise LivelineError(f"{path} is a directory, not a timeline database")
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise LivelineError(
            f"no timeline database at {path}; build one with "
            f"`liveline ingest --manifest examples/sources.toml --db {path}`"
        )
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, on_wait)
        db = sqlite_utils.Database(conn)
        if exists:
            _migrate_if_old(db, path, on_notice)
            check_version(db, path)
        else:
            _create_schema(db)
        return db
    except sqlite3.OperationalError as exc:
        _close(conn)
        if create or not _read_only(exc):
            raise _friendly(exc, path) from exc
    except sqlite3.DatabaseError as exc:
        _close(conn)
        raise LivelineError(f"{path} is not a usable SQLite database ({exc})") from exc
    except BaseException:
        _close(conn)
        raise
    return _open_read_only(path)


def _close(conn: sqlite3.Connection | None) -> None:
    """Close a connection that will not be used: SQLite then removes the -wal and -shm
    files it made beside the file (another application's file is left as it was)."""
    if conn is not None:
        conn.close()


def _read_only(exc: sqlite3.OperationalError) -> bool:
    return "readonly" in str(exc) or "unable to open" in str(exc)


def _open_read_only(path: Path) -> sqlite_utils.Database:
    """A reader's way into a timeline whose folder it cannot write: WAL readers share a
    -shm file that SQLite cannot make there, so the file is read as immutable. That
    ignores a -wal file, so one holding changes is refused rather than misread."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise LivelineError(
            f"cannot read {path}: its folder is read-only and {wal.name} holds changes not yet in it; "
            f"open it once where it can be written"
        )
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, immutable=True)
        db = sqlite_utils.Database(conn)
        old = migration.migratable(_stored_version(db, path))
        if old is not None:
            raise LivelineError(
                f"{path} has schema version {old} and must be migrated to version {SCHEMA_VERSION}, "
                f"which needs its folder to be writable; make the folder writable (or copy the file "
                f"somewhere that is) and open it once"
            )
        check_version(db, path)
        return db
    except sqlite3.DatabaseError as exc:
        _close(conn)
        raise LivelineError(f"cannot read {path}: {exc}") from exc
    except BaseException:
        _close(conn)
        raise


def check_replaceable(path: Path) -> None:
    """Refuse to replace `path` (`ingest --fresh`) unless it is absent, empty or a liveline
    timeline of any schema version: never another application's database or a text file."""
    if not path.exists() and not path.is_symlink():
        return
    if path.is_dir():
        raise LivelineError(f"{path} is a directory, not a timeline database")
    if path.is_file() and path.stat().st_size == 0:
        return
    why = "is not a SQLite database"
    if path.is_file():
        try:
            # Immutable: reading another application's file must not lock it or leave files
            # beside it. Through SQLite, never open(): see _first_read.
            probe = sqlite3.connect(f"file:{quote(str(path.resolve()))}?immutable=1", uri=True)
            try:
                row = probe.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
            finally:
                probe.close()
            if row and row[0] == APP_ID:
                return
            why = "is not a liveline timeline"
        except sqlite3.Error as exc:
            if not _not_sqlite(exc):
                why = f"cannot be read as a liveline timeline ({exc})"
    raise LivelineError(f"{path} {why}; --fresh replaces only a liveline timeline (pass --force to replace it anyway)")


def tune_for_bulk_writes(db: sqlite_utils.Database) -> None:
    """For an ingest: a 64 MB page cache keeps the indexes being extended in memory, and
    checkpointing every 40 MB rather than every 4 MB of WAL saves most of the syncs."""
    db.execute("PRAGMA cache_size = -65536")
    db.execute("PRAGMA wal_autocheckpoint = 10000")


def check_version(db: sqlite_utils.Database, path: Path) -> None:
    """Refuse databases that are not liveline's, or are of another schema version."""
    version = _stored_version(db, path)
    if version != str(SCHEMA_VERSION):
        raise LivelineError(
            f"{path} has schema version {version}, this liveline reads version "
            f"{SCHEMA_VERSION}; rebuild it with `liveline ingest --fresh ...` or use the "
            f"liveline that wrote it"
        )


def _stored_version(db: sqlite_utils.Database, path: Path) -> str | None:
    """The schema version a liveline timeline says it has; refuses any other database."""
    if "meta" not in db.table_names():
        raise LivelineError(f"{path} is not a liveline timeline (no meta table)")
    # Only the two keys: meta also holds ingest's large state (the speaker registry), which
    # opening a timeline must not read.
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('app', 'schema_version')").fetchall())
    if meta.get("app") != APP_ID:
        raise LivelineError(f"{path} is not a liveline timeline")
    return meta.get("schema_version")


def _tell(message: str) -> None:
    print(f"liveline: {message}", file=sys.stderr)


def _migrate_if_old(db: sqlite_utils.Database, path: Path, on_notice: Callable[[str], None] | None) -> None:
    """Upgrade a file an older liveline wrote, all or nothing, keeping a copy of it first."""
    if migration.migratable(_stored_version(db, path)) is None:
        return
    kept: Path | None = None
    try:
        with write_transaction(db, path):
            # Re-read under the lock: another liveline may have migrated it while we waited.
            version = migration.migratable(_stored_version(db, path))
            if version is None:
                return
            try:
                kept = migration.keep_backup(path, version)
                migration.upgrade(db, version, _TARGET)
            except (OSError, sqlite3.OperationalError) as exc:
                if isinstance(exc, sqlite3.OperationalError) and not _cannot_write(exc):
                    raise
                raise LivelineError(
                    f"cannot migrate {path} from schema version {version} to {SCHEMA_VERSION} "
                    f"({exc}); it is unchanged: open it once where it and its folder can be written, "
                    f"with room for a copy of it"
                ) from exc
    except BaseException:
        if kept is not None:  # the file is as it was, so the copy is only clutter
            kept.unlink(missing_ok=True)
        raise
    assert kept is not None  # made before anything could be migrated
    (on_notice or _tell)(f"migrated {path} from schema {version} to {SCHEMA_VERSION}; the old file is kept as {kept}")


def _add_tables_and_columns(db: sqlite_utils.Database) -> None:
    """What an older file lacks of TABLES: whole tables, and columns added at the end of
    their table (where TABLES lists every column newer than the table)."""
    for name, columns in TABLES.items():
        table = db.table(name)
        if not table.exists():
            table.create(columns, pk=_PKS.get(name, "id"), foreign_keys=_FOREIGN_KEYS.get(name, []))
            continue
        have = {column.name for column in table.columns}
        references = {column: (other, key) for column, other, key in _FOREIGN_KEYS.get(name, [])}
        for column, kind in columns.items():
            if column in have:
                continue
            other_key = references.get(column)
            reference = f" REFERENCES [{other_key[0]}]([{other_key[1]}])" if other_key else ""
            db.conn.execute(f"ALTER TABLE [{name}] ADD COLUMN [{column}] {COLUMN_TYPE_MAPPING[kind]}{reference}")


def _add_indexes(db: sqlite_utils.Database) -> None:
    for table, cols, unique in _INDEXES:
        db.table(table).create_index(cols, unique=unique, if_not_exists=True)


_TARGET = migration.Target(SCHEMA_VERSION, _add_tables_and_columns, _add_indexes)


def _create_schema(db: sqlite_utils.Database) -> None:
    db.enable_wal()
    with db.conn:
        for name, columns in TABLES.items():
            db.table(name).create(
                columns,
                pk=_PKS.get(name, "id"),
                foreign_keys=_FOREIGN_KEYS.get(name, []),
                if_not_exists=True,
            )
        for table, cols, unique in _INDEXES:
            db.table(table).create_index(cols, unique=unique, if_not_exists=True)
        # Partial: ingest inserts paragraphs unranked, and must not pay for four indexes of nulls.
        for key in ("rank", "rrank", "mrank", "mrrank"):
            db.execute(f"CREATE INDEX idx_paragraphs_{key} ON paragraphs ({key}) WHERE {key} IS NOT NULL")
        db.execute(QUOTATION_INDEX)
        db.table("paragraphs").enable_fts(
            ["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
        )
        # sqlite-utils' update trigger fires on any column; ordering and merging update
        # sort_key and event_id of every paragraph, which must not rewrite the text index.
        db.execute("DROP TRIGGER paragraphs_au")
        db.execute(
            """CREATE TRIGGER paragraphs_au AFTER UPDATE OF text ON paragraphs BEGIN
                 INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES('delete', old.rowid, old.text);
                 INSERT INTO paragraphs_fts (rowid, text) VALUES (new.rowid, new.text);
               END"""
        )
        db.table("meta").insert_all(
            [
                {"key": "app", "value": APP_ID},
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            ],
            replace=True,
        )


def _cannot_write(exc: sqlite3.OperationalError) -> bool:
    """The file or its disk refuses writes (as opposed to a mistake in liveline's SQL)."""
    primary = exc.sqlite_errorcode & 0xFF  # the extended code's low byte
    return primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)


def _friendly(exc: sqlite3.OperationalError, path: Path) -> LivelineError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return LivelineError(
            f"{path} is locked by another process; try again when it has finished "
            f"(${LOCK_TIMEOUT_ENV} sets how long a writer waits)"
        )
    if "readonly" in text or "unable to open" in text or _cannot_write(exc):
        return LivelineError(f"cannot write to {path}: {text}")
    return LivelineError(f"database error in {path}: {text}")


@contextmanager
def write_transaction(db: sqlite_utils.Database, path: Path | str) -> Iterator[sqlite3.Connection]:
    """One all-or-nothing write: committed on success, rolled back on any error or Ctrl-C.
    It begins once the writers queued before it have had their turn, and waits its own
    (up to $LIVELINE_LOCK_TIMEOUT) while another writer holds the lock.

    Rows are written with the raw connection inside it, because sqlite-utils' own
    writers commit as they go and would split one source's ingest into several.
    """
    conn = db.conn
    try:
        begin_write(conn, Path(path), lock_timeout(), getattr(conn, "on_wait", None))
    except sqlite3.OperationalError as exc:
        raise _friendly(exc, Path(path)) from exc
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        conn.rollback()
        if _cannot_write(exc):  # a read-only file is found out by the first write, not by BEGIN
            raise _friendly(exc, Path(path)) from exc
        raise
    except BaseException:
        conn.rollback()
        raise
    else:
        try:
            conn.commit()
        except sqlite3.OperationalError as exc:
            conn.rollback()
            raise _friendly(exc, Path(path)) from exc


# Columns that record when and from where a build ran, not what it contains.
_VOLATILE = {"sources": {"ingested_at", "path"}, "stories": {"created_at"}}


def content_digest(db: sqlite_utils.Database) -> str:
    """A hash of everything a timeline contains, for telling whether two builds agree."""
    digest = hashlib.sha256()
    for table, columns in TABLES.items():
        keep = [c for c in columns if c not in _VOLATILE.get(table, set())]
        pk = _PKS.get(table, "id")
        order = ", ".join(f"[{c}]" for c in (pk if isinstance(pk, tuple) else (pk,)))
        sql = f"SELECT {', '.join(f'[{c}]' for c in keep)} FROM [{table}] ORDER BY {order}"
        for row in db.conn.execute(sql):
            digest.update(json.dumps([table, *row], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()
