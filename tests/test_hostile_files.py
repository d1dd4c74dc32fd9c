"""Hostile local files: reads are bounded, only regular files are read, and text in
UTF-16 or UTF-32 with a byte-order mark is text, not binary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from liveline.ingest.sources.loading import MAX_FILE_BYTES
from liveline.timeline.store import open_db
from tests.conftest import GOOD, REPO, digest

# A process that would hang or eat memory before the fix is stopped after this long.
HANG = 60




def refused(cli, db: Path, source: object, expect: str) -> None:
    before = digest(db)
    run = cli("ingest", source, "--outlet", "Bad", "--date", "2025-02-03", "--db", db)
    lines = run.err.strip().splitlines()
    assert run.code == 1 and len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    assert expect in lines[0], lines[0]
    assert digest(db) == before


def liveline(*args: object, **options) -> subprocess.CompletedProcess[str]:
    """The command in its own process, stopped if it hangs."""
    return subprocess.run([sys.executable, "-m", "liveline", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=HANG, **options)


def test_dev_zero_is_refused_as_not_a_regular_file(cli, db):
    refused(cli, db, "/dev/zero", "not a regular file")


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(db, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    before = digest(db)
    done = liveline("ingest", fifo, "--outlet", "Pipe", "--date", "2025-02-03", "--db", db)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "not a regular file" in done.stderr
    assert digest(db) == before


def test_a_file_over_the_size_cap_is_refused_unread(cli, db, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: no disk is spent on it
        handle.truncate(MAX_FILE_BYTES + 1)
    refused(cli, db, huge, "larger than 20 MB")


def test_endless_standard_input_is_refused_after_the_size_cap(db):
    before = digest(db)
    with open("/dev/zero", "rb") as endless:
        done = liveline("ingest", "-", "--outlet", "Zero", "--date", "2025-02-03", "--db", db, stdin=endless)
    assert done.returncode == 1 and "standard input is larger than 20 MB" in done.stderr, done.stderr
    assert digest(db) == before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_text_with_a_byte_order_mark_reads_like_utf_8(cli, tmp_path, encoding):
    import codecs

    marks = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
             "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    text = GOOD.replace("spoke first", "spoke first about the café’s rent")
    (tmp_path / "marked.txt").write_bytes(marks.get(encoding, b"") + text.encode(encoding))
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    paragraphs = []
    for name in ("marked", "plain"):
        db = tmp_path / f"{name}.db"
        run = cli("ingest", tmp_path / f"{name}.txt", "--outlet", "Marked", "--date", "2025-02-03", "--db", db)
        assert run.code == 0 and "warning" not in run.err, run.err
        paragraphs.append(open_db(db).execute("SELECT text FROM paragraphs ORDER BY id").fetchall())
    assert paragraphs[0] == paragraphs[1]
    assert ("The minister spoke first about the café’s rent.",) in paragraphs[0]


def test_a_byte_order_mark_on_bytes_that_are_not_that_encoding_is_one_line(cli, db, tmp_path):
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfe" + "Minister".encode("utf-16-le") + b"\x00")
    refused(cli, db, tmp_path / "odd.txt", "UTF-16")


def test_a_symbolic_link_loop_given_directly_is_one_line(cli, db, tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    refused(cli, db, tmp_path / "a.txt", "symbolic link loop")
