"""English live pages built the way big publishers build theirs (issue 17), read as a person
reads them. Each page under tests/fixtures/pages/en_*.html copies one publisher template's
structure (element and class names, where the time sits and how it is written, JSON-LD
habits), with an invented outlet name and an invented story. Each test serves the page from
a local server, ingests it by URL and checks what a reader of that page sees: how many posts,
each post's minute in UTC (worked out by hand from the page's own clock and zone), headlines,
authors, and the text of the posts without the page's furniture."""

from __future__ import annotations

import re

import pytest

from tests.page_server import page_server
from tests.test_any_live_page import ingest, posts, rows, stated, texts, utc


@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "2")
    with page_server() as served:
        yield served


# Regression: templates read right today, kept because each is built differently.


def test_a_2012_blog_of_bold_am_pm_stamps_in_one_div_is_read_in_british_summer_time(cli, pages, tmp_path):
    # "<p><strong>10.32am:</strong> ..." paragraphs run to the next stamp; oldest first; the
    # date only in the address and a "Wednesday 9 May 2012 09.12 BST" line.
    run, db = ingest(cli, pages, tmp_path, "en_parchment_2012_am_pm_blocks.html", path="/politics/blog/2012/may/09/politics-live-blog")
    assert run.code == 0, run.err
    shown = ["09:12", "09:40", "10:06", "10:32", "11:15", "11:58", "12:20", "12:47", "13:30", "14:05"]  # 12.20pm .. 2.05pm
    assert stated(db) == [utc("2012-05-09", t, "+01:00") for t in shown]
    body = texts(db, "body")
    assert "Ellery said electrification would be complete by 2017." in body  # a plain <p> follows its stamp
    assert not [t for t in texts(db) if re.match(r"\d{1,2}\.\d{2}[ap]m:", t)]


def test_an_australian_page_of_text_only_time_elements_is_read_in_aedt_and_lands_on_the_utc_day_before(cli, pages, tmp_path):
    # <time>9:05am</time> with no datetime; the zone only from the meta time's +11:00 (and lang en-AU).
    run, db = ingest(cli, pages, tmp_path, "en_abn_aedt_time_text_only.html")
    assert run.code == 0, run.err
    shown = ["06:15", "06:48", "07:20", "08:02", "08:45", "09:05", "09:40", "10:22", "11:10", "11:58"]
    assert stated(db) == [utc("2024-02-02", t, "+11:00") for t in shown]
    assert stated(db)[0] == "2024-02-01T19:15Z"  # 6.15am in Sydney is the evening before in UTC
    assert [a for _, a, _ in posts(db)] == ["Mia Tran"] * 4 + ["Ben Carroll"] * 4 + ["Mia Tran"] * 2
    assert len(posts(db)) == 10  # the key-events list repeats three posts' times and titles: not posts


def test_posts_with_epoch_seconds_and_relative_text_between_ads_are_read_from_the_epoch(cli, pages, tmp_path):
    # <span data-timestamp="1714545000">4 hours ago</span>, JSON-LD updates with +01:00, ads between posts.
    run, db = ingest(cli, pages, tmp_path, "en_indy_epoch_relative_ads.html")
    assert run.code == 0, run.err
    shown = ["06:30", "06:52", "07:20", "07:48", "08:19", "08:45", "09:12", "09:40", "10:05", "10:33"]
    assert stated(db) == [utc("2024-05-01", t, "+01:00") for t in shown]
    assert [a for _, a, _ in posts(db)] == ["Holly Vance"] * 4 + ["Sam Ruddock"] * 4 + ["Holly Vance"] * 2
    assert not [t for t in texts(db) if "Advertisement" in t or " ago" in t]


# Read wrongly today.


def test_a_2015_commentary_of_four_digit_stamps_like_1032_is_ten_posts_not_one_article(cli, pages, tmp_path):
    # "<p><strong>1032:</strong> ...</p>", newest first, in one commentary div: the old
    # broadcaster style, no separator between hour and minute. The page's
    # OriginalPublicationDate says 8 May 2015; May is BST.
    run, db = ingest(cli, pages, tmp_path, "en_bnc_2015_four_digit_stamps.html")
    assert run.code == 0, run.err
    shown = ["06:02", "06:17", "06:41", "07:05", "07:28", "07:52", "08:14", "08:39", "09:03", "09:26"]
    assert stated(db) == [utc("2015-05-08", t, "+01:00") for t in shown], run.err
    body = texts(db, "body")
    assert "She thanked the counting staff, who have been working since ten o'clock last night." in body
    assert not [t for t in texts(db) if re.match(r"\d{4}:", t) or "Share this page" in t or "Related Stories" in t]


def test_ist_stamps_with_their_date_cross_midnight_into_the_next_day(cli, pages, tmp_path):
    # "<span class="dateTime">Nov 03, 2023 12:15 AM IST</span>" above each post, newest first;
    # 12:15 AM is a quarter past midnight on the 3rd. No JSON-LD updates.
    run, db = ingest(cli, pages, tmp_path, "en_hindustandaily_ist_crossing_midnight.html")
    assert run.code == 0, run.err
    shown = [("2023-11-02", t) for t in ("21:40", "22:05", "22:38", "23:10", "23:44")]
    shown += [("2023-11-03", t) for t in ("00:15", "00:48", "01:20")]
    assert [(h, at) for h, _, at in posts(db)] == list(
        zip(
            [
                "Polls close in three states",
                "Turnout crosses 70% in two states",
                "EVMs being moved to strong rooms",
                "Opposition alleges booth capturing in two seats",
                "Commission rejects the complaint",
                "Exit polls to be released at 6.30pm tomorrow",
                "Final turnout figures revised",
                "That's all for tonight",
            ],
            [utc(day, t, "+05:30") for day, t in shown],
            strict=True,
        )
    ), run.err
    assert stated(db)[5] == "2023-11-02T18:45Z"  # 12:15 AM IST on the 3rd
    assert not [t for t in texts(db) if "IST" in t or "Share this article" in t]


def test_a_stream_page_with_embedded_initial_data_keeps_each_posts_headline_and_contributor(cli, pages, tmp_path):
    # The posts are both in the markup (headline, contributor, "published at 10:32") and in
    # window.__INITIAL_DATA__ (a JSON string); whichever is read, a reader sees the headlines
    # and names. One post is from the evening before ("21:48 30 April").
    run, db = ingest(cli, pages, tmp_path, "en_bnc_2024_stream_initial_data.html")
    assert run.code == 0, run.err
    assert posts(db)[:3] == [
        ("Polls close in the Marlow by-election tomorrow - what to expect", "Hanna Pryce", utc("2024-04-30", "21:48", "+01:00")),
        ("Good morning", "Owen Tate", utc("2024-05-01", "07:05", "+01:00")),
        ("Candidates out early in the town centre", "Owen Tate", utc("2024-05-01", "07:31", "+01:00")),
    ]
    assert posts(db)[-1] == ("We're pausing our live coverage", "Owen Tate", utc("2024-05-01", "11:20", "+01:00"))
    assert len(posts(db)) == 12


def test_a_pinned_copy_of_a_post_above_the_feed_is_not_a_second_post(cli, pages, tmp_path):
    # The pinned box repeats the 13.15 post (same time, same text) above the blocks; JSON-LD lists 13 updates.
    run, db = ingest(cli, pages, tmp_path, "en_parchment_blocks_key_events_pinned.html")
    assert run.code == 0, run.err
    shown = ["06:45", "07:08", "07:36", "08:02", "08:31", "09:04", "09:38", "10:10", "10:32", "11:05", "11:40", "12:15", "12:48"]
    assert stated(db) == [utc("2024-05-01", t, "+01:00") for t in shown]
    assert texts(db, "body").count("The strike continues in the meantime.") == 1


def test_a_wire_article_whose_paragraphs_are_divs_keeps_its_text(cli, pages, tmp_path):
    # Paragraphs are <div data-testid="paragraph-N">; the sign-off line, caption and "Read Next" are furniture.
    run, db = ingest(cli, pages, tmp_path, "en_wirecast_article.html")
    assert run.code == 0, run.err
    assert rows(db, "SELECT kind, date FROM sources") == [("article", "2024-05-01")]
    assert [(h, a) for h, a, _ in posts(db)] == [("UK port operator to spend 600 million pounds on automation", "Alice Thorne")]
    body = texts(db, "body")
    assert body[0].startswith("LONDON, May 1 (Wirecast) - Britain's biggest port operator said on Wednesday")
    assert "Shares in the company rose 3.1% by 0930 GMT." in body
    assert len(body) == 5
    assert not [t for t in body if "File Photo" in t or "Shipping rates climb" in t]


BYLINES = {
    # A name beside its role in the post's header: <div class="ncpost-author">Ruth Okafor<span>news reporter</span></div>.
    "en_skyline_ncpost_day_dividers.html": ["Ruth Okafor"] * 5 + ["Dan Whelan"] * 6,
    # A name alone in the post's footer: <p class="live-post__author">Tom Lindqvist</p>.
    "en_herald_time_text_only_ld_no_offset.html": ["Tom Lindqvist"] * 3 + ["Priya Nair"] * 3 + ["Tom Lindqvist"] * 2 + ["Priya Nair"] * 2,
    # "By <a>JAMES OKORO</a>" in a byline div (a link inside, capitals as the wire writes them).
    "en_assocwire_epoch_attr_empty_text.html": ["JAMES OKORO"] * 2 + ["MARIA SANTOS"] * 2 + ["JAMES OKORO"] + ["LEE CHAMBERS"] * 2 + ["JAMES OKORO"],
}


@pytest.mark.parametrize("name", sorted(BYLINES), ids=lambda n: n.split("_")[1])
def test_each_posts_byline_becomes_its_author(cli, pages, tmp_path, name):
    run, db = ingest(cli, pages, tmp_path, name)
    assert run.code == 0, run.err
    # Capitals as written or not: the name is what counts.
    assert [a and a.casefold() for _, a, _ in posts(db)] == [a.casefold() for a in BYLINES[name]]
    assert not [t for t in texts(db, "body") if re.fullmatch(r"(By )?[A-Z][a-zA-Z]+ [A-Z][a-zA-Z]+", t)]


def test_the_line_under_a_byline_is_not_a_paragraph_of_the_post(cli, pages, tmp_path):
    # "By Naomi Berke / Reporting from Lower Manhattan" under each headline; a pinned post first.
    run, db = ingest(cli, pages, tmp_path, "en_metrotimes_pinned_relative_time.html")
    assert run.code == 0, run.err
    shown = ["06:10", "06:48", "07:30", "08:05", "08:52", "09:37", "10:20", "11:04"]
    assert stated(db) == [utc("2024-05-01", t, "-04:00") for t in shown]
    assert not [t for t in texts(db) if t.startswith("Reporting from")]


def test_a_two_paragraph_post_keeps_its_two_paragraphs_when_json_ld_gives_its_times(cli, pages, tmp_path):
    # JSON-LD articleBody runs a post's paragraphs together; the markup shows them apart.
    run, db = ingest(cli, pages, tmp_path, "en_cnx_live_story_from_bylines.html")
    assert run.code == 0, run.err
    shown = ["08:02", "08:40", "09:15", "10:32", "11:05", "12:20", "13:10", "14:47", "15:34"]  # a.m./p.m. ET
    assert stated(db) == [utc("2024-05-01", t, "-04:00") for t in shown]
    body = texts(db, "body")
    assert "The former county treasurer was found guilty on four of the six counts against him." in body
    assert "Sentencing is set for July." in body
