"""`liveline quotes --check`: a reader of a debate's coverage asks which quotes the live
blog and the article got word for word, which they altered, and which nobody said in
the chamber; and sees the same verdicts under each outlet's wording in the compare view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liveline.timeline.record_quotes import check_quotes, record_marks
from liveline.timeline.store import open_db
from tests.conftest import write

# The record: a short Commons statement and its first reply, as a text copy of Hansard.
RECORD = """\
Grooming Gangs
12.31 pm
The Secretary of State for the Home Department (Yvette Cooper)
With permission, Madam Deputy Speaker, I will make a statement on the grooming gangs inquiry.
The victims of these appalling crimes were failed by the very institutions that should have protected them. \
We will not stand by and let this happen again, and we will act on every recommendation of the inquiry.
12.45 pm
Chris Philp (Croydon South) (Con)
I thank the Home Secretary for advance sight of her statement.
Let us start by remembering the victims of this scandal, who were let down time and time again.
Madam Deputy Speaker (Judith Cummins)
Order. The shadow Home Secretary will be heard.
"""

LIVE_BLOG = """\
Grooming gangs statement: live
Cooper makes her statement
published at 12:50 Greenwich Mean Time
Home Secretary Yvette Cooper tells MPs: "We will not stand by and let this happen again, and we will act on every recommendation of the inquiry."
Philp replies
published at 12:55 Greenwich Mean Time
Shadow home secretary Chris Philp says: "Let us start by remembering the victims of this scandal, who were let down time and again."
Cooper on the report
published at 13:05 Greenwich Mean Time
Cooper says the government "will act on every recommendation of the report".
"""

ARTICLE = """\
Home Secretary promises action on grooming gangs
Yvette Cooper told MPs the victims "were failed by the very institutions that should have protected them".
She added: "This government will never turn a blind eye to abuse of children."
Ms Cooper said: "Let us start by remembering the victims of this scandal."
"""


def _ingest(folder: Path, db_path: Path, blog_text: str = LIVE_BLOG, article_text: str | None = ARTICLE) -> None:
    """The record, the live blog and the article ingested as a user would, one story."""
    from liveline.cli.main import main

    common = ["--date", "2025-01-16", "--story", "grooming-statement", "--db", str(db_path)]
    record = write(folder, "debate.txt", RECORD)
    assert main(["ingest", str(record), "--outlet", "Hansard", "--kind", "transcript", *common]) == 0
    assert main(["ingest", str(write(folder, "blog.txt", blog_text)), "--outlet", "BBC News", "--kind", "liveblog", *common]) == 0
    if article_text:
        assert main(["ingest", str(write(folder, "article.txt", article_text)), "--outlet", "Report A", "--kind", "article", *common]) == 0


@pytest.fixture(scope="module")
def debate(tmp_path_factory) -> Path:
    """A debate's record, and a live blog and an article of it."""
    folder = tmp_path_factory.mktemp("debate")
    db_path = folder / "timeline.db"
    _ingest(folder, db_path)
    return db_path


def _verdicts(checks) -> dict[tuple[str, str], str]:
    return {(check.outlet, check.quote): check.verdict for check in checks}


def test_every_planted_quote_gets_its_verdict(debate):
    verdicts = _verdicts(check_quotes(open_db(debate)))
    assert verdicts == {
        ("BBC News", "We will not stand by and let this happen again, and we will act on every recommendation of the inquiry."): "verbatim",
        ("BBC News", "Let us start by remembering the victims of this scandal, who were let down time and again."): "close",
        ("BBC News", "will act on every recommendation of the report"): "close",
        ("Report A", "were failed by the very institutions that should have protected them"): "verbatim",
        ("Report A", "This government will never turn a blind eye to abuse of children."): "not found",
        ("Report A", "Let us start by remembering the victims of this scandal."): "verbatim",
    }


def test_the_table_shows_speaker_outlet_verdict_and_the_records_wording_with_the_change_marked(cli, debate):
    run = cli("quotes", "--check", "--db", debate)
    assert run.code == 0, run.err
    assert "Quotes checked against the record" in run.out
    assert "[-inquiry-] {+report+}" in run.out  # not a terminal: the word-diff marks
    assert "✓ verbatim" in run.out and "~ close" in run.out and "✗ not found" in run.out
    assert run.out.rstrip().endswith("6 quotes: 3 verbatim, 2 close, 1 not found")


def test_a_quote_put_in_the_wrong_mouth_is_reported_as_the_other_members_words(debate):
    misattributed = [c for c in check_quotes(open_db(debate), outlets=["Report A"]) if c.quote.startswith("Let us start")]
    assert len(misattributed) == 1
    check = misattributed[0]
    assert check.record_speaker == "Chris Philp" and check.other_speaker
    assert "Yvette Cooper" in (check.speakers or "")


def test_json_lists_one_object_per_quote_with_the_record_and_its_diff(cli, debate):
    run = cli("quotes", "--check", "--json", "--outlet", "bbc", "--db", debate)
    assert run.code == 0, run.err
    rows = json.loads(run.out)
    assert {row["outlet"] for row in rows} == {"BBC News"} and len(rows) == 3
    close = next(row for row in rows if row["verdict"] == "close" and "report" in row["quote"])
    assert set(close) >= {"speaker", "outlet", "source", "line", "time", "quote", "verdict", "record", "record_speaker", "diff"}
    assert close["record"] == "will act on every recommendation of the inquiry"
    assert close["record_speaker"] == "Yvette Cooper" and close["time"] == "13:05"
    assert ["-", "inquiry"] in close["diff"] and ["+", "report"] in close["diff"]


def test_speaker_keeps_quotes_attributed_to_them_or_found_in_their_turns(cli, debate):
    rows = json.loads(cli("quotes", "--check", "--json", "--speaker", "Philp", "--db", debate).out)
    assert sorted((row["outlet"], row["quote"].split(",")[0]) for row in rows) == [
        ("BBC News", "Let us start by remembering the victims of this scandal"),
        ("Report A", "Let us start by remembering the victims of this scandal."),
    ]


def test_a_story_without_a_record_and_bad_names_are_one_line_errors(cli, tmp_path):
    blog = write(tmp_path, "blog.txt", LIVE_BLOG)
    db_path = tmp_path / "no-record.db"
    assert cli("ingest", blog, "--outlet", "BBC News", "--date", "2025-01-16", "--db", db_path).code == 0
    run = cli("quotes", "--check", "--db", db_path)
    assert run.code == 1
    assert run.err == "liveline: error: no official record in this story: ingest one with --kind transcript\n"
    run = cli("quotes", "--check", "--outlet", "reuters", "--db", db_path)
    assert run.code == 1 and run.err.count("\n") == 1 and "no outlet matches 'reuters'" in run.err


def test_quotes_without_check_is_a_usage_error(cli, debate):
    with pytest.raises(SystemExit) as exit_:
        cli("quotes", "--db", debate)
    assert exit_.value.code == 2


def test_source_text_cannot_style_or_move_the_terminal(cli, tmp_path):
    db_path = tmp_path / "hostile.db"
    _ingest(tmp_path, db_path, LIVE_BLOG.replace("Let us start", "[bold red]Let us\x1b[2J start"), None)
    run = cli("quotes", "--check", "--db", db_path)
    assert run.code == 0 and "\x1b" not in run.out and "[bold red]" in run.out


def test_the_compare_view_marks_each_wording_against_the_record(debate):
    db = open_db(debate)
    # The event of Philp's turn, which the blog's and the article's reports of it joined.
    event_id = db.execute("SELECT event_id FROM paragraphs WHERE text LIKE '%who were let down time and again%'").fetchone()[0]
    assert event_id is not None
    from liveline.timeline.wordings import event_wordings

    reports = event_wordings(db, event_id).reports
    marks = record_marks(db, event_id)
    assert len(marks) == len(reports)

    def marks_of(start: str) -> list[str]:
        return next(lines for report, lines in zip(reports, marks, strict=True) if report.text.startswith(start))

    assert marks_of("Shadow home secretary") == [
        "~ close to the record (Chris Philp): Let us start by remembering the victims of this scandal, who were let down time and [-time-] again"
    ]
    assert marks_of("Ms Cooper said") == ["✓ verbatim in the record (Chris Philp)"]
    # The record's own words are what the others are checked against: no mark.
    assert [lines for report, lines in zip(reports, marks, strict=True) if report.outlet == "Hansard"] == [[], []]


# Short quotes, as news writes them: fragments pinned on a named member.
SHORT_QUOTES_BLOG = """\
Grooming gangs statement: live
Cooper makes her statement
published at 12:50 Greenwich Mean Time
Yvette Cooper said the victims had suffered “appalling crimes”.
Philp replies
published at 12:55 Greenwich Mean Time
Chris Philp said the victims of this scandal were “let down” time and time again.
Yvette Cooper told MPs the victims had been “let down” too.
Chris Philp said the statement was “deeply flawed”.
Cooper promised “action”.
The row over “two-tier” policing and the so-called “grooming gangs” taskforce went on.
Barnardo's chief executive Lynn Perry said the charity was “deeply concerned”.
"""


@pytest.fixture(scope="module")
def short_quotes(tmp_path_factory) -> Path:
    """The debate's record and a live blog quoting its members in two- and three-word fragments."""
    folder = tmp_path_factory.mktemp("short")
    db_path = folder / "timeline.db"
    _ingest(folder, db_path, SHORT_QUOTES_BLOG, None)
    return db_path


def test_a_short_quote_pinned_on_a_member_is_looked_for_in_their_turns_only(short_quotes):
    checks = {(check.speakers, check.quote): check for check in check_quotes(open_db(short_quotes))}
    said = checks[("Chris Philp", "let down")]
    assert (said.verdict, said.record, said.record_speaker, said.other_speaker) == ("verbatim", "let down", "Chris Philp", False)
    assert checks[("Yvette Cooper", "appalling crimes")].verdict == "verbatim"
    # Philp said "let down", Cooper did not: put in her mouth, it is not in the record.
    assert checks[("Yvette Cooper", "let down")].verdict == "not found"
    assert checks[("Chris Philp", "deeply flawed")].verdict == "not found"
    # Somebody who did not speak in the chamber: nothing of theirs is in the record.
    assert checks[("Lynn Perry", "deeply concerned")].verdict == "not found"


def test_short_phrases_nobody_is_named_for_and_single_words_are_not_checked(short_quotes):
    quoted = {check.quote for check in check_quotes(open_db(short_quotes))}
    assert "two-tier" not in quoted and "grooming gangs" not in quoted  # labels: nobody named
    assert "action" not in quoted  # one word, even pinned on Cooper
    assert len(quoted) == 4


def test_the_compare_view_marks_a_short_quote_against_the_speakers_turn(short_quotes):
    db = open_db(short_quotes)
    event_id = db.execute("SELECT event_id FROM paragraphs WHERE text LIKE 'Chris Philp said the victims%'").fetchone()[0]
    assert event_id is not None
    from liveline.timeline.wordings import event_wordings

    reports = event_wordings(db, event_id).reports
    marks = dict(zip([report.text for report in reports], record_marks(db, event_id), strict=True))
    assert marks[next(text for text in marks if text.startswith("Chris Philp said the victims"))] == ["✓ verbatim in the record (Chris Philp)"]


def test_a_wording_quoting_nobody_in_the_record_is_marked_so():
    from liveline.timeline.record_match import RecordIndex
    from liveline.timeline.record_quotes import mark_line

    match = RecordIndex(["We will act on every recommendation."]).find("This government will never turn a blind eye")
    assert mark_line(match) == "✗ not found in the record"


async def test_the_compare_screen_shows_each_wordings_marks_under_it(debate):
    from textual.app import App

    from liveline.timeline.wordings import event_wordings
    from liveline.tui.compare.compare_screen import EventScreen

    db = open_db(debate)
    event_id = db.execute("SELECT event_id FROM paragraphs WHERE text LIKE '%who were let down time and again%'").fetchone()[0]
    event = event_wordings(db, event_id)
    screen = EventScreen(event.label, [(r.outlet, r.speakers or "", r.text) for r in event.reports], record_marks(db, event_id))

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(screen)

    app = Host()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        shown = " ".join(" ".join(strip.text for strip in app.screen._compositor.render_strips()).split())
    assert "~ close to the record (Chris Philp)" in shown and "[-time-]" in shown
    assert "✓ verbatim in the record (Chris Philp)" in shown
