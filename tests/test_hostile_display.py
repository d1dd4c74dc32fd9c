"""Hostile text is inert everywhere it is shown (issue 15, class 2).

Control sequences from a page or a manifest are stripped before they reach the database,
and a database from elsewhere is untrusted too: whatever escapes, C1 controls or Rich
markup its names, kinds, outlets, urls and titles carry, no command puts them on the
terminal, and both exports come out clean.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from liveline.ingest.pipeline import ingest, parse_source
from liveline.ingest.settle import settle
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.stories.choice import place_in_stories
from liveline.ingest.writer import write_source
from liveline.timeline.store import open_db
from tests.conftest import write
from tests.test_web import BBC_STYLE

# Control characters a terminal acts on (C0 but tab and newline, DEL, C1).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The same controls as JSON escapes them.
ESCAPED_CONTROL = re.compile(r"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]|\\[bfr]")

OSC_TITLE = "\x1b]0;PWNED\x07"
# Outlets that were markup, an action and a terminal retitling.
MARKUP_OUTLET = "Sky [/bold]"
CLICK_OUTLET = "[@click=app.quit]"
ESCAPE_OUTLET = f"{OSC_TITLE} News"
HOSTILE_OUTLETS = (MARKUP_OUTLET, CLICK_OUTLET, ESCAPE_OUTLET)
# Speakers as a database from elsewhere may name them: CSI, 8-bit CSI and OSC, and markup.
HOSTILE_SPEAKERS = ("\x1b[2JYvette [/bold] Cooper", "Chris \x9b31mPhilp\x9d0;PWN\x9c [@click=app.quit]")

REPORTS = """
    Published at {first} GMT
    Inquiry announced
    Home Secretary Yvette Cooper said the national inquiry into grooming gangs would begin in March.
    Share
    Published at {second} GMT
    Shadow home secretary Chris Philp said the plan came far too late for the victims.
    Share
"""


def three_outlets(folder: Path) -> Path:
    """Three outlets reporting the same two statements (so there are speakers and events)."""
    db = folder / "timeline.db"
    specs = []
    for number, (first, second) in enumerate([("10:00", "10:30"), ("10:02", "10:31"), ("10:03", "10:32")], 1):
        path = write(folder, f"report{number}.txt", REPORTS.format(first=first, second=second))
        specs.append(SourceSpec(path=path, outlet=f"Outlet {number}", name=path.stem, kind="liveblog",
                                date=dt.date(2025, 1, 16)))
    ingest(specs, db)
    return db


def poison(db: Path) -> None:
    """Rewrite every shown text with plain sqlite3, as a database from elsewhere might have it."""
    with sqlite3.connect(db) as conn:
        for source_id, outlet in enumerate(HOSTILE_OUTLETS, 1):
            conn.execute(
                "UPDATE sources SET outlet = ?, name = ?, kind = kind || ?, [order] = [order] || ?, url = ?, title = ? "
                "WHERE id = ?",
                (outlet, f"name{OSC_TITLE}", "\x9b2J[/i]", "[/u]\x1b[5m", f"https://x.test/{OSC_TITLE}",
                 f"Title \x9b2J [/bold] {OSC_TITLE}", source_id),
            )
        conn.execute("UPDATE posts SET headline = ? || headline, author = ?, author_role = ?",
                     (f"{OSC_TITLE}[/b]", "Ann \x1b[31mWriter [/x]", "editor\x9b2J"))
        conn.execute("UPDATE paragraphs SET text = text || ?", (f" \x1b[2J\x9b31m[/bold]{OSC_TITLE}",))
        for person_id, name in enumerate(HOSTILE_SPEAKERS, 1):
            conn.execute("UPDATE people SET name = ?, role = role || ?, kind = kind || ?, aliases = ? WHERE id = ?",
                         (name, "\x1b[1m[/r]", "\x9b7m", json.dumps([name, f"alias{OSC_TITLE}"]), person_id))
        conn.execute("UPDATE events SET label = label || ?", (f"{OSC_TITLE}[/e]",))


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """A database from elsewhere with escapes and markup in every shown text (read-only)."""
    db = three_outlets(tmp_path_factory.mktemp("hostile"))
    poison(db)
    return db


def text_columns(db: Path) -> list[str]:
    """Every text value the timeline holds, for the tables a reader shows."""
    values = []
    with sqlite3.connect(db) as conn:
        for table in ("sources", "posts", "paragraphs", "people", "events"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                values += [value for value in row if isinstance(value, str)]
    return values


def test_every_text_a_reader_hands_the_writer_is_stored_without_controls(tmp_path):
    path = write(tmp_path, "report.txt", REPORTS.format(first="10:00", second="10:30"))
    source = parse_source(SourceSpec(path=path, outlet="Outlet", name="report", kind="liveblog", date=dt.date(2025, 1, 16)))
    hostile = f"{OSC_TITLE}\x9b2J\x7f"
    source = replace(source, spec=replace(source.spec, outlet=ESCAPE_OUTLET, name=f"report{hostile}",
                                          title=f"Inquiry{hostile}", url=f"https://x.test/{hostile}"))
    for post in source.posts:
        post.headline, post.author, post.author_role = f"Headline{hostile}", f"Ann{hostile}", f"editor{hostile}"
        for paragraph in post.paragraphs:
            paragraph.text = paragraph.text.replace("Cooper", f"Coo{hostile}per")
    db_path = tmp_path / "t.db"
    db = open_db(db_path, create=True)
    assert write_source(db, source, db_path, story_id=place_in_stories(db, db_path, [source]).ids[0]) == "added"
    settle(db, db_path)
    assert not [value for value in text_columns(db_path) if CONTROL.search(value)]
    names = [row[0] for row in db.execute("SELECT name FROM people")]
    assert "Yvette Cooper" in names  # found again in the stripped text
    assert db.execute("SELECT outlet, url FROM sources").fetchone() == (" News", "https://x.test/")


def test_a_page_whose_canonical_link_retitles_the_terminal_is_stored_and_exported_without_it(cli, tmp_path):
    page = BBC_STYLE.replace(
        '<meta property="og:site_name" content="Northern Wire">',
        '<meta property="og:site_name" content="Northern&#27;[31m Wire">'
        '<link rel="canonical" href="https://x.test/&#27;]0;PWNED&#7;">',
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    db = tmp_path / "t.db"
    ingested = cli("ingest", tmp_path / "page.html", "--db", db)
    assert ingested.code == 0 and not CONTROL.search(ingested.out + ingested.err)
    assert not [value for value in text_columns(db) if CONTROL.search(value)]
    markdown = cli("export", "-o", "-", "--db", db)
    assert markdown.code == 0 and "<https://x.test/>" in markdown.out
    assert not CONTROL.search(markdown.out)
    exported = cli("export", "--format", "json", "-o", "-", "--db", db)
    assert json.loads(exported.out)["sources"][0]["url"] == "https://x.test/"


def _ingest_with_escapes(cli, folder: Path, how: str):
    """Ingest a report named by a file name carrying escapes, or under an outlet carrying
    them in a manifest."""
    text = REPORTS.format(first="10:00", second="10:30")
    db = folder / "t.db"
    if how == "flags":
        path = write(folder, f"report{OSC_TITLE}.txt", text)
        return db, cli("ingest", path, "--outlet", "News", "--date", "2025-01-16", "--db", db)
    write(folder, "report.txt", text)
    manifest = folder / "sources.toml"
    manifest.write_text('[[source]]\nfile = "report.txt"\noutlet = "\\u001b]0;PWNED\\u0007 News\\u009b2J"\n'
                        'date = "2025-01-16"\ntitle = "Inquiry \\u001b[2J"\nurl = "https://x.test/\\u001b]0;x\\u0007"\n',
                        encoding="utf-8")
    return db, cli("ingest", "--manifest", manifest, "--db", db)


@pytest.mark.parametrize("how", ["flags", "manifest"])
def test_a_file_name_or_a_manifest_outlet_with_escapes_reaches_no_progress_line_and_no_table(cli, tmp_path, how):
    db, ingested = _ingest_with_escapes(cli, tmp_path, how)
    assert not CONTROL.search(ingested.out + ingested.err)
    if ingested.code:  # refused where it was given (the validation boundary): one clean line
        assert ingested.err.startswith("liveline: error: ") and ingested.err.count("\n") == 1
        return
    assert "added  News · report (" in ingested.err or "added News · report (" in ingested.err  # the escapes gone whole
    assert not [value for value in text_columns(db) if CONTROL.search(value)]
    for command in ("sources", "posts", "print", "speakers", "events"):
        shown = cli(command, "--db", db)
        assert shown.code == 0 and not CONTROL.search(shown.out), command
    assert "News" in cli("sources", "--db", db).out


@pytest.mark.parametrize("command", [
    ("print",), ("sources",), ("posts",), ("posts", "--merged"), ("speakers",), ("events",),
    ("export", "-o", "-"), ("export", "--merged", "-o", "-"),
])
def test_a_database_from_elsewhere_shows_its_escapes_and_markup_nowhere(cli, hostile_db, command):
    shown = cli(*command, "--db", hostile_db)
    assert shown.code == 0, shown.err
    assert not CONTROL.search(shown.out + shown.err)


def test_a_database_from_elsewhere_shows_its_names_literally(cli, hostile_db):
    sources = cli("sources", "--db", hostile_db).out
    # An escape sequence goes whole, what it would have sent the terminal with it.
    assert MARKUP_OUTLET in sources and CLICK_OUTLET in sources and "PWNED" not in sources
    assert "Yvette [/bold] Cooper" in cli("speakers", "--db", hostile_db).out
    assert "Sky \\[/bold\\]" in cli("export", "-o", "-", "--db", hostile_db).out


@pytest.mark.parametrize("merged", [False, True])
def test_the_json_export_of_a_database_from_elsewhere_holds_no_control_characters(cli, hostile_db, merged):
    exported = cli("export", "--format", "json", "-o", "-", "--db", hostile_db, *(["--merged"] if merged else []))
    assert exported.code == 0
    document = json.loads(exported.out)  # still valid JSON
    assert not CONTROL.search(exported.out.replace("\n", ""))
    assert not ESCAPED_CONTROL.search(exported.out)
    assert MARKUP_OUTLET in {s["outlet"] for s in document["sources"]}
    assert all(not CONTROL.search(s["url"]) for s in document["sources"])
    assert document["entries"] and all("\x1b" not in json.dumps(e, ensure_ascii=False) for e in document["entries"])
