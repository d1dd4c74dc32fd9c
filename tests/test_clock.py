"""Every post gets an honest clock: stated, bounded by its neighbours, or unknown."""

from __future__ import annotations

import datetime as dt

from liveline.ingest.clock.bounds import apply_clock, detect_order
from liveline.timeline.marks import report_mark, time_mark, utc_iso
from tests.conftest import SUMMER, WINTER, read

NEWEST_FIRST = """
16:40 GMT
Third post: the vote has begun.
Share
Second post, with no time of its own.
Share
16:05 GMT
First post: the debate opens.
Share
"""


def clocked(text: str, day: dt.date = WINTER, order: str | None = None):
    posts = read(text).posts
    if order is None:
        order, _ = detect_order(posts, day)
    apply_clock(posts, order, day)
    return [p for p in posts if p.in_timeline], order


def mark(post) -> str:
    iso = lambda v: utc_iso(v) if v else None  # noqa: E731
    return time_mark(iso(post.stated_at), iso(post.not_before), iso(post.not_after))


def test_newest_first_is_detected_from_falling_times_and_chron_counts_up_from_the_bottom():
    posts, order = clocked(NEWEST_FIRST)
    assert order == "newest_first"
    assert [p.chron for p in posts] == [3, 2, 1]


def test_a_post_between_two_stated_times_is_bounded_not_invented():
    posts, _ = clocked(NEWEST_FIRST)
    middle = posts[1]
    assert middle.stated_at is None
    assert middle.basis == "bounded"
    assert utc_iso(middle.not_before) == "2025-01-16T16:05Z"
    assert utc_iso(middle.not_after) == "2025-01-16T16:40Z"
    assert [mark(p) for p in posts] == ["16:40", "≤16:40", "16:05"]


def test_oldest_first_is_detected_when_times_rise():
    text = "09:00 GMT\nDoors open.\nShare\n09:30 GMT\nFirst speaker.\nShare\n10:00 GMT\nVote.\nShare\n"
    posts, order = clocked(text)
    assert order == "oldest_first"
    assert [p.chron for p in posts] == [1, 2, 3]


def test_updated_time_caps_the_post_and_every_older_post():
    text = "Newest post text.\nShare\nUpdated at 18.00 GMT\nOlder post text.\nShare\nOldest post text.\nShare\nUpdated at 18.30 GMT\n"
    posts, _ = clocked(text, order="newest_first")
    assert [mark(p) for p in posts] == ["≤18:00", "≤18:00", "≤18:00"]
    assert utc_iso(posts[2].updated_at) == "2025-01-16T18:30Z"


def test_pinned_posts_do_not_bound_the_feed_and_are_bounded_only_by_their_own_update():
    text = "Pinned intro.\nShare\nUpdated at 20.00 GMT\nKey events\n17:00 GMT\nLatest.\nShare\nEarlier.\nShare\n"
    posts, _ = clocked(text, order="newest_first")
    pinned, latest, earlier = posts
    assert pinned.pinned and mark(pinned) == "≤20:00"
    assert mark(latest) == "17:00"
    assert mark(earlier) == "≤17:00"


def test_a_blog_without_stated_times_has_unknown_times_only():
    posts, order = clocked("One thing happened.\nShare\nAnother thing happened.\nShare\n")
    assert order == "newest_first"
    assert all(p.basis == "unknown" and mark(p) == "--:--" for p in posts)


def test_summer_blog_times_are_converted_from_bst():
    posts, _ = clocked("14:30 BST\nThe minister arrives.\nShare\n", day=SUMMER, order="newest_first")
    assert utc_iso(posts[0].stated_at) == "2025-07-03T13:30Z"
    assert mark(posts[0]) == "14:30"


def test_a_blog_that_crosses_midnight_moves_later_times_to_the_next_day():
    text = "00:10 GMT\nResults keep coming.\nShare\n23:50 GMT\nPolls have closed.\nShare\n"
    posts, _ = clocked(text, order="newest_first")
    assert utc_iso(posts[1].stated_at) == "2025-01-16T23:50Z"
    assert utc_iso(posts[0].stated_at) == "2025-01-17T00:10Z"
    assert posts[0].date == dt.date(2025, 1, 17)


def test_order_is_read_from_live_narration_when_there_are_no_times():
    text = (
        "Shadow minister Ann Lee goes on to say the plan is late.\nShare\n"
        "The minister has just stood up to speak.\nShare\n"
    )
    posts = read(text).posts
    assert detect_order(posts, WINTER) == ("newest_first", "cues")


def test_an_untimed_report_borrows_a_stated_time_as_an_estimate_and_a_bound_as_a_bound():
    at = "2025-01-16T16:25:00Z"
    assert report_mark(None, None, None, "unknown", at, "stated") == "≈16:25"
    # An event known only by the bounds its reports give lends no estimate it does not have.
    assert report_mark(None, None, None, "unknown", at, "bounded") == "≤16:25"
    assert report_mark("2025-01-16T16:30:00Z", None, None, "stated", at, "stated") == "16:30"
    assert report_mark(None, None, None, "unknown", None, None) == "--:--"
