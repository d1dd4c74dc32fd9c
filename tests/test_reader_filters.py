"""Filtering in the reader at 80x24: a search stays until Esc, every filter can be cleared,
key events and quotes for catching up, and a view or a timeline with nothing in it says so."""

from __future__ import annotations

import pytest

from liveline.timeline.store import open_db
from liveline.tui.app import LivelineApp
from liveline.tui.pickers.prompt_screen import PromptScreen
from liveline.tui.timeline_view import TimelineView

SIZE = (80, 24)


def status(app) -> str:
    return str(app.query_one("#status").render())


def shown(app) -> list:
    pager = app.query_one(TimelineView).pager
    return [pager.entry(i) for i in range(pager.count)]


def notices(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


@pytest.fixture
def app(example_db, tmp_path):
    return LivelineApp(example_db, export_dir=tmp_path)


async def search(pilot, words: str) -> None:
    await pilot.press("slash", *words, "enter")
    await pilot.pause()


async def test_a_search_stays_across_view_changes_until_escape(app):
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "inquiry")
        assert "/inquiry" in status(app)
        for key in ("m", "r", "right_square_bracket", "K"):
            await pilot.press(key)
            await pilot.pause()
            assert "/inquiry" in status(app), f"the search chip went with {key}"
        await pilot.press("K", "S", "m")  # back to every entry, merged
        timeline = app.query_one(TimelineView)
        before = timeline.cursor
        await pilot.press("n")
        assert timeline.cursor != before and timeline.cursor == app.pager.next_match("inquiry", before)
        await pilot.press("escape")
        assert "/inquiry" not in status(app) and timeline.highlight is None
        await pilot.press("n")
        assert "no search yet" in notices(app)


async def test_one_key_clears_every_filter_and_the_search(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *"guardian", "enter", "K")
        await search(pilot, "Cooper")
        assert app.view.outlets and app.view.key_events and "/Cooper" in status(app)
        await pilot.press("x")
        assert "outlet" not in status(app) and "key events" not in status(app) and "/Cooper" not in status(app)
        assert "279 entries" in status(app)


async def test_the_outlet_filter_clears_with_its_own_key(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *"bbc", "enter")
        assert "outlet BBC News" in status(app)
        await pilot.press("O")
        assert "outlet" not in status(app) and "279 entries" in status(app)


async def test_a_click_on_a_chip_removes_that_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *"bbc", "enter", "quotation_mark")
        assert "outlet BBC News" in status(app) and "quotes" in status(app)
        chip = status(app).index("quotes")
        await pilot.click("#status", offset=(chip + 2, 0))
        assert "quotes" not in status(app) and "outlet BBC News" in status(app)


async def test_key_events_show_what_pages_flag_and_what_several_outlets_reported(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K")
        entries = shown(app)
        assert "key events" in status(app) and 0 < len(entries) < 279
        assert all(e.post_kind in ("key_event", "summary") or "," in (e.event_outlets or "") for e in entries)
        assert any(e.post_kind == "summary" for e in entries)  # the Guardian's summary of the day
        await pilot.press("K")
        assert "key events" not in status(app) and "279 entries" in status(app)


async def test_quotes_only_shows_paragraphs_quoting_a_speaker_with_the_speaker(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("quotation_mark")
        entries = shown(app)
        assert "quotes" in status(app) and 0 < len(entries) < 279
        assert all(e.speakers for e in entries)
        assert all(any(mark in e.text for mark in "“\"„«‘'") for e in entries)


async def test_quotes_leave_out_paraphrase(tmp_path, cli):
    from tests.conftest import write

    source = write(tmp_path, "blog.txt", """
        Live: Budget day

        Tue 4 Mar 2025

        12.31 GMT
        Jane Doe said the plans would cost more than the Treasury admits.

        12.45 GMT
        Jane Doe said: "These plans will cost families dearly."
        """)
    db = tmp_path / "t.db"
    cli("ingest", str(source), "--db", str(db), "--outlet", "Paper", "--kind", "liveblog")
    app = LivelineApp(db, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("quotation_mark")
        texts = [e.text for e in shown(app)]
        assert texts == ['Jane Doe said: "These plans will cost families dearly."']


async def test_export_asks_where_and_writes_the_view_there(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K", "e")
        assert isinstance(app.screen, PromptScreen)
        prompt = app.screen.query_one("Input")
        assert prompt.value.endswith("key-events.md")  # proposed from the story and the filters
        prompt.value = str(tmp_path / "catch-up.json")
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / "catch-up.json"
        assert written.exists() and '"key_events": true' in written.read_text(encoding="utf-8")
        assert "wrote" in notices(app)


async def test_an_empty_timeline_says_how_to_fill_it_and_enter_and_e_say_there_is_nothing(tmp_path):
    path = tmp_path / "empty.db"
    open_db(path, create=True).conn.close()
    app = LivelineApp(path, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "e")
        assert "liveline ingest" in notices(app)
        assert "nothing to open" in notices(app) and "nothing to export" in notices(app)
        assert not isinstance(app.screen, PromptScreen)
        assert list(tmp_path.glob("*.md")) == []


async def test_a_view_filtering_everything_out_says_x_clears_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"lidington", "enter", "o", *"bbc", "enter")  # he is not in the BBC's blog
        assert "0 entries" in status(app)
        await pilot.press("e")
        assert "x clears" in notices(app)
        await pilot.press("x")
        assert "279 entries" in status(app)


def screen_text(app) -> str:
    timeline = app.query_one(TimelineView)
    return "\n".join(timeline.render_line(y).text for y in range(timeline.size.height))


async def test_the_issues_script_at_80x24(app):
    """s philp enter; /inquiry m (the chip stays, n moves), esc; an outlet cleared with one
    key; G shows the last line; enter on a four-outlet event names all four."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"philp", "enter")
        assert "speaker Chris Philp" in status(app)
        await pilot.press("S")
        await search(pilot, "inquiry")
        await pilot.press("m")
        timeline = app.query_one(TimelineView)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "/inquiry" in status(app) and app.match_count
        before = timeline.cursor
        await pilot.press("n")
        assert timeline.cursor == app.pager.next_match("inquiry", before) and timeline.cursor != before
        await pilot.press("escape")
        assert "/inquiry" not in status(app)
        await pilot.press("o", *"guardian", "enter")
        assert "outlet The Guardian" in status(app)
        await pilot.press("O")
        assert "outlet" not in status(app)
        await pilot.press("m", "G")
        await pilot.pause()
        last = " ".join(timeline.current.text.split()[-4:])
        assert last in " ".join(screen_text(app).split())
        await pilot.press("m")
        four = next(i for i in range(timeline.pager.count) if len((timeline.pager.entry(i).event_outlets or "").split(", ")) == 4)
        timeline.move_to(four)
        await pilot.press("enter")
        await pilot.pause()
        outlets = timeline.pager.entry(four).event_outlets.split(", ")
        names = [str(w.render()) for w in app.screen.query(".outlet")]
        assert all(any(outlet in name for name in names) for outlet in outlets), (outlets, names)


async def test_a_second_export_never_replaces_the_first_unasked(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await pilot.pause()
        first = sorted(tmp_path.glob("*.md"))
        await pilot.press("e")
        assert app.screen.query_one("Input").value.endswith("-2.md")  # a name not yet taken
        app.screen.query_one("Input").value = str(first[0])
        await pilot.press("enter")
        await pilot.pause()
        assert "exists" in str(app.screen.query_one("Label").render())  # asked before replacing
        await pilot.press("escape")
        assert sorted(tmp_path.glob("*.md")) == first and first[0].read_text(encoding="utf-8").startswith("# ")


async def test_at_60_columns_the_status_line_keeps_the_count_the_place_and_the_zone(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        line = status(app)
        assert "entries ·" in line and "UK time (GMT)" in line and len(line.rstrip()) <= 60
        assert "merged" in line  # room for the mode with no filter set
        await pilot.press("s", *"cooper", "enter", "slash", *"inquiry", "enter")
        await pilot.pause()
        line = status(app)
        assert "/inquiry" in line and "entries ·" in line and "UK time (GMT)" in line and len(line.rstrip()) <= 60
