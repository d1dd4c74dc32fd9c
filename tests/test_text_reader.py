"""Splitting pasted live blogs and articles into posts and paragraphs.

Every story here is invented, so the rules are shown to work beyond the samples.
"""

from __future__ import annotations

from tests.conftest import read

BBC_STYLE = """
Watch: Transport secretary sets out rail planpublished at 11:05 Greenwich Mean Time
Just joining us? Watch the transport secretary, Priya Lal, set out the plan in the Commons.
Transport Secretary Priya Lal has announced a review of rural bus routes
The review will report by summer, Lal says
Edited by Sam Reed and Dana Cole
Just joining us? Watch the transport secretary, Priya Lal, set out the plan in the Commons.
Tom Baxter
Transport correspondent
This is a significant change of tone from the department.
Ministers had resisted a review for months.
We're now hearing from shadow transport secretary Owen Hart.
He says the review is "a delay dressed up as action".
Priya Lal has just stood up to deliver her statement.
She begins by thanking rail staff for their work over the winter.
"""

GUARDIAN_STYLE = """
Minister confirms new flood defence fund
Lal says the fund will be worth £40m over four years.
Share
Updated at 15.02 GMT
Key events
Please turn on JavaScript to use this feature
A summary of today's developments
The transport secretary announced a review of rural bus routes.
Share
Updated at 17.40 GMT
Owen Hart, the shadow transport secretary, said the review was a delay.
Hart said: "This is a delay dressed up as action."
UPDATE: Our transport editor has the full story here.
Share
Nina Patel
The Lib Dems have called for a vote on the plans.
Share
Updated at 16.10 GMT
"""

ARTICLE = """
 date 2025-03-04 Ministers have promised a review of rural bus routes.

The transport secretary, Priya Lal, told MPs the review would
report by the summer.

"We will listen to every community," she said.

Source link
"""


def bodies(post):
    return [p.text for p in post.paragraphs if p.part == "body"]


def test_bbc_copy_headline_with_glued_time_starts_a_timed_post():
    posts = read(BBC_STYLE).posts
    first = posts[0]
    assert first.headline == "Watch: Transport secretary sets out rail plan"
    assert (first.published.hour, first.published.minute) == (11, 5)
    assert first.first_line == 1


def test_bbc_summary_bullets_above_edited_by_are_kept_out_of_the_timeline():
    posts = read(BBC_STYLE).posts
    header = [p for p in posts if p.kind == "header"]
    assert len(header) == 1
    assert [p.line for p in header[0].paragraphs] == [3, 4]
    assert all(not p.in_timeline for p in header)
    assert not any("Edited by" in t for p in posts for t in bodies(p))


def test_a_repeated_paragraph_is_attached_to_the_post_it_repeats():
    first = read(BBC_STYLE).posts[0]
    copies = [p for p in first.paragraphs if p.duplicate_of is not None]
    assert [c.line for c in copies] == [6]
    assert copies[0].duplicate_of.line == 2


def test_bbc_byline_is_a_name_line_then_a_role_line():
    posts = [p for p in read(BBC_STYLE).posts if p.in_timeline]
    analysis = posts[1]
    assert (analysis.author, analysis.author_role) == ("Tom Baxter", "Transport correspondent")
    assert analysis.first_line == 7
    assert bodies(analysis) == [
        "This is a significant change of tone from the department.",
        "Ministers had resisted a review for months.",
    ]


def test_bbc_copy_without_headlines_splits_where_the_writing_opens_a_new_post():
    posts = [p for p in read(BBC_STYLE).posts if p.in_timeline]
    assert [p.first_line for p in posts] == [1, 7, 11, 13]
    assert bodies(posts[2])[1].startswith("He says the review")


def test_guardian_blocks_end_at_share_and_updated_belongs_to_the_block_before():
    posts = read(GUARDIAN_STYLE).posts
    assert [p.first_line for p in posts] == [1, 7, 11, 15]
    assert (posts[0].updated.hour, posts[0].updated.minute) == (15, 2)
    assert (posts[1].updated.hour, posts[1].updated.minute) == (17, 40)
    assert posts[2].updated is None
    assert (posts[3].updated.hour, posts[3].updated.minute) == (16, 10)


def test_guardian_blocks_above_key_events_are_pinned():
    posts = read(GUARDIAN_STYLE).posts
    assert [p.pinned for p in posts] == [True, False, False, False]


def test_guardian_summary_block_is_marked_summary():
    posts = read(GUARDIAN_STYLE).posts
    assert posts[1].kind == "summary"
    assert posts[1].headline == "A summary of today's developments"


def test_guardian_furniture_never_reaches_a_post():
    text = " ".join(t for p in read(GUARDIAN_STYLE).posts for t in bodies(p))
    for furniture in ("Share", "Key events", "JavaScript", "full story here"):
        assert furniture not in text


def test_guardian_byline_alone_starts_its_post():
    last = read(GUARDIAN_STYLE).posts[3]
    assert last.author == "Nina Patel"
    assert bodies(last) == ["The Lib Dems have called for a vote on the plans."]


def test_article_is_one_post_with_date_and_joined_hard_wrapped_paragraphs():
    reading = read(ARTICLE, kind=None)
    assert reading.kind == "article"
    assert str(reading.stated_date) == "2025-03-04"
    (post,) = reading.posts
    assert [(p.line, p.end_line) for p in post.paragraphs] == [(1, 1), (3, 4), (6, 6)]
    assert post.paragraphs[1].text.endswith("the review would report by the summer.")
    assert post.paragraphs[0].text == "Ministers have promised a review of rural bus routes."


def test_article_headline_is_its_first_unpunctuated_line():
    (post,) = read("Council approves new park\nThe council voted on Tuesday.\nWork starts in May.\n", kind="article").posts
    assert post.headline == "Council approves new park"
    assert [p.part for p in post.paragraphs] == ["headline", "body", "body"]


def test_live_blog_or_article_is_detected_from_the_page_structure():
    assert read(GUARDIAN_STYLE, kind=None).kind == "liveblog"
    assert read(BBC_STYLE, kind=None).kind == "liveblog"
    assert read(ARTICLE, kind=None).kind == "article"


def test_every_paragraph_records_the_line_it_starts_on():
    lines = BBC_STYLE.strip("\n").split("\n")
    for post in read(BBC_STYLE).posts:
        for paragraph in post.paragraphs:
            assert paragraph.text in lines[paragraph.line - 1]


def test_impossible_times_are_ignored_with_a_warning():
    reading = read("Minister speaks\n25.61 GMT\nThe minister began speaking.\nShare\nAnother post here.\nShare\n")
    assert any("impossible time '25.61'" in w for w in reading.warnings)
    assert all(p.published is None for p in reading.posts)
    assert "25.61" not in " ".join(t for p in reading.posts for t in bodies(p))
