"""A post its outlet took off the page is kept, and every way of reading the timeline says so.

`follow` sets posts.removed_at (UTC, to the minute) when a post has gone from its page;
the first tests set it with SQL on one post of a real timeline, as the follower leaves it.
The last ones follow a page served in the test as posts leave it, and read where the
removed posts stand: between the posts they sat between, whatever comes after.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from liveline.ingest.dirty import mark_dirty_dates
from liveline.ingest.follow import follow
from liveline.ingest.settle import settle
from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.export import build, to_json, to_markdown
from liveline.timeline.queries import timeline_entries
from liveline.timeline.store import open_db
from liveline.timeline.view import View
from tests.conftest import write
from tests.page_server import page_server
from tests.test_web import live_page

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


# Followed pages: where a removed post stands ------------------------------------------------
def update(n: int) -> dict:
    """Post `n` of a page whose first (1) and last (9) posts carry times and the ones between
    do not: those are placed by the page's order alone, so the reader orders them as the
    page does."""
    post = {"@id": f"p{n}", "headline": f"Post {n}", "articleBody": f"What the desk wrote in post {n}."}
    if n in (1, 9):
        post["datePublished"] = f"2025-03-04T{8 + n:02d}:00:00Z"
    return post


def reading(db: Path) -> list[str]:
    """What the export reads: the posts' numbers in reading order, an R after a removed one."""
    entries = json.loads(to_json(build(open_db(db), View())))["entries"]
    return [e["headline"].removeprefix("Post ") + ("R" if e["removed_at"] else "") for e in entries if e["part"] == "headline"]


def settled_afresh(db: Path) -> Path:
    """A copy of the timeline with every date ordered again from scratch."""
    copy = db.with_name("afresh.db")
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        mark_dirty_dates(target, [date for (date,) in target.execute("SELECT DISTINCT date FROM posts")])
    source.close()
    target.close()
    timeline = open_db(copy)
    try:
        settle(timeline, copy)
    finally:
        timeline.conn.close()
    return copy


def follow_page(db: Path, versions: list[list[int]], order: str = "newest_first") -> list[list[str]]:
    """Serve each version of the page (its posts, earliest first) in turn and poll it once;
    what the export reads after each poll, which a settle from scratch reads the same."""
    seen = []
    with page_server() as served:
        for numbers in versions:
            shown = sorted(numbers, reverse=order == "newest_first")
            url = served.serve("/live", live_page([update(n) for n in shown]))
            follow(SourceSpec(path=None, outlet="", name=url, url=url, remote=True), db, every=10,
                   report=lambda _line: None, polls=1)
            seen.append(reading(db))
            assert reading(settled_afresh(db)) == seen[-1]
    return seen


def numbered(db: Path, column: str) -> list[tuple[str, int | None, bool]]:
    with sqlite3.connect(db) as conn:
        found = conn.execute(f"SELECT key, {column}, removed_at IS NOT NULL FROM posts ORDER BY {column}, id").fetchall()
    conn.close()
    return found


def test_a_post_taken_off_its_page_stays_between_its_old_neighbours(tmp_path):
    db = tmp_path / "f.db"
    seen = follow_page(db, [[1, 2, 3, 4, 9], [1, 2, 4, 9], [1, 4, 9]])
    assert seen == [["1", "2", "3", "4", "9"], ["1", "2", "3R", "4", "9"], ["1", "2R", "3R", "4", "9"]]
    chron = numbered(db, "chron")
    assert [key for key, _, _ in chron] == ["p1", "p2", "p3", "p4", "p9"]
    assert [n for _, n, _ in chron] == [1, 2, 3, 4, 5]  # one number per post: none shares its place


@pytest.mark.parametrize("order", ["newest_first", "oldest_first"])
def test_posts_removed_over_several_polls_keep_their_places_and_one_that_comes_back_is_there_once(tmp_path, order):
    """p3 leaves at the second poll, p2 at the third, p5 is written at the fourth, p3 is back at the fifth."""
    db = tmp_path / "f.db"
    seen = follow_page(db, [[1, 2, 3, 4, 9], [1, 2, 4, 9], [1, 4, 9], [1, 4, 5, 9], [1, 3, 4, 5, 9]], order)
    assert seen == [
        ["1", "2", "3", "4", "9"],
        ["1", "2", "3R", "4", "9"],
        ["1", "2R", "3R", "4", "9"],
        ["1", "2R", "3R", "4", "5", "9"],
        ["1", "2R", "3", "4", "5", "9"],
    ]
    chron = numbered(db, "chron")
    assert chron == [("p1", 1, False), ("p2", 2, True), ("p3", 3, False), ("p4", 4, False), ("p5", 5, False),
                     ("p9", 6, False)]
    # The page's own order (`liveline posts` lists by it), removed posts where they stood on it.
    on_page = [(key, removed) for key, _, removed in numbered(db, "seq")]
    earliest_first = [(key, removed) for key, _, removed in chron]
    assert on_page == (earliest_first[::-1] if order == "newest_first" else earliest_first)
    assert [n for _, n, _ in numbered(db, "seq")] == [1, 2, 3, 4, 5, 6]
