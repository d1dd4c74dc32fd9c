"""Hostile web pages: a page built to make the reading slow, or JSON-LD of the wrong types,
is read or refused with one line, never a traceback, and a refused page leaves the
database as it was. The small pages are the corpus in tests/fixtures/hostile/ (served
from a local server, ingested by URL); the big ones are generated here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liveline.ingest.read.html_page import read_html
from liveline.ingest.read.nesting import MAX_DEPTH, nesting_depth
from liveline.timeline.store import open_db
from tests.conftest import REPO, digest
from tests.test_web import UPDATES, Site, live_page

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
REAL = REPO / "tests" / "fixtures" / "realpages"
HEAD = '<!doctype html><html><head><meta property="og:site_name" content="Deep Wire"><title>Deep</title></head><body>'


@pytest.fixture(scope="module")
def server():
    served = Site()
    served.thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture
def site(server, monkeypatch) -> Site:
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "2")
    return server


@pytest.fixture
def db(cli, site, tmp_path) -> Path:
    """A timeline that already holds one page, so 'unchanged' means something."""
    path = tmp_path / "t.db"
    assert cli("ingest", site.page("/good", live_page(UPDATES)), "--db", path).code == 0
    return path



def serve(site: Site, name: str) -> str:
    return site.page(f"/{name}", (HOSTILE / name).read_text(encoding="utf-8"))


def refused(cli, db: Path, source: object, expect: str) -> str:
    """Ingest `source`: one error line saying `expect`, and the database as it was."""
    before = digest(db)
    run = cli("ingest", source, "--db", db)
    lines = run.err.strip().splitlines()
    assert run.code == 1, run.err
    assert len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    assert expect in lines[0]
    assert digest(db) == before
    return lines[0]


def rows(path: Path, sql: str) -> list[tuple]:
    database = open_db(path)
    try:
        return database.execute(sql).fetchall()
    finally:
        database.conn.close()


# Pages built to make the reading slow ---------------------------------------------------------
def nested_divs(count: int) -> str:
    """`count` <div>s, each inside the one before, each holding a post time and a paragraph
    (20,000 of them took two minutes and then a MemoryError)."""
    parts = [f'<div id="d{i}"><time datetime="2025-03-04T{i // 60 % 24:02d}:{i % 60:02d}:00Z">t</time><p>Post {i}.</p>'
             for i in range(count)]
    return HEAD + "".join(parts) + "</div>" * count + "</body></html>"


def test_a_page_of_20000_nested_divs_each_with_a_time_is_refused_in_one_line_and_the_database_is_unchanged(cli, db, tmp_path):
    page = tmp_path / "deep.html"
    page.write_text(nested_divs(20_000), encoding="utf-8")
    line = refused(cli, db, page, "nests more than 512 elements deep")
    assert str(page) in line


def test_a_page_nested_just_under_the_limit_is_read(tmp_path):
    reading = read_html(nested_divs(MAX_DEPTH - 10), "page")
    assert [p.paragraphs[0].text for p in reading.posts] == [f"Post {MAX_DEPTH - 11}."]


def test_a_flat_page_of_10000_posts_with_updated_times_is_read_whole():
    # Each post's update time used to be looked for in every post: 151 s for this page.
    posts = "".join(
        f'<article id="p{i}" data-updated-time="2025-03-04T{i // 60 % 24:02d}:{i % 60:02d}:30Z">'
        f'<h2>Headline {i}</h2><time datetime="2025-03-04T{i // 60 % 24:02d}:{i % 60:02d}:00Z">{i}</time>'
        f"<p>Post number {i} says something about the day.</p></article>"
        for i in range(10_000)
    )
    reading = read_html(HEAD + f"<main>{posts}</main></body></html>", "page")
    assert len(reading.posts) == 10_000
    assert all(p.updated is not None and p.updated.utc.second == 0 for p in reading.posts)
    assert reading.posts[-1].headline == "Headline 9999"


def test_paragraphs_left_open_with_a_different_bold_each_are_refused_before_the_parser_builds_them(cli, db, tmp_path):
    # The parser reopens every <b x=N> left open in each new paragraph: N paragraphs make
    # a tree N deep and N*N/2 elements (20,000 of them took the parser past 20 GB).
    page = tmp_path / "bold.html"
    page.write_text(HEAD + "".join(f"<p><b x={i}>Text {i}.</p>\n" for i in range(2_000)) + "</body></html>", encoding="utf-8")
    refused(cli, db, page, "nests more than 512 elements deep")


def test_text_read_again_and_again_runs_out_the_work_budget_and_is_refused(cli, db, tmp_path):
    # Quotes inside quotes, 500 deep (under the nesting limit): each one's text holds all the
    # ones inside it, so reading them one by one is quadratic; the budget stops it.
    quote = "Words of the quote go on and on here. " * 20
    nested = ("<blockquote>" + quote) * 500 + "</blockquote>" * 500
    posts = "".join(f'<article id="p{i}"><time datetime="2025-03-04T1{i}:00:00Z">t</time><p>Post {i}.</p>{nested}</article>'
                    for i in range(2))
    page = tmp_path / "quotes.html"
    page.write_text(HEAD + f"<main>{posts}</main></body></html>", encoding="utf-8")
    refused(cli, db, page, "too deeply to read")


def test_an_article_body_nested_deep_in_the_json_ld_is_refused(cli, db, site):
    # Some markup in it (<em>) has it read as HTML; <section>s are not turned into breaks.
    body = "<em>Text.</em>" + "<section>" * 5_000 + "More." + "</section>" * 5_000
    url = site.page("/deep-body", live_page([{**UPDATES[0], "articleBody": body}, UPDATES[1]]))
    refused(cli, db, url, "an articleBody in its JSON-LD")


def test_the_nesting_count_agrees_with_the_parser_on_the_saved_real_pages():
    # 23 and 12 elements deep, as the parser builds them: nothing near the limit.
    depths = {path.name: nesting_depth(path.read_text(encoding="utf-8"), MAX_DEPTH) for path in sorted(REAL.glob("*.html"))}
    assert depths == {"guardian_2023-05-15_russia-ukraine-live.html": 23, "mirror_2024-08-05_uk-riots-live.html": 12}


def test_sloppy_html_that_closes_itself_is_not_taken_for_deep():
    # Unclosed <p>, <li>, <td> and <tr>, a span left open in a paragraph, a stray end tag:
    # the parser closes them all, and so does the count.
    sloppy = "".join("<p>Text <span>more<li>item<li>item<table><tr><td>a<td>b<tr><td>c</table></div>" for _ in range(2_000))
    assert nesting_depth(HEAD + sloppy, MAX_DEPTH) < 10


# JSON-LD of the wrong types ----------------------------------------------------------------
def test_json_ld_values_of_the_wrong_type_are_ignored_with_one_warning(cli, site, tmp_path):
    db = tmp_path / "t.db"
    run = cli("ingest", serve(site, "json_ld_wrong_types.html"), "--db", db)
    assert run.code == 0, run.err
    assert "wrong type (articleBody, datePublished, headline, liveBlogUpdate)" in run.err
    assert "left out 1 update(s)" in run.err
    assert "Traceback" not in run.err
    posts = rows(db, "SELECT headline, author, stated_at FROM posts ORDER BY chron")
    assert posts == [(None, "Nia Rowe", "2025-03-04T09:00Z"), ("Debate opens", None, "2025-03-04T10:05Z"),
                     ("Mayor responds", "Owen Hale", "2025-03-04T12:10Z")]
    # The page's headline was an object: the <title> names the source instead.
    assert rows(db, "SELECT title, outlet FROM sources") == [("Harbour bridge vote – live", "Coastal Courier")]


def test_live_blog_updates_given_as_a_number_leave_the_post_markup_to_be_read(cli, site, tmp_path):
    db = tmp_path / "t.db"
    run = cli("ingest", serve(site, "json_ld_update_not_a_list.html"), "--db", db)
    assert run.code == 0, run.err
    assert "wrong type (liveBlogUpdate)" in run.err
    assert rows(db, "SELECT headline FROM posts ORDER BY chron") == [("Ferry strike called",), ("Unions respond",)]


def test_a_type_given_as_a_list_of_objects_names_no_type(cli, site, tmp_path):
    db = tmp_path / "t.db"
    run = cli("ingest", serve(site, "json_ld_type_objects.html"), "--db", db)
    assert run.code == 0, run.err
    assert rows(db, "SELECT kind, title, outlet FROM sources") == [("article", "Bridge approved after long debate", "Valley Times")]


def test_broken_null_and_too_deep_json_ld_blocks_are_passed_over_for_the_good_one(cli, site, tmp_path):
    db = tmp_path / "t.db"
    run = cli("ingest", serve(site, "json_ld_broken_blocks.html"), "--db", db)
    assert run.code == 0, run.err
    assert "nests deeper than 16 levels" in run.err
    assert rows(db, "SELECT headline FROM posts ORDER BY chron") == [("Budget begins",), ("Speech ends",)]


def test_json_ld_nested_100000_deep_is_ignored_not_a_recursion_error(cli, site, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    page = live_page(UPDATES).replace("</head>", f'<script type="application/ld+json">{deep}</script></head>')
    db = tmp_path / "t.db"
    run = cli("ingest", site.page("/deep-json", page), "--db", db)
    assert run.code == 0, run.err
    assert "nests deeper than" in run.err
    assert len(rows(db, "SELECT id FROM posts")) == 3


@pytest.mark.parametrize("odd", [42, 3.5, True, ["a", "list"], {"an": "object"}, None])
def test_an_update_headline_or_body_of_any_json_type_never_gives_a_traceback(cli, site, tmp_path, odd):
    update = {**UPDATES[1], "headline": odd, "articleBody": odd, "author": odd, "@id": odd, "datePublished": odd}
    db = tmp_path / "t.db"
    run = cli("ingest", site.page("/odd", live_page([UPDATES[0], update, UPDATES[2]])), "--db", db)
    assert run.code == 0, run.err
    assert [h for (h,) in rows(db, "SELECT headline FROM posts ORDER BY chron")] == ["Welcome", "Vote passes"]


def test_a_password_in_the_canonical_link_is_not_stored(cli, site, tmp_path):
    db = tmp_path / "t.db"
    page = tmp_path / "council.html"
    page.write_text((HOSTILE / "canonical_with_password.html").read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("ingest", page, "--db", db)
    assert run.code == 0, run.err
    assert rows(db, "SELECT url FROM sources") == [("https://courier.example/live/council",)]
    exported = cli("export", "-o", "-", "--db", db)
    assert "hunter2" not in exported.out and "courier.example/live/council" in exported.out


def test_the_corpus_pages_are_valid_json_where_they_mean_to_be():
    # The corpus stays what its README says: the good blocks parse, the broken one does not.
    text = (HOSTILE / "json_ld_broken_blocks.html").read_text(encoding="utf-8")
    blocks = [b.split("</script>")[0] for b in text.split('<script type="application/ld+json">')[1:]]
    assert json.loads(blocks[1]) is None and json.loads(blocks[3])["@type"] == "LiveBlogPosting"
    with pytest.raises(ValueError):
        json.loads(blocks[0])
