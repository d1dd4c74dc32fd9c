"""The reader's search on a real timeline: the first match at or after the cursor, n and N
from match to match and round the ends, and the count, which may come after the jump."""

from __future__ import annotations

import pytest

from liveline.timeline import pager as pager_module
from liveline.timeline.pager import Pager
from liveline.timeline.store import open_db
from liveline.timeline.view import View
from liveline.tui.app import LivelineApp
from liveline.tui.timeline_view import TimelineView

SIZE = (100, 30)
VIEWS = [View(), View(newest_first=True), View(merged=True), View(merged=True, newest_first=True),
         View(key_events=True), View(merged=True, key_events=True), View(outlets=("guardian",))]
WORDS = ["inquiry", "the", "Casey report", "no-such-word-anywhere"]


def status(app) -> str:
    return str(app.query_one("#status").render())


def holding(pager: Pager, text: str) -> list[int]:
    """Every position whose entry holds the words, read the slow way: the FTS index's hits,
    and (merged) the events they belong to, entry by entry."""
    words = " ".join(f'"{word}"' for word in text.split())
    hits = {row[0] for row in pager.db.execute("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?", [words])}
    events = {event for event, pid in pager.db.execute("SELECT event_id, id FROM paragraphs") if pid in hits and event}
    found = []
    for position in range(pager.count):
        entry = pager.entry(position)
        if entry.paragraph_id in hits or (pager.view.merged and entry.event_id in events):
            found.append(position)
    return found


def expected_next(found: list[int], count: int, after: int, step: int) -> int | None:
    if not found:
        return None
    if step > 0:
        return next((p for p in found if p > after), found[0])
    after = count if after < 0 else after
    return next((p for p in reversed(found) if p < after), found[-1])


@pytest.mark.parametrize("common", [False, True], ids=["rare", "common"])
def test_next_match_and_the_count_agree_with_reading_every_entry(example_db, monkeypatch, common):
    if common:  # every word walked, and (a walk of one entry) looked for among the hits past it
        monkeypatch.setattr(pager_module, "RARE_HITS", 1)
        monkeypatch.setattr(pager_module, "WALK", 1)
        monkeypatch.setattr(pager_module, "WALK_MERGED", 1)
    db = open_db(example_db)
    for view in VIEWS:
        pager = Pager(db, view)
        for text in WORDS:
            found = holding(pager, text)
            assert pager.count_matches(text) == len(found), (view, text)
            assert pager.match_count(text) in (None, len(found))
            for after in [-1, 0, pager.count // 2, pager.count - 1, *found[:2], *found[-2:]]:
                for step in (1, -1):
                    assert pager.next_match(text, after, step) == expected_next(found, pager.count, after, step), (
                        view, text, after, step)
    assert Pager(db, View()).next_match('  "" ', -1) is None  # nothing left to look for


async def test_a_search_jumps_to_the_first_match_after_the_cursor_and_n_and_n_go_round(example_db, tmp_path):
    app = LivelineApp(example_db, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        found = holding(timeline.pager, "inquiry")
        assert len(found) > 2
        timeline.move_to(found[1] - 1)  # between the first match and the second
        await pilot.press("slash", *"inquiry", "enter")
        assert timeline.cursor == found[1]
        await pilot.press("G", "n")
        assert timeline.cursor == found[0]  # round past the end
        await pilot.press("N")
        assert timeline.cursor == found[-1]  # and back round the start
        await pilot.press("N")
        assert timeline.cursor == found[-2]
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"/inquiry {len(found)} matches" in status(app)


async def test_the_count_of_a_common_word_comes_after_the_jump(example_db, tmp_path, monkeypatch):
    monkeypatch.setattr(pager_module, "RARE_HITS", 1)  # every word counted by a worker
    app = LivelineApp(example_db, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        found = holding(timeline.pager, "the")
        await pilot.press("slash", *"the", "enter")
        assert timeline.cursor == found[0]
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.match_count == len(found) and f"/the {len(found)} matches" in status(app)
        await pilot.press("m")  # another view: counted again, for it
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.match_count == len(holding(timeline.pager, "the")) < len(found)
        await pilot.press("slash", *"no-such-word-anywhere", "enter")
        assert app.match_count == 0 and "no entry contains" in " ".join(str(n.message) for n in app._notifications)
