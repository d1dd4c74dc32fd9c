"""The activity strip: one day at a time, the times it runs between, and a sparkline per
outlet that fits the terminal's width."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from textual.app import App, ComposeResult

from liveline.timeline.activity import day_activity
from liveline.timeline.queries import timeline_entries
from liveline.timeline.store import open_db
from liveline.tui.activity_strip import ActivityStrip, strip_line
from tests.conftest import write

DAY = "2025-02-03"
MARKUP_OUTLET = "[bold]Harbour[/bold] Post"


@pytest.fixture
def two_outlets(cli, tmp_path):
    """A day two outlets covered, one busier than the other, and a day before it."""
    write(tmp_path, "wire.txt", "Published at 10:00 GMT\nThe session opens.\nShare\n"
          "Published at 10:05 GMT\nThe clerk reads.\nShare\nPublished at 11:25 GMT\nThe vote is called.\nShare\n")
    write(tmp_path, "post.txt", "Published at 10:40 GMT\nA first report.\nShare\n")
    write(tmp_path, "before.txt", "Published at 08:00 GMT\nThe day before.\nShare\n")
    path = tmp_path / "t.db"
    assert cli("ingest", tmp_path / "wire.txt", "--outlet", "Northern Wire", "--date", DAY, "--db", path).code == 0
    assert cli("ingest", tmp_path / "post.txt", "--outlet", MARKUP_OUTLET, "--date", DAY, "--db", path).code == 0
    assert cli("ingest", tmp_path / "before.txt", "--outlet", "Valley Times", "--date", "2025-02-02", "--db", path).code == 0
    return path


def test_the_strip_counts_one_day_only_the_latest_unless_told(example_db):
    db = open_db(example_db)
    entries = list(timeline_entries(db))
    latest = day_activity(db)
    assert latest is not None and latest.day == dt.date(2025, 1, 16)
    for activity in (latest, day_activity(db, "2025-01-06")):
        on_the_day = Counter(e.outlet for e in entries if e.date == activity.day.isoformat()
                             and (e.stated_at or e.not_after or e.not_before))
        assert {a.outlet: sum(a.counts) for a in activity.outlets} == dict(on_the_day)  # no other day's outlet
    guardian = day_activity(db, dt.date(2025, 1, 6))
    assert (guardian.start.strftime("%H:%M"), guardian.end.strftime("%H:%M")) == ("18:10", "19:30")
    assert len(guardian.outlets[0].counts) == 8 and 0 in guardian.outlets[0].counts  # quiet ten minutes count 0


def test_every_outlets_buckets_cover_the_same_times_busiest_first(two_outlets):
    activity = day_activity(open_db(two_outlets))
    assert activity.day == dt.date(2025, 2, 3)
    assert [a.outlet for a in activity.outlets] == ["Northern Wire", MARKUP_OUTLET]
    assert (activity.start.strftime("%H:%M"), activity.end.strftime("%H:%M")) == ("10:00", "11:30")
    assert activity.outlets[0].counts == (2, 0, 0, 0, 0, 0, 0, 0, 1)
    assert activity.outlets[1].counts == (0, 0, 0, 0, 1, 0, 0, 0, 0)
    assert day_activity(open_db(two_outlets), "2025-02-02").outlets[0].outlet == "Valley Times"
    assert day_activity(open_db(two_outlets), "2025-02-05") is None  # a day with nothing


def test_buckets_read_in_the_zone_asked_for(two_outlets):
    activity = day_activity(open_db(two_outlets), zone=dt.timezone(dt.timedelta(hours=1)))
    assert (activity.start.strftime("%H:%M"), activity.end.strftime("%H:%M")) == ("11:00", "12:30")


class Strip(App[None]):
    def compose(self) -> ComposeResult:
        yield ActivityStrip(id="activity")


@pytest.mark.parametrize(("width", "outlets"), [(120, 2), (80, 2), (60, 1)])
async def test_the_strip_names_its_day_and_times_and_fits_the_width(two_outlets, width, outlets):
    activity = day_activity(open_db(two_outlets))
    app = Strip()
    async with app.run_test(size=(width, 5)) as pilot:
        strip = app.query_one(ActivityStrip)
        strip.show(activity)
        await pilot.pause()
        row = strip.render_line(0).text
        assert row.startswith("Mon 3 Feb 10:00–11:30  Northern Wire █")
        assert len(strip.shown_outlets) == outlets and strip.region.height == 1
        assert len(row.rstrip()) <= width
        assert "█" in row and "·" in row  # the busiest ten minutes, and the quiet ones
        assert strip.day == dt.date(2025, 2, 3)


def test_outlet_names_are_shown_as_written_and_cut_with_an_ellipsis(two_outlets):
    line, shown = strip_line(day_activity(open_db(two_outlets)), 120)
    assert shown[1] == MARKUP_OUTLET and "[bold]Harbour[…" in line.plain


def test_a_timeline_with_nothing_timed_draws_an_empty_strip(tmp_path):
    path = tmp_path / "empty.db"
    open_db(path, create=True).conn.close()
    assert day_activity(open_db(path)) is None
    assert strip_line(None, 80)[0].plain == ""
