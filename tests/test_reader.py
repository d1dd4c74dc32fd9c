"""Reading the timeline in the terminal: every key does what the help says."""

from __future__ import annotations

import pytest

from liveline.timeline.store import open_db
from liveline.timeline.view import View
from liveline.tui.app import LivelineApp
from liveline.tui.compare.compare_screen import EventScreen
from liveline.tui.help.help_screen import HelpScreen
from liveline.tui.pickers.picker_screen import PickerScreen
from liveline.tui.pickers.prompt_screen import PromptScreen
from liveline.tui.timeline_view import TimelineView
from tests.conftest import write

SIZE = (100, 30)


def status(app) -> str:
    return str(app.query_one("#status").render())


def screen_text(app) -> str:
    timeline = app.query_one(TimelineView)
    return "\n".join(timeline.render_line(y).text for y in range(timeline.size.height))


@pytest.fixture
def app(example_db, tmp_path):
    return LivelineApp(example_db, export_dir=tmp_path)


async def test_opening_shows_the_first_entries_and_how_many_there_are(app):
    async with app.run_test(size=SIZE):
        assert "279 entries" in status(app)
        assert "2025-01-06" in screen_text(app)
        assert "The Guardian" in screen_text(app)


async def test_moving_through_the_timeline(app):
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press("j", "j", "down")
        assert timeline.cursor == 3
        await pilot.press("k", "up")
        assert timeline.cursor == 1
        await pilot.press("space")
        paged = timeline.cursor
        assert paged > 3
        await pilot.press("b")
        assert timeline.cursor < paged
        await pilot.press("G")
        assert timeline.cursor == 278
        assert timeline.scroll_offset.y > 250  # the end of the timeline is on screen
        assert timeline.current.text[:30] in " ".join(screen_text(app).split())
        assert "Source link" not in screen_text(app)
        await pilot.press("g")
        assert timeline.cursor == 0 and timeline.scroll_offset.y == 0


async def test_speaker_picker_narrows_toggles_and_applies(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"philp", "enter")
        assert "speaker Chris Philp" in status(app)
        timeline = app.query_one(TimelineView)
        shown = [timeline.pager.entry(i) for i in range(timeline.pager.count)]
        assert shown and all("Chris Philp" in (e.speakers or "") for e in shown)
        await pilot.press("S", "s", "tab", "down", "tab", "enter")  # tab ticks two
        assert status(app).count(",") >= 1 and "speaker" in status(app)
        await pilot.press("S")
        assert "speaker" not in status(app) and "279 entries" in status(app)


async def test_enter_typed_before_the_picker_narrows_still_takes_what_was_typed(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        picker = app.screen
        picker.query_one("#picker-filter").value = "philp"  # the list has not narrowed yet
        picker.action_apply()
        await pilot.pause()
        assert "speaker Chris Philp" in status(app)


async def test_typing_fast_in_a_picker_never_crashes_the_reader(app):
    from textual.events import Key

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        for key in "coopx":  # a burst, as a paste or a fast typist sends it: the list empties
            app.post_message(Key(key, key))
        await pilot.pause()
        await pilot.press("backspace", "enter")
        assert "speaker Yvette Cooper" in status(app)


async def test_stepping_through_speakers_one_at_a_time(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        first = status(app)
        assert "speaker Yvette Cooper" in first  # the most-heard speaker first
        await pilot.press("right_square_bracket")
        assert "speaker Chris Philp" in status(app)
        await pilot.press("left_square_bracket")
        assert status(app).split(" entries")[0].split() == first.split(" entries")[0].split()


async def test_a_filter_keeps_the_readers_place(app):
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press(*"j" * 40)
        await pilot.press("right_square_bracket")
        # The speaker's first entry at or after the reader's place, not the top of the list.
        assert timeline.current.rank >= 41 and timeline.cursor > 0
        chosen = timeline.current.paragraph_id
        await pilot.press("S")
        assert timeline.current.paragraph_id == chosen


def test_switching_to_merged_keeps_the_reader_on_the_event_of_the_paragraph_read(example_db):
    from liveline.timeline.pager import Pager

    db = open_db(example_db)
    raw, merged = Pager(db, View()), Pager(db, View(merged=True))
    in_events = [entry for i in range(raw.count) if (entry := raw.entry(i)).event_id is not None]
    assert len(in_events) > 20
    for entry in in_events:  # a later report of an exchange is read under the event's entry
        assert merged.entry(merged.position_of(entry)).event_id == entry.event_id


async def test_outlet_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.press(*"report a", "enter")
        assert "outlet Report A" in status(app)
        assert "37 entries" in status(app)


async def test_merged_and_order_toggles(app, example_db):
    # Merged, each event is one entry: count paragraphs outside events plus events.
    with open_db(example_db).conn as conn:
        (merged,) = conn.execute(
            "SELECT COUNT(DISTINCT coalesce('e' || event_id, 'p' || id)) FROM paragraphs WHERE rank IS NOT NULL"
        ).fetchone()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert merged < 279
        assert "merged" in status(app) and f"{merged} entries" in status(app)
        await pilot.press("m", "r")
        assert "newest first" in status(app)
        timeline = app.query_one(TimelineView)
        assert timeline.pager.entry(0).date == "2025-01-16"
        assert timeline.current.date == "2025-01-06"  # the reader keeps its place


async def test_search_with_next_and_previous(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Casey", "enter")
        timeline = app.query_one(TimelineView)
        assert "casey" in timeline.current.text.lower()
        assert "matches" in status(app)
        first = timeline.cursor
        await pilot.press("n")
        assert timeline.cursor > first and "casey" in timeline.current.text.lower()
        await pilot.press("N")
        assert timeline.cursor == first


async def test_jump_to_a_time(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"18:20", "enter")
        entry = app.query_one(TimelineView).current
        assert entry.mark.lstrip("≤≥≈") >= "18:20"


async def test_enter_opens_each_outlets_wording_side_by_side(app):
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        index = next(i for i in range(timeline.pager.count) if "," in (timeline.pager.entry(i).event_outlets or ""))
        timeline.move_to(index)
        await pilot.press("enter")
        assert isinstance(app.screen, EventScreen)
        outlets = timeline.pager.entry(index).event_outlets.split(", ")
        assert len(app.screen.query(".wording")) == len(outlets)  # a column per outlet, however many reports
        assert len(app.screen.query(".report")) >= len(outlets)
        await pilot.press("escape")
        assert not isinstance(app.screen, EventScreen)


async def test_export_copy_help_and_quit(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")  # the proposed file name, as offered
        await pilot.pause()
        written = list(tmp_path.glob("*.md"))
        assert len(written) == 1 and written[0].read_text().startswith("# ")
        await pilot.press("c")
        assert app.clipboard.startswith("≤18:17")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("q")
    assert app.return_code == 0


async def test_every_action_is_in_the_command_palette(app):
    async with app.run_test(size=SIZE):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for wanted in ("Search", "Speakers", "Outlets", "Merge", "Order", "Jump to time", "Export", "Copy", "Help"):
            assert wanted in titles


async def test_source_text_is_inert_on_screen(cli, tmp_path):
    write(tmp_path, "evil.txt", "The minister said [bold red]nothing[/] and [link=https://x.test]this[/link].\nShare\n"
                                "Escapes \x1b[2J\x1b]0;title\x07 gone.\nShare\n")
    db = tmp_path / "t.db"
    assert cli("ingest", tmp_path / "evil.txt", "--outlet", "E", "--date", "2025-02-03", "--db", db).code == 0
    app = LivelineApp(db, View())
    async with app.run_test(size=SIZE):
        text = screen_text(app)
        assert "[bold red]nothing[/]" in text and "[link=https://x.test]this[/link]" in text
        assert "\x1b" not in text and "Escapes gone." in text


async def test_entries_written_by_another_process_appear_with_a_new_count(cli, tmp_path):
    write(tmp_path, "one.txt", "Published at 10:00 GMT\nThe session opens.\nShare\n")
    write(tmp_path, "two.txt", "Published at 11:15 GMT\nThe vote is called.\nShare\nPublished at 11:20 GMT\nThe vote is won.\nShare\n")
    db = tmp_path / "t.db"
    assert cli("ingest", tmp_path / "one.txt", "--outlet", "A", "--date", "2025-02-03", "--db", db).code == 0
    app = LivelineApp(db, View())
    async with app.run_test(size=SIZE) as pilot:
        assert "1 entry" in status(app)
        # `liveline follow` or an ingest in another terminal, while the reader is open:
        assert cli("ingest", tmp_path / "two.txt", "--outlet", "B", "--date", "2025-02-03", "--db", db).code == 0
        await pilot.pause(1.3)
        assert "3 entries" in status(app) and "2 new (u)" in status(app)
        await pilot.press("u")
        timeline = app.query_one(TimelineView)
        assert timeline.current.text == "The vote is called." and "new (u)" not in status(app)


async def test_in_the_merged_view_search_finds_an_event_by_any_outlets_wording(example_db, tmp_path):
    from liveline.timeline.pager import Pager

    db = open_db(example_db)
    member = db.execute(
        "SELECT pa.text, pa.event_id FROM paragraphs pa WHERE pa.event_id IS NOT NULL AND pa.mrank IS NULL "
        "AND pa.duplicate_of IS NULL LIMIT 1"
    ).fetchone()  # a report that is not the one the merged view shows for its event
    words = " ".join(member[0].split()[:6])
    merged = Pager(db, View(merged=True))
    positions, at = [], merged.next_match(words, -1)
    while at is not None and at not in positions:
        positions.append(at)
        at = merged.next_match(words, at)
    found = [merged.entry(position).event_id for position in positions]
    assert member[1] in found
    app = LivelineApp(example_db, view=View(merged=True), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *words, "enter")
        assert app.query_one(TimelineView).current.event_id in found
