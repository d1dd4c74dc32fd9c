"""The reader live: another connection writes to the timeline while it is open, as
`liveline follow` does, and the reader counts the news, follows the newest entries on `F`,
keeps the reader's place otherwise, rings for a watched speaker and marks an event that
gains an outlet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from liveline.ingest.pipeline import parse_source
from liveline.ingest.settle import settle
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.stories.choice import place_in_stories
from liveline.ingest.writer import write_source
from liveline.timeline.locations import BELL_ENV
from liveline.timeline.store import open_db
from liveline.timeline.view import View
from liveline.tui.activity_strip import ActivityStrip
from liveline.tui.app import LivelineApp
from liveline.tui.help.help_screen import HelpScreen
from liveline.tui.keys import KEYS
from liveline.tui.pickers.picker_screen import PickerScreen
from liveline.tui.timeline_view import TimelineView

SIZE = (100, 30)
DAY = "2025-03-04"


def live_page(outlet: str, posts: dict[str, tuple[str, str]]) -> str:
    """A live page as outlets publish them: LiveBlogPosting JSON-LD, newest post first,
    each post (HH:MM UTC, text) under the page's own id (which `follow` matches posts by)."""
    updates = [
        {"@type": "BlogPosting", "@id": key, "datePublished": f"{DAY}T{hhmm}:00Z", "articleBody": text}
        for key, (hhmm, text) in posts.items()
    ]
    data = {
        "@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Harbour bridge vote – live",
        "datePublished": f"{DAY}T08:00:00+00:00", "publisher": {"@type": "Organization", "name": outlet},
        "liveBlogUpdate": updates[::-1],
    }
    return (f"<!doctype html><html><head><title>Harbour bridge vote</title><script type=\"application/ld+json\">"
            f"{json.dumps(data)}</script></head><body><main><h1>Harbour bridge vote</h1></main></body></html>")


class Newsroom:
    """Outlets' live pages saved on disk and written into a timeline as `follow` writes a
    poll: a connection of its own, the page's posts matched by their ids, then the day settled."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "live.db"
        self.pages: dict[str, dict[str, tuple[str, str]]] = {}
        self.numbered = 0

    def page(self, outlet: str, *posts: tuple[str, str]) -> Path:
        """The outlet's page with `posts` (HH:MM UTC, text) added to it."""
        page = self.pages.setdefault(outlet, {})
        for post in posts:
            self.numbered += 1
            page[f"post-{self.numbered}"] = post
        path = self.folder / f"{outlet.lower().replace(' ', '-')}.html"
        path.write_text(live_page(outlet, page), encoding="utf-8")
        return path

    def publish(self, outlet: str, *posts: tuple[str, str]) -> None:
        self._write(self.page(outlet, *posts))

    def edit(self, outlet: str, old: str, new: str) -> None:
        """The post saying `old` says `new` now."""
        page = self.pages[outlet]
        key = next(key for key, (_, text) in page.items() if text == old)
        page[key] = (page[key][0], new)
        self._write(self.page(outlet))

    def take_down(self, outlet: str, text: str) -> None:
        """The post saying `text` is gone from the page."""
        page = self.pages[outlet]
        del page[next(key for key, (_, said) in page.items() if said == text)]
        self._write(self.page(outlet))

    def _write(self, path: Path) -> None:
        parsed = parse_source(SourceSpec(path=path, outlet="", name=path.name, story="the day"))
        db = open_db(self.db, create=True)
        try:
            write_source(db, parsed, self.db, story_id=place_in_stories(db, self.db, [parsed]).ids[0])
            settle(db, self.db)
        finally:
            db.conn.close()


async def settled(pilot) -> None:
    """The first screen drawn and the reader's background worker (activity strip, speaker
    counts: a connection of its own, opened and closed) finished."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app: LivelineApp) -> str:
    return str(app.query_one("#status").render())


def rows(app: LivelineApp) -> list[str]:
    timeline = app.query_one(TimelineView)
    return [timeline.render_line(y).text for y in range(timeline.size.height)]


def row_of(app: LivelineApp, text: str) -> int:
    """The screen row (in the timeline) where an entry's text starts."""
    return next(y for y, line in enumerate(rows(app)) if text[:30] in line)


# A council debate, one outlet's page: forty posts, a minute apart from 12:00, more than a
# screen holds, every one in words of its own so that no two outlets' posts merge by chance.
WARDS = ["Ashby", "Brook", "Carlow", "Dunmere", "Elston", "Fenwick", "Garth", "Holm", "Islay", "Jura"]
THEMES = ["parking fines", "library hours", "bus shelters", "street lighting", "park benches",
          "recycling rounds", "pothole repairs", "allotment rents"]
MANY = [(f"12:{n:02d}", f"Post {n}: residents of {WARDS[n % 10]} ward asked about {THEMES[n % 8]} ({n} letters).")
        for n in range(40)]
# Another outlet's page on the same morning, in words of its own, all before 12:00.
EARLY = [(f"11:{n:02d}", f"Earlier bulletin {n}: ferry timetable {n} was revised by the harbour master.")
         for n in range(10, 13)]


@pytest.fixture
def newsroom(tmp_path) -> Newsroom:
    room = Newsroom(tmp_path)
    room.publish("Coastal Courier",
                 ("09:00", "Mayor Tom Ellery opened the debate on the harbour bridge plan."),
                 ("09:30", "Councillor Ada Pryce said the bridge would cost far too much money."))
    return room


async def test_every_later_write_updates_the_new_count(newsroom):
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the strip's worker has opened its own connection
        assert "2 entries" in status(app) and "new (u)" not in status(app)
        newsroom.publish("Coastal Courier", ("10:00", "The public gallery is full for the vote."))
        app._check_for_news()
        assert "3 entries" in status(app) and "1 new (u)" in status(app)
        newsroom.publish("Coastal Courier", ("10:05", "Councillors take their seats in the chamber."))
        await pilot.pause(1.3)  # the reader's own once-a-second check
        assert "4 entries" in status(app) and "2 new (u)" in status(app)
        newsroom.publish("Valley Times", ("10:07", "The ferry service was suspended because of high winds."))
        app._check_for_news()
        assert "5 entries" in status(app) and "3 new (u)" in status(app)
        await pilot.press("u")
        assert "new (u)" not in status(app)
        newsroom.publish("Valley Times", ("10:09", "Schools on the island will close early today."))
        app._check_for_news()
        assert "1 new (u)" in status(app)  # counted again from `u`


async def test_news_that_arrives_while_a_picker_is_open_is_counted_when_it_closes(newsroom):
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, PickerScreen)
        newsroom.publish("Coastal Courier", ("10:00", "The public gallery is full for the vote."))
        app._check_for_news()
        await pilot.press("escape")
        assert "3 entries" in status(app) and "1 new (u)" in status(app)


WRITER = """
import sys
from pathlib import Path
from liveline.ingest.pipeline import parse_source
from liveline.ingest.settle import settle
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.writer import write_source
from liveline.ingest.stories.choice import place_in_stories
from liveline.timeline.store import open_db
db_path, page = Path(sys.argv[1]), Path(sys.argv[2])
db = open_db(db_path)
parsed = parse_source(SourceSpec(path=page, outlet="", name=page.name, story="the day"))
write_source(db, parsed, db_path, story_id=place_in_stories(db, db_path, [parsed]).ids[0])
settle(db, db_path)
db.conn.close()
"""


async def test_a_reader_sees_every_write_of_a_follower_in_another_process(newsroom, tmp_path):
    def publish_elsewhere(*post: tuple[str, str]) -> None:
        page = newsroom.page("Coastal Courier", *post)
        subprocess.run([sys.executable, "-c", WRITER, str(newsroom.db), str(page)], check=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})

    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # its worker opened and closed a connection of its own
        for number, post in enumerate([("10:00", "The public gallery is full for the vote."),
                                       ("10:05", "Councillors take their seats in the chamber."),
                                       ("10:10", "The chair calls the meeting to order.")], 1):
            publish_elsewhere(post)
            app._check_for_news()
            assert f"{2 + number} entries" in status(app) and f"{number} new (u)" in status(app)


async def test_F_follows_the_newest_entries_oldest_first_until_the_user_moves(newsroom):
    newsroom.publish("Coastal Courier", *MANY)
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press("F")
        assert "following (F)" in status(app)
        assert timeline.cursor == timeline.pager.count - 1 == 41
        newsroom.publish("Valley Times", ("13:00", "The ferry service was suspended because of high winds."))
        app._check_for_news()
        await pilot.pause()
        assert timeline.cursor == 42 and timeline.current.text.startswith("The ferry service")
        assert row_of(app, "The ferry service") < timeline.size.height  # at the end, on screen
        assert "following (F)" in status(app) and "1 new (u)" in status(app)
        await pilot.press("k")  # the user reads on their own
        assert "following" not in status(app)
        reading = timeline.current.text
        newsroom.publish("Valley Times", ("13:05", "Schools on the island will close early today."))
        app._check_for_news()
        assert timeline.current.text == reading and timeline.cursor == 41


async def test_F_follows_the_newest_at_the_top_newest_first_and_F_again_stops(newsroom):
    newsroom.publish("Coastal Courier", *MANY)
    app = LivelineApp(newsroom.db, View(newest_first=True))
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press(*"jjjjj", "F")
        assert timeline.cursor == 0 and "following (F)" in status(app)
        for hhmm, text in [("13:00", "The ferry service was suspended because of high winds."),
                           ("13:05", "Schools on the island will close early today.")]:
            newsroom.publish("Valley Times", (hhmm, text))
            app._check_for_news()
            await pilot.pause()
            assert timeline.cursor == 0 and timeline.current.text == text and timeline.scroll_offset.y == 0
        await pilot.press("F")
        assert "following" not in status(app)
        newsroom.publish("Valley Times", ("13:10", "The harbour master closed the slipway."))
        app._check_for_news()
        assert timeline.current.text == "Schools on the island will close early today."


@pytest.mark.parametrize("view", [View(), View(merged=True)], ids=["raw", "merged"])
async def test_news_written_above_the_cursor_leaves_the_entry_read_where_it_is(newsroom, view):
    newsroom.publish("Coastal Courier", *MANY)
    app = LivelineApp(newsroom.db, view)
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press(*"j" * 32)
        await pilot.pause()
        reading, cursor = timeline.current, timeline.cursor
        row, top = row_of(app, reading.text), timeline.scroll_offset.y
        assert top > 0  # scrolled: the entries above the screen are where news lands
        newsroom.publish("Valley Times", *EARLY)  # three posts before 12:00, above the cursor
        app._check_for_news()
        await pilot.pause()
        assert "3 new (u)" in status(app)
        assert timeline.current.paragraph_id == reading.paragraph_id and timeline.cursor == cursor + 3
        assert row_of(app, reading.text) == row and timeline.scroll_offset.y == top + 3


async def test_news_above_the_cursor_newest_first_leaves_the_entry_read_where_it_is(newsroom):
    newsroom.publish("Coastal Courier", *MANY)
    app = LivelineApp(newsroom.db, View(newest_first=True))
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press(*"j" * 20)
        await pilot.pause()
        reading, cursor = timeline.current, timeline.cursor
        row = row_of(app, reading.text)
        newsroom.publish("Valley Times", ("13:00", "The ferry service was suspended because of high winds."),
                         ("13:05", "Schools on the island will close early today."))
        app._check_for_news()
        await pilot.pause()
        assert timeline.current.paragraph_id == reading.paragraph_id and timeline.cursor == cursor + 2
        assert row_of(app, reading.text) == row


async def test_news_between_the_top_of_the_screen_and_the_cursor_keeps_the_cursors_row(newsroom):
    newsroom.publish("Coastal Courier", *MANY)
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press(*"j" * 32)
        await pilot.pause()
        reading = timeline.current
        row = row_of(app, reading.text)
        # Two posts of another outlet between those on screen above the cursor.
        newsroom.publish("Valley Times", ("12:25", "The ferry service was suspended because of high winds."),
                         ("12:27", "Schools on the island will close early today."))
        app._check_for_news()
        await pilot.pause()
        assert timeline.current.paragraph_id == reading.paragraph_id
        assert row_of(app, reading.text) == row


BRIDGE = ("10:00", "Ellery said: \u201cThe harbour bridge vote will be held at noon today.\u201d")
BRIDGE_AGAIN = ("10:02", "Mayor Tom Ellery told councillors the harbour bridge vote will be held at noon today.")
BRIDGE_THIRD = ("10:03", "Tom Ellery, the mayor, said the harbour bridge vote would be held at noon today.")


@pytest.mark.parametrize("reported_by", [1, 2], ids=["one outlet", "two outlets"])
async def test_a_merged_entry_that_gains_an_outlet_shows_it_and_is_counted_as_updated(newsroom, reported_by):
    newsroom.publish("Coastal Courier", BRIDGE)
    if reported_by == 2:
        newsroom.publish("Valley Times", BRIDGE_AGAIN)
    app = LivelineApp(newsroom.db, View(merged=True))
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        count = timeline.pager.count
        newsroom.publish("Harbour Herald", BRIDGE_THIRD)
        app._check_for_news()
        await pilot.pause()
        assert timeline.pager.count == count  # the same event, one entry
        line = next(line for line in rows(app) if "outlets" in line)  # the event's first line
        assert f"{reported_by + 1} outlets" in line and "+1 outlet" in line and "Harbour Herald" in line
        assert "1 updated (u)" in status(app) and "new" not in status(app)
        await pilot.press("u")
        assert "harbour bridge vote" in timeline.current.text
        assert "updated" not in status(app) and not any("+1 outlet" in line for line in rows(app))


@pytest.fixture
def rings(monkeypatch):
    """Every ring of the terminal bell."""
    rung: list[int] = []
    monkeypatch.setattr(LivelineApp, "bell", lambda self: rung.append(1))
    return rung


QUOTE = ("10:00", "Pryce said: \u201cThe costs have doubled since the spring.\u201d")
OTHER_QUOTE = ("10:05", "Ellery said: \u201cThe costs are under control.\u201d")


async def test_a_watched_speakers_new_quote_flashes_the_chip_and_rings(newsroom, rings):
    app = LivelineApp(newsroom.db, View(speakers=("pryce",)))
    async with app.run_test(size=SIZE) as pilot:
        newsroom.publish("Coastal Courier", OTHER_QUOTE)  # another speaker: no ring
        app._check_for_news()
        assert rings == [] and not app.flashing
        newsroom.publish("Coastal Courier", QUOTE)
        app._check_for_news()
        await pilot.pause()
        assert rings == [1] and app.flashing and "1 new (u)" in status(app)
        app._check_for_news()  # nothing written since: nothing rings again
        assert rings == [1]
        app._end_flash()  # what the flash's timer does
        assert not app.flashing and "1 new (u)" in status(app)


async def test_the_bell_stays_silent_when_the_setting_turns_it_off(newsroom, rings, monkeypatch):
    monkeypatch.setenv(BELL_ENV, "0")
    app = LivelineApp(newsroom.db, View(speakers=("pryce",)))
    async with app.run_test(size=SIZE):
        newsroom.publish("Coastal Courier", QUOTE)
        app._check_for_news()
        assert rings == [] and app.flashing  # still shown, only silent


async def test_without_a_speaker_filter_nothing_rings(newsroom, rings):
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE):
        newsroom.publish("Coastal Courier", QUOTE)
        app._check_for_news()
        assert rings == [] and not app.flashing and "1 new (u)" in status(app)


async def test_F_is_in_the_help_and_the_command_palette(newsroom):
    assert any(key == "F" and ident == "follow" for key, _, _, _, ident in KEYS)
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Follow newest (tail)" in titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Follow newest" in str(app.screen.query_one("Static").render())


async def test_an_edited_post_is_counted_as_updated_and_the_reader_stays_on_it(newsroom):
    newsroom.publish("Coastal Courier", *MANY)
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        await pilot.press(*"j" * 32)
        await pilot.pause()
        reading, cursor = timeline.current, timeline.cursor
        row = row_of(app, reading.text)
        edited = reading.text.replace("letters", "letters and a petition")
        newsroom.edit("Coastal Courier", reading.text, edited)
        app._check_for_news()
        await pilot.pause()
        assert timeline.cursor == cursor and timeline.current.text == edited
        assert row_of(app, edited) == row
        assert "1 updated (u)" in status(app) and "new" not in status(app)


async def test_a_post_taken_off_its_page_stays_marked_removed(newsroom):
    gone = "Councillor Ada Pryce said the bridge would cost far too much money."
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(TimelineView)
        newsroom.take_down("Coastal Courier", gone)
        app._check_for_news()
        await pilot.pause()
        assert timeline.pager.count == 2  # kept
        line = next(line for line in rows(app) if "removed" in line)
        assert "Ada Pryce" in line  # marked on its own line
        entry = timeline.pager.entry(1)
        assert entry.text == gone and entry.removed
        body = timeline._body(entry)
        words = body.plain.index(gone[:20])
        assert any("strike" in str(span.style) and span.start <= words < span.end for span in body.spans)


async def test_a_reader_opened_on_an_empty_timeline_shows_the_first_entries_as_they_arrive(tmp_path):
    room = Newsroom(tmp_path)
    open_db(room.db, create=True).conn.close()
    app = LivelineApp(room.db, View())
    async with app.run_test(size=SIZE) as pilot:
        assert "0 entries" in status(app)
        room.publish("Coastal Courier", ("09:00", "Mayor Tom Ellery opened the debate on the harbour bridge plan."))
        app._check_for_news()
        await pilot.pause()
        assert "1 entry" in status(app) and "1 new (u)" in status(app)
        assert app.query_one(TimelineView).current.text.startswith("Mayor Tom Ellery")


async def test_the_activity_strip_grows_with_the_news_and_names_a_new_outlet(newsroom):
    app = LivelineApp(newsroom.db, View())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        labels = lambda: app.query_one(ActivityStrip).shown_outlets  # noqa: E731
        assert labels() == ["Coastal Courier"]
        newsroom.publish("Valley Times", ("10:07", "The ferry service was suspended because of high winds."))
        app._check_for_news()
        await settled(pilot)
        assert sorted(labels()) == ["Coastal Courier", "Valley Times"]
