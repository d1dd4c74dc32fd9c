"""A live page has two witnesses of its posts, the JSON-LD and the markup, and on a live
page one often lags the other: the newest post shows in the markup first, or in the
JSON-LD first. A post either witness holds is read; none is counted twice; page
furniture (a related-stories box, the key-events list) never becomes a post."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from liveline.ingest.read.html_page import read_html
from tests.test_web import Site, rows

# Newest first, as live pages list them: (id, ISO time, headline, paragraph).
POSTS = [
    ("p4", "2025-03-04T12:10:00Z", "Amendment tabled", "A late amendment asks for a second crossing survey."),
    ("p3", "2025-03-04T11:42:00Z", "Vote passes", "Councillors approved the bridge plan by 31 votes to 12."),
    ("p2", "2025-03-04T10:05:00Z", "Debate opens", "Mayor Tom Ellery opened the debate on the harbour bridge."),
    ("p1", "2025-03-04T09:00:00Z", "Welcome", "Welcome to our coverage of the council's bridge vote."),
]
FURNITURE = "Ferry fares to rise in spring"


def page(in_json_ld: list[tuple[str, str, str, str]], in_markup: list[tuple[str, str, str, str]], *, ids: bool = True) -> str:
    """A live page whose JSON-LD holds some posts and whose markup holds others, with a
    related-stories box and a key-events list (each item with a time) beside the posts."""
    updates = [
        {"@type": "BlogPosting", **({"@id": f"https://news.test/live#{key}"} if ids else {}), "headline": headline,
         "datePublished": at, "dateModified": at, "articleBody": text, "author": {"@type": "Person", "name": "Nia Rowe"}}
        for key, at, headline, text in in_json_ld
    ]
    data = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Harbour bridge vote – live",
            "datePublished": "2025-03-04T08:00:00Z", "publisher": {"@type": "Organization", "name": "Coastal Courier"},
            "liveBlogUpdate": updates}
    articles = "\n".join(
        f'<article id="block-{key}"><header><time datetime="{at}">{at[11:16]}</time><h2>{headline}</h2></header>'
        f"<p>{text}</p></article>"
        for key, at, headline, text in in_markup
    )
    key_events = "".join(f'<li><a href="#block-{key}"><time datetime="{at}">{at[11:16]}</time> {headline}</a></li>'
                         for key, at, headline, _ in in_markup)
    return f"""<!doctype html><html><head><title>Harbour bridge vote – live</title>
<script type="application/ld+json">{json.dumps(data)}</script></head><body>
<main><h1>Harbour bridge vote – live</h1><div id="liveblog-body">
{articles}
</div></main>
<aside class="key-events"><h2>Key events</h2><ul>{key_events}</ul></aside>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/ferries"><time datetime="2025-03-03T16:00:00Z">Yesterday</time><p>{FURNITURE}</p></a></li>
<li><a href="/tolls"><time datetime="2025-03-02T16:00:00Z">Sunday</time><p>Bridge tolls: what we know</p></a></li>
</ul></aside></body></html>"""


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    served.thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


def summary(html: str) -> list[tuple[str | None, str | None, str | None, list[str]]]:
    reading = read_html(html, "page")
    return [
        (post.key, post.headline, post.published.utc.strftime("%H:%M") if post.published and post.published.utc else None,
         [p.text for p in post.paragraphs if p.part == "body"])
        for post in reading.posts
    ]


def test_a_newest_post_only_in_the_markup_is_read_with_its_time_and_in_its_place():
    read = summary(page(POSTS[1:], POSTS))
    assert [key for key, *_ in read] == ["p4", "p3", "p2", "p1"]
    assert read[0] == ("p4", "Amendment tabled", "12:10", [POSTS[0][3]])
    assert all(FURNITURE not in " ".join(texts) for *_, texts in read)


def test_a_newest_post_only_in_the_json_ld_is_read_with_its_time():
    read = summary(page(POSTS, POSTS[1:]))
    assert [key for key, *_ in read] == ["p4", "p3", "p2", "p1"]
    assert read[0] == ("p4", "Amendment tabled", "12:10", [POSTS[0][3]])


def test_a_post_keeps_one_key_whichever_witness_it_is_read_from():
    """A follower matches posts poll to poll by key: the markup's "block-p4" and the
    JSON-LD's "#p4" are one post, first seen in either witness, then in both."""
    for in_json_ld, in_markup in ((POSTS, POSTS[1:]), (POSTS[1:], POSTS), (POSTS, POSTS), (POSTS, []), ([], POSTS)):
        assert [key for key, *_ in summary(page(in_json_ld, in_markup))] == ["p4", "p3", "p2", "p1"], (in_json_ld, in_markup)


def test_a_post_in_both_witnesses_is_read_once_even_when_the_json_ld_has_no_ids():
    read = summary(page(POSTS[1:], POSTS, ids=False))
    texts = [texts[0] for *_, texts in read]
    assert sorted(texts) == sorted(text for *_, text in POSTS)  # four posts, none twice
    assert read[0][1:] == ("Amendment tabled", "12:10", [POSTS[0][3]])


def test_an_older_post_missing_from_the_json_ld_keeps_its_place_between_its_neighbours():
    read = summary(page([POSTS[0], POSTS[1], POSTS[3]], POSTS))
    assert [key for key, *_ in read] == ["p4", "p3", "p2", "p1"]
    assert read[2] == ("p2", "Debate opens", "10:05", [POSTS[2][3]])


def test_ingest_stores_the_post_only_one_witness_holds_and_no_furniture(cli, site, tmp_path):
    db = tmp_path / "t.db"
    run = cli("ingest", site.page("/live/a", page(POSTS[1:], POSTS)), site.page("/live/b", page(POSTS, POSTS[1:])),
              "--outlet", "Coastal Courier", "--db", db)
    assert run.code == 0, run.err
    for path in ("/live/a", "/live/b"):
        stored = rows(db, "SELECT p.headline, p.stated_at FROM posts p JOIN sources s ON s.id = p.source_id "
                          "WHERE s.name = ? ORDER BY p.chron", (site.base + path,))
        assert stored == [("Welcome", "2025-03-04T09:00Z"), ("Debate opens", "2025-03-04T10:05Z"),
                          ("Vote passes", "2025-03-04T11:42Z"), ("Amendment tabled", "2025-03-04T12:10Z")]
    texts = [t for (t,) in rows(db, "SELECT text FROM paragraphs")]
    assert FURNITURE not in texts and not any("Key events" in t for t in texts)


def test_updates_that_name_no_author_are_not_said_to_repeat_one():
    anonymous = [(key, at, headline, text) for key, at, headline, text in POSTS]
    html = page(anonymous, anonymous).replace(', "author": {"@type": "Person", "name": "Nia Rowe"}', "")
    assert "Nia Rowe" not in html
    assert read_html(html, "page").warnings == []
