"""A database from elsewhere whose stored times and days are no times: every command and
the reader show `??:??` (or the day as stored) where they cannot tell, and go on
(issue 15: a database from elsewhere is untrusted too)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from liveline.timeline.view import View
from liveline.tui.app import LivelineApp
from liveline.tui.timeline_view import TimelineView
from tests.test_hostile_display import three_outlets


@pytest.fixture(scope="module")
def garbled_db(tmp_path_factory) -> Path:
    db = three_outlets(tmp_path_factory.mktemp("garbled"))
    conn = sqlite3.connect(db)
    with conn:
        # What the year-999 bug wrote, an overflowing year, and words where a time belongs.
        conn.execute("UPDATE posts SET stated_at = '999-06-01T10:00Z' WHERE id = (SELECT MIN(id) FROM posts)")
        conn.execute("UPDATE posts SET stated_at = '99999-01-01T00:00Z', not_after = 'soon' WHERE id = (SELECT MAX(id) FROM posts)")
        conn.execute("UPDATE events SET best_at = 'yesterday'")
        conn.execute("UPDATE paragraphs SET date = 'the 16th' WHERE post_id = (SELECT MAX(id) FROM posts)")
    conn.close()
    return db


@pytest.mark.parametrize("command", [
    ("print",), ("posts",), ("posts", "--merged"), ("events",), ("export", "-o", "-"),
    ("export", "--merged", "-o", "-"), ("export", "--format", "json", "-o", "-"),
    ("export", "--from", "10:00", "--to", "11:00", "-o", "-"),
])
def test_garbled_stored_times_read_as_unknown_and_nothing_fails(cli, garbled_db, command):
    shown = cli(*command, "--db", garbled_db)
    assert shown.code == 0, shown.err
    assert "Traceback" not in shown.err


def test_the_printed_timeline_marks_a_time_it_cannot_read(cli, garbled_db):
    shown = cli("print", "--db", garbled_db)
    assert "??:??" in shown.out and "the 16th" in shown.out


async def test_the_reader_opens_a_database_with_garbled_times_and_jumps_safely(garbled_db):
    app = LivelineApp(garbled_db, View())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.query_one(TimelineView).pager.count > 0
        await pilot.press("G", "g", "m", "r")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
    assert app.return_code == 0
