"""The reader shows hostile names literally (issue 15, class 3).

Outlets and speakers named `Sky [/bold]`, `[@click=app.quit]` or with a terminal escape
in them: the reader opens, its pickers open and apply, the activity strip draws, the
names are on screen as written (less any escape), nothing is a clickable action, and
`q` still quits.
"""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import SelectionList

from liveline.timeline.view import View
from liveline.tui.activity_strip import ActivityStrip
from liveline.tui.app import LivelineApp
from liveline.tui.compare.compare_screen import EventScreen
from liveline.tui.pickers.picker_screen import PickerScreen
from liveline.tui.timeline_view import TimelineView
from tests.test_hostile_display import (
    CLICK_OUTLET,
    CONTROL,
    MARKUP_OUTLET,
    hostile_db,  # noqa: F401  (a fixture)
)

SIZE = (120, 36)


def whole_screen(app: LivelineApp) -> str:
    """Every cell of the screen as text. Textual's own cursor moves are control segments,
    which a recording console leaves out, so any escape left here came from the data."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def status(app: LivelineApp) -> str:
    return str(app.query_one("#status").render())


async def test_the_reader_opens_on_hostile_outlets_and_draws_the_strip_literally(hostile_db):  # noqa: F811
    app = LivelineApp(hostile_db, View())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        strip = app.query_one(ActivityStrip)
        drawn = str(strip.render())
        assert MARKUP_OUTLET in strip.shown_outlets and MARKUP_OUTLET in drawn and "[@click" in drawn
        screen = whole_screen(app)
        assert MARKUP_OUTLET in screen and not CONTROL.search(screen.replace("\n", ""))
        # The `[@click=app.quit]` label is text, not an action.
        await pilot.click(strip, offset=(drawn.index("[@click") + 2, 0))
        assert app.is_running
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_outlet_picker_lists_hostile_outlets_literally_and_applies(hostile_db):  # noqa: F811
    app = LivelineApp(hostile_db, View())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, PickerScreen)
        prompts = [app.screen.query_one(SelectionList).get_option_at_index(i).prompt.plain
                   for i in range(app.screen.query_one(SelectionList).option_count)]
        assert {prompt.rsplit("  (", 1)[0] for prompt in prompts} == {MARKUP_OUTLET, CLICK_OUTLET, " News"}
        assert not any(CONTROL.search(prompt) for prompt in prompts)
        assert not CONTROL.search(whole_screen(app).replace("\n", ""))
        await pilot.press(*"sky", "enter")
        assert f"outlet {MARKUP_OUTLET}" in status(app)
        timeline = app.query_one(TimelineView)
        assert timeline.pager.count and all(timeline.pager.entry(i).outlet == MARKUP_OUTLET for i in range(timeline.pager.count))
        screen = whole_screen(app)
        assert f"outlet {MARKUP_OUTLET}" in screen and f" {MARKUP_OUTLET} " in screen
        await pilot.press("o", *"click", "tab", "enter")  # tab ticks a second outlet beside the first
        assert f"outlet {MARKUP_OUTLET}, {CLICK_OUTLET}" in status(app) and app.is_running
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_speaker_picker_lists_hostile_speakers_literally_and_applies(hostile_db):  # noqa: F811
    app = LivelineApp(hostile_db, View())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, PickerScreen)
        listing = app.screen.query_one(SelectionList)
        prompts = [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]
        assert any("Yvette [/bold] Cooper" in prompt for prompt in prompts)
        assert any("[@click=app.quit]" in prompt for prompt in prompts)
        assert not any(CONTROL.search(prompt) for prompt in prompts)
        await pilot.press(*"cooper", "enter")
        assert "speaker Yvette [/bold] Cooper" in status(app)
        screen = whole_screen(app)
        assert "Yvette [/bold] Cooper" in screen and not CONTROL.search(screen.replace("\n", ""))
        await pilot.press("right_square_bracket")  # the next speaker, named with an action
        assert "[@click=app.quit]" in status(app) and app.is_running
        await pilot.press("q")
    assert app.return_code == 0


async def test_an_event_opened_from_a_hostile_database_shows_its_outlets_literally(hostile_db):  # noqa: F811
    app = LivelineApp(hostile_db, View(merged=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        assert isinstance(app.screen, EventScreen)
        await pilot.pause()
        screen = whole_screen(app)
        assert MARKUP_OUTLET in screen and CLICK_OUTLET in screen and "Chris Philp [@click=app.quit]" in screen
        assert not CONTROL.search(screen.replace("\n", ""))
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_a_filter_naming_a_hostile_outlet_is_told_literally(hostile_db):  # noqa: F811
    app = LivelineApp(hostile_db, View())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.set_view(View(outlets=("[/nothing]",)))  # no such outlet: the notice lists them all
        await pilot.pause()
        await pilot.pause()
        screen = whole_screen(app)
        assert "no outlet matches '[/nothing]'" in " ".join(screen.split())
        assert not CONTROL.search(screen.replace("\n", ""))
        await pilot.press("q")
    assert app.return_code == 0
