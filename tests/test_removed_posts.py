"""A post its outlet took off the page is kept, and every way of reading the timeline says so.

`follow` sets posts.removed_at (UTC, to the minute) when a post has gone from its page;
here it is set with SQL on one post of a real timeline, as the follower leaves it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from liveline.timeline.export import build, to_json, to_markdown
from liveline.timeline.queries import timeline_entries
from liveline.timeline.store import open_db
from liveline.timeline.view import View
from tests.conftest import write

BLOG = """
Home Secretary statement live

16:40
Philp replies
The shadow home secretary said the plan came far too late for the victims.
Share

16:20
A correction
An earlier post named the wrong town; it has been taken down.
Share

16:05
Cooper opens the statement
The home secretary said the national inquiry would start in March.
Share
"""
# 16:52 in London in January (GMT) is 16:52 UTC.
REMOVED_AT = "2025-01-16T16:52Z"


@pytest.fixture
def timeline(cli, tmp_path) -> Path:
    """A timeline of three posts, the middle one ("A correction") removed from its page."""
    db = tmp_path / "t.db"
    run = cli("ingest", write(tmp_path, "blog.txt", BLOG), "--outlet", "Test News", "--date", "2025-01-16", "--db", db)
    assert run.code == 0, run.err
    with sqlite3.connect(db) as conn:
        changed = conn.execute("UPDATE posts SET removed_at = ? WHERE headline = 'A correction'", (REMOVED_AT,)).rowcount
    conn.close()
    assert changed == 1
    return db


def lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


def test_the_core_entry_of_a_removed_post_carries_when_it_was_removed(timeline):
    entries = list(timeline_entries(open_db(timeline)))
    removed = [e for e in entries if e.removed_at]
    assert {e.headline for e in removed} == {"A correction"}
    assert all(e.removed_at == REMOVED_AT and e.removed == "removed 16:52" for e in removed)
    assert all(e.removed is None for e in entries if e.headline != "A correction")


def test_posts_shows_the_removed_post_as_removed(cli, timeline):
    run = cli("posts", "--db", timeline)
    assert run.code == 0, run.err
    assert run.out.count("removed 16:52") == 1
    row = run.out.split("A correction")[0].rsplit("16:20", 1)
    assert len(row) == 2, run.out  # the mark of the removed post's row is still shown


def test_print_shows_the_removed_post_under_its_heading(cli, timeline):
    run = cli("print", "--db", timeline)
    assert run.code == 0, run.err
    heading = lines_with(run.out, "A correction")
    assert len(heading) == 1 and "removed 16:52" in heading[0]
    assert run.out.count("removed 16:52") == 1


def test_merged_posts_marks_the_removed_entries(cli, timeline):
    run = cli("posts", "--merged", "--db", timeline)
    assert run.code == 0, run.err
    assert "removed 16:52" in run.out
    assert "wrong town" in run.out  # the removed post's text is kept, not hidden


def test_markdown_export_marks_the_removed_post_and_only_it(timeline):
    markdown = to_markdown(build(open_db(timeline), View()))
    marked = lines_with(markdown, "removed from the page")
    assert marked and all("16:52" in line for line in marked)
    assert {"correction" in line or "taken down" in line for line in marked} == {True}
    assert not lines_with(markdown, "Cooper opens") or "removed" not in lines_with(markdown, "Cooper opens")[0]


def test_json_export_has_removed_at_on_every_entry(timeline):
    payload = json.loads(to_json(build(open_db(timeline), View())))
    removed = {e["text"]: e["removed_at"] for e in payload["entries"]}
    assert removed["An earlier post named the wrong town; it has been taken down."] == REMOVED_AT
    assert removed["The home secretary said the national inquiry would start in March."] is None
    assert all("removed_at" in e for e in payload["entries"])


def test_the_export_of_a_removed_post_stays_inert(cli, timeline):
    """The marker is text like any other: a headline with markup around it stays literal."""
    with sqlite3.connect(timeline) as conn:
        conn.execute("UPDATE posts SET removed_at = '**not a time**' WHERE headline = 'A correction'")
    conn.close()
    markdown = to_markdown(build(open_db(timeline), View()))
    marked = lines_with(markdown, "removed from the page")
    assert marked and all("??:??" in line for line in marked)
    run = cli("posts", "--db", timeline)
    assert run.code == 0 and "removed ??:??" in run.out
