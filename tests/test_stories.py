"""A library of stories in one timeline file, from the command line: a reader keeps a
Commons statement and a cup final in ./timeline.db, lists them with `liveline stories`,
and reads, lists and exports one of them with `--story`. Every story, outlet and person
here is invented."""

from __future__ import annotations

import json

import pytest

from liveline.timeline.queries import keys_where
from liveline.timeline.store import open_db
from liveline.timeline.view import View, resolve, select
from tests.conftest import write

STATEMENT = """
    Live: Home secretary's statement on border checks

    Mon 10 Mar 2025

    15.42 GMT
    The home secretary, Ada Mensah, told MPs the border checks would be doubled at six ports.

    15.58 GMT
    The shadow home secretary, Piet Varga, said the checks came "years too late".
    """

STATEMENT_REPORT = """
    Border checks to double at six ports

    The home secretary, Ada Mensah, told MPs on Monday that border checks would be doubled at six ports.

    Piet Varga, the shadow home secretary, said the checks came years too late.
    """

FINAL = """
    Live: Cup final

    Mon 10 Mar 2025

    19.45 GMT
    Kick-off at the national stadium in front of a full house.

    20.31 GMT
    Goal! Lena Hart heads in from a corner, and the manager, Joe Brandt, said: "She never misses those."
    """


@pytest.fixture
def library(cli, tmp_path):
    """A timeline of two stories of one Monday, each named by its ingest."""
    db = tmp_path / "timeline.db"
    for name, text, outlet, story in (("statement", STATEMENT, "Westminster Live", "border-checks"),
                                      ("final", FINAL, "Sport Daily", "cup-final")):
        run = cli("ingest", write(tmp_path, f"{name}.txt", text), "--outlet", outlet, "--story", story, "--db", db)
        assert run.code == 0, run.err
    return db


def test_liveline_stories_lists_each_story_with_its_dates_outlets_posts_and_people(cli, library):
    run = cli("stories", "--db", library)
    assert run.code == 0, run.err
    lines = [line for line in run.out.splitlines() if "border-checks" in line or "cup-final" in line]
    assert len(lines) == 2
    border = next(line for line in lines if "border-checks" in line)
    assert "2025-03-10" in border and "Westminster Live" in border
    cup = next(line for line in lines if "cup-final" in line)
    assert "Sport Daily" in cup and "Westminster" not in cup


def test_every_reading_command_keeps_to_the_story_named(cli, library):
    for command in ("sources", "posts", "speakers", "events", "print"):
        run = cli(command, "--story", "cup", "--db", library)
        assert run.code == 0, (command, run.err)
        assert "Westminster" not in run.out and "Mensah" not in run.out, command
    speakers = cli("speakers", "--story", "border", "--db", library).out
    assert "Ada Mensah" in speakers and "Lena Hart" not in speakers and "Joe Brandt" not in speakers


def test_an_export_of_one_story_holds_its_entries_and_sources_only(cli, library, tmp_path):
    run = cli("export", "--story", "border-checks", "--format", "json", "-o", tmp_path / "b.json", "--db", library)
    assert run.code == 0, run.err
    document = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert document["view"]["stories"] == ["border-checks"]
    assert {source["outlet"] for source in document["sources"]} == {"Westminster Live"}
    assert document["entries"] and all("Sport" not in " ".join(e["outlets"]) for e in document["entries"])
    markdown = cli("export", "--story", "border", "-o", "-", "--db", library).out
    assert markdown.startswith("# Live: Home secretary's statement on border checks")
    assert "story border-checks" in markdown and "Kick-off" not in markdown


def test_an_unknown_story_is_one_line_naming_the_close_ones(cli, library):
    run = cli("posts", "--story", "cup-finale", "--db", library)
    assert run.code == 1
    assert run.err.strip().count("\n") == 0
    assert "no story matches 'cup-finale'" in run.err and "cup-final" in run.err


def test_without_a_name_the_proposal_is_told_and_an_unrelated_blog_starts_its_own_story(cli, tmp_path):
    db = tmp_path / "timeline.db"
    first = cli("ingest", write(tmp_path, "statement.txt", STATEMENT), "--outlet", "Westminster Live", "--db", db)
    assert "story 2025-03-10-" in first.err and "pass --story NAME to choose another" in first.err
    report = cli("ingest", write(tmp_path, "report.txt", STATEMENT_REPORT), "--outlet", "Border Post",
                 "--date", "2025-03-10", "--kind", "article", "--db", db)
    assert "shares" in report.err and "the same day" in report.err
    final = cli("ingest", write(tmp_path, "final.txt", FINAL), "--outlet", "Sport Daily", "--db", db)
    assert "(new: the closest story" in final.err
    stories = {row[0]: row[1] for row in open_db(db).execute(
        "SELECT s.outlet, st.name FROM sources s JOIN stories st ON st.id = s.story_id")}
    assert stories["Westminster Live"] == stories["Border Post"] != stories["Sport Daily"]


def test_a_source_ingested_again_with_another_story_moves_there_and_the_empty_story_goes(cli, tmp_path):
    db = tmp_path / "timeline.db"
    text = write(tmp_path, "statement.txt", STATEMENT)
    cli("ingest", text, "--outlet", "Westminster Live", "--story", "mistake", "--db", db)
    run = cli("ingest", text, "--outlet", "Westminster Live", "--story", "border-checks", "--db", db)
    assert run.code == 0, run.err
    assert "moved" in run.err
    timeline = open_db(db)
    assert [row[0] for row in timeline.execute("SELECT name FROM stories")] == ["border-checks"]
    (people_story,) = {row[0] for row in timeline.execute("SELECT story_id FROM people")}
    assert people_story == timeline.execute("SELECT id FROM stories").fetchone()[0]


def test_the_reader_opens_an_archive_on_the_story_written_to_last(cli, tmp_path, monkeypatch):
    db = tmp_path / "timeline.db"
    cli("ingest", write(tmp_path, "statement.txt", STATEMENT), "--outlet", "Westminster Live", "--story", "border-checks", "--db", db)
    later = FINAL.replace("Mon 10 Mar 2025", "Sat 15 Mar 2025")
    cli("ingest", write(tmp_path, "final.txt", later), "--outlet", "Sport Daily", "--story", "cup-final", "--db", db)
    opened: list[View] = []
    monkeypatch.setattr("liveline.tui.app.run", lambda path, view, notice: opened.append(view) or 0)
    assert cli("--db", db).code == 0
    assert opened[-1].stories == ("cup-final",)
    assert cli("--story", "border", "--db", db).code == 0
    assert opened[-1].stories == ("border",)
    # News for the older story (another outlet's report of the statement): that is where it opens.
    cli("ingest", write(tmp_path, "report.txt", STATEMENT_REPORT), "--outlet", "Border Post", "--date", "2025-03-10",
        "--kind", "article", "--story", "border-checks", "--db", db)
    assert cli("--db", db).code == 0
    assert opened[-1].stories == ("border-checks",)


def test_ingest_story_takes_words_of_an_existing_name_as_every_command_does(cli, tmp_path):
    db = tmp_path / "timeline.db"
    cli("ingest", write(tmp_path, "statement.txt", STATEMENT), "--outlet", "Westminster Live", "--db", db)
    (proposed,) = [row[0] for row in open_db(db).execute("SELECT name FROM stories")]
    run = cli("ingest", write(tmp_path, "report.txt", STATEMENT_REPORT), "--outlet", "Border Post",
              "--date", "2025-03-10", "--kind", "article", "--story", "border checks", "--db", db)
    assert run.code == 0, run.err
    assert f"story {proposed} (the one story matching 'border checks')" in run.err
    assert [row[0] for row in open_db(db).execute("SELECT name FROM stories")] == [proposed]
    # Not every word typed is in the statement's story: a story of its own.
    run = cli("ingest", write(tmp_path, "final.txt", FINAL), "--outlet", "Sport Daily", "--story", "home-final", "--db", db)
    assert "story home-final (new)" in run.err
    ambiguous = cli("ingest", write(tmp_path, "final2.txt", FINAL), "--outlet", "Sport Two", "--story", "home", "--db", db)
    assert ambiguous.code == 1 and "matches 2 stories" in ambiguous.err


def test_a_long_proposed_name_is_renamed_and_the_new_name_is_what_story_takes(cli, tmp_path):
    db = tmp_path / "timeline.db"
    cli("ingest", write(tmp_path, "statement.txt", STATEMENT), "--outlet", "Westminster Live", "--db", db)
    run = cli("stories", "--rename", "border", "borders", "--db", db)
    assert run.code == 0 and "to borders" in run.err
    assert "Westminster Live" in cli("sources", "--story", "borders", "--db", db).out
    cli("ingest", write(tmp_path, "final.txt", FINAL), "--outlet", "Sport Daily", "--story", "cup", "--db", db)
    taken = cli("stories", "--rename", "cup", "borders", "--db", db)
    assert taken.code == 1 and "already called 'borders'" in taken.err


def test_a_story_filter_is_read_through_its_index(library):
    timeline = open_db(library)
    resolved = resolve(timeline, View(stories=("cup-final",)))
    selection = select(timeline, resolved)
    plan = " ".join(str(row[-1]) for row in timeline.execute(
        f"EXPLAIN QUERY PLAN SELECT pa.rank FROM paragraphs pa WHERE pa.rank IS NOT NULL AND {' AND '.join(selection.where)} "
        "ORDER BY pa.rank", selection.params))
    assert "idx_paragraphs_story_id_rank" in plan and "SCAN pa" not in plan
    assert len(keys_where(timeline, selection.where, selection.params, selection.key)) == 3
