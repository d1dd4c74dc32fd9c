"""The timeline file: schema, full-text search, re-ingest rules and all-or-nothing writes."""

from __future__ import annotations

import sqlite3

import pytest

from liveline.ingest import writer
from liveline.timeline.errors import LivelineError
from liveline.timeline.store import SCHEMA_VERSION, content_digest, open_db
from tests.conftest import write

BLOG = """
Minister opens the debate
The minister said the plan would be published in spring.
Share
Updated at 10.15 GMT
The opposition called the plan late.
Share
"""


def ingest_blog(cli, tmp_path, text=BLOG, name="blog.txt", outlet="Daily Test"):
    path = write(tmp_path, name, text)
    return cli("ingest", path, "--outlet", outlet, "--date", "2025-02-03", "--db", tmp_path / "t.db")


def test_a_new_database_has_wal_fts_and_the_schema_version(cli, tmp_path):
    assert ingest_blog(cli, tmp_path).code == 0
    db = open_db(tmp_path / "t.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meta = {r["key"]: r["value"] for r in db["meta"].rows}
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    hits = db.execute(
        "SELECT p.text FROM paragraphs_fts f JOIN paragraphs p ON p.rowid = f.rowid WHERE paragraphs_fts MATCH 'opposition'"
    ).fetchall()
    assert hits == [("The opposition called the plan late.",)]


def test_re_ingesting_identical_content_changes_nothing(cli, tmp_path):
    ingest_blog(cli, tmp_path)
    db = open_db(tmp_path / "t.db")
    before = (content_digest(db), db.execute("SELECT ingested_at FROM sources").fetchone())
    run = ingest_blog(cli, tmp_path)
    assert run.code == 0 and "unchanged" in run.err
    assert (content_digest(db), db.execute("SELECT ingested_at FROM sources").fetchone()) == before


def test_changed_content_replaces_that_sources_rows_only(cli, tmp_path):
    ingest_blog(cli, tmp_path)
    ingest_blog(cli, tmp_path, text="Another outlet's only post.\nShare\nAnd one more.\nShare\n", name="other.txt", outlet="Other")
    run = ingest_blog(cli, tmp_path, text=BLOG.replace("called the plan late", "welcomed the plan"))
    assert run.code == 0 and "replaced" in run.err
    db = open_db(tmp_path / "t.db")
    texts = [r[0] for r in db.execute("SELECT text FROM paragraphs ORDER BY id")]
    assert "The opposition welcomed the plan." in texts
    assert "The opposition called the plan late." not in texts
    assert "Another outlet's only post." in texts
    assert db.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 2
    # The full-text index follows the replacement.
    assert db.execute("SELECT COUNT(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'late'").fetchone()[0] == 0


def test_ctrl_c_in_a_multi_file_ingest_keeps_finished_sources_only(cli, tmp_path, monkeypatch):
    paths = [write(tmp_path, f"b{i}.txt", BLOG.replace("minister", f"minister {i}")) for i in range(3)]
    real = writer.mark_dirty_dates
    calls = []

    def interrupt_third(conn, dates):
        calls.append(1)
        if len(calls) == 3:  # rows of the third source are written, not committed
            raise KeyboardInterrupt
        real(conn, dates)

    monkeypatch.setattr(writer, "mark_dirty_dates", interrupt_third)
    run = cli("ingest", *paths, "--outlet", "X", "--date", "2025-02-03", "--db", tmp_path / "t.db")
    assert run.code == 130
    assert "interrupted" in run.err
    db = open_db(tmp_path / "t.db")
    assert [r[0] for r in db.execute("SELECT name FROM sources ORDER BY id")] == ["b0", "b1"]
    assert db.execute("SELECT COUNT(*) FROM paragraphs WHERE text LIKE '%minister 2%'").fetchone()[0] == 0
    # The next ingest settles the order the interrupted batch left unsettled.
    monkeypatch.setattr(writer, "mark_dirty_dates", real)
    assert cli("ingest", paths[2], "--outlet", "X", "--date", "2025-02-03", "--db", tmp_path / "t.db").code == 0
    assert db.execute("SELECT COUNT(*) FROM paragraphs WHERE sort_key IS NULL").fetchone()[0] == 0


def test_a_database_of_another_schema_version_is_refused_and_left_alone(cli, tmp_path):
    ingest_blog(cli, tmp_path)
    with sqlite3.connect(tmp_path / "t.db") as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = (tmp_path / "t.db").read_bytes()
    for args in (["sources"], ["ingest", tmp_path / "blog.txt", "--outlet", "Y", "--date", "2025-02-03"]):
        run = cli(*args, "--db", tmp_path / "t.db")
        assert run.code == 1
        assert "schema version 99" in run.err and run.err.count("\n") == 1
    assert (tmp_path / "t.db").read_bytes() == before


def test_a_sqlite_file_that_is_not_a_timeline_is_refused(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(LivelineError, match="not a liveline timeline"):
        open_db(other)
    (tmp_path / "text.db").write_text("hello")
    with pytest.raises(LivelineError, match="not a SQLite database"):
        open_db(tmp_path / "text.db")


def test_reading_a_missing_database_says_how_to_build_one(cli, tmp_path):
    run = cli("sources", "--db", tmp_path / "none.db")
    assert run.code == 1
    assert "liveline ingest --manifest" in run.err
    assert not (tmp_path / "none.db").exists()


def test_a_source_written_again_whole_takes_new_ids_so_an_open_reader_counts_it_as_news(cli, tmp_path):
    assert ingest_blog(cli, tmp_path).code == 0
    db = open_db(tmp_path / "t.db")
    before = db.execute("SELECT MAX(id) FROM paragraphs").fetchone()[0], db.execute("SELECT MAX(id) FROM posts").fetchone()[0]
    assert ingest_blog(cli, tmp_path, BLOG.replace("late", "far too late")).code == 0
    after = db.execute("SELECT MIN(id) FROM paragraphs").fetchone()[0], db.execute("SELECT MIN(id) FROM posts").fetchone()[0]
    assert after[0] > before[0] and after[1] > before[1]
