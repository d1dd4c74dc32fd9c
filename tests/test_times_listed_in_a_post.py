"""A post that lists the day ahead ("9.30am: Questions to the home secretary.", a paragraph
or a list item each) on a page whose posts are marked by times written in text: the listed
times are the post's words, never posts of their own, and the post that lists them is kept
with its own time."""

from __future__ import annotations

from tests.test_text_stamped import stamped, times

AGENDA = ["9.30am: Questions to the home secretary.", "12.30pm: The budget debate opens.", "4pm: A vote on the second reading."]
AS_PARAGRAPHS = "".join(f"<p>{line}</p>" for line in AGENDA)
AS_LIST = "<ul>" + "".join(f"<li>{line}</li>" for line in AGENDA) + "</ul>"
OPENING = "Good morning. Here is what is coming up today:"


def test_an_agenda_in_paragraphs_under_a_bold_timed_post_is_that_posts_text():
    posts, _ = stamped(f"""<div class="story">
<p><strong>8.47am</strong> {OPENING}</p>{AS_PARAGRAPHS}
<p><strong>9.02am</strong> The chancellor has arrived at the Treasury.</p>
<p><strong>9.20am</strong> Opposition leaders met overnight.</p></div>""")
    assert times(posts) == [(8, 47), (9, 2), (9, 20)]
    assert posts[0].paragraphs == [OPENING, *AGENDA]


def test_an_agenda_in_a_list_under_a_bold_timed_post_is_that_posts_text():
    posts, _ = stamped(f"""<div class="story">
<p><strong>8.47am</strong> {OPENING}</p>{AS_LIST}
<p><strong>9.02am</strong> The chancellor has arrived at the Treasury.</p>
<p><strong>9.20am</strong> Opposition leaders met overnight.</p></div>""")
    assert times(posts) == [(8, 47), (9, 2), (9, 20)]
    assert posts[0].paragraphs == [OPENING, *AGENDA]


def test_a_wrapped_post_listing_the_day_ahead_is_kept_whole_with_its_own_time():
    posts, _ = stamped(f"""<div class="feed">
<div class="post"><p><strong>9.20am</strong> Opposition leaders met overnight to agree a line.</p></div>
<div class="post"><p><strong>9.02am</strong> The chancellor has arrived at the Treasury this morning.</p></div>
<div class="post"><p><strong>8.47am</strong> {OPENING}</p>{AS_LIST}</div>
</div>""")
    assert times(posts) == [(9, 20), (9, 2), (8, 47)]
    assert posts[2].paragraphs == [OPENING, *AGENDA]


def test_in_a_ticker_of_time_led_paragraphs_a_forward_run_after_an_announcing_line_is_a_list():
    posts, _ = stamped(f"""<div class="story">
<p>9.20am: Opposition leaders met overnight to agree a line.</p>
<p>9.02am: The chancellor has arrived at the Treasury this morning.</p>
<p>8.47am: {OPENING}</p>{AS_PARAGRAPHS}</div>""")
    assert times(posts) == [(9, 20), (9, 2), (8, 47)]
    assert posts[2].paragraphs == [OPENING, *AGENDA]


def test_a_ticker_whose_every_time_follows_an_introduction_ending_in_a_colon_is_still_the_pages_posts():
    # A list is inside a post: a reading that leaves the page no post at all has taken the
    # feed itself for a list.
    posts, _ = stamped("""<div class="story"><p>Follow the count as it happens below:</p>
<p>10.32pm: The returning officer has arrived at the hall.</p>
<p>10.45pm: Turnout in the east ward was 61%.</p>
<p>11.02pm: The first result is in, a hold for the council leader.</p></div>""")
    assert times(posts) == [(22, 32), (22, 45), (23, 2)]
