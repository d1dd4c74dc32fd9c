"""Big batches: written in groups with the full-text index built in bulk, parsed as a
stream (in worker processes) in chunks; the same timeline as a batch written source by
source, and a bad source in a stream keeps the sources before it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from liveline.ingest import bulk_index, stream, writer
from liveline.ingest.pipeline import ingest, parse_source
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.stories.choice import place_in_stories
from liveline.timeline.errors import LivelineError
from liveline.timeline.store import open_db
from tests.conftest import GOOD, digest, write

DAY = dt.date(2025, 2, 3)
WORDS = ["minister", "opposition", "debate", "replied", "mayor", "spoke", "nothing"]


def blog(i: int) -> str:
    return (GOOD.replace("Minister", f"Minister {i}").replace("replied", f"replied {i} times")
            + ("The mayor spoke too.\nShare\n" if i % 2 else ""))


def specs(folder: Path, count: int, text=blog) -> list[SourceSpec]:
    folder.mkdir(exist_ok=True)
    return [SourceSpec(path=write(folder, f"s{i}.txt", text(i)), outlet="Herald", name=f"s{i}", date=DAY)
            for i in range(count)]


def searches(db: Path) -> dict[str, list[int]]:
    conn = sqlite3.connect(db)
    try:
        return {word: [row[0] for row in conn.execute(
            "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? ORDER BY rowid", (word,))] for word in WORDS}
    finally:
        conn.close()


def rows(db: Path) -> list[tuple[object, ...]]:
    """What ingest writes of each paragraph (its story aside: a rerun proposes one for the rest)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT p.id, p.post_id, s.name, p.seq, p.text FROM paragraphs p "
                            "JOIN sources s ON s.id = p.source_id ORDER BY p.id").fetchall()
    finally:
        conn.close()


def index_is_sound(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)")
        trigger = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (bulk_index.INSERT_TRIGGER,)).fetchone()
        return trigger is not None
    finally:
        conn.close()


def write_batch(db_path: Path, batch: list[SourceSpec], grouped: bool) -> None:
    """Parse and place the batch, then write it in one group or a source at a time."""
    parsed = [parse_source(spec) for spec in batch]
    db = open_db(db_path, create=True)
    try:
        ids = place_in_stories(db, db_path, parsed).ids
        pairs = list(zip(parsed, ids, strict=True))
        if grouped:
            writer.write_group(db, pairs, db_path)
        else:
            for source, story_id in pairs:
                writer.write_source(db, source, db_path, story_id=story_id)
    finally:
        db.conn.close()


def test_the_bulk_index_answers_the_same_searches_as_the_row_by_row_one(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "BULK_INDEX_PARAGRAPHS", 1)
    batch = specs(tmp_path, 6)
    # The same source twice in one group, its second version different: the first one's
    # rows are deleted before the group has indexed them.
    (tmp_path / "again").mkdir()
    changed = write(tmp_path / "again", "s2.txt", blog(2).replace("opposition", "government"))
    batch.append(SourceSpec(path=changed, outlet="Herald", name="s2", date=DAY))
    write_batch(tmp_path / "rows.db", batch, grouped=False)
    write_batch(tmp_path / "bulk.db", batch, grouped=True)
    assert searches(tmp_path / "bulk.db") == searches(tmp_path / "rows.db")
    assert searches(tmp_path / "bulk.db")["mayor"]
    assert index_is_sound(tmp_path / "bulk.db")
    # The row-by-row trigger is back for the next small write.
    write_batch(tmp_path / "bulk.db", specs(tmp_path / "more", 1, lambda i: blog(9).replace("mayor", "governor")), grouped=False)
    assert index_is_sound(tmp_path / "bulk.db")
    conn = sqlite3.connect(tmp_path / "bulk.db")
    assert conn.execute("SELECT COUNT(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'governor'").fetchone()[0] == 1


def test_an_interrupted_bulk_group_leaves_a_sound_index_and_the_next_run_completes_it(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "BULK_INDEX_PARAGRAPHS", 1)
    monkeypatch.setattr(writer, "GROUP_PARAGRAPHS", 12)  # groups of a few sources
    monkeypatch.setattr(stream, "CHUNK_SOURCES", 4)
    batch = specs(tmp_path, 12)
    real = bulk_index.BulkIndex.finish
    calls = []

    def interrupt_second(self):
        calls.append(1)
        if len(calls) == 2:  # the second group's rows are written, its index not yet built
            raise KeyboardInterrupt
        real(self)

    monkeypatch.setattr(bulk_index.BulkIndex, "finish", interrupt_second)
    with pytest.raises(KeyboardInterrupt):
        ingest(batch, tmp_path / "t.db", speakers=False, merge=False)
    kept = sqlite3.connect(tmp_path / "t.db").execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    assert 0 < kept < len(batch)
    assert index_is_sound(tmp_path / "t.db")
    monkeypatch.setattr(bulk_index.BulkIndex, "finish", real)
    ingest(batch, tmp_path / "t.db", speakers=False, merge=False)
    ingest(batch, tmp_path / "clean.db", speakers=False, merge=False)
    assert rows(tmp_path / "t.db") == rows(tmp_path / "clean.db")
    assert searches(tmp_path / "t.db") == searches(tmp_path / "clean.db")
    assert index_is_sound(tmp_path / "t.db")


def test_a_streamed_batch_parsed_in_workers_builds_the_same_timeline(tmp_path, monkeypatch):
    batch = specs(tmp_path, 10)
    ingest(batch, tmp_path / "whole.db")
    monkeypatch.setattr(stream, "CHUNK_SOURCES", 3)
    monkeypatch.setattr(stream, "LOOKAHEAD", 3)
    monkeypatch.setattr(stream, "PARALLEL_FROM", 2)
    monkeypatch.setattr(writer, "GROUP_PARAGRAPHS", 10)
    told: list[str] = []
    report = ingest(batch, tmp_path / "streamed.db", on_written=lambda source, status: told.append(source.spec.name))
    assert told == [spec.name for spec in batch]
    assert [status for _, status in report.results] == ["added"] * len(batch)
    assert len(report.stories) == 1  # one proposal for the batch, whatever its chunks
    assert digest(tmp_path / "streamed.db") == digest(tmp_path / "whole.db")
    assert searches(tmp_path / "streamed.db") == searches(tmp_path / "whole.db")
    conn = sqlite3.connect(tmp_path / "streamed.db")
    assert conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 1


def test_a_bad_source_in_a_stream_keeps_the_sources_before_it(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "CHUNK_SOURCES", 3)
    monkeypatch.setattr(stream, "LOOKAHEAD", 3)
    monkeypatch.setattr(stream, "PARALLEL_FROM", 2)
    batch = specs(tmp_path, 8)
    batch[5] = SourceSpec(path=tmp_path / "missing.txt", outlet="Herald", name="missing", date=DAY)
    with pytest.raises(LivelineError) as failed:
        ingest(batch, tmp_path / "t.db")
    message = str(failed.value)
    assert "missing.txt" in message and "the 5 sources before it are written and kept" in message
    assert "\n" not in message
    names = [row[0] for row in sqlite3.connect(tmp_path / "t.db").execute("SELECT name FROM sources ORDER BY id")]
    assert names == [spec.name for spec in batch[:5]]
    assert index_is_sound(tmp_path / "t.db")
    # Fixed and run again: the sources kept are skipped, the rest written.
    write(tmp_path, "missing.txt", blog(5))
    report = ingest(batch, tmp_path / "t.db")
    assert [status for _, status in report.results] == ["unchanged"] * 5 + ["added"] * 3


def test_a_bad_source_in_the_first_chunk_leaves_the_timeline_untouched(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "CHUNK_SOURCES", 3)
    monkeypatch.setattr(stream, "PARALLEL_FROM", 2)
    ingest(specs(tmp_path / "first", 1), tmp_path / "t.db")
    before = digest(tmp_path / "t.db")
    batch = specs(tmp_path, 8)
    batch[1] = SourceSpec(path=tmp_path / "missing.txt", outlet="Herald", name="missing", date=DAY)
    with pytest.raises(LivelineError, match="missing.txt"):
        ingest(batch, tmp_path / "t.db")
    assert digest(tmp_path / "t.db") == before
