"""What the reader looks like at 100x30: the main view, the speaker picker, a merged event
opened, and help. Update after an intended change with `pytest --snapshot-update`, and
look at the SVGs in tests/__snapshots__ before committing them."""

from __future__ import annotations

from liveline.tui.app import LivelineApp
from liveline.tui.timeline_view import TimelineView

SIZE = (100, 30)


async def settled(pilot) -> None:
    """The activity strip and speaker counts load after the first screen; wait for them."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press(*keys)

    return run_before


def test_main_view(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=settled, terminal_size=SIZE)


def test_speaker_picker(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=pressing("s"), terminal_size=SIZE)


def test_merged_event_opened_side_by_side(snap_compare, example_db, tmp_path):
    async def open_first_shared_event(pilot) -> None:
        await settled(pilot)
        await pilot.press("m")
        timeline = pilot.app.query_one(TimelineView)
        shared = next(i for i in range(timeline.pager.count) if "," in (timeline.pager.entry(i).event_outlets or ""))
        timeline.move_to(shared)
        await pilot.press("enter")

    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=open_first_shared_event, terminal_size=SIZE)


def test_help(snap_compare, example_db, tmp_path):
    assert snap_compare(LivelineApp(example_db, export_dir=tmp_path), run_before=pressing("question_mark"), terminal_size=SIZE)
