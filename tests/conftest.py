"""Shared fixtures: the repository's examples, a CLI runner, and text-source helpers."""

from __future__ import annotations

import datetime as dt
import sqlite3
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from liveline.cli.main import main
from liveline.ingest.pipeline import ingest
from liveline.ingest.read.text_copy import read_text
from liveline.ingest.sources.loading import decode
from liveline.ingest.sources.manifest import read_manifest
from liveline.timeline.store import content_digest, open_db

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_GOLD = REPO.parent / "shared" / "gold"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `liveline ARGS...` in-process; returns exit code and captured output."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LIVELINE_LOCK_TIMEOUT", "0.2")

    def run(*args: str) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def example_db(tmp_path_factory) -> Path:
    """The five sample sources, ingested once for the whole session (treat as read-only)."""
    path = tmp_path_factory.mktemp("example") / "timeline.db"
    ingest(read_manifest(EXAMPLES / "sources.toml"), path)
    return path


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def read(text: str, kind: str | None = "liveblog", year: int = 2025):
    """Segment a text as the ingest would (no clock)."""
    return read_text(decode(dedent(text).encode("utf-8"), "test"), "test", kind, year)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


WINTER = dt.date(2025, 1, 16)
SUMMER = dt.date(2025, 7, 3)


# A plain two-post text that every reader takes: the source already in a timeline before
# a bad one is tried, so "the database is unchanged" means something.
GOOD = "Minister opens the debate\nThe minister spoke first.\nShare\nThe opposition replied.\nShare\n"


@pytest.fixture
def db(cli, tmp_path) -> Path:
    """A timeline that already holds one source, so 'unchanged' means something."""
    path = tmp_path / "t.db"
    assert cli("ingest", write(tmp_path, "good.txt", GOOD), "--outlet", "Good", "--date", "2025-02-03", "--db", path).code == 0
    return path


def digest(path: Path) -> str:
    """What a timeline holds, as one string: equal before and after means nothing was written."""
    database = open_db(path)
    try:
        return content_digest(database)
    finally:
        database.conn.close()


def speakers_of(db: Path) -> dict[str, list[str]]:
    """Each paragraph's text -> its speakers' names ([] for nobody), as the timeline file holds them."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT pa.text, pe.name FROM paragraphs pa LEFT JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id "
            "LEFT JOIN people pe ON pe.id = ps.person_id ORDER BY pa.id"
        ).fetchall()
    finally:
        conn.close()
    found: dict[str, list[str]] = {}
    for text, name in rows:
        found.setdefault(text, [])
        if name:
            found[text].append(name)
    return found


@pytest.fixture(autouse=True)
def _read_position_in_tmp(tmp_path_factory, monkeypatch):
    """The reader's read-position file goes to a folder of each test's own, never the user's
    home (and a place saved by one test never moves where another opens)."""
    monkeypatch.setenv("LIVELINE_STATE_DIR", str(tmp_path_factory.mktemp("state")))
