"""A timeline written by the previous liveline (schema 3, or 2) opens with today's: it is
migrated in one transaction, a copy of the old file is kept beside it, and nothing is
lost; a newer schema, a read-only folder or a busy file leave it exactly as it was."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest

from liveline.timeline import migration, store
from liveline.timeline.errors import LivelineError
from liveline.timeline.store import SCHEMA_VERSION, open_db
from liveline.timeline.stories import stories, story_slug
from tests.conftest import REPO
from tests.test_hostile_database import as_someone_who_cannot_write, one_line_error

OLD = REPO / "tests" / "fixtures" / "old_schema" / "schema3.db"
# The example as the schema-3 liveline attributed it: a migration keeps the rows and reads
# nothing anew, so this differs from example.md only where attribution has improved since
# (one paragraph: "An independent MP has called Elon Musk an ..." now has its speaker).
GOLDEN = REPO / "tests" / "golden" / "example-schema3.md"
OLD_TABLES = ("meta", "sources", "posts", "paragraphs", "people", "paragraph_speakers", "events", "event_members")


@pytest.fixture
def old_copy(tmp_path) -> Path:
    """The example timeline as the schema-3 liveline wrote it, in a folder of its own."""
    folder = tmp_path / "old"
    folder.mkdir()
    return Path(shutil.copy(OLD, folder / "timeline.db"))


def read_only(path: Path) -> sqlite3.Connection:
    """A look at a file (with what its -wal holds) that cannot change it."""
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)


def counts(path: Path) -> dict[str, int]:
    conn = read_only(path)
    try:
        return {table: conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0] for table in OLD_TABLES}
    finally:
        conn.close()


def version_of(path: Path) -> str:
    conn = read_only(path)
    try:
        return conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = read_only(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def beside(path: Path) -> list[str]:
    """The files beside `path`, less SQLite's own (-wal, -shm) and the writers' queue."""
    return sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm", "-writers")))


def schema_of(db) -> dict[str, object]:
    """Every table's columns (in order), foreign keys and indexes, as SQLite reports them."""
    shape: dict[str, object] = {}
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        indexes = sorted(db.execute(f"PRAGMA index_list([{table}])").fetchall(), key=lambda r: r[1])
        shape[table] = {
            "columns": db.execute(f"PRAGMA table_info([{table}])").fetchall(),
            "foreign keys": sorted(db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall()),
            "indexes": [(name, unique, origin, partial, db.execute(f"PRAGMA index_info([{name}])").fetchall())
                        for _, name, unique, origin, partial in indexes],
        }
    return shape


def with_schema(path: Path, version: int) -> Path:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    conn.close()
    return path


# Migrating --------------------------------------------------------------------------


def test_the_previous_timeline_opens_in_every_command_and_exports_as_before(cli, old_copy):
    before = counts(old_copy)
    first = cli("sources", "--db", old_copy)
    assert first.code == 0, first.err
    kept = Path(f"{old_copy}.schema3.bak")
    assert first.err == f"liveline: migrated {old_copy} from schema 3 to {SCHEMA_VERSION}; the old file is kept as {kept}\n"
    assert cli("speakers", "--db", old_copy).code == 0
    exported = old_copy.parent / "export.md"
    run = cli("export", "--db", old_copy, "-o", exported)
    assert run.code == 0 and "migrated" not in run.err, run.err  # told once, on the opening that migrated
    assert exported.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    assert counts(old_copy) == before
    assert version_of(old_copy) == str(SCHEMA_VERSION)


def test_the_kept_copy_is_the_old_file_row_for_row_still_at_schema_3(old_copy, tmp_path):
    pristine = Path(shutil.copy(OLD, tmp_path / "pristine.db"))  # read here: reading leaves files beside it
    open_db(old_copy, on_notice=lambda _: None).close()
    kept = Path(f"{old_copy}.schema3.bak")
    assert version_of(kept) == "3"
    assert dump(kept) == dump(pristine)
    assert beside(old_copy) == ["timeline.db", "timeline.db.schema3.bak"]


def test_everything_in_the_old_file_becomes_one_story_named_from_its_main_source(old_copy):
    old = read_only(old_copy)
    main_title = old.execute(
        "SELECT s.title FROM sources s JOIN posts p ON p.source_id = s.id GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    (first_date,) = old.execute("SELECT MIN(date) FROM sources").fetchone()
    people_before = old.execute("SELECT id, name, role, kind, aliases FROM people ORDER BY id").fetchall()
    registry = old.execute("SELECT value FROM meta WHERE key = 'speaker_registry'").fetchone()[0]
    old.close()
    heard: list[str] = []
    db = open_db(old_copy, on_notice=heard.append)
    assert len(heard) == 1
    (story,) = stories(db)
    assert (story.id, story.name, story.title) == (1, story_slug(main_title, first_date), main_title)
    assert db.execute("SELECT origin FROM stories").fetchone()[0] == "migrated"
    for table in ("sources", "paragraphs", "people", "events"):
        assert db.execute(f"SELECT DISTINCT story_id FROM [{table}]").fetchall() == [(1,)], table
    # Person ids stay as they were: story 1 numbers its people from 1.
    assert db.execute("SELECT id, name, role, kind, aliases FROM people ORDER BY id").fetchall() == people_before
    assert db.execute("SELECT COUNT(*) FROM people WHERE same_as IS NOT NULL").fetchone()[0] == 0
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    assert "speaker_registry" not in meta and meta["speaker_registry:1"] == registry
    db.close()
    open_db(old_copy, on_notice=heard.append).close()
    assert len(heard) == 1  # a migrated file is simply today's


def test_a_migrated_timeline_has_the_same_tables_columns_and_indexes_as_a_new_one(old_copy, tmp_path):
    fresh = open_db(tmp_path / "new.db", create=True)
    migrated = open_db(old_copy, on_notice=lambda _: None)
    assert schema_of(migrated) == schema_of(fresh)


def test_a_schema_2_timeline_migrates_through_3_with_its_own_backup(cli, old_copy, tmp_path):
    """Schema 3 only added posts.removed_at, so the old file less that column is schema 2."""
    conn = sqlite3.connect(old_copy)
    with conn:
        conn.execute("ALTER TABLE posts DROP COLUMN removed_at")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.close()
    before = counts(old_copy)
    run = cli("sources", "--db", old_copy)
    assert run.code == 0, run.err
    assert f"from schema 2 to {SCHEMA_VERSION}" in run.err and run.err.count("\n") == 1
    kept = Path(f"{old_copy}.schema2.bak")
    assert version_of(kept) == "2" and counts(kept) == before == counts(old_copy)
    fresh = open_db(tmp_path / "new.db", create=True)
    assert schema_of(open_db(old_copy)) == schema_of(fresh)
    exported = tmp_path / "export.md"
    assert cli("export", "--db", old_copy, "-o", exported).code == 0
    assert exported.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


def test_a_backup_name_already_taken_is_left_alone_and_the_next_is_used(old_copy):
    taken = Path(f"{old_copy}.schema3.bak")
    taken.write_text("somebody's notes\n", encoding="utf-8")
    heard: list[str] = []
    open_db(old_copy, on_notice=heard.append).close()
    assert taken.read_text(encoding="utf-8") == "somebody's notes\n"
    assert heard[0].endswith(f"kept as {old_copy}.schema3.1.bak")
    assert version_of(Path(f"{old_copy}.schema3.1.bak")) == "3"


def test_ingesting_into_the_previous_timeline_migrates_it_first_and_keeps_its_people(cli, old_copy):
    old = read_only(old_copy)
    people_before = old.execute("SELECT id, name FROM people ORDER BY id").fetchall()
    sources_before = old.execute("SELECT id FROM sources ORDER BY id").fetchall()
    old.close()
    text = old_copy.parent / "new.txt"
    text.write_text("A council meeting opens\nThe mayor spoke first.\nShare\n", encoding="utf-8")
    run = cli("ingest", text, "--outlet", "Town", "--date", "2025-03-01", "--db", old_copy)
    assert run.code == 0, run.err
    assert f"from schema 3 to {SCHEMA_VERSION}" in run.err
    db = open_db(old_copy)
    assert db.execute("SELECT id, name FROM people WHERE story_id = 1 ORDER BY id").fetchall() == people_before
    assert db.execute("SELECT id FROM sources WHERE story_id = 1 ORDER BY id").fetchall() == sources_before
    assert db.execute("SELECT COUNT(*) FROM sources WHERE outlet = 'Town'").fetchone()[0] == 1


# Leaving it as it was ----------------------------------------------------------------


def test_a_failure_during_the_migration_leaves_the_file_at_schema_3_with_every_row(old_copy, monkeypatch):
    before, dumped = counts(old_copy), dump(old_copy)

    def fail(db) -> None:  # the last step, after columns were added and filled
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(store, "_TARGET", dataclasses.replace(store._TARGET, add_indexes=fail))
    with pytest.raises(RuntimeError, match="disk went away"):
        open_db(old_copy, on_notice=lambda _: None)
    assert version_of(old_copy) == "3" and counts(old_copy) == before and dump(old_copy) == dumped
    assert beside(old_copy) == ["timeline.db"]  # no backup of a file that did not change
    monkeypatch.undo()
    assert open_db(old_copy, on_notice=lambda _: None).execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 1


def test_a_newer_schema_is_refused_and_left_untouched(cli, old_copy):
    with_schema(old_copy, SCHEMA_VERSION + 1)
    before = old_copy.read_bytes()
    one_line_error(cli("sources", "--db", old_copy), f"schema version {SCHEMA_VERSION + 1}")
    assert old_copy.read_bytes() == before
    assert beside(old_copy) == ["timeline.db"]


def test_a_schema_older_than_2_is_still_refused(old_copy):
    with_schema(old_copy, 1)
    with pytest.raises(LivelineError, match="schema version 1"):
        open_db(old_copy)
    assert beside(old_copy) == ["timeline.db"]


def test_an_old_timeline_in_a_read_only_folder_is_refused_in_one_line_saying_what_to_do(old_copy):
    before = old_copy.read_bytes()
    folder = old_copy.parent
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    try:
        done = as_someone_who_cannot_write("sources", "--db", old_copy)
    finally:
        folder.chmod(mode)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "schema version 3" in done.stderr and "make the folder writable" in done.stderr
    assert old_copy.read_bytes() == before
    assert beside(old_copy) == ["timeline.db"]


def test_an_old_timeline_that_is_itself_read_only_is_refused_in_one_line_and_unchanged(old_copy):
    before = old_copy.read_bytes()
    mode = old_copy.stat().st_mode
    old_copy.chmod(0o444)
    try:
        done = as_someone_who_cannot_write("sources", "--db", old_copy)
    finally:
        old_copy.chmod(mode)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "cannot migrate" in done.stderr and "it is unchanged" in done.stderr
    assert old_copy.read_bytes() == before
    assert beside(old_copy) == ["timeline.db"]


def test_an_old_timeline_another_program_is_writing_is_refused_as_busy_and_unchanged(cli, old_copy):
    before = old_copy.read_bytes()
    holder = sqlite3.connect(old_copy, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        one_line_error(cli("sources", "--db", old_copy), "is locked by another process")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert old_copy.read_bytes() == before
    assert beside(old_copy) == ["timeline.db"]
    assert cli("sources", "--db", old_copy).code == 0  # once it is free, it migrates


def test_only_the_versions_it_knows_how_to_upgrade_are_migrated():
    assert [v for v in range(0, SCHEMA_VERSION + 3) if migration.migratable(str(v))] == [2, 3]
    assert migration.migratable(None) is None and migration.migratable("3.0") is None
