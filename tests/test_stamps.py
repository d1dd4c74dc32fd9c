"""Reading the times a page states, and only those, in UTC under real Europe/London rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveline.ingest.clock.stamps import (
    ImpossibleTime,
    parse_stamp_line,
    split_date_prefix,
    split_glued_stamp,
    split_leading_stamp,
)
from liveline.timeline.marks import time_mark, utc_iso
from tests.conftest import SUMMER, WINTER


@pytest.mark.parametrize(
    ("line", "kind", "expected"),
    [
        ("published at 16:25 Greenwich Mean Time", "published", "2025-01-16T16:25Z"),
        ("Updated at 18.27 GMT", "updated", "2025-01-16T18:27Z"),
        ("16:25 GMT", "published", "2025-01-16T16:25Z"),
        ("4.25pm", "published", "2025-01-16T16:25Z"),
        ("16:25", "published", "2025-01-16T16:25Z"),
        ("2025-01-16T16:25:00Z", "published", "2025-01-16T16:25Z"),
        ("2025-01-16T17:25:00+01:00", "published", "2025-01-16T16:25Z"),
        ("Thu 16 Jan 2025 16.25 GMT", "published", "2025-01-16T16:25Z"),
        ("Last updated: 12.05am GMT", "updated", "2025-01-16T00:05Z"),
    ],
)
def test_each_stated_time_format_reads_to_utc(line, kind, expected):
    stamp = parse_stamp_line(line, 2025)
    assert stamp is not None and stamp.kind == kind
    assert utc_iso(stamp.to_utc(WINTER)) == expected


def test_summer_times_are_bst_one_hour_ahead_of_utc():
    assert utc_iso(parse_stamp_line("16.25 BST").to_utc(SUMMER)) == "2025-07-03T15:25Z"
    # An unlabelled wall time follows the Europe/London rules of its day.
    assert utc_iso(parse_stamp_line("4.25pm").to_utc(SUMMER)) == "2025-07-03T15:25Z"
    assert utc_iso(parse_stamp_line("4.25pm").to_utc(WINTER)) == "2025-01-16T16:25Z"
    assert utc_iso(parse_stamp_line("09:00 British Summer Time").to_utc(SUMMER)) == "2025-07-03T08:00Z"


@pytest.mark.parametrize("line", ["25.61 GMT", "Updated at 24.10 GMT", "13.05pm", "16:75"])
def test_impossible_times_are_refused_not_guessed(line):
    with pytest.raises(ImpossibleTime):
        parse_stamp_line(line)


@pytest.mark.parametrize(
    "line",
    ["Cooper will speak at 3pm tomorrow.", "2024", "7 recommendations", "Share", "The 10.30 train was late"],
)
def test_prose_and_numbers_are_not_timestamps(line):
    assert parse_stamp_line(line) is None


def test_a_time_glued_to_a_headline_is_split_off():
    headline, stamp = split_glued_stamp("Watch: Minister sets out new planspublished at 09:05 Greenwich Mean Time")
    assert headline == "Watch: Minister sets out new plans"
    assert (stamp.hour, stamp.minute, stamp.zone) == (9, 5, "GMT")
    assert split_glued_stamp("She said it was published at last.") is None


def test_a_time_leading_a_line_needs_a_zone_or_am_pm():
    stamp, rest = split_leading_stamp("16.25 BST Minister stands up")
    assert (stamp.hour, rest) == (16, "Minister stands up")
    assert split_leading_stamp("10.5 million people signed") is None


def test_date_lines_give_the_day():
    assert split_date_prefix(" date 2025-01-16 Ministers agreed a plan.") == (WINTER, "Ministers agreed a plan.")
    assert split_date_prefix("Thursday 16 January 2025") == (WINTER, "")
    assert split_date_prefix("Ministers met on Thursday.") is None


def test_time_marks_say_how_a_time_is_known():
    assert time_mark("2025-01-16T16:25Z") == "16:25"
    assert time_mark(None, not_after="2025-01-16T16:25Z") == "≤16:25"
    assert time_mark(None, not_before="2025-07-03T14:10Z") == "≥15:10"  # shown as UK wall time (BST)
    assert time_mark(None, borrowed_at="2025-01-16T16:20Z") == "≈16:20"
    assert time_mark(None) == "--:--"


@given(
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    zone=st.sampled_from(["GMT", "BST", "UTC"]),
    sep=st.sampled_from([":", "."]),
)
def test_any_valid_labelled_time_round_trips(hour, minute, zone, sep):
    stamp = parse_stamp_line(f"{hour:02d}{sep}{minute:02d} {zone}")
    offset = 1 if zone == "BST" else 0
    expected = dt.datetime(2025, 1, 16, hour, minute, tzinfo=dt.UTC) - dt.timedelta(hours=offset)
    assert stamp.to_utc(WINTER) == expected
