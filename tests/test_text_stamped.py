"""Live pages that write their posts' times in text ("10.32pm", "11.04 Uhr:", "21:06 (IST)")
instead of a machine-readable time, and commentary feeds with no times at all: each post
a reader sees is one post, its time kept to be placed on the page's day and zone later,
its byline an author, never a paragraph."""

from __future__ import annotations

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.html_page import parse_time
from liveline.ingest.read.markup_tree import WORK_PER_PAGE_CHARACTER, MarkupTree, WorkBudget
from liveline.ingest.read.nesting import MAX_DEPTH
from liveline.ingest.read.post_markup import markup_posts, take_byline
from liveline.ingest.read.raw_post import PartialDate, RawPost
from liveline.ingest.read.text_stamped import stamped_posts, untimed_posts


def body(html: str) -> MarkupTree:
    page = f"<!doctype html><html><head><title>Live</title></head><body>{html}</body></html>"
    return MarkupTree(LexborHTMLParser(page).body, WorkBudget("page", len(page)))


def stamped(html: str) -> tuple[list[RawPost], int]:
    return stamped_posts(body(html))


def times(posts: list[RawPost]) -> list[tuple[int, int]]:
    return [(p.wall.hour, p.wall.minute) for p in posts if p.wall is not None]


NAV = '<nav><ul><li><a href="/">10:00 Home</a></li><li><a href="/sport">11:00 Sport</a></li></ul></nav>'
FOOTER = "<footer><p>09:15 Contact us</p></footer>"


# Flat runs: a stamped block and the blocks after it, to the next stamp -------------------------
def test_a_flat_run_of_bold_times_gives_one_post_per_time_each_running_to_the_next():
    posts, seen = stamped(f"""{NAV}<div class="story">
<p>Good evening and welcome to our coverage of the count.</p>
<p><strong>10.32pm</strong> The returning officer has arrived at the hall.</p><p>She is expected to speak shortly.</p>
<p><strong>10.45pm</strong> Turnout in the east ward was 61%.</p>
<p><b>11.02pm</b></p><p>The first result is in.</p><p>It is a hold for the council leader.</p>
</div>{FOOTER}""")
    assert times(posts) == [(22, 32), (22, 45), (23, 2)]
    assert [p.paragraphs for p in posts] == [
        ["The returning officer has arrived at the hall.", "She is expected to speak shortly."],
        ["Turnout in the east ward was 61%."],
        ["The first result is in.", "It is a hold for the council leader."],
    ]
    assert all(p.published is None and p.headline is None for p in posts)
    assert seen == 3  # the navigation's and the footer's times are not the page's stamps


def test_dotted_times_in_their_own_bold_are_stamps_crossing_midnight_in_page_order():
    posts, _ = stamped("""<div class="entry-content">
<p><strong>23.50</strong> Polls are closed.</p><p><strong>00.10</strong> The first box is opened.</p>
<p><strong>00.25</strong> A recount is asked for.</p></div>""")
    assert times(posts) == [(23, 50), (0, 10), (0, 25)]
    assert [p.paragraphs[0] for p in posts] == ["Polls are closed.", "The first box is opened.", "A recount is asked for."]


def test_a_number_opening_a_sentence_is_not_a_time_stamp():
    posts, seen = stamped("""<div class="story">
<p>12.50 euros is what a coffee costs at the stadium now.</p><p>10.30 of them are tax, says the club.</p>
<p>Fans are not happy about it.</p></div>""")
    assert (posts, seen) == ([], 0)


def test_a_german_ticker_of_stamped_headings_with_day_headers_reads_each_heading_as_a_post_on_its_day():
    posts, seen = stamped("""<div class="ticker"><h2>Donnerstag, 18. 7.</h2>
<h3>11.04 Uhr: Gewitter im Tessin</h3><p>Ein Sturm zieht über Lugano.</p><p>Die Feuerwehr ist unterwegs.</p>
<h3>9.05 Uhr: Stau am Gotthard</h3><p>Zehn Kilometer Stau vor dem Nordportal.</p>
<h2>Mittwoch, 17. 7.</h2>
<h3>22.10 Uhr: Ruhige Nacht</h3><p>Keine Meldungen aus den Kantonen.</p></div>""")
    assert times(posts) == [(11, 4), (9, 5), (22, 10)]
    assert [p.headline for p in posts] == ["Gewitter im Tessin", "Stau am Gotthard", "Ruhige Nacht"]
    assert [p.paragraphs for p in posts] == [
        ["Ein Sturm zieht über Lugano.", "Die Feuerwehr ist unterwegs."],
        ["Zehn Kilometer Stau vor dem Nordportal."],  # the day header below it is not its text
        ["Keine Meldungen aus den Kantonen."],
    ]
    assert [p.day for p in posts] == [PartialDate(7, 18), PartialDate(7, 18), PartialDate(7, 17)]
    assert seen == 3


def test_english_day_headers_between_bold_stamps_give_the_posts_below_them_their_day():
    posts, _ = stamped("""<div class="live"><p><strong>Thursday 18 July</strong></p>
<p><strong>16.25</strong> The bridge reopens.</p><p><strong>09.10</strong> Traffic is light.</p>
<h2>Wednesday 17 July</h2><p><strong>22.40</strong> Engineers finish the inspection.</p></div>""")
    assert times(posts) == [(16, 25), (9, 10), (22, 40)]
    assert [(p.day.month, p.day.day) for p in posts if p.day] == [(7, 18), (7, 18), (7, 17)]
    assert [p.paragraphs for p in posts] == [["The bridge reopens."], ["Traffic is light."], ["Engineers finish the inspection."]]


# Wrapped posts: one element around each stamp ----------------------------------------------------
WRAPPED = """<main><div class="feed">
<div class="entry" id="post-3"><span class="time">16:40</span><h3>Polls close</h3><p>Counting starts in the sports hall.</p>
<p class="updated">Updated 16:52</p></div>
<div class="ad">Advertisement</div>
<div class="entry" id="post-2"><span class="time">16:25</span><h3>Turnout up</h3><p>More voters than last time came out.</p>
<p>By Jane Doe, Political correspondent</p></div>
<div class="entry" id="post-1"><span class="time">16:01</span><p>Welcome to the live count.</p></div>
</div></main>"""


def test_wrapped_entries_each_opening_with_a_time_span_are_posts_with_their_headline_and_id():
    posts, seen = stamped(WRAPPED)
    assert times(posts) == [(16, 40), (16, 25), (16, 1)]
    assert [p.headline for p in posts] == ["Polls close", "Turnout up", None]
    assert [p.key for p in posts] == ["3", "2", "1"]
    assert seen == 3


def test_an_updated_line_inside_a_post_is_neither_a_new_post_nor_its_text():
    posts, _ = stamped(WRAPPED)
    assert posts[0].paragraphs == ["Counting starts in the sports hall."]


def test_a_by_line_at_the_end_of_a_post_is_its_author_and_role_not_a_paragraph():
    posts, _ = stamped(WRAPPED)
    assert (posts[1].author, posts[1].role, posts[1].paragraphs) == ("Jane Doe", "Political correspondent", ["More voters than last time came out."])


def test_a_feed_split_into_one_section_per_day_is_read_whole():
    section = '<section class="day"><h2>{day}</h2>{entries}</section>'
    entry = '<div class="entry"><span class="time">{t}</span><p>Update at {t} on the harbour works.</p></div>'
    html = '<div class="feed">' + "".join(
        section.format(day=day, entries="".join(entry.format(t=t) for t in stamps))
        for day, stamps in [("Thursday 18 July", ["18:30", "12:05"]), ("Wednesday 17 July", ["21:15", "08:00"])]
    ) + "</div>"
    posts, _ = stamped(html)
    assert times(posts) == [(18, 30), (12, 5), (21, 15), (8, 0)]
    assert [p.day for p in posts] == [PartialDate(7, 18)] * 2 + [PartialDate(7, 17)] * 2


def test_an_ist_prefix_becomes_the_posts_time_and_zone_and_leaves_the_headline():
    posts, _ = stamped("""<div id="live-updates">
<div class="update"><h3>21:06 (IST) Rain stops play</h3><p>The covers are on at the ground.</p></div>
<div class="update"><h3>20:48 (IST) Fifty for the opener</h3><p>A patient half-century off 61 balls.</p></div>
</div>""")
    assert times(posts) == [(21, 6), (20, 48)]
    assert [p.wall.zone for p in posts if p.wall] == ["IST", "IST"]
    assert [p.headline for p in posts] == ["Rain stops play", "Fifty for the opener"]


def test_a_key_events_list_of_linked_times_does_not_outweigh_the_feed():
    key_events = "".join(f'<li><a href="#p{i}">{t} Headline {i}</a></li>' for i, t in enumerate(["16:40", "16:25", "16:01", "15:30"]))
    posts, seen = stamped(f'<ul class="key-events">{key_events}</ul>' + WRAPPED)
    assert times(posts) == [(16, 40), (16, 25), (16, 1)]
    assert seen == 7  # the list's stamps are on the page, to be weighed against the posts


# Machine-timed posts (post_markup) keep their time and lose the text one -----------------------------
def test_a_heading_with_a_text_stamp_on_a_post_with_a_machine_time_loses_the_prefix_and_the_byline_is_the_author():
    entry = ('<article id="b{n}"><time datetime="2023-11-02T{utc}:00Z">{utc}</time><h2>{local}(IST) {headline}</h2>'
             "<p>{text}</p><p>By Asha Verma</p></article>")
    html = ("<!doctype html><html><body><main>"
            + entry.format(n=2, utc="15:32", local="21:02", headline="Rain stops play", text="The covers come on.")
            + entry.format(n=1, utc="15:06", local="20:36", headline="Fifty up", text="A steady start.")
            + "</main></body></html>")
    posts, _ = markup_posts(LexborHTMLParser(html), parse_time, WorkBudget("page", len(html)))
    assert [p.headline for p in posts] == ["Rain stops play", "Fifty up"]
    assert [(p.author, p.paragraphs) for p in posts] == [("Asha Verma", ["The covers come on."]), ("Asha Verma", ["A steady start."])]


def test_a_number_opening_a_machine_timed_posts_heading_stays_in_it():
    entry = '<article id="b{n}"><time datetime="2023-11-02T1{n}:00:00Z">t</time><h2>{headline}</h2><p>Figures are in.</p></article>'
    html = ("<!doctype html><html><body><main>" + entry.format(n=2, headline="10.50 million watched the final")
            + entry.format(n=1, headline="Ratings due") + "</main></body></html>")
    posts, _ = markup_posts(LexborHTMLParser(html), parse_time, WorkBudget("page", len(html)))
    assert [p.headline for p in posts] == ["10.50 million watched the final", "Ratings due"]


def test_a_time_standing_alone_after_each_posts_headline_still_marks_the_posts():
    entry = '<div class="item"><h3>{h}</h3><span class="stamp">{t}</span><p>{h} is all the news at {t}.</p></div>'
    posts, _ = stamped('<div class="list">' + entry.format(h="Gates open", t="14:30") + entry.format(h="Kick-off", t="15:00") + "</div>")
    assert times(posts) == [(14, 30), (15, 0)]
    assert [(p.headline, p.paragraphs) for p in posts] == [("Gates open", ["Gates open is all the news at 14:30."]),
                                                           ("Kick-off", ["Kick-off is all the news at 15:00."])]


@pytest.mark.parametrize(("line", "author", "role"), [
    ("By Jane Doe", "Jane Doe", None),
    ("By Jane Doe, Political correspondent", "Jane Doe", "Political correspondent"),
    ("Von Hans Muster", "Hans Muster", None),
    ("Par Jeanne Dupont", "Jeanne Dupont", None),
    ("Di Mario Rossi", "Mario Rossi", None),
    ("Por Ana García", "Ana García", None),
    ("Door Jan de Vries", "Jan de Vries", None),
])
def test_a_by_line_in_any_of_the_feed_languages_is_the_author(line, author, role):
    assert take_byline(["The council met at noon.", line]) == (author, role, ["The council met at noon."])
    assert take_byline([line, "The council met at noon."]) == (author, role, ["The council met at noon."])


@pytest.mark.parametrize("line", ["By Monday, all schools will close.", "Di Maio ha parlato a lungo.", "by the end of the day",
                                  "Par ailleurs, le ministre a démissionné."])
def test_a_sentence_that_opens_like_a_by_line_stays_a_paragraph(line):
    assert take_byline([line]) == (None, None, [line])


# No times at all ------------------------------------------------------------------------------------
def test_a_commentary_feed_without_times_gives_its_blocks_as_posts_in_page_order():
    posts = untimed_posts(body(f"""{NAV}<div id="commentary">
<div class="post"><h3>Kick-off</h3><p>The players are out on a cold night in the north of the city.</p></div>
<div class="post"><h3>Early chance</h3><p>A shot from the edge of the box goes just wide of the far post.</p></div>
<div class="post"><p>Half-time arrives with no goals and the home crowd is restless.</p><p>Von Hans Muster</p></div>
</div>"""))
    assert [p.headline for p in posts] == ["Kick-off", "Early chance", None]
    assert posts[2].paragraphs == ["Half-time arrives with no goals and the home crowd is restless."]
    assert posts[2].author == "Hans Muster"
    assert all(p.published is None and p.wall is None for p in posts)


def test_reaction_cards_with_an_author_line_give_posts_whose_author_is_that_line():
    card = ('<div class="reaction-card"><h3>{h}</h3><p class="reaction-card__author">{who}</p><p>{text}</p>'
            '<ul class="share"><li><a href="#">Share</a></li></ul></div>')
    posts = untimed_posts(body('<div class="reactions">' + "".join(card.format(h=h, who=who, text=text) for h, who, text in [
        ("Growth doubts", "Anna Keller, economics editor", "The forecasts were written before the autumn slowdown."),
        ("Relief on the benches", "Rob Hayes, political correspondent", "The rural bus grant survived, and that matters."),
        ("Nothing for carers", "Mina Osei, social affairs", "There was no rise in the allowance in the speech."),
    ]) + "</div>"))
    assert [(p.headline, p.author, p.role) for p in posts] == [("Growth doubts", "Anna Keller", "economics editor"),
                                                              ("Relief on the benches", "Rob Hayes", "political correspondent"),
                                                              ("Nothing for carers", "Mina Osei", "social affairs")]
    assert posts[0].paragraphs == ["The forecasts were written before the autumn slowdown."]  # no "Share"


def test_a_results_table_stamped_row_by_row_gives_a_post_per_row():
    rows = "".join(f"<tr><td>{t}</td><td>Ward {i}</td><td>Hold, majority {100 + i}</td></tr>" for i, t in enumerate(["19:02", "19:11", "19:20"]))
    posts, seen = stamped(f'<table class="results"><tr><th>Time</th><th>Ward</th><th>Result</th></tr>{rows}</table>')
    assert times(posts) == [(19, 2), (19, 11), (19, 20)]
    assert posts[1].paragraphs == ["Ward 1", "Hold, majority 101"]


def test_stamps_run_together_in_one_paragraph_are_all_counted_though_no_block_tells_the_posts_apart():
    run = " ".join(f"{6 + i}:{i * 5:02d} Event number {i} happens." for i in range(10))
    posts, seen = stamped(f'<div class="live-body"><p>{run}</p></div>')
    assert (posts, seen) == ([], 10)


def test_navigation_lists_and_teaser_cards_are_not_posts():
    teasers = "".join(f'<div class="card"><h3><a href="/s{i}">Story number {i} in the region today</a></h3>'
                      f"<p>A line about story {i}.</p></div>" for i in range(5))
    links = "".join(f'<li><a href="/t{i}">Topic {i} with a long name for a link in the list</a><p>x</p></li>' for i in range(6))
    assert untimed_posts(body(f'<div class="more">{teasers}</div><ul class="topics">{links}</ul>')) == []


def test_an_article_whose_paragraphs_are_each_wrapped_is_not_a_feed():
    paragraphs = "".join(f'<div class="text-block"><p>Paragraph {i} of a long report on the city budget and its cuts.</p></div>'
                         for i in range(8))
    assert untimed_posts(body(f"<article><h1>Budget cuts</h1>{paragraphs}</article>")) == []


def test_an_article_in_headed_sections_is_not_a_feed():
    sections = "".join(f'<section class="part"><h2>Part {i}</h2><p>Part {i} of a long report on the city budget and its cuts.</p>'
                       "<p>A second paragraph of it.</p></section>" for i in range(4))
    assert untimed_posts(body(f"<article><h1>Budget cuts</h1>{sections}</article>")) == []


# Pages built to make the reading slow ------------------------------------------------------------
def test_a_page_of_100000_stamped_paragraphs_is_read_whole_within_the_work_budget():
    html = "".join(f"<p><b>{i // 60 % 24:02d}.{i % 60:02d}</b> Post {i}.</p>" for i in range(100_000))
    tree = body(f'<div class="story">{html}</div>')
    posts, seen = stamped_posts(tree)
    assert (len(posts), seen) == (100_000, 100_000)
    assert posts[-1].paragraphs == ["Post 99999."]
    assert tree.budget.used < tree.budget.total


def test_stamps_nested_just_under_the_depth_limit_are_read_within_the_work_budget():
    depth = MAX_DEPTH - 20
    html = "".join(f'<div class="x"><p><b>{i // 60 % 24:02d}:{i % 60:02d}</b> Level {i}.</p>' for i in range(depth)) + "</div>" * depth
    tree = body(html)
    posts, seen = stamped_posts(tree)
    untimed_posts(tree)
    assert seen == depth
    assert tree.budget.used < WORK_PER_PAGE_CHARACTER * len(html)
    assert len(posts) <= depth


# A date (or a day word) written before each post's time ------------------------------------
def test_a_date_and_a_time_in_two_spans_of_one_line_are_one_stamp_and_the_heading_after_is_the_headline():
    item = """<div class="live-item"><p class="live-date"><span>05 novembre 2024</span> <span>{t}</span></p>
<h3>{h}</h3><div class="live-txt"><p>VALDORSO, 05 NOV - La protezione civile conferma le verifiche in corso.</p></div></div>"""
    posts, seen = stamped(f"""{NAV}<div class="meta">05 novembre 2024 | 09:10</div><div class="live">
{item.format(t="15:30", h="Riaperta la strada")}{item.format(t="14:51", h="Il ministro arriva")}{item.format(t="14:03", h="Famiglie in auto")}
</div>{FOOTER}""")
    assert times(posts) == [(15, 30), (14, 51), (14, 3)]
    assert {p.wall.day for p in posts if p.wall} == {dt.date(2024, 11, 5)}
    assert [p.headline for p in posts] == ["Riaperta la strada", "Il ministro arriva", "Famiglie in auto"]
    assert not [t for p in posts for t in p.paragraphs if "novembre" in t or "15:30" in t]


def test_a_day_word_stamp_in_each_posts_own_header_is_read_though_the_posts_are_plain_divs():
    item = """<div class="ticker-item"><header><span class="ago">vor 5 Minuten</span> <span class="when">{w}</span></header>
<h2>{h}</h2><div class="text"><p>Die Feuerwehr ist mit allen verfügbaren Kräften im Einsatz.</p></div></div>"""
    posts, _ = stamped(f"""<header><a href="/">Tagblatt</a> <span>Heute, 06:00</span></header><div class="ticker">
{item.format(w="Heute, 08:51", h="Strom fällt aus")}{item.format(w="Gestern, 23:30", h="Sturm erreicht die Stadt")}
{item.format(w="Gestern, 21:40", h="Warnung vor Orkanböen")}</div>""")
    assert [(p.wall.hour, p.wall.minute, p.wall.days_back) for p in posts if p.wall] == [(8, 51, 0), (23, 30, 1), (21, 40, 1)]
    assert [p.headline for p in posts] == ["Strom fällt aus", "Sturm erreicht die Stadt", "Warnung vor Orkanböen"]


def test_a_date_without_a_year_before_the_time_is_the_posts_day():
    posts, _ = stamped("".join(
        f'<div class="entry"><p class="stamp">{w}</p><p>Die Lage an der Küste bleibt nach dem Sturm weiter angespannt.</p></div>'
        for w in ("Freitag, 19. 7., 08:15 Uhr", "Donnerstag, 18. 7., 22:40 Uhr", "Donnerstag, 18. 7., 21:05 Uhr")))
    assert times(posts) == [(8, 15), (22, 40), (21, 5)]
    assert [p.day for p in posts] == [PartialDate(7, 19), PartialDate(7, 18), PartialDate(7, 18)]


# A post's heading that is a link to the post itself ----------------------------------------
def test_a_posts_heading_that_is_all_a_link_to_the_post_is_still_its_headline():
    entry = ('<div class="liveSec" id="p{n}"><div class="liveTime"><span>{t}</span></div>'
             '<h2 class="liveTitle"><a href="#p{n}">{h}</a></h2><div class="liveContent"><p>{h}: details to follow.</p></div>'
             '<div class="share"><a href="#">Share this article</a></div></div>')
    posts, _ = stamped('<div class="liveBlog">' + "".join(
        entry.format(n=n, t=t, h=h) for n, t, h in [(3, "22:38", "Machines moved"), (2, "22:05", "Turnout up"), (1, "21:40", "Polls close")]
    ) + "</div>")
    assert times(posts) == [(22, 38), (22, 5), (21, 40)]
    assert [(p.headline, p.paragraphs) for p in posts] == [
        ("Machines moved", ["Machines moved: details to follow."]),
        ("Turnout up", ["Turnout up: details to follow."]),
        ("Polls close", ["Polls close: details to follow."]),
    ]


def test_a_linked_heading_after_a_posts_text_is_not_its_text():
    posts, _ = stamped('<div class="feed">' + "".join(
        f'<div class="entry"><span class="time">{t}</span><p>The harbour works continue at {t}.</p>'
        f'<h3><a href="/more">Read more about the harbour</a></h3></div>' for t in ("16:40", "16:25", "16:01")) + "</div>")
    assert [(p.headline, p.paragraphs) for p in posts] == [(None, [f"The harbour works continue at {t}."]) for t in ("16:40", "16:25", "16:01")]


# Four-digit stamps written without a separator ("1032:") -----------------------------------
def four_digit_feed(stamps: list[str], form: str = "<p><strong>{s}:</strong> {text}</p>") -> str:
    return '<div class="commentary">' + "".join(
        form.format(s=s, text=f"Count news, part {i}, from the sports hall tonight.") for i, s in enumerate(stamps)) + "</div>"


def test_four_digit_stamps_repeated_in_order_in_their_own_bold_are_posts():
    posts, seen = stamped(four_digit_feed(["0926", "0903", "0839", "0814"]))
    assert times(posts) == [(9, 26), (9, 3), (8, 39), (8, 14)]
    assert posts[0].paragraphs == ["Count news, part 0, from the sports hall tonight."]
    assert seen == 4


@pytest.mark.parametrize(
    "form",
    [
        '<p>{s}: {text}</p>',  # followed by a colon at the start of its block
        '<div class="entry"><span class="time">{s}</span><p>{text}</p></div>',  # alone in its own element
    ],
)
def test_four_digit_stamps_set_apart_otherwise_are_posts_too_crossing_midnight(form):
    posts, seen = stamped(four_digit_feed(["2331", "2352", "0004", "0040"], form))
    assert times(posts) == [(23, 31), (23, 52), (0, 4), (0, 40)]
    assert seen == 4


@pytest.mark.parametrize(
    "stamps",
    [
        ["2015"],  # one alone is a year
        ["1032", "0915"],  # two are too few to show a feed
        ["1999", "2003", "2007", "2011"],  # a list of years: 1999 is no time
        ["2001", "2005", "2010", "2015"],  # years that could all be evening times
        ["0926", "1150", "0839", "1014"],  # out of order
    ],
)
def test_four_digit_numbers_that_may_be_years_or_are_out_of_order_are_not_stamps(stamps):
    assert stamped(four_digit_feed(stamps)) == ([], 0)


def test_four_digit_numbers_in_sentences_are_not_stamps():
    html = four_digit_feed(["0926", "0903", "0839"], "<p>{s} {text}</p>")
    assert stamped(html) == ([], 0)


def test_a_column_of_four_digit_numbers_in_order_beside_short_names_is_not_a_feed():
    rows = "".join(f"<tr><td>{votes}</td><td>{name}</td></tr>" for votes, name in [("1450", "A. Hale (Lab)"), ("1322", "B. Jenks"), ("1047", "C. Marsh")])
    assert stamped(f'<table class="results">{rows}</table>') == ([], 0)


def test_headings_decorated_with_plus_signs_give_each_post_its_time_and_a_clean_headline():
    posts, _ = stamped("""<div class="ticker">
<div class="item"><h2>+++ 10:47 Gespräche vertagt +++</h2><p>Die Delegationen reisen am Abend ab.</p></div>
<div class="item"><h2>+++ 09:33 Gipfel beginnt +++</h2><p>Die Polizei sperrt die Innenstadt ab.</p></div>
<div class="item"><h2>■ 08:12 Stromausfall ■</h2><p>Mehrere Stadtteile sind ohne Strom.</p></div></div>""")
    assert times(posts) == [(10, 47), (9, 33), (8, 12)]
    assert [p.headline for p in posts] == ["Gespräche vertagt", "Gipfel beginnt", "Stromausfall"]


def test_bold_stamps_separated_only_by_line_breaks_in_one_block_are_one_post_per_line():
    posts, _ = stamped("""<div class="text">Wir berichten live.<br/><b>18:50:</b> Der Saal füllt sich.<br/><br/>
<b>19:00:</b> Das Licht geht aus.<br/>Die <i>Musik</i> verstummt.<br/><br/>
<b>19:04:</b> Der Chef betritt die Bühne.<ul><li>Neue Geräte</li></ul></div>""")
    assert times(posts) == [(18, 50), (19, 0), (19, 4)]
    assert [p.paragraphs for p in posts] == [
        ["Der Saal füllt sich."],
        ["Das Licht geht aus.", "Die Musik verstummt."],
        ["Der Chef betritt die Bühne.", "Neue Geräte"],
    ]


def test_french_hours_without_minutes_are_stamps_among_stamps_with_minutes():
    posts, _ = stamped("""<div class="texte"><p><strong>14h32.</strong> Le cortège arrive place de la Nation.</p>
<p><strong>13h.</strong> Les syndicats se retrouvent devant la gare.</p>
<p><strong>10 heures.</strong> La grève commence dans les transports.</p>
<p><strong>9h40.</strong> Le ministre doit parler dans l'heure.</p>
<p>10 heures de débat n'ont rien changé, selon les syndicats.</p></div>""")
    assert times(posts) == [(14, 32), (13, 0), (10, 0), (9, 40)]
    assert posts[1].paragraphs[0] == "Les syndicats se retrouvent devant la gare."
    assert posts[3].paragraphs[-1] == "10 heures de débat n'ont rien changé, selon les syndicats."


def test_a_column_of_bare_hours_alone_is_not_a_feed():
    posts, seen = stamped("""<ul class="recent"><li><span>2h.</span> Les marchés ouvrent en hausse ce matin.</li>
<li><span>3h.</span> Le président reçoit les syndicats à l'Élysée.</li>
<li><span>5h.</span> Une grève est annoncée pour jeudi prochain.</li></ul>""")
    assert (posts, seen) == ([], 0)


def test_a_list_item_opening_with_its_time_keeps_its_heading_apart_from_its_paragraphs():
    posts, _ = stamped("""<ol class="events">
<li><span class="clock">19:30</span><div><h3>De opstellingen zijn bekend</h3><p>Beide ploegen spelen met drie spitsen.</p></div></li>
<li><span class="clock">20:15</span><div><h3>Spelers komen het veld op</h3><p>Het stadion is uitverkocht.</p><p>De sfeer is goed.</p></div></li>
<li><span class="clock">20:46</span><div><h3>Aftrap</h3><p>De bal rolt in Brussel.</p></div></li></ol>""")
    assert times(posts) == [(19, 30), (20, 15), (20, 46)]
    assert [p.headline for p in posts] == ["De opstellingen zijn bekend", "Spelers komen het veld op", "Aftrap"]
    assert [p.paragraphs for p in posts] == [
        ["Beide ploegen spelen met drie spitsen."], ["Het stadion is uitverkocht.", "De sfeer is goed."], ["De bal rolt in Brussel."]
    ]


# Footer stamps: "Posted by X at 9:22 PM" closing each entry of a feed ---------------------------
def _footed(footers: list[str], header: str = "") -> str:
    entries = "".join(
        f'<div class="entry"><h3>Entry number {n}</h3><div class="entry-body"><p>The council met again on the matter of the bridge today.</p>'
        f"<p>Residents along the river were told to expect delays.</p></div>{footer}</div>"
        for n, footer in enumerate(footers, 1)
    )
    return f'<div id="content">{header}{entries}</div>'


@pytest.mark.parametrize(
    ("footer", "time", "author"),
    [
        ('<p class="entry-footer">Posted by Ray Cohn at 9:22 PM | <a href="#c">Comments (3)</a></p>', (21, 22), "Ray Cohn"),
        ('<footer class="meta">Posted at 21:06 by Ray Cohn | <a href="#p">Permalink</a></footer>', (21, 6), "Ray Cohn"),
        ("<p>Publié par Marie Dubois à 21h06 | <a>Commentaires</a></p>", (21, 6), "Marie Dubois"),
        ("<p>Geplaatst door Sanne de Vries om 21:06</p>", (21, 6), "Sanne de Vries"),
        ("<p>Pubblicato da Luca Rossi alle 21:06</p>", (21, 6), "Luca Rossi"),
        ('<div class="post-footer"><span>Veröffentlicht von Hans Muster</span> <span>um 21.06 Uhr</span></div>', (21, 6), "Hans Muster"),
    ],
)
def test_a_posted_by_line_at_the_foot_of_each_entry_gives_its_time_and_author_and_leaves_the_text(footer, time, author):
    posts = untimed_posts(body(_footed([footer] * 3, '<h2 class="date-header">Tuesday, November 4, 2008</h2>')))
    assert len(posts) == 3
    assert times(posts) == [time] * 3
    assert {p.author for p in posts} == {author}
    assert {p.day for p in posts} == {PartialDate(11, 4, 2008)}
    said = ["The council met again on the matter of the bridge today.", "Residents along the river were told to expect delays."]
    assert all(p.paragraphs == said for p in posts)


def test_a_posted_by_line_on_only_one_entry_of_a_feed_times_none_of_them():
    footers = ["<p>Posted by Ray Cohn at 9:22 PM</p>", "<p>Filed from the town hall.</p>", "<p>More to follow shortly from here.</p>"]
    posts = untimed_posts(body(_footed(footers)))
    assert len(posts) == 3
    assert times(posts) == []
    assert posts[0].paragraphs[-1] == "Posted by Ray Cohn at 9:22 PM"


def test_a_footer_naming_no_person_or_no_time_is_not_a_stamp():
    posts = untimed_posts(body(_footed(["<p>Posted by 3 readers at 9:22 PM</p>", "<p>Posted by Ray Cohn at the depot</p>"] * 2)))
    assert times(posts) == []
