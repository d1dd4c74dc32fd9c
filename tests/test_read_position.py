"""Read position: the reader remembers, per timeline, the entry the user was reading and the
newest rows they had seen, and on return counts what is new since they last read.

Headless: one "sitting" does what the reader does on opening a timeline (load the marks,
start the tracker from them, count the news) and on closing it (save the marks). The marks
file lives in a tmp folder ($LIVELINE_STATE_DIR), never in the user's home.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from liveline.timeline.locations import REMEMBER_ENV, STATE_DIR_ENV, reading_marks_path
from liveline.timeline.pager import Pager
from liveline.timeline.reading_marks import MAX_TIMELINES, Marks, ReadingMarks
from liveline.timeline.store import open_db
from liveline.timeline.view import View
from liveline.tui.live import News, Tracker
from tests.conftest import digest, write

DEBATE = """\
Minister opens the debate
10:02
The minister spoke first.
Share
10:15
The opposition replied.
Share
"""
COUNCIL = """\
Council live
10:05
The council met early.
Share
10:20
The mayor, Jane Smith, said: "We will rebuild the harbour."
Share
"""
HARBOUR = """\
Harbour vote
09:00
The harbour board voted.
Share
"""


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch) -> Path:
    """The marks file's folder, in tmp."""
    folder = tmp_path / "state"
    monkeypatch.setenv(STATE_DIR_ENV, str(folder))
    monkeypatch.delenv(REMEMBER_ENV, raising=False)
    return folder


class Sitting:
    """One reading of a timeline, as the reader does it: opened with the marks of the last
    reading, closed with the place it reached."""

    def __init__(self, path: Path) -> None:
        self.db = open_db(path)
        self.keeper = ReadingMarks(path)
        self.marks: Marks | None = self.keeper.load(self.db)
        self.tracker = Tracker(self.db, seen=self.marks.seen if self.marks else None)
        self.pager = Pager(self.db, View())
        self.news: News = self.tracker.news(self.pager)
        self.said: list[str] = []

    @property
    def place(self) -> int | None:
        return self.marks.position_in(self.db, self.pager) if self.marks else None

    def texts(self, positions: list[int]) -> list[str]:
        return [entry.text for p in positions if (entry := self.pager.entry(p))]

    def save(self, position: int) -> None:
        if message := self.keeper.save(self.db, self.pager.entry(position), self.tracker.seen):
            self.said.append(message)

    def close(self, position: int) -> Sitting:
        self.save(position)
        self.db.conn.close()
        return self


def ingest(cli, folder: Path, db: Path, name: str, text: str, outlet: str) -> None:
    assert cli("ingest", write(folder, name, text), "--outlet", outlet, "--date", "2025-02-03", "--db", db).code == 0


@pytest.fixture
def debate(cli, tmp_path) -> Path:
    """A timeline of one outlet's two posts (three entries)."""
    path = tmp_path / "timeline.db"
    ingest(cli, tmp_path, path, "debate.txt", DEBATE, "Good")
    return path


def test_a_first_visit_has_no_marks_and_nothing_new(debate, state):
    sitting = Sitting(debate)
    assert sitting.marks is None and sitting.place is None
    assert sitting.news.count == 0
    assert not state.exists()  # nothing is written before the reader has read anything


def test_closing_and_reopening_puts_the_reader_back_on_the_entry_it_was_reading(debate):
    Sitting(debate).close(1)
    again = Sitting(debate)
    assert again.place == 1 and again.texts([1]) == ["The minister spoke first."]
    assert again.news.count == 0


def test_a_source_ingested_between_two_readings_is_new_since_you_last_read(cli, tmp_path, debate):
    Sitting(debate).close(2)
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    again = Sitting(debate)
    assert again.news.words() == "3 new"
    assert again.texts(again.news.new) == ["Council live", "The council met early.", 'The mayor, Jane Smith, said: "We will rebuild the harbour."']
    assert again.news.first == 2  # the council's first entry, at 10:05
    assert again.texts([again.place or 0]) == ["The opposition replied."]  # the old place, moved down by the news


def test_reading_through_to_the_last_new_entry_leaves_nothing_new_next_time(cli, tmp_path, debate):
    Sitting(debate).close(0)
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    sitting = Sitting(debate)
    first, last = sitting.news.first, max(sitting.news.new)
    assert first is not None and not sitting.tracker.reached(sitting.news, first)
    assert sitting.tracker.reached(sitting.news, last)
    sitting.close(last)
    assert Sitting(debate).news.count == 0


def test_stopping_half_way_through_the_news_tells_it_all_again_next_time(cli, tmp_path, debate):
    Sitting(debate).close(0)
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    sitting = Sitting(debate)
    assert sitting.news.first is not None and not sitting.tracker.reached(sitting.news, sitting.news.first)
    sitting.close(sitting.news.first)
    again = Sitting(debate)
    assert again.news.words() == "3 new" and again.texts([again.place or 0]) == ["Council live"]


def test_u_counts_every_new_entry_as_read(cli, tmp_path, debate):
    Sitting(debate).close(0)
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    sitting = Sitting(debate)
    sitting.tracker.caught_up()
    sitting.close(sitting.news.first or 0)
    assert Sitting(debate).news.count == 0


def test_news_from_while_the_reader_was_open_is_kept_for_next_time(cli, tmp_path, debate):
    sitting = Sitting(debate)
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")  # another process writes
    assert sitting.tracker.moved()
    sitting.pager = Pager(sitting.db, View())
    sitting.news = sitting.tracker.news(sitting.pager)
    assert sitting.news.words() == "3 new"
    sitting.close(0)  # closed without looking at them
    assert Sitting(debate).news.words() == "3 new"


def test_the_bell_never_rings_for_what_was_said_while_the_reader_was_closed(cli, tmp_path, debate):
    Sitting(debate).close(0)
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    sitting = Sitting(debate)
    people = [person_id for (person_id,) in sitting.db.execute("SELECT id FROM people")]
    assert people and sitting.news.words() == "3 new"
    assert sitting.tracker.heard_anew(people) == []


def test_a_timeline_rebuilt_at_the_same_path_from_other_sources_is_a_first_visit(cli, tmp_path, debate):
    Sitting(debate).close(2)
    debate.unlink()
    ingest(cli, tmp_path, debate, "harbour.txt", HARBOUR, "Port")
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    again = Sitting(debate)
    assert again.marks is None and again.news.count == 0


def test_a_timeline_rebuilt_with_the_same_start_but_other_rows_later_is_a_first_visit(cli, tmp_path, debate):
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    Sitting(debate).close(4)  # seen: the council's last paragraph
    debate.unlink()
    ingest(cli, tmp_path, debate, "debate.txt", DEBATE, "Good")  # the same first rows...
    ingest(cli, tmp_path, debate, "harbour.txt", HARBOUR, "Port")  # ...then others under the ids seen
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    assert Sitting(debate).marks is None


def test_a_timeline_rebuilt_from_the_same_sources_keeps_its_place_and_news(cli, tmp_path, debate):
    Sitting(debate).close(2)
    debate.unlink()
    ingest(cli, tmp_path, debate, "debate.txt", DEBATE, "Good")
    ingest(cli, tmp_path, debate, "council.txt", COUNCIL, "Other")
    again = Sitting(debate)
    assert again.news.words() == "3 new" and again.texts([again.place or 0]) == ["The opposition replied."]


def test_a_source_ingested_anew_under_new_ids_keeps_the_place_by_its_words(cli, tmp_path, debate):
    Sitting(debate).close(2)
    before = open_db(debate).execute("SELECT MAX(id) FROM paragraphs").fetchone()[0]
    ingest(cli, tmp_path, debate, "debate.txt", DEBATE + "10:30\nThe speaker closed the debate.\nShare\n", "Good")
    again = Sitting(debate)
    assert again.db.execute("SELECT MIN(id) FROM paragraphs").fetchone()[0] > before  # every row written anew
    assert again.texts([again.place or 0]) == ["The opposition replied."]


def test_the_same_timeline_through_another_path_shares_its_marks(tmp_path, debate):
    Sitting(debate).close(1)
    link = tmp_path / "link.db"
    link.symlink_to(debate)
    assert Sitting(link).place == 1


def test_reading_never_writes_the_timeline(tmp_path, debate, state):
    before = digest(debate), debate.stat().st_mtime_ns
    Sitting(debate).close(1)
    Sitting(debate).close(2)
    assert (digest(debate), debate.stat().st_mtime_ns) == before
    assert list(tmp_path.glob("timeline.db*")) == [debate]  # no -wal or -shm left behind either
    assert [p.name for p in state.iterdir()] == ["reading-marks.json"]  # no temporary file left


def test_a_corrupt_marks_file_is_set_aside_and_the_reader_starts_afresh(debate, state):
    state.mkdir()
    (state / "reading-marks.json").write_bytes(b'{"format": 1, "timelines": {"x": \xff')
    sitting = Sitting(debate)
    assert sitting.marks is None and sitting.news.count == 0
    assert sitting.close(1).said == []
    assert (state / "reading-marks.json.unreadable").read_bytes().endswith(b"\xff")  # kept as it was
    assert Sitting(debate).place == 1


@pytest.mark.parametrize(
    "stored",
    ['[1, 2]', '{"format": 1, "timelines": []}', '{"format": 99, "timelines": {}}',
     '{"format": 1, "timelines": {"%s": {"seen": "x"}}}', '{"format": 1, "timelines": {"%s": {"seen": [1, 1], "place": 3}}}',
     '{"format": 1, "timelines": {"%s": {"seen": [1, 1], "place": null, "witnesses": [1]}}}',
     '{"format": 1, "timelines": {"%s": {"seen": [99999999999999999999, 1], "place": null, "witnesses": {"1": "x"}}}}',
     '{"format": 1, "timelines": {"%s": {"seen": [1, 1], "place": null, "witnesses": {"' + "9" * 5000 + '": "x", "²": "y"}}}}'],
    ids=["list", "timelines-list", "other-format", "seen-text", "place-number", "witnesses-list", "seen-too-big", "witness-ids-not-ids"],
)
def test_marks_not_shaped_as_written_are_a_first_visit(debate, state, stored):
    state.mkdir()
    (state / "reading-marks.json").write_text(stored.replace("%s", str(debate.resolve())), encoding="utf-8")
    assert Sitting(debate).marks is None


def test_an_unwritable_state_folder_is_said_once_and_never_stops_the_reader(tmp_path, debate, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the state folder should be", encoding="utf-8")
    monkeypatch.setenv(STATE_DIR_ENV, str(blocked))
    sitting = Sitting(debate)
    assert sitting.marks is None
    sitting.save(1)
    sitting.save(2)
    sitting.close(0)
    assert len(sitting.said) == 1 and str(blocked) in sitting.said[0] and STATE_DIR_ENV in sitting.said[0]
    assert blocked.read_text(encoding="utf-8") == "a file where the state folder should be"


def test_marks_kept_before_the_folder_became_unwritable_are_not_lost(debate, state):
    Sitting(debate).close(1)
    kept = (state / "reading-marks.json").read_bytes()
    (state / "reading-marks.json.tmp").mkdir()  # anything in the way: a write fails...
    sitting = Sitting(debate)
    sitting.keeper.file = state / "reading-marks.json.tmp"
    sitting.close(2)
    assert len(sitting.said) == 1
    assert (state / "reading-marks.json").read_bytes() == kept  # ...and the old file is whole
    assert Sitting(debate).place == 1


def test_remembering_can_be_turned_off(debate, state, monkeypatch):
    monkeypatch.setenv(REMEMBER_ENV, "0")
    assert reading_marks_path() is None
    Sitting(debate).close(1)
    assert not state.exists() and Sitting(debate).marks is None


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG folders are Linux's")
def test_the_marks_live_in_the_users_state_folder_unless_moved(tmp_path, monkeypatch):
    monkeypatch.delenv(STATE_DIR_ENV)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert reading_marks_path() == tmp_path / "xdg" / "liveline" / "reading-marks.json"
    monkeypatch.setenv(STATE_DIR_ENV, "")  # empty is unset, as for $LIVELINE_DB
    assert reading_marks_path() == tmp_path / "xdg" / "liveline" / "reading-marks.json"


def test_only_the_most_recently_read_timelines_are_kept(tmp_path, debate, state):
    database = open_db(debate)
    entry = Pager(database, View()).entry(0)
    for number in range(MAX_TIMELINES + 1):
        ReadingMarks(tmp_path / f"day-{number}.db").save(database, entry, (3, 2))
    ReadingMarks(tmp_path / "day-1.db").save(database, entry, (3, 1))  # read again: now the most recent
    kept = json.loads((state / "reading-marks.json").read_text(encoding="utf-8"))["timelines"]
    assert len(kept) == MAX_TIMELINES
    assert str(tmp_path / "day-0.db") not in kept and str(tmp_path / "day-2.db") in kept
    assert list(kept)[-1] == str(tmp_path / "day-1.db")


def test_saving_unchanged_marks_does_not_write_the_file(debate, state):
    sitting = Sitting(debate)
    sitting.save(1)
    (state / "reading-marks.json").write_text("left alone", encoding="utf-8")
    sitting.save(1)
    assert (state / "reading-marks.json").read_text(encoding="utf-8") == "left alone"


# In the reader -------------------------------------------------------------------------
async def test_the_reader_reopened_shows_the_entry_left_selected_on_screen(example_db, state):
    from liveline.tui.app import LivelineApp
    from liveline.tui.timeline_view import TimelineView

    app = LivelineApp(example_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"j" * 40)
        left_on = app.query_one(TimelineView).current.paragraph_id
    again = LivelineApp(example_db)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = again.query_one(TimelineView)
        assert timeline.current.paragraph_id == left_on
        assert int(timeline.scroll_offset.y) <= timeline.cursor < int(timeline.scroll_offset.y) + 10  # on screen


async def test_the_reader_reopened_after_news_says_so_and_shows_the_first_new_entry(cli, tmp_path, debate, state):
    from liveline.tui.app import LivelineApp
    from liveline.tui.timeline_view import TimelineView

    async with LivelineApp(debate).run_test(size=(80, 24)) as pilot:
        await pilot.press("G")
    ingest(cli, tmp_path, debate, "late.txt", "Published at 16:40 GMT\nThe minister answers a last question.\nShare\n", "Late Post")
    again = LivelineApp(debate)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = again.query_one(TimelineView)
        assert timeline.current.text == "The minister answers a last question."
        assert int(timeline.scroll_offset.y) <= timeline.cursor < int(timeline.scroll_offset.y) + 10  # on screen
        assert any("1 new since you last read" in str(n.message) for n in again._notifications)
