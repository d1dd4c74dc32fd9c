"""The blog's own author: given with `--author` or a manifest's `author`, or read from a web
page's byline (its JSON-LD author, `<meta name="author">`, a rel="author" link). A reader
who names the author sees the blog's own voice credited to them; the timeline keeps the
name as page furniture, never as a post."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from liveline.cli.parser import build_parser
from liveline.cli.write_commands import _followed
from liveline.ingest.follow import follow
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.speakers.refresh import _story
from tests.conftest import speakers_of, write
from tests.test_follow import LiveSite

BLOG = """\
Flood barrier vote
14:05
Councillor Ada Brennan says the barrier will be finished by spring.
Share
14:00
Good afternoon and welcome to our live coverage of the council's flood barrier vote.
Share
"""


def blog_author(db: Path) -> list[str]:
    """The blog authors the timeline keeps (one per source that has one)."""
    conn = sqlite3.connect(db)
    try:
        story = _story(conn)
    finally:
        conn.close()
    return sorted({post.blog_author for source in story for post in source if post.blog_author})


def visible_posts(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM posts WHERE kind != 'header'").fetchone()[0]
    finally:
        conn.close()


def test_an_author_given_with_the_flag_speaks_the_blogs_own_welcome(cli, tmp_path: Path):
    blog = write(tmp_path, "vote.txt", BLOG)
    db = tmp_path / "t.db"
    run = cli("ingest", blog, "--outlet", "Example News", "--date", "2024-03-01", "--author", "Ruth  Ellery", "--db", db)
    assert run.code == 0, run.err
    assert blog_author(db) == ["Ruth Ellery"]
    said = speakers_of(db)
    assert said["Good afternoon and welcome to our live coverage of the council's flood barrier vote."] == ["Ruth Ellery"]
    assert said["Councillor Ada Brennan says the barrier will be finished by spring."] == ["Ada Brennan"]
    assert visible_posts(db) == 2  # the author is furniture, not a post
    assert "Ruth Ellery" in cli("speakers", "--db", db).out


def test_a_manifests_author_reaches_attribution(cli, tmp_path: Path):
    write(tmp_path, "vote.txt", BLOG)
    manifest = write(tmp_path, "sources.toml", """\
        [[source]]
        file = "vote.txt"
        outlet = "Example News"
        date = "2024-03-01"
        author = "Ruth Ellery"
        """)
    db = tmp_path / "t.db"
    assert cli("ingest", "--manifest", manifest, "--db", db).code == 0
    assert blog_author(db) == ["Ruth Ellery"]
    assert speakers_of(db)["Good afternoon and welcome to our live coverage of the council's flood barrier vote."] == ["Ruth Ellery"]


def test_re_ingesting_with_another_author_reads_the_source_anew(cli, tmp_path: Path):
    blog = write(tmp_path, "vote.txt", BLOG)
    db = tmp_path / "t.db"
    base = ("ingest", blog, "--outlet", "Example News", "--date", "2024-03-01", "--db", db)
    assert cli(*base, "--author", "Ruth Ellery").code == 0
    assert "unchanged" in cli(*base, "--author", "Ruth Ellery").err
    assert "replaced" in cli(*base, "--author", "Sam Okoro").err
    assert blog_author(db) == ["Sam Okoro"]
    assert "replaced" in cli(*base).err  # no author any more
    assert blog_author(db) == []


def test_a_blank_author_is_refused_in_one_line(cli, capsys, tmp_path: Path):
    blog = write(tmp_path, "vote.txt", BLOG)
    with pytest.raises(SystemExit) as stopped:
        cli("ingest", blog, "--outlet", "Example News", "--date", "2024-03-01", "--author", "  ", "--db", tmp_path / "t.db")
    assert stopped.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].endswith("error: argument --author: a name cannot be blank")
    manifest = write(tmp_path, "sources.toml", '[[source]]\nfile = "vote.txt"\noutlet = "Example News"\nauthor = " "\n')
    run = cli("ingest", "--manifest", manifest, "--db", tmp_path / "t.db")
    assert run.code == 1
    assert run.err.strip().count("\n") == 0 and "source #1: `author` cannot be blank" in run.err
    assert not (tmp_path / "t.db").exists()


def test_follow_takes_the_author_for_its_pages():
    args = build_parser().parse_args(["follow", "https://news.example/live", "--author", "Ruth Ellery"])
    assert [spec.author for spec in _followed(args)] == ["Ruth Ellery"]


LATE = "That's all from me for today: thank you for reading."


def page(author_ld: object = None, meta: str | None = None, rel: str | None = None, post_byline: str = "", late: bool = False) -> str:
    """A small live page: two timed updates (three when `late`), and the page's byline where the test puts it."""
    latest = [{"@type": "BlogPosting", "@id": "#u3", "datePublished": "2024-03-01T14:10:00+00:00", "headline": "Goodbye",
               "articleBody": LATE}] if late else []
    live: dict[str, object] = {
        "@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Flood barrier vote live",
        "datePublished": "2024-03-01T13:55:00+00:00",
        "liveBlogUpdate": [
            *latest,
            {"@type": "BlogPosting", "@id": "#u2", "datePublished": "2024-03-01T14:05:00+00:00", "headline": "Barrier by spring",
             "articleBody": "Councillor Ada Brennan says the barrier will be finished by spring."},
            {"@type": "BlogPosting", "@id": "#u1", "datePublished": "2024-03-01T14:00:00+00:00", "headline": "Welcome",
             "articleBody": "I'll be bringing you the result of the council's flood barrier vote this afternoon."},
        ],
    }
    if author_ld is not None:
        live["author"] = author_ld
    head = f'<meta name="author" content="{meta}">' if meta else ""
    link = f'<p class="standfirst">By <a rel="author" href="/profile/x">{rel}</a></p>' if rel else ""
    return (
        f'<!doctype html><html><head><title>Flood barrier vote live</title>{head}'
        f'<meta property="og:site_name" content="Example News">'
        f'<script type="application/ld+json">{json.dumps(live)}</script></head><body><main>{link}'
        + (f'<article id="u3"><time datetime="2024-03-01T14:10:00Z">14:10</time><h2>Goodbye</h2><p>{LATE}</p></article>' if late else "")
        +
        f'<article id="u2"><time datetime="2024-03-01T14:05:00Z">14:05</time><h2>Barrier by spring</h2>{post_byline}'
        "<p>Councillor Ada Brennan says the barrier will be finished by spring.</p></article>"
        f'<article id="u1"><time datetime="2024-03-01T14:00:00Z">14:00</time><h2>Welcome</h2>{post_byline}'
        "<p>I'll be bringing you the result of the council's flood barrier vote this afternoon.</p></article>"
        "</main></body></html>"
    )


@pytest.mark.parametrize(("html", "author"), [
    (page(author_ld=[{"@type": "Person", "name": "Ruth Ellery"}]), "Ruth Ellery"),
    (page(author_ld=[{"@type": "Organization", "name": "Example News"}], meta="Ruth Ellery"), "Ruth Ellery"),
    (page(rel="Ruth Ellery"), "Ruth Ellery"),
], ids=["json-ld", "meta-after-an-organisation", "rel-author"])
def test_a_pages_byline_becomes_the_blogs_author(cli, tmp_path: Path, html: str, author: str):
    source = write(tmp_path, "vote.html", html)
    db = tmp_path / "t.db"
    run = cli("ingest", source, "--db", db)
    assert run.code == 0, run.err
    assert blog_author(db) == [author]
    assert speakers_of(db)["I'll be bringing you the result of the council's flood barrier vote this afternoon."] == [author]
    assert visible_posts(db) == 2


@pytest.mark.parametrize("html", [
    page(),
    page(author_ld={"@type": "Organization", "name": "Example News"}, meta="Example News"),
    page(meta="Staff and agencies"),
    page(rel="Ruth Ellery", post_byline='<span class="byline">By Sam Okoro</span>'),  # the posts' own bylines
    # A page crediting several reporters has no single writer whose "I" the unsigned posts are.
    page(author_ld={"@type": "Person", "name": "Ruth Ellery and Sam Okoro"}),
    page(author_ld=[{"@type": "Person", "name": "Ruth Ellery"}, {"@type": "Person", "name": "Sam Okoro"}]),
    page(meta="Ruth Ellery").replace("<title>", '<meta name="author" content="Sam Okoro"><title>'),
], ids=["none", "an-outlet", "a-desk", "rel-author-on-signed-posts", "two-in-one-name", "two-people", "two-meta-tags"])
def test_a_page_naming_no_person_as_its_writer_has_no_blog_author(cli, tmp_path: Path, html: str):
    source = write(tmp_path, "vote.html", html)
    db = tmp_path / "t.db"
    assert cli("ingest", source, "--db", db).code == 0
    assert blog_author(db) == []


def test_the_given_author_beats_the_pages_byline(cli, tmp_path: Path):
    source = write(tmp_path, "vote.html", page(author_ld={"@type": "Person", "name": "Ruth Ellery"}))
    db = tmp_path / "t.db"
    assert cli("ingest", source, "--author", "Sam Okoro", "--db", db).code == 0
    assert blog_author(db) == ["Sam Okoro"]


def test_a_followed_pages_new_post_in_the_blogs_voice_goes_to_its_author(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "2")
    site = LiveSite()
    try:
        url = site.page("/vote", page(author_ld={"@type": "Person", "name": "Ruth Ellery"}))
        spec = SourceSpec(path=None, outlet="", name=url, url=url, remote=True)
        db = tmp_path / "f.db"

        def the_last_post_arrives(_seconds: float) -> None:
            site.page("/vote", page(author_ld={"@type": "Person", "name": "Ruth Ellery"}, late=True))

        follow([spec], db, every=30, report=lambda _line: None, polls=2, sleep=the_last_post_arrives)
    finally:
        site.close()
    assert speakers_of(db)[LATE] == ["Ruth Ellery"]  # attributed on its own, as a follower's new post is
    assert blog_author(db) == ["Ruth Ellery"]
