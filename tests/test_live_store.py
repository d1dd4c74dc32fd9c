"""A timeline open in one process sees every write another process makes to it.

SQLite's POSIX locks belong to the process, not to the descriptor: closing ANY
descriptor on the database file drops them all. A plain open()/close() of the file
(a header check) in a process that holds a connection lets a writer in another process
delete the WAL beneath that connection, which then never sees a change again.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from liveline.timeline.connections import own_connection
from liveline.timeline.errors import LivelineError
from liveline.timeline.store import check_replaceable, open_db
from tests.conftest import GOOD, REPO, write

# Longest a writer process may take before it counts as hung (a loaded machine).
HANG = 120


def ingest_in_another_process(tmp_path: Path, db: Path, outlet: str) -> None:
    text = write(tmp_path, f"{outlet.lower()}.txt", GOOD.replace("Minister", outlet))
    env = {k: v for k, v in os.environ.items() if k != "LIVELINE_LOCK_TIMEOUT"}
    run = subprocess.run(
        [sys.executable, "-m", "liveline", "ingest", str(text), "--outlet", outlet, "--date", "2025-02-03", "--db", str(db)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=HANG,
    )
    assert run.returncode == 0, run.stderr


def deleted_wal_descriptors() -> list[str]:
    """The files this process holds open that were deleted beneath it (Linux)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed since the listing
        if target.endswith("(deleted)") and "-wal" in target:
            found.append(target)
    return found


def outlets(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT outlet FROM sources ORDER BY id")]


def test_a_reader_that_opened_a_second_connection_sees_every_later_write_from_another_process(tmp_path):
    db = tmp_path / "t.db"
    ingest_in_another_process(tmp_path, db, "First")
    reader = open_db(db)
    try:
        # The reader's background work opens and closes a connection of its own.
        with own_connection(db) as worker:
            assert outlets(worker.conn) == ["First"]
        seen = reader.conn.execute("PRAGMA data_version").fetchone()[0]
        for outlet in ("Second", "Third"):
            ingest_in_another_process(tmp_path, db, outlet)
            now = reader.conn.execute("PRAGMA data_version").fetchone()[0]
            assert now != seen, f"the reader did not notice the write of {outlet}"
            seen = now
            assert outlets(reader.conn)[-1] == outlet
            assert deleted_wal_descriptors() == []
        assert outlets(reader.conn) == ["First", "Second", "Third"]
    finally:
        reader.conn.close()


def test_a_reader_that_checked_a_fresh_target_still_sees_later_writes(tmp_path):
    """check_replaceable (`ingest --fresh`) reads the file too: it must not drop the locks either."""
    db = tmp_path / "t.db"
    ingest_in_another_process(tmp_path, db, "First")
    reader = open_db(db)
    try:
        check_replaceable(db)
        seen = reader.conn.execute("PRAGMA data_version").fetchone()[0]
        for outlet in ("Second", "Third"):
            ingest_in_another_process(tmp_path, db, outlet)
            now = reader.conn.execute("PRAGMA data_version").fetchone()[0]
            assert now != seen, f"the reader did not notice the write of {outlet}"
            seen = now
            assert deleted_wal_descriptors() == []
        assert outlets(reader.conn) == ["First", "Second", "Third"]
    finally:
        reader.conn.close()


@pytest.mark.parametrize("content", [b"my shopping list\n", b"SQLite format 3\x00" + b"\x07" * 200, b"\x00" * 4096])
def test_a_file_that_is_not_sqlite_is_refused_in_one_line_and_left_exactly_as_it_was(tmp_path, content):
    notes = tmp_path / "notes.db"
    notes.write_bytes(content)
    before = os.stat(notes)
    with pytest.raises(LivelineError) as refused:
        open_db(notes)
    assert str(refused.value) in (f"{notes} is not a SQLite database", f"{notes} is not a liveline timeline (no meta table)")
    with pytest.raises(LivelineError, match="--force"):
        check_replaceable(notes)
    assert notes.read_bytes() == content
    assert os.stat(notes).st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_text_file_is_refused_as_not_sqlite_not_as_damaged(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my shopping list\n", encoding="utf-8")
    with pytest.raises(LivelineError) as refused:
        open_db(notes)
    assert str(refused.value) == f"{notes} is not a SQLite database"
    with pytest.raises(LivelineError) as refused:
        check_replaceable(notes)
    assert str(refused.value).startswith(f"{notes} is not a SQLite database;")
