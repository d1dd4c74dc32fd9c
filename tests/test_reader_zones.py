"""Time you can trust at a glance: the zone times are shown in, and a time jump that says
what it did. The reader's `z` cycles UK time, UTC, the machine's zone and each page's own."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import LONDON, UNREADABLE_MARK, time_mark
from liveline.timeline.pager import Pager
from liveline.timeline.store import open_db
from liveline.timeline.time_jump import MARK_TIME_SQL
from liveline.timeline.view import View
from liveline.timeline.zones import ZoneChoice, local_zone, next_zone, source_zones, stored_zone, zone_for
from tests.conftest import write

WINTER_DAY = "2025-01-16"  # GMT: UK time is UTC
SUMMER_DAY = "2025-07-03"  # BST: UK time is UTC + 1
PARIS = "Europe/Paris"


def timeline(cli, tmp_path, text: str, day: str, outlet: str = "A", zone: str | None = None, db_name: str = "t.db"):
    """A timeline of one text copy, its source's stored zone set to `zone` (as an ingest
    that knew the page's zone, or a database written elsewhere, would hold it)."""
    path = tmp_path / db_name
    source = write(tmp_path, f"{outlet}.txt", text)
    assert cli("ingest", source, "--outlet", outlet, "--date", day, "--db", path).code == 0
    if zone is not None:
        conn = sqlite3.connect(path)
        with conn:
            conn.execute("UPDATE sources SET tz = ? WHERE outlet = ?", (zone, outlet))
        conn.close()
    return path


def marks(path, choice: ZoneChoice) -> list[str]:
    db = open_db(path)
    pager = Pager(db, View())
    zones = source_zones(db)
    shown = [pager.entry(i) for i in range(pager.count)]
    return [e.mark_in(zone_for(choice, zones.get(e.source_id))) for e in shown if e is not None]


ONE_POST = "Published at 15:56 GMT\nThe minister arrives.\nShare\n"


def test_a_winter_post_reads_the_same_in_uk_time_and_utc_and_an_hour_on_in_a_paris_pages_own_zone(cli, tmp_path):
    path = timeline(cli, tmp_path, ONE_POST, WINTER_DAY, zone=PARIS)
    assert marks(path, ZoneChoice.UK) == ["15:56"]
    assert marks(path, ZoneChoice.UTC) == ["15:56"]
    assert marks(path, ZoneChoice.PAGE) == ["16:56"]


def test_a_summer_post_reads_an_hour_on_in_uk_time_and_two_in_paris(cli, tmp_path):
    path = timeline(cli, tmp_path, ONE_POST, SUMMER_DAY, zone=PARIS)
    assert marks(path, ZoneChoice.UTC) == ["15:56"]
    assert marks(path, ZoneChoice.UK) == ["16:56"]
    assert marks(path, ZoneChoice.PAGE) == ["17:56"]


def test_the_uk_mark_is_the_mark_every_existing_front_end_shows(cli, tmp_path):
    path = timeline(cli, tmp_path, ONE_POST, SUMMER_DAY)
    entry = Pager(open_db(path), View()).entry(0)
    assert entry.mark == entry.mark_in(LONDON) == "16:56"
    assert time_mark("2025-07-03T15:56Z") == "16:56" and time_mark("2025-07-03T15:56Z", zone=dt.UTC) == "15:56"


@pytest.mark.parametrize("stored", ["Nowhere/Atlantis", "../../../etc/passwd", "/etc/localtime", "", "  ", "+99:00",
                                    "Europe/Paris\x00", "x" * 300, "zone.tab", 42, None])
def test_a_page_zone_that_names_no_zone_reads_as_uk_time(cli, tmp_path, stored):
    path = timeline(cli, tmp_path, ONE_POST, SUMMER_DAY)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE sources SET tz = ?", (stored,))
    conn.close()
    assert stored_zone(stored) is LONDON
    assert marks(path, ZoneChoice.PAGE) == ["16:56"]


def test_a_page_zone_stored_as_an_offset_reads_at_that_offset():
    assert time_mark("2025-01-16T15:56Z", zone=stored_zone("+05:30")) == "21:26"
    assert time_mark("2025-01-16T15:56Z", zone=stored_zone("UTC-03:00")) == "12:56"


def test_local_time_is_the_zone_tz_names_and_the_machines_own_when_it_names_none(monkeypatch):
    monkeypatch.setenv("TZ", PARIS)
    assert time_mark("2025-01-16T15:56Z", zone=zone_for(ZoneChoice.LOCAL)) == "16:56"
    assert ZoneChoice.LOCAL.label(WINTER_DAY) == "local (CET)"
    assert ZoneChoice.LOCAL.label(SUMMER_DAY) == "local (CEST)"
    for garbled in ("no such zone", "../../../etc/passwd"):
        monkeypatch.setenv("TZ", garbled)
        assert local_zone() is not None  # the machine's zone, without a warning or a crash
        assert time_mark("2025-01-16T15:56Z", zone=local_zone()) != UNREADABLE_MARK


def test_the_status_line_names_the_zone_and_uk_time_says_gmt_or_bst():
    assert ZoneChoice.UK.label(WINTER_DAY) == "UK time (GMT)"
    assert ZoneChoice.UK.label(SUMMER_DAY) == "UK time (BST)"
    assert ZoneChoice.UTC.label(WINTER_DAY) == "UTC"
    assert ZoneChoice.PAGE.label(WINTER_DAY) == "page zones"
    assert ZoneChoice.UK.label("no date") in ("UK time (GMT)", "UK time (BST)")  # today's


def test_z_cycles_uk_utc_local_page_and_back():
    seen = [ZoneChoice.UK]
    for _ in range(4):
        seen.append(next_zone(seen[-1]))
    assert seen == [ZoneChoice.UK, ZoneChoice.UTC, ZoneChoice.LOCAL, ZoneChoice.PAGE, ZoneChoice.UK]


def test_marks_in_another_zone_keep_their_width_and_their_sign():
    assert time_mark(None, "2025-07-03T23:10Z", None, zone=dt.UTC) == "≥23:10"
    assert time_mark(None, None, "2025-07-03T23:10Z") == "≤00:10"
    assert time_mark(None, None, None, "2025-07-03T23:10Z", zone=stored_zone(PARIS)) == "≈01:10"
    assert time_mark("not a time", zone=stored_zone(PARIS)) == UNREADABLE_MARK


def test_source_zones_maps_each_source_to_its_stored_zone(cli, tmp_path):
    path = timeline(cli, tmp_path, ONE_POST, WINTER_DAY, zone=PARIS)
    timeline(cli, tmp_path, "Published at 16:10 GMT\nThe vote.\nShare\n", WINTER_DAY, outlet="B")
    zones = source_zones(open_db(path))
    assert sorted(zones.values()) == ["Europe/London", PARIS]


# Summer: UK time is an hour on from UTC, so 15:00 UK and 15:00 UTC are different instants.
SUMMER_DAY_POSTS = """\
Published at 14:50 GMT
The committee sits.
Share
Published at 15:10 GMT
The witness is sworn in.
Share
The chair thanks the witness.
Share
Published at 16:40 GMT
The committee rises.
Share
"""


@pytest.fixture
def summer(cli, tmp_path):
    return open_db(timeline(cli, tmp_path, SUMMER_DAY_POSTS, SUMMER_DAY))


def test_a_time_typed_in_utc_and_in_uk_time_lands_on_different_entries_on_a_summer_day(summer):
    pager = Pager(summer, View())
    in_uk = pager.jump_to_time("15:00", None, ZoneChoice.UK)
    in_utc = pager.jump_to_time("15:00", None, ZoneChoice.UTC)
    assert pager.entry(in_uk.position).text == "The committee sits."  # 14:50 UTC is 15:50 BST
    assert pager.entry(in_utc.position).text == "The witness is sworn in."
    assert in_uk.said == "15:50: the first entry at or after 15:00 on Thursday 3 July, UK time (BST)"
    assert in_utc.said == "15:10: the first entry at or after 15:00 on Thursday 3 July, UTC"


def test_the_typed_time_is_read_in_each_pages_own_zone_under_page_zones(summer):
    conn = summer.conn
    with conn:
        conn.execute("UPDATE sources SET tz = ?", (PARIS,))
    pager = Pager(summer, View())
    jump = pager.jump_to_time("17:00", None, ZoneChoice.PAGE)  # 15:00 UTC: after 14:50, before 15:10
    assert pager.entry(jump.position).text == "The witness is sworn in."
    assert jump.said == "17:10: the first entry at or after 17:00 on Thursday 3 July, each page's own time"


def test_a_time_after_the_days_last_entry_goes_to_that_entry_and_says_so(summer):
    pager = Pager(summer, View())
    jump = pager.jump_to_time("23:00", SUMMER_DAY, ZoneChoice.UK)
    assert not jump.exact and pager.entry(jump.position).text == "The committee rises."
    assert jump.said == "nothing at or after 23:00 on Thursday 3 July, UK time (BST); the last entry that day is at 17:40"


def test_newest_first_a_time_goes_to_the_latest_entry_at_or_before_it(summer):
    pager = Pager(summer, View(newest_first=True))
    jump = pager.jump_to_time("17:00", None, ZoneChoice.UK)
    # The untimed post between 15:10 and 16:40 UTC counts by its mark, ≤17:40: after 17:00.
    assert pager.entry(jump.position).text == "The witness is sworn in."
    assert jump.said == "16:10: the latest entry at or before 17:00 on Thursday 3 July, UK time (BST)"


def test_newest_first_a_time_before_everything_goes_to_the_days_first_entry_and_says_so(summer):
    pager = Pager(summer, View(newest_first=True))
    jump = pager.jump_to_time("09:00", None, ZoneChoice.UK)
    assert not jump.exact and pager.entry(jump.position).text == "The committee sits."
    assert jump.said == "nothing at or before 09:00 on Thursday 3 July, UK time (BST); the first entry that day is at 15:50"
    assert pager.time_position("09:00") is None  # the old call still says "not found"


def test_an_entry_without_a_stated_time_is_found_by_the_time_its_mark_shows(summer):
    pager = Pager(summer, View())
    jump = pager.jump_to_time("17:30", None, ZoneChoice.UK)
    entry = pager.entry(jump.position)
    assert entry.text == "The chair thanks the witness." and entry.mark == "≤17:40"
    assert jump.said.startswith("≤17:40: the first entry at or after 17:30")


def test_a_day_with_no_timed_entry_says_there_is_nothing_to_jump_by(cli, tmp_path):
    path = timeline(cli, tmp_path, "The session opens.\nShare\nThe vote is called.\nShare\n", WINTER_DAY)
    pager = Pager(open_db(path), View())
    jump = pager.jump_to_time("12:00")
    assert jump.position is None and not jump.exact
    assert jump.said == "nothing at or after 12:00 on Thursday 16 January, UK time (GMT): no entry shown that day has a time"


def test_an_empty_timeline_says_there_is_nothing_to_jump_in(tmp_path):
    jump = Pager(open_db(tmp_path / "empty.db", create=True), View()).jump_to_time("12:00")
    assert jump.position is None and jump.said == "nothing to jump in: this view shows no entries"


@pytest.mark.parametrize("typed", ["noon", "25:00", "16", "16:61", ""])
def test_a_time_that_is_no_time_is_an_error_naming_it(summer, typed):
    with pytest.raises(LivelineError, match="is not a time HH:MM"):
        Pager(summer, View()).jump_to_time(typed)


@pytest.mark.parametrize("view", [View(), View(newest_first=True), View(merged=True), View(merged=True, newest_first=True)],
                         ids=["oldest first", "newest first", "merged", "merged newest first"])
def test_every_jump_in_the_examples_lands_where_the_marks_say(example_db, view):
    """The SQL a jump compares with and the mark a reader sees agree on every entry, and a
    jump lands on the first entry in view order whose mark is on the asked side."""
    db = open_db(example_db)
    pager = Pager(db, view)
    shown = [pager.entry(i) for i in range(pager.count)]
    times = dict(db.execute(
        f"SELECT pa.id, {MARK_TIME_SQL} FROM paragraphs pa JOIN posts p ON p.id = pa.post_id "
        "LEFT JOIN events e ON e.id = pa.event_id"
    ))
    for entry in shown:
        assert time_mark(times[entry.paragraph_id]).lstrip("-:") == entry.mark.lstrip("≤≥≈-:")
    for day in sorted({e.date for e in shown}):
        for typed in ("09:00", "16:00", "18:20", "23:59"):
            jump = pager.jump_to_time(typed, day)
            on_side = [i for i, e in enumerate(shown) if e.date == day and times[e.paragraph_id]
                       and (e.mark.lstrip("≤≥≈") <= typed if view.newest_first else e.mark.lstrip("≤≥≈") >= typed)]
            if on_side:
                assert jump.exact and jump.position == on_side[0]
            else:
                assert not jump.exact and (jump.position is None or shown[jump.position].date == day)


def test_a_mark_in_another_zone_is_worked_out_once_per_time_as_uk_marks_are():
    from liveline.timeline import marks as marks_module

    paris = stored_zone(PARIS)
    time_mark("2025-03-30T00:59Z", zone=paris)
    before = marks_module._cached_hhmm.cache_info().hits
    assert [time_mark("2025-03-30T00:59Z", zone=paris) for _ in range(3)] == ["01:59"] * 3
    assert marks_module._cached_hhmm.cache_info().hits == before + 3


PARIS_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Direct : le budget</title><meta property="og:site_name" content="Le Quotidien">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "LiveBlogPosting",
 "headline": "Direct : le budget", "datePublished": "2025-01-16T09:00:00+01:00",
 "liveBlogUpdate": [
  {"@type": "BlogPosting", "headline": "Le vote", "datePublished": "2025-01-16T16:56:00+01:00",
   "articleBody": "Les députés votent le texte en première lecture."},
  {"@type": "BlogPosting", "headline": "Ouverture", "datePublished": "2025-01-16T10:05:00+01:00",
   "articleBody": "La séance est ouverte à l'Assemblée nationale."}]}
</script></head><body><h1>Direct : le budget</h1></body></html>"""


def test_a_page_written_in_paris_time_shows_its_own_times_under_page_zones(cli, tmp_path):
    page = write(tmp_path, "direct.html", PARIS_PAGE)
    path = tmp_path / "t.db"
    assert cli("ingest", page, "--db", path).code == 0
    assert source_zones(open_db(path)) == {1: "Europe/Paris"}  # read from the page's lang and offsets
    assert marks(path, ZoneChoice.UK)[-1] == "15:56"  # the page's 16:56 CET, as UK time
    assert marks(path, ZoneChoice.PAGE)[-1] == "16:56"  # as the page itself shows it
