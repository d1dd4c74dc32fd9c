"""What the reader looks like at 80x24 (the size a terminal opens at): the main view, each
picker (the story picker over a timeline of two stories), an event compared narrow (outlets stacked) and wide (side by side), help, key
events, and an empty timeline. Update after an intended change with
`pytest tests/test_snapshots.py --snapshot-update`, and look at the SVGs in
tests/__snapshots__ before committing them."""

from __future__ import annotations

from pathlib import Path

from liveline.timeline.store import open_db
from liveline.tui.app import LivelineApp
from liveline.tui.timeline_view import TimelineView
from tests.test_reader_stories import two_stories

SIZE = (80, 24)
WIDE = (200, 40)  # room for four outlets side by side


async def settled(pilot) -> None:
    """The activity strip and speaker counts load after the first screen; wait for them."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press(*keys)
        await settled(pilot)

    return run_before


async def open_a_four_outlet_event(pilot) -> None:
    await settled(pilot)
    await pilot.press("m")
    timeline = pilot.app.query_one(TimelineView)
    four = next(i for i in range(timeline.pager.count) if len((timeline.pager.entry(i).event_outlets or "").split(", ")) == 4)
    timeline.move_to(four)
    await pilot.press("enter")
    await settled(pilot)


def test_main_view(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=settled, terminal_size=SIZE)


def test_speaker_picker_narrowed(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=pressing("s", *"cooper"), terminal_size=SIZE)


def test_outlet_picker_with_one_ticked(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=pressing("o", "tab"), terminal_size=SIZE)


def test_story_picker_of_a_two_story_timeline(snap_compare, tmp_path):
    app = LivelineApp(two_stories(tmp_path), export_dir=tmp_path)
    assert snap_compare(app, run_before=pressing("l"), terminal_size=SIZE)


def test_compare_view_narrow_stacks_the_outlets(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=open_a_four_outlet_event, terminal_size=SIZE)


def test_compare_view_wide_sets_the_outlets_side_by_side(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=open_a_four_outlet_event, terminal_size=WIDE)


def test_help(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=pressing("question_mark"), terminal_size=SIZE)


def test_key_events_merged(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=pressing("K", "m"), terminal_size=SIZE)


def test_empty_timeline(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the hint names the file as given: the same on every machine
    path = Path("empty.db")
    open_db(path, create=True).conn.close()
    app = LivelineApp(path, export_dir=tmp_path)
    assert snap_compare(app, run_before=settled, terminal_size=SIZE)
