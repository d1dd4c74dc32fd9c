"""A reader catching up on a long day asks for the posts the pages themselves flag as key
events (the reader's `K`). Ingest records the flag as the post's kind, "key_event", read
from what a page says in general ways, never one outlet's template: the post's element
(a class token, a data attribute), a short label in its header ("KEY EVENT"), a
key-events list elsewhere on the page linking to it, a flag in the page's embedded state,
and in a text copy a "Key event" line over, under or opening the post. A flagged post is
in every other way a post: the same words, time, order, speakers and events; a summary
stays a summary, the hidden header stays hidden, a pinned post stays pinned.

Every page and copy here is written for these tests, in the style of the templates the
rules come from."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bench.replay import page_from_source
from liveline.ingest.pipeline import parse_source
from liveline.ingest.read.html_page import read_html
from liveline.ingest.read.key_events import flags_element, is_key_event_line, is_label, state_flags
from liveline.ingest.sources.spec import SourceSpec
from tests.conftest import read, write

# (id, ISO time, headline, paragraph), newest first as live pages list them.
POSTS = [
    ("b4", "2025-03-04T12:10:00Z", "Ferry services suspended", "All crossings from the north quay are off until the wind drops."),
    ("b3", "2025-03-04T11:42:00Z", "Harbour wall breached", "Water came over the harbour wall at high tide, the coastguard said."),
    ("b2", "2025-03-04T10:05:00Z", "Schools close early", "The council says six schools will close at noon as a precaution."),
    ("b1", "2025-03-04T09:00:00Z", "Storm warning upgraded", "The forecasters raised the warning to amber for the whole coast."),
]


def page(articles: str, *, before: str = "", after: str = "", head: str = "") -> str:
    return f"""<!doctype html><html><head><title>Storm Elin – live</title>
<meta property="og:site_name" content="Coastal Courier">{head}</head><body>
<main><h1>Storm Elin – live</h1>{before}<div id="liveblog-body">
{articles}
</div>{after}</main></body></html>"""


def article(key: str, at: str, headline: str, text: str, *, attributes: str = "", info: str = "") -> str:
    """A post as a template writes it: the element with the post's id, an info line with its
    time (and whatever label the page puts beside it), a heading, a paragraph."""
    return (f'<article id="block-{key}" class="block"{attributes}><header class="block-info">'
            f'<time datetime="{at}">{at[11:16]}</time>{info}</header>'
            f"<h2>{headline}</h2><p>{text}</p><p>More on this as we get it.</p></article>")


def feed(flagged: dict[str, dict[str, str]] | None = None) -> str:
    flagged = flagged or {}
    return "\n".join(article(key, at, headline, text, **flagged.get(key, {})) for key, at, headline, text in POSTS)


def kinds(html: str) -> dict[str, str]:
    """Each post's headline -> its kind, as ingest reads the page."""
    return {post.headline or "": post.kind for post in read_html(html, "storm.html").posts}


def key_events(html: str) -> list[str]:
    return [headline for headline, kind in kinds(html).items() if kind == "key_event"]


# 1. The post's element says so --------------------------------------------------------------
@pytest.mark.parametrize("attributes", [
    ' data-type="key-event"',
    ' data-key-event="true"',
    ' data-keyevent=""',
    ' data-post-kind="KEY_EVENT"',
    ' data-is-key-event="1"',
])
def test_a_post_whose_data_attribute_names_a_key_event_is_one(attributes: str) -> None:
    html = page(feed({"b3": {"attributes": attributes}}))
    assert key_events(html) == ["Harbour wall breached"]


@pytest.mark.parametrize("token", ["key-event", "keyEvent", "key_event", "is-key-event", "block--key-event", "post-key-event"])
def test_a_post_whose_class_names_a_key_event_is_one(token: str) -> None:
    html = page(feed().replace('id="block-b2" class="block"', f'id="block-b2" class="block {token}"'))
    assert key_events(html) == ["Schools close early"]


@pytest.mark.parametrize("attributes", [
    ' class="block monkey-event"',  # the letters, not the word
    ' data-key-event="false"',  # the page says it is not one
    ' data-link-name="key event card"',  # a sentence-like value, not a flag
    ' class="block key-events-list"',  # the plural names a list, not a post
    ' data-type="event"',
])
def test_attributes_that_only_look_like_a_flag_flag_nothing(attributes: str) -> None:
    html = page(feed().replace('id="block-b3" class="block"', f'id="block-b3"{attributes}'))
    assert key_events(html) == []


def test_the_flag_tests_read_tokens_not_substrings() -> None:
    assert flags_element({"class": "entry is-key-event"})
    assert flags_element({"data-type": "keyEvent"})
    assert not flags_element({"class": "turkey-event"})
    assert not flags_element({"class": "live-event-key-events"})
    assert not flags_element({"data-key-event": "no"})


# 2. A label in the post's header ---------------------------------------------------------------
@pytest.mark.parametrize("label", ["<mark>KEY EVENT</mark>", "<span class='badge'>Key event</span>", "<strong>Key update</strong>",
                                   "<span>Important</span>", "<div class='label'>Key Event</div>"])
def test_a_key_event_label_beside_the_time_flags_the_post_and_is_not_its_words(label: str) -> None:
    html = page(feed({"b4": {"info": label}}))
    posts = read_html(html, "storm.html").posts
    assert [post.headline for post in posts if post.kind == "key_event"] == ["Ferry services suspended"]
    flagged = posts[0]
    assert [p.text for p in flagged.paragraphs] == [
        "Ferry services suspended", "All crossings from the north quay are off until the wind drops.", "More on this as we get it."]
    assert flagged.author is None  # "Key Event" is capitalised like a name, and is none


def test_the_same_words_inside_the_post_s_prose_flag_nothing() -> None:
    prose = {"b1": {"info": ""}}
    html = page(feed(prose).replace("<p>More on this as we get it.</p></article>",
                                    "<p><strong>Important</strong></p><p>It was a key event for the town.</p></article>", 1))
    assert key_events(html) == []


def test_label_text_must_be_the_whole_label() -> None:
    assert is_label("KEY EVENT") and is_label(" Key  update ") and is_label("Important")
    assert not is_label("Important: roads closed") and not is_label("Key events")
    assert is_key_event_line("Key event") and not is_key_event_line("Important")


# 3. A key-events list elsewhere on the page ----------------------------------------------------
def test_posts_a_key_events_carousel_links_to_are_key_events() -> None:
    # In the style of a carousel named by its id: each card links to its post on the page.
    carousel = ('<div id="key-events-carousel"><ul>'
                '<li><a href="?page=with:block-b3#block-b3"><time datetime="2025-03-04T11:42:00Z">1h ago</time>'
                "<span>Harbour wall breached</span></a></li>"
                '<li><a href="?page=with:block-a9#block-a9"><span>A post on an older page of the blog</span></a></li>'
                "</ul></div>")
    assert key_events(page(feed(), before=carousel)) == ["Harbour wall breached"]


def test_posts_a_list_names_by_data_id_are_key_events() -> None:
    # In the style of a list with a class naming it, its entries naming posts by data-id.
    articles = "\n".join(
        f'<div class="live-entry" id="{n}" data-post-time="{ms}"><div class="entry-info"><time>{at}</time></div>'
        f"<div class='entry-content'><h3>{headline}</h3><p>{text}</p></div></div>"
        for n, ms, at, headline, text in [
            (702, 1741090200000, "12:10", "Ferry services suspended", "All crossings are off."),
            (701, 1741088520000, "11:42", "Harbour wall breached", "Water came over the wall."),
            (700, 1741082700000, "10:05", "Schools close early", "Six schools will close at noon."),
        ])
    listed = ('<div class="storm-key-events"><h3>Key Events</h3><ul><li><div class="bubble">'
              '<a data-id="702">Ferry services suspended</a><time>12:10</time></div></li></ul></div>')
    assert key_events(page(articles, before=listed)) == ["Ferry services suspended"]


def test_a_list_known_only_by_its_heading_flags_the_posts_it_links_to() -> None:
    listed = '<section><h2>Key events</h2><ul><li><a href="#block-b1">Storm warning upgraded</a></li></ul></section>'
    assert key_events(page(feed(), after=listed)) == ["Storm warning upgraded"]


def test_a_part_of_the_page_holding_the_posts_is_never_taken_for_a_key_events_list() -> None:
    # The feed's wrapper is named for the page's key-events feature and each post links to
    # itself (a permalink on its time): prose, not a list of links, so no post is flagged.
    articles = "\n".join(
        article(key, at, headline, text).replace(f'<time datetime="{at}">', f'<a href="#block-{key}"><time datetime="{at}">', 1)
        .replace("</time>", "</time></a>", 1)
        for key, at, headline, text in POSTS)
    html = page(articles).replace('<div id="liveblog-body">', '<div id="liveblog-body" class="with-key-events">')
    assert len(kinds(html)) == 4
    assert key_events(html) == []


# 4. Embedded state -------------------------------------------------------------------------------
def state_page(flags: list[dict[str, object]]) -> str:
    """A single-page app's ticker: posts only in __NEXT_DATA__, each with the fields `flags` gives."""
    posts = [{"id": f"lb-{key}", "publishedAt": at, "title": headline, "author": {"name": "Ines Calloway"},
              "body": [{"type": "paragraph", "children": [{"text": text}]}], **extra}
             for (key, at, headline, text), extra in zip(POSTS, flags, strict=True)]
    data = {"props": {"pageProps": {"liveBlog": {"title": "Storm Elin", "posts": posts}}}}
    head = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    return page("", head=head)


def test_a_post_object_flagged_in_the_page_state_is_a_key_event() -> None:
    html = state_page([{"isKeyEvent": False}, {"isKeyEvent": True}, {"attributes": {"pinned": False, "keyEvent": True}},
                       {"key_event": "false"}])
    assert key_events(html) == ["Harbour wall breached", "Schools close early"]


def test_state_flags_read_true_values_only() -> None:
    assert state_flags({"iskeyevent": True})
    assert state_flags({"attributes": {"keyEvent": True, "summary": False}})
    assert state_flags({"type": "key-event"})
    assert not state_flags({"keyevent": False})
    assert not state_flags({"keyevents": [1, 2]})
    assert not state_flags({"type": "text"})


# 5. Text copies ------------------------------------------------------------------------------------
GUARDIAN_STYLE = """\
    Live blog opens with the storm warning
    Pinned post text that stays at the top of the page all day long.
    Share
    Key events
    Please turn on JavaScript to use this feature
    12.10 GMT
    Ferry services suspended
    All crossings from the north quay are off until the wind drops.
    Share
    Key event
    11.42 GMT
    Harbour wall breached
    Water came over the harbour wall at high tide, the coastguard said.
    Share
    10.05 GMT
    Key event
    Schools close early
    The council says six schools will close at noon as a precaution.
    Share
    09.00 GMT
    Storm warning upgraded
    The forecasters raised the warning to amber for the whole coast.
    Share
    """


def test_a_key_event_line_over_or_under_a_post_s_time_flags_that_post_in_a_copy() -> None:
    posts = read(GUARDIAN_STYLE).posts
    assert [(p.headline, p.kind) for p in posts] == [
        ("Live blog opens with the storm warning", "post"),
        ("Ferry services suspended", "post"),
        ("Harbour wall breached", "key_event"),
        ("Schools close early", "key_event"),
        ("Storm warning upgraded", "post"),
    ]
    assert posts[0].pinned  # the page-level "Key events" heading still divides pinned from feed
    assert not any("Key event" in p.text for post in posts for p in post.paragraphs)


def test_a_key_event_line_opening_a_post_flags_it_and_starts_it() -> None:
    copy = """\
        By Jane Marsh, Transport correspondent
        The harbour master says the north quay is closed.
        Key event
        The coastguard has asked people to stay away from the sea front.
        Two lifeboats have been launched from the south harbour.
        Rail services along the coast are running slowly.
        Share
        """
    posts = read(copy).posts
    assert [p.kind for p in posts] == ["post", "key_event"]
    assert posts[1].paragraphs[0].text == "The coastguard has asked people to stay away from the sea front."


def test_a_key_event_line_above_a_bylined_post_flags_the_post_it_heads() -> None:
    copy = """\
        14:05
        Harbour wall breached
        Water came over the harbour wall at high tide.
        Key event
        13:40
        Alison Holt
        Social affairs editor
        The council has opened two rest centres for families.
        13:10
        Schools close early
        The council says six schools will close at noon.
        """
    posts = read(copy).posts
    assert [(p.published.hour if p.published else None, p.kind) for p in posts] == [(14, "post"), (13, "key_event"), (13, "post")]
    assert posts[1].author == "Alison Holt"


def test_a_flagged_summary_stays_a_summary() -> None:
    copy = """\
        Key event
        18.20 GMT
        A summary of today's developments
        The storm has closed schools, ferries and the harbour road.
        Share
        17.50 GMT
        Harbour road closed
        Police have shut the harbour road in both directions.
        Share
        16.10 GMT
        Winds reach 80mph
        The highest gust of the day was on the headland.
        Share
        """
    assert [p.kind for p in read(copy).posts] == ["summary", "post", "post"]


# A flagged post is a post in every other way ----------------------------------------------------
def _rows(db: Path) -> list[tuple[object, ...]]:
    """Everything the timeline holds of its posts, paragraphs (their ranks in every order),
    speakers and events, but the posts' kind and digest."""
    conn = sqlite3.connect(db)
    try:
        posts = conn.execute("SELECT id, seq, chron, pinned, headline, author, stated_at, not_before, not_after, basis, key, date "
                             "FROM posts ORDER BY id").fetchall()
        # Not the source lines: a copy with one more line ("Key event") has its later lines one down.
        paragraphs = conn.execute("SELECT id, post_id, seq, part, text, duplicate_of, event_id, date, sort_key, rank, rrank, "
                                  "mrank, mrrank FROM paragraphs ORDER BY id").fetchall()
        speakers = conn.execute("SELECT * FROM paragraph_speakers ORDER BY 1, 2").fetchall()
        members = conn.execute("SELECT * FROM event_members ORDER BY 1, 2").fetchall()
        events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    finally:
        conn.close()
    return [*posts, *paragraphs, *speakers, *members, *events]  # paragraphs hold their ranks


def _kinds(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT kind FROM posts ORDER BY id")]
    finally:
        conn.close()


SPOKEN = """\
    12.10 GMT
    Ferry services suspended
    The ferry company's chief executive, Maria Lund, said: "Safety comes first and the boats stay in port."
    Share
    {flag}11.42 GMT
    Harbour wall breached
    Coastguard commander Tom Reyes said: "Water came over the wall at high tide and the road is closed."
    Share
    10.05 GMT
    Schools close early
    The council says six schools will close at noon as a precaution.
    Share
    """


def test_a_flagged_copy_is_stored_exactly_as_the_unflagged_one_but_for_the_kind(cli, tmp_path: Path) -> None:
    plain, flagged = tmp_path / "plain.db", tmp_path / "flagged.db"
    for db, flag in ((plain, ""), (flagged, "Key event\n    ")):
        source = write(tmp_path, "storm.txt", SPOKEN.replace("{flag}", flag))
        assert cli("ingest", source, "--outlet", "Coastal Courier", "--date", "2025-03-04", "--db", db).code == 0
    assert _kinds(plain) == ["post", "post", "post"]
    assert _kinds(flagged) == ["post", "key_event", "post"]
    assert _rows(flagged) == _rows(plain)


def test_a_flagged_page_is_stored_exactly_as_the_unflagged_one_but_for_the_kind(cli, tmp_path: Path) -> None:
    plain, flagged = tmp_path / "plain.db", tmp_path / "flagged.db"
    for db, html in ((plain, page(feed())), (flagged, page(feed({"b3": {"info": "<mark>KEY EVENT</mark>"}})))):
        (tmp_path / "storm.html").write_text(html, encoding="utf-8")
        assert cli("ingest", tmp_path / "storm.html", "--db", db).code == 0
    assert _kinds(flagged).count("key_event") == 1
    assert _rows(flagged) == _rows(plain)


def test_a_post_the_page_flags_later_becomes_a_key_event_in_place(cli, tmp_path: Path) -> None:
    # A following reader sees the page again after an editor flagged a post: the same row
    # (the post matched by its id) takes the new kind.
    db, path = tmp_path / "t.db", tmp_path / "storm.html"
    path.write_text(page(feed()), encoding="utf-8")
    assert cli("ingest", path, "--db", db).code == 0
    before = sqlite3.connect(db).execute("SELECT id, key FROM posts ORDER BY id").fetchall()
    path.write_text(page(feed({"b2": {"attributes": ' data-type="key-event"'}})), encoding="utf-8")
    assert cli("ingest", path, "--db", db).code == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT id, key FROM posts ORDER BY id").fetchall() == before
    assert conn.execute("SELECT key FROM posts WHERE kind = 'key_event'").fetchall() == [("b2",)]
    conn.close()


def test_a_key_event_is_replayed_like_any_post(tmp_path: Path) -> None:
    path = tmp_path / "storm.html"
    path.write_text(page(feed({"b1": {"info": "<mark>KEY EVENT</mark>"}})), encoding="utf-8")
    source = parse_source(SourceSpec(path=path, outlet="(page)", name="storm"))
    assert [p.kind for p in source.posts].count("key_event") == 1
    assert len(page_from_source(source, "storm").posts) == 4


def test_a_key_event_line_over_a_line_led_by_its_time_leaves_the_time_the_post_s() -> None:
    # Posts whose first line opens with their time ("14:05 GMT Harbour wall breached ..."): the
    # flag above one is not a word of the post, so the line still gives the post its time.
    copy = """\
        14:05 GMT Water came over the harbour wall at high tide, the coastguard said.
        Share
        Key event
        13:40 GMT The council has opened two rest centres for families.
        Share
        13:10 GMT The council says six schools will close at noon.
        Share
        """
    posts = read(copy).posts
    assert [(p.published.hour, p.published.minute) if p.published else None for p in posts] == [(14, 5), (13, 40), (13, 10)]
    assert [p.kind for p in posts] == ["post", "key_event", "post"]
