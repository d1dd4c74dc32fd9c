"""The replay harness publishes a saved live page's posts step by step, as it says it does:
fetched and read back with liveline's own reader, each step holds the posts it announced,
the edit, the deletion and the late post; an unchanged page answers 304."""

from __future__ import annotations

import datetime as dt
import email.utils
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.replay import EDIT_NOTE, Replay, main, read_pages
from liveline.ingest.read.html_page import read_html
from tests.conftest import EXAMPLES
from tests.test_web import live_page

# Six posts, oldest first, each at its own minute (a saved page lists them newest first).
SAVED = [
    {"@id": f"s{n}", "headline": f"Item {n}", "datePublished": f"2025-03-04T{9 + n}:0{n}:00Z",
     "articleBody": f"Paragraph of item {n} about the harbour bridge.", "author": {"@type": "Person", "name": "Nia Rowe"}}
    for n in range(1, 7)
]


@pytest.fixture
def saved_page(tmp_path) -> Path:
    path = tmp_path / "saved.html"
    path.write_text(live_page(list(reversed(SAVED))), encoding="utf-8")
    return path


@pytest.fixture
def replay(saved_page) -> Iterator[Replay]:
    pages, _ = read_pages([saved_page])
    served = Replay(pages)
    served.start()
    yield served
    served.stop()


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as answer:
        return answer.code, dict(answer.headers), answer.read()


def posts_on(url: str) -> dict[str, tuple[str | None, dt.datetime | None, list[str]]]:
    """What liveline reads on the page now: headline, time and body paragraphs by post id."""
    status, _, body = fetch(url)
    assert status == 200
    reading = read_html(body.decode("utf-8"), url, url)
    assert reading.source == "JSON-LD with the markup"  # both witnesses, matched post by post
    return {post.key: (post.headline, post.published.utc if post.published else None,
                       [p.text for p in post.paragraphs if p.part == "body"]) for post in reading.posts}


def test_each_step_publishes_what_it_announces(replay):
    url = next(iter(replay.urls.values()))
    assert url.endswith("/coastal-courier.html")
    assert "published 3 posts" in replay.opening[0]
    first = posts_on(url)
    assert sorted(headline for headline, _, _ in first.values()) == ["Item 1", "Item 3", "Item 4"]  # item 2 is held back

    said = replay.step()
    assert said == ["Coastal Courier: published 1 post: 'Item 5' (14:05)"]
    said = replay.step()
    assert "'Item 6'" in said[0]
    assert len(posts_on(url)) == 5

    said = replay.step()
    assert said[0].startswith("Coastal Courier: edited 'Item 6'")
    edited = {headline: (at, body) for headline, at, body in posts_on(url).values()}
    assert edited["Item 6"][1] == ["Paragraph of item 6 about the harbour bridge.", EDIT_NOTE]
    assert len(edited) == 5

    said = replay.step()
    assert said[0].startswith("Coastal Courier: deleted 'Item 5'")
    assert sorted(h for h, _, _ in posts_on(url).values()) == ["Item 1", "Item 3", "Item 4", "Item 6"]

    said = replay.step()
    assert said[0].startswith("Coastal Courier: published late 'Item 2'")
    now = posts_on(url)
    times = {headline: at for headline, at, _ in now.values()}
    assert sorted(times) == ["Item 1", "Item 2", "Item 3", "Item 4", "Item 6"]
    assert times["Item 2"] == dt.datetime(2025, 3, 4, 11, 2, tzinfo=dt.UTC) < times["Item 6"]  # older than posts shown before it

    assert replay.finished
    assert replay.step() == ["Coastal Courier: unchanged (all published)"]


def test_an_unchanged_page_answers_not_modified_and_a_changed_one_in_full(replay):
    url = next(iter(replay.urls.values()))
    status, headers, body = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(url, **{"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    replay.step()
    status, changed, again = fetch(url, **{"If-None-Match": headers["ETag"]})
    assert status == 200 and changed["ETag"] != headers["ETag"] and again != body
    # The new version is later than the old one even within the same second.
    assert email.utils.parsedate_to_datetime(changed["Last-Modified"]) > email.utils.parsedate_to_datetime(headers["Last-Modified"])
    assert fetch(url, **{"If-Modified-Since": headers["Last-Modified"]})[0] == 200


def test_an_unknown_address_is_not_found(replay):
    assert fetch(replay.base + "/nobody.html")[0] == 404


def test_the_example_manifest_replays_its_two_live_blogs_to_the_end_and_leaves_the_articles_out():
    pages, notes = read_pages([], EXAMPLES / "sources.toml", limit=5)
    assert [page.slug for page in pages] == ["bbc-news", "the-guardian"]
    assert len(notes) == 3 and all("not a live page" in note for note in notes)
    replay = Replay(pages)
    replay.start()
    try:
        counts = [[len(posts_on(replay.url(page))) for page in pages]]
        while not replay.finished:
            replay.step()
            counts.append([len(posts_on(replay.url(page))) for page in pages])
    finally:
        replay.stop()
    # 3 first, one more, the edit, the deletion, the late post: five posts seen in all.
    assert counts == [[3, 3], [4, 4], [4, 4], [3, 3], [4, 4]]


def test_a_page_that_cannot_be_read_is_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "missing.html"), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("replay: error:") and "missing.html" in err
