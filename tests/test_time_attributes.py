"""Posts timed only by a data attribute (issue 17): a live page whose posts show "12 min ago"
and keep their real time in `data-published-at="1714561200000"`, `data-createdAt`,
`data-timestamp`, `data-ts` or `data-epoch` is read with every post's minute; an id or a
counter of the same size (`data-post-id`, `data-count`, `data-timeline-id`) is never a time.
Each page is served from a local server and ingested by URL, as a reader would."""

from __future__ import annotations

import pytest

from tests.page_server import page_server
from tests.test_any_live_page import rows, stated, warnings

# 2024-05-01 11:00, 11:20, 11:45 UTC, as epoch seconds.
EPOCHS = [1714561200, 1714562400, 1714563900]
SHOWN = ["2024-05-01T11:00Z", "2024-05-01T11:20Z", "2024-05-01T11:45Z"]
BODY = "The committee took questions for the best part of an hour before the vote was called."


@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "2")
    with page_server() as served:
        yield served


def page(articles: list[str], head: str = "") -> str:
    return (
        f'<html><head><title>Budget vote: live</title><meta property="og:type" content="article">{head}</head>'
        '<body><nav>Home News Sport</nav><main><h1>Budget vote: live</h1><div class="feed">'
        + "".join(articles)
        + "</div></main></body></html>"
    )


def post(attributes: str, n: int, inner: str = "") -> str:
    return (
        f'<article class="post" {attributes}><span class="ago">{12 + n} min ago</span>{inner}'
        f"<h3>Update number {n + 1}</h3><p>{BODY} Point {n + 1}.</p></article>"
    )


def ingest(cli, pages, tmp_path, html: str):
    db = tmp_path / "t.db"
    return cli("ingest", pages.serve("/live/vote", html), "--db", db), db


@pytest.mark.parametrize(
    ("name", "scale"),
    [
        ("data-published-at", 1000),
        ("data-publishedAt", 1000),
        ("data-created_at", 1),
        ("data-timestamp", 1),
        ("data-ts", 1000),
        ("data-epoch", 1),
    ],
)
def test_posts_showing_only_minutes_ago_take_their_minute_from_an_epoch_attribute(cli, pages, tmp_path, name, scale):
    html = page([post(f'{name}="{e * scale}"', n) for n, e in enumerate(reversed(EPOCHS))])
    run, db = ingest(cli, pages, tmp_path, html)
    assert run.code == 0, run.err
    assert stated(db) == SHOWN, run.err
    assert not warnings(run)


def test_an_updated_at_attribute_inside_a_post_is_when_it_was_updated_not_another_post(cli, pages, tmp_path):
    edited = '<span class="edited" data-updated-at="1714566000000">edited</span>'
    html = page([post(f'data-published-at="{e}000"', n, edited if n == 0 else "") for n, e in enumerate(reversed(EPOCHS))])
    run, db = ingest(cli, pages, tmp_path, html)
    assert run.code == 0, run.err
    assert stated(db) == SHOWN
    assert [u for (u,) in rows(db, "SELECT updated_at FROM posts ORDER BY stated_at")] == [None, None, "2024-05-01T12:20Z"]


def test_ids_and_counters_the_size_of_an_epoch_are_never_read_as_post_times(cli, pages, tmp_path):
    # Each post is timed by its own <time datetime>; the article around it carries numbers
    # that would read as 2024 epochs if their names were taken for times.
    numbers = 'data-post-id="{e}" data-count="{e}" data-timeline-id="{e}000" data-edit-count="1714999999"'
    html = page([
        post(numbers.format(e=e + 7), n, f'<time datetime="2024-05-01T{t[11:16]}:00Z">{t[11:16]}</time>')
        for n, (e, t) in enumerate(zip(reversed(EPOCHS), reversed(SHOWN), strict=True))
    ])
    run, db = ingest(cli, pages, tmp_path, html)
    assert run.code == 0, run.err
    assert stated(db) == SHOWN
    assert [u for (u,) in rows(db, "SELECT updated_at FROM posts")] == [None] * 3


def test_a_time_ish_name_whose_value_is_no_epoch_leaves_the_posts_untimed_with_a_warning(cli, pages, tmp_path):
    # A nine-digit number is no 10- or 13-digit epoch: not a time, whatever the name says.
    published = '<meta property="article:published_time" content="2024-05-01T10:55:00Z">'
    html = page([post(f'data-published-at="{e // 10}"', n) for n, e in enumerate(EPOCHS)], published)
    run, db = ingest(cli, pages, tmp_path, html)
    assert run.code == 0, run.err
    assert stated(db) == [None] * 3
    assert any("times unknown" in w for w in warnings(run)), run.err
