"""Choosing speakers and outlets at 80x24: type to narrow, arrows move, tab ticks, enter shows,
esc cancels, and a hint line that says so."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from liveline.timeline.view import View
from liveline.tui.app import LivelineApp
from liveline.tui.pickers.picker_screen import PickerList, PickerScreen, matches
from liveline.tui.pickers.prompt_screen import PromptScreen

SIZE = (80, 24)


@pytest.fixture
def app(example_db, tmp_path):
    return LivelineApp(example_db, export_dir=tmp_path)


def speakers(app) -> list[str]:
    return app.pager.resolved.speaker_names


def shown(app) -> list[str]:
    """The labels the picker lists now, without their counts."""
    listing = app.screen.query_one(PickerList)
    return [listing.get_option_at_index(i).prompt.plain.rsplit("  (", 1)[0] for i in range(listing.option_count)]


def hint(app) -> str:
    return " / ".join(str(label.render()) for label in app.screen.query("#picker-help, #picker-enter").results(Label))


@pytest.mark.parametrize("typed", ["philp", "philp ", "Philp ", "chris philp", "philp chris", "CHRIS  PHILP"])
async def test_typing_a_surname_and_enter_filters_to_that_speaker(app, typed):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *typed)
        assert shown(app) == ["Chris Philp"]  # a space separates words, it never empties the list
        await pilot.press("enter")
        assert not isinstance(app.screen, PickerScreen)
        assert speakers(app) == ["Chris Philp"]


def test_every_typed_word_must_occur_in_the_name_in_any_order_and_without_accents():
    assert matches("Yvette Cooper", "cooper yvette")
    assert matches("Éric Zemmour", "eric zem")
    assert matches("Chris Philp", "")
    assert not matches("Chris Philp", "chris cooper")


async def test_the_filter_box_keeps_the_focus_and_arrows_move_the_highlight(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        listing = app.screen.query_one(PickerList)
        assert app.screen.query_one(Input).has_focus and listing.highlighted == 0
        await pilot.press("down", "down")
        assert listing.highlighted == 2 and app.screen.query_one(Input).has_focus
        await pilot.press("up")
        assert listing.highlighted == 1 and "enter shows Chris Philp" in hint(app)
        await pilot.press("enter")  # the arrows chose a name: enter takes it, not "all"
        assert speakers(app) == ["Chris Philp"]


async def test_arrows_then_enter_take_the_highlighted_match(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"on")  # Sarah Champion, Simon Hoare, ...
        names = shown(app)
        assert len(names) > 2
        await pilot.press("down", "enter")
        assert speakers(app) == [names[1]]


async def test_tab_ticks_two_people_and_enter_shows_both(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"philp", "tab")
        assert "Speakers (1 ticked)" in str(app.screen.query_one("#picker-title", Label).render())
        await pilot.press(*["backspace"] * 5, *"cooper", "tab")
        assert "2 ticked" in str(app.screen.query_one("#picker-title", Label).render())
        assert "enter shows the 2 ticked" in hint(app)
        await pilot.press("enter")
        assert speakers(app) == ["Chris Philp", "Yvette Cooper"]


async def test_a_ticked_name_stays_ticked_while_the_filter_changes(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"philp", "tab", "backspace", "backspace")
        listing = app.screen.query_one(PickerList)
        assert listing.selected == ["Chris Philp"]
        await pilot.press(*"zzz", "backspace", "backspace", "backspace")
        assert app.screen.query_one(PickerList).selected == ["Chris Philp"]
        await pilot.press("tab")  # the highlight is still on him: tab unticks
        assert app.screen.chosen == [] and "ticked" not in str(app.screen.query_one("#picker-title", Label).render())


async def test_a_click_on_a_name_ticks_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"cooper")
        listing = app.screen.query_one(PickerList)
        await pilot.click(listing, offset=(4, 0))  # the first row
        await pilot.pause()
        assert app.screen.chosen == ["Yvette Cooper"]
        await pilot.press("enter")
        assert speakers(app) == ["Yvette Cooper"]


async def test_enter_on_an_empty_box_with_nothing_ticked_clears_the_speaker_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"philp", "enter")
        assert speakers(app) == ["Chris Philp"]
        await pilot.press("s")
        # The current filter opens ticked, and the picker says how to clear it.
        assert app.screen.chosen == ["Chris Philp"]
        assert "ctrl+r unticks all" in hint(app)
        await pilot.press("ctrl+r")
        assert app.screen.chosen == [] and "enter shows all speakers" in hint(app)
        await pilot.press("enter")
        assert speakers(app) == [] and not app.view.speakers


async def test_unticking_the_current_speaker_with_tab_and_enter_clears_the_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"philp", "enter", "s", *"philp", "tab")
        assert app.screen.chosen == []
        await pilot.press(*["backspace"] * 5, "enter")
        assert not app.view.speakers


async def test_text_that_matches_nothing_keeps_the_picker_open_and_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        before = app.view
        await pilot.press("s", *"zzzz", "enter")
        assert isinstance(app.screen, PickerScreen)
        assert "nothing matches 'zzzz'" in hint(app)
        assert app.view == before
        await pilot.press("escape")
        assert app.view == before


async def test_escape_cancels_and_keeps_the_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"philp", "enter")
        await pilot.press("s", "ctrl+r", *"cooper", "escape")
        assert not isinstance(app.screen, PickerScreen)
        assert speakers(app) == ["Chris Philp"]


async def test_the_hint_says_what_each_key_does(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        text = hint(app)
        for words in ("type narrows", "↑↓ move", "tab ticks", "esc cancels", "enter shows all speakers"):
            assert words in text
        await pilot.press(*"philp")
        assert "enter shows Chris Philp" in hint(app)


async def test_the_outlet_picker_works_the_same_way(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *"report a ", "enter")
        assert app.pager.resolved.outlets == ["Report A"]
        await pilot.press("o", "ctrl+r", *"guardian", "tab", *["backspace"] * 8, *"bbc", "tab", "enter")
        assert sorted(app.pager.resolved.outlets) == ["BBC News", "The Guardian"]
        await pilot.press("o", *"nowhere")
        assert "nothing matches 'nowhere' · enter shows the 2 ticked" in hint(app)
        await pilot.press("ctrl+r", "enter")
        assert isinstance(app.screen, PickerScreen) and "nothing matches 'nowhere'" in hint(app)
        await pilot.press("escape")
        assert sorted(app.pager.resolved.outlets) == ["BBC News", "The Guardian"]
        await pilot.press("o", "ctrl+r", "enter")  # one key and enter: every outlet again
        assert not app.view.outlets


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_picker_fits_the_screen_and_its_list_scrolls(example_db, tmp_path, size):
    app = LivelineApp(example_db, View(), export_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        box = app.screen.query_one("#picker").region
        assert box.right <= size[0] and box.bottom <= size[1]
        for part in ("#picker-title", "#picker-filter", "#picker-list", "#picker-help", "#picker-enter"):
            region = app.screen.query_one(part).region
            assert region.height >= 1 and box.contains_region(region), part
        listing = app.screen.query_one(PickerList)
        assert listing.max_scroll_y > 0  # 38 speakers do not fit: the list scrolls
        await pilot.press(*["pagedown"] * 10)
        assert listing.highlighted == listing.option_count - 1
        assert listing.scroll_offset.y == listing.max_scroll_y


async def test_a_long_name_is_cut_with_an_ellipsis_not_wrapped(tmp_path, example_db):
    app = LivelineApp(example_db, export_dir=tmp_path)
    long = "Somebody With An Exceptionally Long Name That Goes On And On Past The Edge"
    async with app.run_test(size=(60, 20)) as pilot:
        app.push_screen(PickerScreen("Speakers", [(long, long, 3), ("Chris Philp", "Chris Philp", 2)], []))
        await pilot.pause()
        listing = app.screen.query_one(PickerList)
        first = listing.render_line(0).text
        second = listing.render_line(1).text
        assert "…" in first and "Chris Philp" in second


async def test_a_prompt_can_propose_an_answer_that_enter_accepts_as_it_stands(app):
    answers: list[str | None] = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PromptScreen("Export the view to", "a file", value="~/day.md"), answers.append)
        await pilot.pause()
        assert app.screen.query_one(Input).value == "~/day.md"
        await pilot.press("enter")
    assert answers == ["~/day.md"]
