"""A page has several witnesses of its posts; the reading the page supports best wins, and
an article's text is its prose without the page's furniture."""

from __future__ import annotations

import datetime as dt

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.article_text import article_paragraphs
from liveline.ingest.read.markup_tree import WorkBudget
from liveline.ingest.read.raw_post import RawPost, WallTime
from liveline.ingest.read.witnesses import Witness, choose, disorder, fullest, ld_order_doubt, ld_times_disagree

NINE = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)


def posts(count: int, *, timed: bool = True, written: bool = False) -> list[RawPost]:
    return [
        RawPost(None, NINE + dt.timedelta(minutes=n) if timed and not written else None, None, None, None, [f"Post {n}."],
                wall=WallTime(9, n) if written else None)
        for n in range(count)
    ]


def test_the_exact_witness_keeps_a_feed_another_reads_nearly_the_same():
    chosen = choose([Witness("time elements", posts(20), 1), Witness("text stamps", posts(22, written=True), 3)])
    assert chosen.witness is not None and chosen.witness.name == "time elements"
    assert [w.name for w in chosen.others] == ["text stamps"]


def test_a_less_exact_witness_with_clearly_more_posts_wins_over_two_teasers():
    chosen = choose([Witness("time elements", posts(2), 1), Witness("embedded JSON", posts(25), 2)])
    assert chosen.witness is not None and chosen.witness.name == "embedded JSON"


def test_an_untimed_feed_is_read_only_when_no_witness_has_times():
    untimed = Witness("repeated blocks", posts(8, timed=False), 4)
    assert choose([Witness("time elements", posts(3), 1), untimed]).witness.name == "time elements"
    assert choose([Witness("time elements", [], 1), untimed]).witness is untimed


def test_json_ld_updates_are_matched_in_the_time_elements_unless_written_times_see_clearly_more_posts():
    elements, written = posts(10), posts(11, written=True)
    assert fullest([elements, written, []]) is elements  # the Guardian: "12.50 BST" beside each <time datetime>
    assert fullest([posts(2), written, []]) is written  # two teasers carry time elements; the feed is written


def test_no_witness_with_two_posts_is_no_reading():
    assert choose([Witness("time elements", posts(1, timed=False), 1)]).witness is None


def test_out_of_order_json_ld_times_lose_to_ordered_markup_times():
    ld = [RawPost(None, NINE.replace(hour=h, minute=m), None, None, None, ["x"]) for h, m in [(4, 20), (4, 23), (4, 19), (4, 30), (4, 11)]]
    markup = [RawPost(None, NINE.replace(hour=h), None, None, None, ["x"]) for h in (9, 8, 7, 6, 5)]
    assert disorder([p.published for p in markup]) == 0.0
    assert "differ" in (ld_times_disagree(ld, markup) or "")
    assert ld_times_disagree(ld, [None] * 5) is None  # nothing to check them against: a doubt, not a verdict
    assert "step against" in (ld_order_doubt(ld) or "")
    assert ld_times_disagree(markup, markup) is None


def test_a_post_published_late_is_not_a_scrambled_feed():
    times = [NINE.replace(hour=h, minute=m) for h, m in [(10, 0), (10, 5), (9, 30), (9, 0)]]
    ld = [RawPost(None, when, None, None, None, ["x"]) for when in times]
    assert ld_times_disagree(ld, [None] * 4) is None and ld_order_doubt(ld) is None


def test_an_article_is_its_prose_without_cookie_notices_captions_related_links_or_newsletter_boxes():
    page = LexborHTMLParser("""<html><body class="single has-sidebar"><nav><p>Home News Sport</p></nav>
    <div class="cookie-banner"><p>We use cookies to improve your experience on our site.</p></div>
    <main><h1>Bridge plan approved</h1><figure><figcaption><p>The harbour at dusk.</p></figcaption></figure>
    <div class="article-body"><p>Councillors approved the harbour bridge plan by 31 votes to 12.</p>
    <div class="related-links"><p>Read more: Ferry fares to rise in spring</p></div>
    <p>The mayor said construction would begin next year.</p></div>
    <div class="newsletter-signup"><p>Sign up for our daily newsletter to get the news first.</p></div></main>
    <footer><p>Copyright Coastal Courier</p></footer></body></html>""")
    assert article_paragraphs(page, None, WorkBudget("page", 10_000)) == [
        "Councillors approved the harbour bridge plan by 31 votes to 12.",
        "The mayor said construction would begin next year.",
    ]


def test_a_zone_that_is_none_is_one_line_before_anything_is_written(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p><b>16:25</b> Rain stops play.</p></body></html>", encoding="utf-8")
    (tmp_path / "live.toml").write_text('[[source]]\nfile = "page.html"\noutlet = "Courier"\ntz = "Mars/Base"\n', encoding="utf-8")
    db = tmp_path / "t.db"
    for args in (["ingest", page, "--tz", "Mars/Base"], ["ingest", "--manifest", tmp_path / "live.toml"],
                 ["follow", "http://127.0.0.1:9/live", "--tz", "+25:00"]):
        run = cli(*args, "--db", db)
        assert run.code == 1 and "is not a time zone" in run.err and len(run.err.strip().splitlines()) == 1
    assert not db.exists()


def test_machine_times_without_a_zone_on_a_page_that_names_none_are_read_as_uk_time_and_said_to_be():
    from liveline.ingest.read.html_page import read_html

    posts = "".join(
        f'<div class="post"><time datetime="2024-02-14 {h}:10:00">{h}:10</time><p>Update number {h} from the hall.</p></div>'
        for h in (21, 20, 19)
    )
    reading = read_html(f"<html><body><main>{posts}</main></body></html>", "page")
    assert [p.published.utc.hour for p in reading.posts] == [21, 20, 19]  # February: UK time is UTC
    assert any("does not say its time zone" in w and "machine times" in w for w in reading.warnings)
    told = read_html(f'<html lang="de"><body><main>{posts}</main></body></html>', "page")
    assert [p.published.utc.hour for p in told.posts] == [20, 19, 18] and not told.warnings  # German: CET


def test_json_ld_that_labels_the_pages_clock_utc_loses_to_the_times_written_on_the_posts():
    cest = dt.timezone(dt.timedelta(hours=2))
    ld = [RawPost(None, NINE.replace(hour=10, minute=m), None, None, None, ["x"]) for m in (5, 19, 37)]  # "10:05Z"
    written = [RawPost(None, None, None, None, None, ["x"], wall=WallTime(10, m)) for m in (5, 19, 37)]  # cards: 10:05
    assert "own clock labelled UTC" in (ld_times_disagree(ld, written, cest) or "")
    right = [RawPost(None, NINE.replace(hour=8, minute=m), None, None, None, ["x"]) for m in (5, 19, 37)]
    assert ld_times_disagree(right, written, cest) is None
