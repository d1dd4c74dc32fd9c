"""Choosing stories in the reader at 80x24: a timeline holding a budget day and a flood, and
a reader who wants one of them. `l` (or "Stories" in the palette) lists every story with its
entries, enter shows the one picked with a chip saying so, and `L`, `x` or a click on the
chip bring the whole timeline back. A timeline of one story reads as it always did.
Every story, outlet and person here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from liveline.ingest.pipeline import ingest
from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.view import View
from liveline.tui.app import LivelineApp
from liveline.tui.keys import help_groups
from liveline.tui.pickers.picker_screen import PickerList, PickerScreen
from liveline.tui.timeline_view import TimelineView
from tests.conftest import write

SIZE = (80, 24)

BUDGET = """
    Live: Spring budget

    Tue 4 Mar 2025

    12.31 GMT
    Jane Doe said the plans would cost more than the Treasury admits.

    12.45 GMT
    Jane Doe said: "These plans will cost families dearly."

    13.02 GMT
    The chancellor sat down after an hour on her feet.
    """

FLOODS = """
    Live: Floods in the Aire valley

    Wed 9 Apr 2025

    09.10 BST
    Rivers rose overnight across the valley.

    09.40 BST
    Tom Reed said: "We have never seen the water this high."
    """

# The entries each story shows: its posts and its page's heading line.
BUDGET_ENTRIES, FLOODS_ENTRIES = 4, 3


def two_stories(folder: Path) -> Path:
    """A timeline of two unrelated live blogs, each ingested as its own story."""
    path = folder / "library.db"
    for story, text, outlet in (("spring-budget", BUDGET, "The Ledger"), ("aire-floods", FLOODS, "Valley Gazette")):
        source = write(folder, f"{story}.txt", text)
        ingest([SourceSpec(source, outlet, source.name, kind="liveblog")], path, story=story)
    return path


@pytest.fixture
def library(tmp_path) -> Path:
    return two_stories(tmp_path)


def status(app) -> str:
    return str(app.query_one("#status").render())


def texts(app) -> list[str]:
    pager = app.query_one(TimelineView).pager
    return [pager.entry(i).text for i in range(pager.count)]


def listed(app) -> list[str]:
    """The picker's rows as shown: name and count."""
    listing = app.screen.query_one(PickerList)
    return [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]


def title(app) -> str:
    return str(app.screen.query_one("#picker-title", Label).render())


async def test_the_story_key_lists_every_story_with_its_entries_newest_first(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, PickerScreen) and title(app) == "Stories"
        assert listed(app) == [f"aire-floods  ({FLOODS_ENTRIES})", f"spring-budget  ({BUDGET_ENTRIES})"]


async def test_picking_one_story_shows_only_its_entries_and_a_chip_naming_it(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert len(texts(app)) == BUDGET_ENTRIES + FLOODS_ENTRIES and "story" not in status(app)
        await pilot.press("l", *"flood", "enter")
        assert not isinstance(app.screen, PickerScreen)
        assert "story aire-floods" in status(app) and f"{FLOODS_ENTRIES} entries" in status(app)
        assert any("Rivers rose" in text for text in texts(app))
        assert not any("Jane Doe" in text or "chancellor" in text for text in texts(app))


async def test_two_stories_ticked_show_both(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "tab", "down", "tab")
        assert title(app) == "Stories (2 ticked)"
        await pilot.press("enter")
        assert "story aire-floods, spring-budget" in status(app)
        assert len(texts(app)) == BUDGET_ENTRIES + FLOODS_ENTRIES


async def test_x_clears_the_story_with_every_other_filter(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"budget", "enter", "quotation_mark")
        assert "story spring-budget" in status(app) and "quotes" in status(app)
        await pilot.press("x")
        assert "story" not in status(app) and "quotes" not in status(app)
        assert len(texts(app)) == BUDGET_ENTRIES + FLOODS_ENTRIES


async def test_capital_l_clears_only_the_story(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"budget", "enter", "quotation_mark")
        await pilot.press("L")
        assert "story" not in status(app) and "quotes" in status(app)


async def test_a_click_on_the_story_chip_removes_it(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"budget", "enter")
        chip = status(app).index("story spring-budget")
        await pilot.click("#status", offset=(chip + 2, 0))
        assert "story" not in status(app) and len(texts(app)) == BUDGET_ENTRIES + FLOODS_ENTRIES


async def test_the_palette_opens_the_story_picker(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"stories")
        await pilot.pause(0.5)  # the palette searches its commands off the key's turn
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and title(app) == "Stories"
        assert len(listed(app)) == 2


async def test_with_a_story_shown_the_speaker_and_outlet_pickers_count_in_it_only(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the speaker counts of every story, read first
        await pilot.press("l", *"flood", "enter", "s")
        assert [row.rsplit("  (", 1)[0] for row in listed(app)] == ["Tom Reed"]
        await pilot.press("escape", "o")
        assert listed(app) == [f"Valley Gazette  ({FLOODS_ENTRIES})"]
        await pilot.press("escape", "L", "o")
        assert len(listed(app)) == 2  # every story again: every outlet again


async def test_a_speaker_heard_in_two_stories_is_named_once_in_the_chip(tmp_path):
    path = tmp_path / "season.db"
    for story, date in (("spring-budget", "Tue 4 Mar 2025"), ("autumn-budget", "Wed 5 Nov 2025")):
        source = write(tmp_path, f"{story}.txt", f"""
            Live: {story}

            {date}

            12.31 GMT
            Jane Doe said: "These plans will cost families dearly."
            """)
        ingest([SourceSpec(source, "The Ledger", source.name, kind="liveblog")], path, story=story)
    app = LivelineApp(path, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"jane", "enter")
        assert "speaker Jane Doe " in status(app) and "Jane Doe, Jane Doe" not in status(app)
        assert sum("Jane Doe" in text for text in texts(app)) == 2  # heard in both stories


async def test_exporting_one_story_proposes_a_file_named_after_it(library, tmp_path):
    app = LivelineApp(library, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"flood", "enter", "e")
        proposed = Path(app.screen.query_one(Input).value).name
        assert proposed.startswith("live-floods-in-the-aire-valley") and proposed.endswith(".md")


async def test_words_typed_in_the_picker_open_that_story_at_its_start(library, tmp_path):
    # Reading the end of the budget (`G`), the reader types the flood's name and presses
    # enter: the words typed decide, not the story being read, and the flood opens at its
    # first entry, not at its last one alone on an empty screen.
    app = LivelineApp(library, View(stories=("budget",)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "story spring-budget" in status(app)
        await pilot.press("G", "l")
        assert title(app) == "Stories"  # nothing ticked
        await pilot.press(*"aire", "enter")
        await pilot.pause()
        assert "story aire-floods" in status(app)
        assert app.query_one(TimelineView).cursor == 0
        await pilot.press("l", "escape")
        assert "story aire-floods" in status(app)  # cancelled: the view is as it was


async def test_one_story_reads_as_before_and_its_key_lists_that_story(tmp_path):
    path = tmp_path / "one.db"
    source = write(tmp_path, "budget.txt", BUDGET)
    ingest([SourceSpec(source, "The Ledger", source.name, kind="liveblog")], path, story="spring-budget")
    app = LivelineApp(path, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "story" not in status(app)  # no chip until a reader asks for one
        await pilot.press("l")
        assert listed(app) == [f"spring-budget  ({BUDGET_ENTRIES})"]
        await pilot.press("enter")  # nothing typed or ticked: every story, no filter
        assert "story" not in status(app) and len(texts(app)) == BUDGET_ENTRIES


def test_help_lists_the_story_keys_with_the_filters():
    filtering = dict(dict(help_groups())["Filtering"])
    assert "pick" in filtering["l"] and "stor" in filtering["l"]
    assert filtering["L"] == "Show every story again"
    assert "stories" in filtering["x"]
