"""Impossible years: a date or time liveline cannot store (outside 1000-01-02 to 9999-12-30,
in UTC or UK time) is refused with one line naming the value, before anything is
written, from every place a time comes from: the --date flag, a manifest, the text
itself, a page's JSON-LD or markup. The database stays readable and unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liveline.timeline.store import content_digest, open_db
from tests.conftest import write
from tests.test_web import Site, live_page

TIMED = """\
Minister opens the debate
10:00 GMT
The minister spoke first about the new plan for the harbour.
Share
Opposition replies
11:00 GMT
The opposition replied that the plan came far too late.
Share
"""


@pytest.fixture
def db(cli, tmp_path) -> Path:
    """A timeline that already holds one source, so 'unchanged' means something."""
    path = tmp_path / "t.db"
    good = write(tmp_path, "good.txt", TIMED)
    assert cli("ingest", good, "--outlet", "Good", "--date", "2025-02-03", "--db", path).code == 0
    return path


def _state(path: Path) -> tuple[str, int, int]:
    database = open_db(path)
    try:
        sources = database.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
        paragraphs = database.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
        return content_digest(database), sources, paragraphs
    finally:
        database.conn.close()


def refused(cli, db: Path, *args: object, naming: str) -> str:
    """Ingest ARGS into `db`: one error line naming the value, and nothing written."""
    before = _state(db)
    run = cli("ingest", *args, "--db", db)
    lines = run.err.strip().splitlines()
    assert run.code == 1, run.err
    assert len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    assert naming in lines[0] and "outside the dates liveline can store" in lines[0]
    assert _state(db) == before
    # The database is still readable: no half-written source, no poisoned row.
    posts = cli("posts", "--db", db)
    assert posts.code == 0 and "Good" in posts.out, posts.err
    return lines[0]


def json_ld_page(published: str) -> str:
    return live_page([
        {"@id": "p2", "headline": "Debate opens", "datePublished": published, "articleBody": "The mayor opened the debate."},
        {"@id": "p1", "headline": "Welcome", "datePublished": "2025-03-04T09:00:00Z", "articleBody": "Welcome to our coverage."},
    ])


def test_a_date_flag_in_the_year_999_is_refused_and_the_database_is_unchanged(cli, db, tmp_path):
    text = write(tmp_path, "old.txt", TIMED)
    refused(cli, db, text, "--outlet", "Old", "--date", "0999-06-01", naming="'0999-06-01'")


def test_the_last_day_of_year_9999_is_refused_as_a_date_flag(cli, db, tmp_path):
    # The clock moves a wall time past midnight to the next day: 9999-12-31 has none.
    text = write(tmp_path, "late.txt", TIMED)
    refused(cli, db, text, "--outlet", "Late", "--date", "9999-12-31", naming="'9999-12-31'")


def test_a_manifest_date_in_the_year_999_is_refused_naming_its_entry(cli, db, tmp_path):
    write(tmp_path, "old.txt", TIMED)
    manifest = write(tmp_path, "sources.toml", '[[source]]\nfile = "old.txt"\noutlet = "Old"\ndate = "0999-06-01"\n')
    line = refused(cli, db, "--manifest", manifest, naming="'0999-06-01'")
    assert "old.txt" in line or "sources.toml" in line


@pytest.mark.parametrize(
    ("stated", "named"),
    [
        ("date 0999-06-01", "'0999-06-01'"),
        ("Thursday, 16 January 0999", "'16 January 0999'"),
        ("16 January 0999", "'16 January 0999'"),
        ("16 January 0099", "'16 January 0099'"),
        ("Thu 1 January 0000", "'1 January 0000'"),
    ],
    ids=["scraper-date-line", "weekday-date-line", "date-line", "year-99-not-1999", "year-0-not-2000"],
)
def test_a_text_that_states_a_day_before_the_year_1000_is_refused_naming_the_line(cli, db, tmp_path, stated, named):
    text = write(tmp_path, "old.txt", f"{stated}\n{TIMED}")
    line = refused(cli, db, text, "--outlet", "Old", naming=named)
    assert "old.txt:1:" in line


def test_a_stamp_whose_day_is_in_the_year_99_is_refused_not_read_as_1999(cli, db, tmp_path):
    text = write(tmp_path, "old.txt", TIMED.replace("11:00 GMT", "Thu 16 Jan 0099 16.25 GMT"))
    refused(cli, db, text, "--outlet", "Old", "--date", "2025-02-03", naming="16 Jan 0099")


@pytest.mark.parametrize(
    "stamp",
    ["0999-06-01T10:00Z", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "Updated at 0999-06-01 10:00"],
)
def test_a_text_with_a_stamp_outside_the_storable_years_is_refused(cli, db, tmp_path, stamp):
    text = write(tmp_path, "odd.txt", TIMED.replace("11:00 GMT", stamp))
    line = refused(cli, db, text, "--outlet", "Odd", "--date", "2025-02-03", naming=stamp.removeprefix("Updated at "))
    assert "odd.txt:" in line


def test_a_wall_time_pushed_past_the_last_storable_day_is_refused_not_a_traceback(cli, db, tmp_path):
    # 23:00 then 01:00 in an oldest-first blog: the second post is the next day, 9999-12-31.
    text = write(tmp_path, "midnight.txt", TIMED.replace("10:00", "23:00").replace("11:00", "01:00"))
    refused(cli, db, text, "--outlet", "Late", "--date", "9999-12-30", "--order", "oldest_first", naming="9999-12-31")


@pytest.mark.parametrize(
    "published",
    ["0001-01-01T00:30:00", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0999-06-01T10:00:00Z"],
)
def test_a_saved_page_whose_json_ld_time_is_outside_the_storable_years_is_refused(cli, db, tmp_path, published):
    page = write(tmp_path, "page.html", json_ld_page(published))
    refused(cli, db, page, naming=published)
    assert f"error: {page}: " in cli("ingest", page, "--db", db).err  # which source, in a batch of many


def test_a_page_by_url_dated_year_1_is_refused_and_the_database_is_unchanged(cli, db, monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "1")
    site = Site()
    site.thread.start()
    try:
        url = site.page("/live", json_ld_page("0001-01-01T00:30:00"))
        refused(cli, db, url, naming="0001-01-01T00:30:00")
    finally:
        site.server.shutdown()
        site.server.server_close()


@pytest.mark.parametrize("unset", ["0001-01-01T00:00:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00"])
def test_the_zero_time_a_template_writes_for_an_unset_date_states_nothing(cli, tmp_path, unset):
    # .NET's DateTime.MinValue and Go's zero time: a modified time nobody set.
    page = write(tmp_path, "page.html", live_page([
        {"@id": "p2", "headline": "Debate opens", "datePublished": "2025-03-04T10:00:00Z", "dateModified": unset,
         "articleBody": "The mayor opened the debate."},
        {"@id": "p1", "headline": "Welcome", "datePublished": "2025-03-04T09:00:00Z", "dateModified": unset,
         "articleBody": "Welcome to our coverage."},
    ]))
    run = cli("ingest", page, "--db", tmp_path / "t.db")
    assert run.code == 0, run.err
    entries = json.loads(cli("export", "--format", "json", "-o", "-", "--db", tmp_path / "t.db").out)["entries"]
    assert {e["time"] for e in entries} == {"10:00", "09:00"} and {e["time_basis"] for e in entries} == {"stated"}


def test_a_markup_time_outside_the_storable_years_is_refused(cli, db, tmp_path):
    posts = "".join(
        f'<article><time datetime="{when}">{when}</time><p>{text}</p></article>'
        for when, text in [("0999-06-01T10:00:00Z", "The mayor opened the debate."), ("2025-03-04T09:00:00Z", "Welcome to our coverage.")]
    )
    head = '<meta property="og:site_name" content="Wire">'
    page = write(tmp_path, "page.html", f"<!doctype html><html><head>{head}</head><body><main>{posts}</main></body></html>")
    refused(cli, db, page, naming="0999-06-01T10:00:00Z")


def test_the_first_and_last_storable_days_are_ingested_and_read(cli, tmp_path):
    path = tmp_path / "edges.db"
    first = write(tmp_path, "first.txt", TIMED.replace("10:00", "00:05"))
    last = write(tmp_path, "last.txt", TIMED.replace("11:00", "23:59"))
    assert cli("ingest", first, "--outlet", "Early", "--date", "1000-01-02", "--db", path).code == 0
    assert cli("ingest", last, "--outlet", "Late", "--date", "9999-12-30", "--db", path).code == 0
    posts = cli("posts", "--db", path)
    assert posts.code == 0 and "Early" in posts.out and "Late" in posts.out
    assert cli("print", "--db", path).code == 0
    again = cli("ingest", first, "--outlet", "Early", "--date", "1000-01-02", "--db", path)
    assert again.code == 0 and "unchanged" in again.err


def test_a_page_at_the_edges_of_the_storable_years_is_ingested(cli, tmp_path):
    page = write(tmp_path, "page.html", live_page([
        {"@id": "p2", "headline": "Late", "datePublished": "9999-12-30T22:00:00-01:00", "articleBody": "The last post."},
        {"@id": "p1", "headline": "Early", "datePublished": "9999-12-30T09:00:00Z", "articleBody": "The first post."},
    ]))
    run = cli("ingest", page, "--db", tmp_path / "t.db")
    assert run.code == 0, run.err
    assert json.loads(cli("export", "--format", "json", "-o", "-", "--db", tmp_path / "t.db").out)
