"""Reading the order and the posts of a copied live blog never seen before: from whatever
times the copy shows (a time over each post, an "Updated at" footer under it, "5 minutes
ago"), while the clock times inside a post (a schedule for the day, a list of what happened
when) stay that post's text and say nothing about the order.

Every story here is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from liveline.ingest.clock.bounds import apply_clock, detect_order
from liveline.ingest.clock.stamps import parse_ago_line
from liveline.ingest.model import Paragraph, Post, Stamp
from liveline.timeline.marks import time_mark, utc_iso
from tests.conftest import read, write

MAY = dt.date(2025, 5, 14)

# Newest first, no time over any post, an "Updated at" footer under each, and a morning
# post that sets out the day's schedule as lines led by clock times.
FOOTERS_ONLY = """
Key events
Verdict on the budget debate
A flat afternoon. The opposition leader found few openings.
Share
Updated at 15.40 BST
Treasury minister defends the figures
Lena Ward told the chamber the numbers add up.
Share
Updated at 14.55 BST
The debate has opened
The chancellor is on her feet.
Share
Updated at 13.20 BST
What is happening today
10.00am: Transport questions.
12.30pm: The chancellor opens the budget debate.
From 4pm: Votes on the first amendments.
Morning. This is the plan for the day.
Share
Updated at 08.47 BST
"""


def feed(posts: list[Post]) -> list[Post]:
    return [p for p in posts if p.in_timeline and not p.pinned]


def clocked(text: str, day: dt.date = MAY):
    posts = read(text).posts
    order, basis = detect_order(posts, day)
    apply_clock(posts, order, day)
    return feed(posts), order, basis


def mark(post: Post) -> str:
    iso = lambda v: utc_iso(v) if v else None  # noqa: E731
    return time_mark(iso(post.stated_at), iso(post.not_before), iso(post.not_after))


def texts(post: Post) -> list[str]:
    return [p.text for p in post.paragraphs]


# A schedule inside a post --------------------------------------------------------------------
def test_a_schedule_post_keeps_its_timed_lines_as_its_own_text():
    posts = feed(read(FOOTERS_ONLY).posts)
    assert len(posts) == 4
    schedule = posts[-1]
    assert schedule.headline == "What is happening today"
    assert texts(schedule)[1:4] == [
        "10.00am: Transport questions.",
        "12.30pm: The chancellor opens the budget debate.",
        "From 4pm: Votes on the first amendments.",
    ]
    assert schedule.published is None


def test_a_copy_timed_only_by_updated_footers_is_read_newest_first_from_them_not_from_its_schedule():
    posts, order, basis = clocked(FOOTERS_ONLY)
    assert (order, basis) == ("newest_first", "times")
    assert [p.chron for p in posts] == [4, 3, 2, 1]


def test_each_post_is_bounded_by_its_own_update_not_by_a_schedule_time():
    posts, _, _ = clocked(FOOTERS_ONLY)
    assert [mark(p) for p in posts] == ["≤15:40", "≤14:55", "≤13:20", "≤08:47"]
    assert [(p.updated.hour, p.updated.minute) for p in posts] == [(15, 40), (14, 55), (13, 20), (8, 47)]


def test_a_list_of_what_happened_when_inside_a_timed_post_stays_in_that_post():
    text = """
    18.10 BST
    How the evening unfolded
    5.02pm - The count begins in the sports hall.
    5.40pm - The first ballot box is opened.
    6.05pm - A recount is called in the north ward.
    Share
    17.30 BST
    Counting staff are setting up the tables.
    Share
    """
    posts = feed(read(text).posts)
    assert [(p.published.hour, p.published.minute) for p in posts] == [(18, 10), (17, 30)]
    assert len(texts(posts[0])) == 4


def test_one_scheduled_time_later_than_its_posts_own_update_is_not_the_posts_time():
    text = """
    The committee session is under way.
    Share
    Updated at 11.45 BST
    Coming up
    11.30am: The foreign secretary gives evidence to the committee.
    Share
    Updated at 09.05 BST
    """
    posts = feed(read(text).posts)
    assert len(posts) == 2
    assert posts[1].published is None
    assert texts(posts[1])[1].startswith("11.30am: The foreign")


def test_a_time_opening_each_block_is_still_that_posts_time():
    text = """
    4.12pm: The minister has sat down.
    She took no interventions.
    Share
    3.50pm: The minister is on her feet.
    Share
    3.31pm: The chamber is filling up.
    Share
    """
    posts, order, _ = clocked(text)
    assert [(p.published.hour, p.published.minute) for p in posts] == [(16, 12), (15, 50), (15, 31)]
    assert order == "newest_first"
    assert texts(posts[0]) == ["The minister has sat down.", "She took no interventions."]


def test_a_ticker_of_time_led_lines_without_other_markers_is_one_post_per_line():
    text = """
    16.40 BST The vote has begun.
    16.25 BST The minister stands up.
    16.05 BST Members are taking their seats.
    """
    posts, order, _ = clocked(text)
    assert len(posts) == 3 and order == "newest_first"


def test_a_schedule_introduced_by_a_colon_in_a_copy_without_markers_stays_in_one_post():
    text = """
    We will be following the summit all day. Here is what is planned:
    9.15am: Leaders arrive at the conference centre.
    11.00am: The opening session.
    2.30pm: A joint press conference.
    We're now hearing from the host, Mayor Ines Ortiz.
    """
    posts = feed(read(text).posts)
    assert [len(texts(p)) for p in posts] == [4, 1]
    assert all(p.published is None for p in posts)


def test_a_ticker_running_back_under_an_introduction_is_still_one_post_per_line():
    text = """
    Live from the count, newest first:
    23.40 BST The turnout was 58%.
    23.10 BST The last boxes have arrived.
    """
    posts = feed(read(text).posts)
    assert [(p.published.hour, p.published.minute) for p in posts if p.published] == [(23, 40), (23, 10)]


def test_a_list_announced_by_a_colon_stays_in_its_post_though_its_items_look_like_headlines():
    # A copy without footers or times, where a headline-shaped line would open a post.
    text = """
    Talks resume at the port
    Union leaders set out three demands this morning:
    A pay rise in line with inflation
    No compulsory redundancies
    Talks to resume within a week
    The port authority says it will respond by Friday.
    Ferry passengers face delays
    Crossings are running an hour late.
    """
    posts = feed(read(text).posts)
    assert [p.headline for p in posts] == ["Talks resume at the port", "Ferry passengers face delays"]
    assert texts(posts[0])[2:5] == ["A pay rise in line with inflation", "No compulsory redundancies", "Talks to resume within a week"]


def test_a_time_led_line_inside_an_article_is_kept_once_and_whole():
    text = "Council approves new park\nThe council voted on Tuesday.\n4.25pm: Work starts in May.\nThe park opens next year.\n"
    (post,) = read(text, kind="article").posts
    assert texts(post)[2:] == ["4.25pm: Work starts in May.", "The park opens next year."]


# Where an "Updated at" footer belongs ---------------------------------------------------------
def test_an_updated_footer_ends_its_post_even_without_a_share_line():
    text = """
    Crossings restart at noon, the port says.
    Updated at 11.20 BST
    No ferries will sail this morning because of the storm.
    Updated at 07.15 BST
    """
    posts = feed(read(text).posts)
    assert [texts(p) for p in posts] == [
        ["Crossings restart at noon, the port says."],
        ["No ferries will sail this morning because of the storm."],
    ]
    assert [(p.updated.hour, p.updated.minute) for p in posts] == [(11, 20), (7, 15)]


def test_an_updated_line_right_under_a_posts_time_belongs_to_that_post():
    text = """
    12.40 BST
    Updated at 12.55 BST
    The council has confirmed the closure.
    Share
    12.10 BST
    Reports of a burst main on the high street.
    Share
    """
    posts = feed(read(text).posts)
    assert len(posts) == 2
    assert (posts[0].updated.hour, posts[0].updated.minute) == (12, 55)
    assert texts(posts[0]) == ["The council has confirmed the closure."]


# Sub-headings inside a post -----------------------------------------------------------------
def test_a_sub_heading_inside_a_post_stays_in_it():
    text = """
    Verdict on the hearing
    The chair was well prepared.
    Analysis
    The witnesses gave little away.
    Share
    Updated at 16.02 BST
    The hearing has ended.
    Share
    Updated at 15.30 BST
    """
    posts = feed(read(text).posts)
    assert len(posts) == 2
    assert texts(posts[0])[2:] == ["Analysis", "The witnesses gave little away."]


# Relative times --------------------------------------------------------------------------
RELATIVE = """
4 minutes ago
Police reopen the bridge
Traffic is moving again.
1 hour ago
Bridge closed after crash
Drivers are asked to avoid the area.
2 hours ago
Heavy rain across the region
A yellow warning is in force.
"""


@pytest.mark.parametrize(
    ("line", "minutes"),
    [("4 minutes ago", 4), ("20m ago", 20), ("Updated 2h ago", 120), ("an hour ago", 60), ("1 day ago", 1440), ("just now", 0)],
)
def test_a_line_that_is_only_a_relative_time_says_how_long_ago(line, minutes):
    assert parse_ago_line(line) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("line", ["The polls closed two hours ago.", "The vote ended 2 hours ago", "45 minutes", "2h"])
def test_a_sentence_or_a_duration_is_not_a_relative_time(line):
    assert parse_ago_line(line) is None


def test_posts_shown_as_minutes_or_hours_ago_are_read_newest_first_and_the_labels_are_not_text():
    posts, order, basis = clocked(RELATIVE)
    assert (order, basis) == ("newest_first", "times")
    assert [p.headline for p in posts] == ["Police reopen the bridge", "Bridge closed after crash", "Heavy rain across the region"]
    assert not any("ago" in t for p in posts for t in texts(p))
    assert all(p.basis == "unknown" for p in posts)  # "ago" gives the order, never a time


def test_relative_times_rising_down_the_copy_read_oldest_first():
    text = "3 hours ago\nThe polls open.\nShare\n45 mins ago\nTurnout is high.\nShare\njust now\nThe polls have closed.\nShare\n"
    _, order, _ = clocked(text)
    assert order == "oldest_first"


def test_a_list_of_links_to_posts_with_their_times_is_not_a_run_of_posts():
    # Pages list their key moments (or related stories) as a time and a headline each.
    text = """
    Key events
    12m ago
    Bridge reopens to traffic
    50m ago
    Crash closes the bridge
    3h ago
    Yellow warning for rain
    Show key events only
    12m ago
    Bridge reopens to traffic
    Traffic is moving again in both directions.
    50m ago
    Crash closes the bridge
    Drivers are asked to avoid the area.
    """
    posts = feed(read(text).posts)
    assert [p.first_line for p in posts] == [9, 12]
    assert [texts(p)[1] for p in posts] == ["Traffic is moving again in both directions.", "Drivers are asked to avoid the area."]


def test_a_relative_time_beside_a_posts_clock_time_is_one_header_whichever_comes_first():
    for header in ("20m ago\n14.10 BST", "14.10 BST\n20m ago"):
        text = f"{header}\nThe count is under way.\nShare\n45m ago\n13.45 BST\nBoxes arrive.\nShare\n"
        posts, order, _ = clocked(text)
        assert [(p.published.hour, p.shown_ago.seconds // 60) for p in posts] == [(14, 20), (13, 45)]
        assert order == "newest_first"


# When evidence conflicts -----------------------------------------------------------------
def _post(line: int, published: tuple[int, int] | None = None, updated: tuple[int, int] | None = None) -> Post:
    post = Post(first_line=line)
    post.paragraphs.append(Paragraph(line, line, "Text."))
    if published:
        post.published = Stamp("published", *published, "BST")
    if updated:
        post.updated = Stamp("updated", *updated, "BST")
    return post


def test_the_kind_of_time_that_marks_most_posts_outweighs_a_few_times_of_another_kind():
    # Two posts carry a time that rises (say a misread schedule), every post an update that
    # falls: the footers mark the posts, so the copy is newest first.
    posts = [
        _post(1, updated=(15, 0)),
        _post(4, published=(9, 30), updated=(14, 0)),
        _post(8, published=(11, 30), updated=(13, 0)),
        _post(12, updated=(12, 0)),
        _post(16, updated=(10, 0)),
    ]
    assert detect_order(posts, MAY) == ("newest_first", "times")


def test_post_times_win_over_update_times_when_both_mark_every_post():
    # Posts updated out of turn: the times they were written in still give the order.
    posts = [
        _post(1, published=(10, 0), updated=(16, 0)),
        _post(4, published=(11, 0), updated=(12, 0)),
        _post(8, published=(12, 0), updated=(12, 30)),
        _post(12, published=(13, 0), updated=(11, 0)),
    ]
    assert detect_order(posts, MAY) == ("oldest_first", "times")


# Through the command ---------------------------------------------------------------------
def test_the_sources_table_says_newest_first_from_the_times_for_a_copy_with_only_footers(cli, tmp_path):
    copy = write(tmp_path, "budget.txt", FOOTERS_ONLY)
    db = tmp_path / "t.db"
    run = cli("ingest", copy, "--outlet", "Paper", "--kind", "liveblog", "--date", "2025-05-14", "--db", db)
    assert run.code == 0, run.err
    sources = cli("sources", "--db", db)
    assert "newest (times)" in sources.out
    shown = cli("posts", "--db", db).out
    assert "≤14:55" in shown and "10:00" not in shown and "12:30" not in shown


def test_a_schedule_announced_by_a_time_led_posts_own_words_stays_in_that_post():
    text = """
    10.05am: The leaders have arrived at the conference centre.
    9.40am: Good morning. The day ahead looks like this:
    11.00am: The opening session.
    2.30pm: A joint press conference.
    """
    posts = feed(read(text).posts)
    assert [(p.published.hour, p.published.minute) for p in posts if p.published] == [(10, 5), (9, 40)]
    assert [len(texts(p)) for p in posts] == [1, 3]


def test_an_agenda_of_one_timed_line_and_items_written_with_the_hour_alone_is_a_list():
    text = """
    Share
    Updated at 11.20 GMT
    Agenda
    9.30am: Transport questions in the Commons.
    2pm: The rail operator gives evidence to the transport committee.
    Good morning. I'm following today's hearing.
    Share
    Updated at 09.02 GMT
    """
    (agenda,) = [p for p in read(text).posts if p.headline == "Agenda"]
    assert agenda.published is None  # 9.30am is a plan in the agenda, not when the post was written
    assert texts(agenda)[1:3] == [
        "9.30am: Transport questions in the Commons.",
        "2pm: The rail operator gives evidence to the transport committee.",
    ]
