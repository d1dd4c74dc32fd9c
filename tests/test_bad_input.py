"""Bad input: one clear line on stderr, a non-zero exit, and the database exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from liveline.timeline.store import open_db
from tests.conftest import GOOD, digest, write


def fails(cli, db: Path, *args, expect: str) -> str:
    before = digest(db)
    run = cli("ingest", *args, "--outlet", "Bad", "--db", db)
    assert run.code == 1, run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    assert expect in lines[0]
    assert digest(db) == before
    return lines[0]


def test_missing_path(cli, db, tmp_path):
    fails(cli, db, tmp_path / "nope.txt", "--date", "2025-02-03", expect="no such file")


def test_a_directory(cli, db, tmp_path):
    fails(cli, db, tmp_path, "--date", "2025-02-03", expect="is a directory")


def test_empty_file(cli, db, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    fails(cli, db, tmp_path / "empty.txt", "--date", "2025-02-03", expect="is empty")


def test_binary_file(cli, db, tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    fails(cli, db, tmp_path / "image.txt", "--date", "2025-02-03", expect="binary")


def test_no_posts_found(cli, db, tmp_path):
    write(tmp_path, "furniture.txt", "Share\nKey events\nPlease turn on JavaScript to use this feature\nShare\n")
    fails(cli, db, tmp_path / "furniture.txt", "--date", "2025-02-03", expect="no posts found")


def test_no_date_anywhere_names_the_flag(cli, db, tmp_path):
    write(tmp_path, "undated.txt", GOOD)
    fails(cli, db, tmp_path / "undated.txt", expect="--date")


def test_bad_date_value(cli, db, tmp_path):
    write(tmp_path, "x.txt", GOOD)
    fails(cli, db, tmp_path / "x.txt", "--date", "16/01/2025", expect="YYYY-MM-DD")


def test_one_bad_file_in_a_batch_writes_none_of_the_batch(cli, db, tmp_path):
    write(tmp_path, "fine.txt", GOOD.replace("Minister", "Mayor"))
    fails(cli, db, tmp_path / "fine.txt", tmp_path / "missing.txt", "--date", "2025-02-03", expect="missing.txt")


def test_locked_database(cli, db, tmp_path):
    write(tmp_path, "new.txt", GOOD.replace("Minister", "Mayor"))
    blocker = sqlite3.connect(db)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        run = cli("ingest", tmp_path / "new.txt", "--outlet", "New", "--date", "2025-02-03", "--db", db)
    finally:
        blocker.rollback()
        blocker.close()
    assert run.code == 1
    assert run.err.strip().count("\n") == 0 and "locked" in run.err
    assert open_db(db).execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 1


def test_cp1252_text_is_decoded_with_a_warning(cli, db, tmp_path):
    (tmp_path / "win.txt").write_bytes("The minister said it was \u2018vital\u2019.\nShare\nCaf\u00e9 owners replied.\nShare\n".encode("cp1252"))
    run = cli("ingest", tmp_path / "win.txt", "--outlet", "Win", "--date", "2025-02-03", "--db", db)
    assert run.code == 0
    assert "cp1252" in run.err and "warning" in run.err
    texts = [r[0] for r in open_db(db).execute("SELECT text FROM paragraphs")]
    assert "The minister said it was \u2018vital\u2019." in texts
    assert "Caf\u00e9 owners replied." in texts


def test_utf8_with_bom_is_read_cleanly(cli, db, tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + b"Minister opens the debate\nThe minister spoke.\nShare\nOthers replied.\nShare\n")
    run = cli("ingest", tmp_path / "bom.txt", "--outlet", "Bom", "--date", "2025-02-03", "--db", db)
    assert run.code == 0 and run.err.count("warning") == 0
    headline = open_db(db).execute("SELECT headline FROM posts p JOIN sources s ON s.id = p.source_id WHERE s.outlet = 'Bom' ORDER BY p.seq").fetchone()[0]
    assert headline == "Minister opens the debate"


def test_an_impossible_time_is_ignored_with_a_warning(cli, db, tmp_path):
    write(tmp_path, "odd.txt", "25.61 GMT\nThe minister spoke.\nShare\nOthers replied.\nShare\n")
    run = cli("ingest", tmp_path / "odd.txt", "--outlet", "Odd", "--date", "2025-02-03", "--db", db)
    assert run.code == 0
    assert "impossible time '25.61'" in run.err
    assert open_db(db).execute("SELECT COUNT(stated_at) FROM posts").fetchone()[0] == 0


def test_terminal_escape_sequences_are_stripped_at_ingest(cli, db, tmp_path):
    write(tmp_path, "esc.txt", "The minister \x1b[31mspoke\x1b[0m.\x1b]0;owned\x07\nShare\nOthers replied.\nShare\n")
    assert cli("ingest", tmp_path / "esc.txt", "--outlet", "Esc", "--date", "2025-02-03", "--db", db).code == 0
    texts = [r[0] for r in open_db(db).execute("SELECT text FROM paragraphs")]
    assert "The minister spoke." in texts
