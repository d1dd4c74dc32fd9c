"""The whole live path, as a reader meets it: two outlets' live pages published post by post
(bench.replay), `liveline follow` fetching both into one timeline, and the reader open on
it. Every post published appears once, an edit replaces its post, a deleted post is kept
and marked, the reader's news chip counts what arrived, and a follower killed with
SIGKILL and started again writes nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.replay import EDIT_NOTE, Replay, ReplayPage, read_pages
from liveline.tui.app import LivelineApp
from tests.conftest import EXAMPLES, REPO

HANG = 120  # seconds: a follower that has not caught up by then is stuck, not slow
SIZE = (100, 30)
POSTS_PER_PAGE = 6  # enough for every kind of step: first posts, more posts, an edit, a deletion, a late post


def follower(db: Path, urls: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "LIVELINE_ALLOW_FAST_POLL": "1", "LIVELINE_FETCH_TIMEOUT": "10"}
    return subprocess.Popen([sys.executable, "-m", "liveline", "follow", *urls, "--every", "0.3", "--quiet", "--db", str(db)],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def query(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def stored(db: Path, url: str) -> dict[str, tuple[str | None, str]]:
    """The page's posts in the timeline: key -> (removed_at, all its text)."""
    rows = query(db, """SELECT p.key, p.removed_at, group_concat(pa.text, ' ') FROM posts p
                        JOIN sources s ON s.id = p.source_id LEFT JOIN paragraphs pa ON pa.post_id = p.id
                        WHERE s.url = ? GROUP BY p.id""", (url,))
    return {key: (removed, text or "") for key, removed, text in rows}


def caught_up(db: Path, replay: Replay, page: ReplayPage) -> bool:
    """The timeline holds the page as published now, settled into the combined order."""
    if not db.exists():
        return False
    try:
        posts = stored(db, replay.url(page))
        unsettled = query(db, "SELECT COUNT(*) FROM paragraphs WHERE rank IS NULL AND duplicate_of IS NULL")[0][0]
    except sqlite3.OperationalError:  # the schema is still being made
        return False
    shown = {page.posts[i].key for i in page.shown}
    live = {key for key, (removed, _) in posts.items() if removed is None}
    edited = [p.key for p in page.posts if p.modified and p.key in shown]
    return live == shown and all(EDIT_NOTE in posts[key][1] for key in edited) and unsettled == 0


def wait_until(done: Callable[[], bool], what: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + HANG
    while not done():
        assert process.poll() is None, f"the follower ended: {process.stderr.read() if process.stderr else ''}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


async def test_two_replayed_outlets_followed_at_once_reach_the_open_reader_once_each(tmp_path):
    pages, _ = read_pages([], manifest=EXAMPLES / "sources.toml", limit=POSTS_PER_PAGE)
    assert len(pages) == 2  # the example's two live blogs; its articles are not live
    replay = Replay(pages)
    replay.start()
    db = tmp_path / "live.db"
    urls = [replay.url(page) for page in pages]
    following = follower(db, urls)
    try:
        wait_until(lambda: all(caught_up(db, replay, p) for p in pages), "the first posts", following)
        opened_post, opened_paragraph = query(db, "SELECT MAX(id) FROM posts")[0][0], query(db, "SELECT MAX(id) FROM paragraphs")[0][0]
        app = LivelineApp(db)
        async with app.run_test(size=SIZE) as pilot:
            step = 0
            while not replay.finished:
                replay.step()
                step += 1
                if step == 2:  # killed wherever it is (polling, writing or settling), then started again
                    following.send_signal(signal.SIGKILL)
                    following.wait(HANG)
                    following = follower(db, urls)
                wait_until(lambda: all(caught_up(db, replay, p) for p in pages), f"step {step}", following)
                await pilot.pause(1.3)  # the reader's own once-a-second check

            for page in pages:
                posts = stored(db, replay.url(page))
                published = {p.key for p in page.posts}  # the replay publishes every post by its end
                assert set(posts) == published and len(posts) == len(published)  # each once
                removed = [key for key, (when, _) in posts.items() if when is not None]
                assert len(removed) == 1 and removed[0] not in {page.posts[i].key for i in page.shown}
                edited = [p.key for p in page.posts if p.modified]
                assert len(edited) == 1 and posts[edited[0]][1].count(EDIT_NOTE) == 1
            # No paragraph twice within a page: an edit replaced its post's words.
            assert query(db, """SELECT COUNT(*) FROM (SELECT source_id, text FROM paragraphs WHERE duplicate_of IS NULL
                                GROUP BY source_id, text HAVING COUNT(*) > 1)""")[0][0] == 0

            # The chip counts entries of posts that arrived since the reader opened (the
            # replay edits a post published since then: new, not updated).
            new = query(db, "SELECT COUNT(*) FROM paragraphs WHERE rank IS NOT NULL AND post_id > ?", (opened_post,))[0][0]
            updated = query(db, "SELECT COUNT(*) FROM paragraphs WHERE rank IS NOT NULL AND post_id <= ? AND id > ?",
                            (opened_post, opened_paragraph))[0][0]
            assert (len(app.news.new), len(app.news.updated)) == (new, updated)
            assert app.news.words() in str(app.query_one("#status").render())
            assert new > 0
    finally:
        following.kill()
        following.wait(HANG)
        replay.stop()
