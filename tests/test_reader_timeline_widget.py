"""The timeline widget as a reader meets it: the end of the day fully on screen at every
size, no row lost to a horizontal scrollbar, the mouse selecting and scrolling like less,
times in the zone asked for, and a hint where there is nothing to show."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from rich.console import Console
from textual import events

from liveline.timeline.store import open_db
from liveline.timeline.view import View
from liveline.timeline.zones import ZoneChoice
from liveline.tui.app import LivelineApp
from liveline.tui.timeline_view import TimelineView

SIZES = [(80, 24), (90, 24), (60, 20), (120, 40)]


def whole_screen(app: LivelineApp) -> str:
    """Every cell of the terminal as text, as the compositor draws it (what a reader sees)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def last_line_of(timeline: TimelineView, index: int) -> str:
    return timeline._entry_lines(index, timeline._width)[-1].text.strip()


def ends_the_screen(line: str, rows: list[str]) -> bool:
    """`line` is on screen with nothing after it (whole entries fill the screen, so a row
    or two may stay blank below the last)."""
    at = [number for number, row in enumerate(rows) if line in row]
    return bool(at) and not any(row[:-1].strip() for row in rows[at[-1] + 1:])


def timeline_rows(app: LivelineApp) -> list[str]:
    """The rows of the screen the timeline covers."""
    timeline = app.query_one(TimelineView)
    top = timeline.region.y
    return whole_screen(app).splitlines()[top:top + timeline.region.height]


@pytest.fixture
def app(example_db, tmp_path):
    return LivelineApp(example_db, export_dir=tmp_path)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_G_shows_the_last_line_of_the_last_entry_at_every_size(app, size):
    async with app.run_test(size=size) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press("G")
        await pilot.pause()
        assert timeline.cursor == timeline.pager.count - 1
        assert ends_the_screen(last_line_of(timeline, timeline.cursor), timeline_rows(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_no_row_is_spent_on_a_horizontal_scrollbar(app, size):
    async with app.run_test(size=size) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press("j", "G")
        await pilot.pause()
        assert not timeline.show_horizontal_scrollbar
        assert timeline.scrollable_content_region.height == timeline.size.height
        assert "▏" not in timeline_rows(app)[-1]  # the row above the footer is no scrollbar


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_paging_down_to_the_end_shows_the_last_line_and_g_goes_back_to_the_top(app, size):
    async with app.run_test(size=size) as pilot:
        timeline = app.query_one(TimelineView)
        timeline.move_to(timeline.pager.count - 40)  # the last screens are what paging must reach
        for _ in range(200):
            if timeline.cursor == timeline.pager.count - 1:
                break
            await pilot.press("space")
        assert timeline.cursor == timeline.pager.count - 1
        await pilot.pause()
        assert ends_the_screen(last_line_of(timeline, timeline.cursor), timeline_rows(app))
        await pilot.press("g")
        await pilot.pause()
        assert timeline.cursor == 0 and timeline.scroll_offset.y == 0
        assert "2025-01-06" in timeline_rows(app)[0]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_moving_to_the_last_entry_shows_all_of_it(app, size):
    async with app.run_test(size=size) as pilot:
        timeline = app.query_one(TimelineView)
        timeline.move_to(timeline.pager.count - 1)
        await pilot.pause()
        assert ends_the_screen(last_line_of(timeline, timeline.cursor), timeline_rows(app))


async def test_paging_down_keeps_the_selected_entry_on_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(TimelineView)
        for _ in range(5):
            await pilot.press("space")
            await pilot.pause()
            assert timeline.cursor in timeline._frame_entries


async def test_a_click_on_an_entry_selects_it(app):
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.pause()
        # The row where the third entry on screen starts.
        row = sum(len(timeline._entry_lines(i, timeline._width)) for i in timeline._frame_entries[:2])
        wanted = timeline._frame_entries[2]
        await pilot.click(TimelineView, offset=(20, row))
        await pilot.pause()
        assert timeline.cursor == wanted
        assert f"· {wanted + 1:,}" in str(app.query_one("#status").render())  # the app heard of it
        await pilot.press("j")
        assert timeline.cursor == wanted + 1


def wheel(timeline: TimelineView, down: bool) -> None:
    kind = events.MouseScrollDown if down else events.MouseScrollUp
    timeline.post_message(kind(timeline, 10, 5, 0, 0, 0, False, False, False))


async def test_the_wheel_scrolls_and_the_cursor_stays_on_what_is_seen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.pause()
        for _ in range(15):
            wheel(timeline, down=True)
        await pilot.pause()
        top = int(timeline.scroll_offset.y)
        assert top > 0
        assert timeline.cursor == top  # followed to the nearest entry on screen: the top one
        assert f"· {top + 1:,}" in str(app.query_one("#status").render())
        await pilot.press("j")
        assert timeline.cursor == top + 1 and int(timeline.scroll_offset.y) == top  # j goes on from what is seen
        timeline.move_to(top + 8)
        await pilot.pause()
        for _ in range(5):
            wheel(timeline, down=False)
        await pilot.pause()
        assert timeline.cursor in timeline._frame_entries and timeline.cursor < top + 8
        lines = sum(len(timeline._entry_lines(i, timeline._width)) for i in timeline._frame_entries
                    if i <= timeline.cursor)
        assert lines <= timeline.scrollable_content_region.height  # all of the selected entry is seen


async def test_an_empty_timeline_says_how_to_build_one(tmp_path):
    path = tmp_path / "empty.db"
    open_db(path, create=True).conn.close()
    app = LivelineApp(path, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(TimelineView)
        timeline.empty_hint = f"This timeline is empty. Build one with:\nliveline ingest --manifest examples/sources.toml --db {path}"
        timeline.refresh()
        await pilot.pause()
        screen = " ".join(" ".join(timeline_rows(app)).split())
        assert "This timeline is empty. Build one with: liveline ingest --manifest" in screen
        assert str(path)[-20:] in screen.replace(" ", "")  # the path may wrap, never lost
        row = next(r for r in timeline_rows(app) if "This timeline" in r)[:-1]  # less the scrollbar column
        assert abs((len(row) - len(row.rstrip())) - (len(row) - len(row.lstrip()))) <= 1  # centred


async def test_a_view_that_filters_everything_out_says_how_to_clear_it(example_db, tmp_path):
    app = LivelineApp(example_db, View(outlets=("BBC News",), date="2025-01-06"), export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one(TimelineView).pager.count == 0
        assert "No entry matches these filters — press x to clear them" in "\n".join(timeline_rows(app))


async def test_hints_with_markup_or_control_characters_are_shown_as_written(tmp_path):
    path = tmp_path / "[bold]odd\x1b[31m.db"
    open_db(path, create=True).conn.close()
    app = LivelineApp(path, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(TimelineView)
        timeline.empty_hint = f"Build one with --db {path.name}"
        timeline.refresh()
        await pilot.pause()
        screen = "\n".join(timeline_rows(app))
        assert "[bold]odd" in screen and "\x1b" not in screen


async def test_times_shown_in_another_zone_keep_the_mark_column(app):
    paris = dt.timezone(dt.timedelta(hours=1))  # January: an hour ahead of UK time
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.pause()
        uk = timeline_rows(app)
        assert any(row.startswith("≤18:17 ") for row in uk)
        timeline.set_zone(paris)
        await pilot.pause()
        shifted = timeline_rows(app)
        assert any(row.startswith("≤19:17 ") for row in shifted) and not any(row.startswith("≤18:17 ") for row in shifted)
        assert [row.index(" The Guardian ") for row in shifted if " The Guardian " in row][0] == 7
        timeline.set_zone(None)
        await pilot.pause()
        assert timeline_rows(app) == uk


async def test_a_readers_zone_choice_shows_utc_or_each_pages_own_zone(example_db, tmp_path):
    path = tmp_path / "paris.db"
    shutil.copy(example_db, path)  # the shared example stays as it is
    db = open_db(path)
    db.execute("UPDATE sources SET tz = 'Europe/Paris' WHERE outlet = 'The Guardian'")
    db.conn.commit()
    db.conn.close()
    app = LivelineApp(path, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(TimelineView)
        timeline.set_zone(ZoneChoice.PAGE)
        await pilot.pause()
        assert any(row.startswith("≤19:17 ") for row in timeline_rows(app))  # the page's own clock
        timeline.set_zone(ZoneChoice.UTC)
        await pilot.pause()
        assert any(row.startswith("≤18:17 ") for row in timeline_rows(app))  # January: UTC is UK time
