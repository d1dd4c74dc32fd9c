"""A reader ingests a live blog without naming its story: liveline proposes one (an
existing story close in time sharing its people and words, or a new one) and says why."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from liveline.ingest.model import ParsedSource
from liveline.ingest.pipeline import parse_source
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.stories.choice import choose_stories
from liveline.ingest.stories.proposal import WINDOW_DAYS, propose_story
from liveline.timeline.errors import LivelineError
from liveline.timeline.store import open_db

WATER_STATEMENT = """\
15:40 GMT
Marsh: no more bonuses paid from bills
Helen Marsh told MPs that customers' bills would no longer pay for executive bonuses at water companies that break discharge rules.
She said the new regulator would be able to fine companies for every sewage spill into rivers and bathing waters.

15:25 GMT
Pryce: regulator needs teeth
The shadow environment secretary, Owen Pryce, said the plan was too timid and the regulator needed powers to put Severnside Water into special administration.
Owen Pryce said sewage discharges had doubled while bonuses rose.

15:05 GMT
Severnside Water responds
Severnside Water said it welcomed a single regulator and would publish every discharge from its storm overflows within the hour.

14:50 GMT
What the statement means for bills
Our environment correspondent writes: the regulator replaces three bodies, and bills could rise to pay for new sewage works on rivers.

14:30 GMT
Marsh opens the statement
Helen Marsh said water companies had failed rivers, swimmers and customers, and that the regulator would report on discharges every month.
"""

WATER_DEBATE = """\
17:10 GMT
Water bill passes second reading
MPs voted for the water bill, which creates the new regulator, by 340 votes to 160.

16:45 GMT
Pryce presses on special administration
Owen Pryce asked whether Severnside Water would be put into special administration if it missed its sewage targets again.
Helen Marsh replied that the regulator would decide, and that bonuses would be banned at any company in breach.

16:20 GMT
Discharge figures published
Severnside Water published its storm overflow figures: 412 sewage discharges into rivers since the statement ten days ago.

15:55 GMT
Customers' bills
Several MPs said bills were already too high and asked who would pay for the new sewage works.
Helen Marsh said the regulator would cap bills and fine companies for every spill.

15:30 GMT
Marsh opens the debate
Helen Marsh opened the second reading, telling MPs the regulator would end bonuses at water companies that pollute rivers and bathing waters.
"""

FOOTBALL = """\
21:50 GMT
Full time: Harbourside Rovers 2-1 Castleford Town
Rovers hold on in stoppage time to go top of the table.

21:30 GMT
Goal! Jamal Reid heads the winner
A corner from the left, a flick at the near post, and Jamal Reid powers a header past the keeper.

20:55 GMT
Penalty saved
Luca Ferraro dives to his right and keeps out the spot kick; the away fans behind the goal go quiet.

20:40 GMT
Half time
Level at the break after a scrappy first half of fouls and long balls, with both managers on the touchline.

20:05 GMT
Kick off
The floodlights are on and the ground is full for the top of the table match between Rovers and Castleford.
"""

FARM_PAYMENTS = """\
13:40 GMT
Marsh: payments will follow hedgerows
Helen Marsh said farmers would be paid for planting hedgerows and restoring peat, instead of for the land they own.

13:20 GMT
Pryce: farmers betrayed
Owen Pryce said the cuts to farm payments would drive family farms out of business and raise food prices.

13:05 GMT
Farming unions react
The farming unions said the payments scheme was too complicated and that many tenant farmers would lose out.

12:45 GMT
Marsh announces the farm payments scheme
Helen Marsh set out the new farm payments scheme, with grants for hedgerows, woodland and peat restoration.
"""

FARM_PAYMENTS_NEXT_YEAR = FARM_PAYMENTS.replace("payments scheme", "payments review").replace("Farming unions", "Tenant farmers")


def blog(tmp_path: Path, name: str, day: dt.date, title: str, text: str, outlet: str = "Herald") -> ParsedSource:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return parse_source(SourceSpec(path=path, outlet=outlet, name=name, date=day, title=title, kind="liveblog"))


def timeline(tmp_path: Path) -> sqlite3.Connection:
    return open_db(tmp_path / "timeline.db", create=True).conn


def add_story(conn: sqlite3.Connection, name: str, sources: list[ParsedSource], people: tuple[str, ...] = ()) -> int:
    """The rows a story written by ingest leaves: the story, its sources, posts and ranked
    paragraphs (story_id copied from the source), and the people of its registry."""
    story_id = int(conn.execute(
        "INSERT INTO stories (name, title, origin, created_at) VALUES (?, ?, 'proposed', '2025-01-01T00:00:00Z')",
        (name, sources[0].spec.title),
    ).lastrowid or 0)
    rank = conn.execute("SELECT COALESCE(MAX(rank), 0) FROM paragraphs").fetchone()[0]
    for source in sources:
        source_id = conn.execute(
            "INSERT INTO sources (name, outlet, kind, title, date, story_id) VALUES (?, ?, ?, ?, ?, ?)",
            (source.spec.name, source.spec.outlet, source.kind, source.spec.title, source.date.isoformat(), story_id),
        ).lastrowid
        for seq, post in enumerate(source.timeline_posts, 1):
            post_id = conn.execute(
                "INSERT INTO posts (source_id, seq, kind, headline, date) VALUES (?, ?, ?, ?, ?)",
                (source_id, seq, post.kind, post.headline, source.date.isoformat()),
            ).lastrowid
            for n, paragraph in enumerate(post.paragraphs, 1):
                rank += 1
                conn.execute(
                    "INSERT INTO paragraphs (post_id, source_id, seq, line, part, text, date, rank, story_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (post_id, source_id, n, paragraph.line, paragraph.part, paragraph.text, source.date.isoformat(), rank, story_id),
                )
    for person in people:
        conn.execute("INSERT INTO people (name, kind, story_id) VALUES (?, 'person', ?)", (person, story_id))
    conn.commit()
    return story_id


def water_story(tmp_path: Path, conn: sqlite3.Connection) -> int:
    statement = blog(tmp_path, "water-statement", dt.date(2025, 3, 3), "Water regulator statement: live", WATER_STATEMENT)
    return add_story(conn, "2025-03-03-water-regulator-statement", [statement], ("Helen Marsh", "Owen Pryce"))


def test_an_empty_timeline_gets_a_new_story_named_from_the_title_and_date(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    match = blog(tmp_path, "match", dt.date(2025, 3, 3), "Harbourside Rovers v Castleford Town: live", FOOTBALL)

    proposal = propose_story(conn, [match])

    assert proposal.story_id is None
    assert proposal.name == "2025-03-03-harbourside-rovers-v-castleford-town"
    assert proposal.title == "Harbourside Rovers v Castleford Town: live"
    assert proposal.reason == "new: the timeline has no stories yet"


def test_an_unrelated_blog_of_the_same_day_is_a_new_story(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    water_story(tmp_path, conn)
    match = blog(tmp_path, "match", dt.date(2025, 3, 3), "Harbourside Rovers v Castleford Town: live", FOOTBALL)

    proposal = propose_story(conn, [match])

    assert proposal.story_id is None
    assert proposal.name.startswith("2025-03-03-harbourside-rovers")
    assert proposal.reason.startswith("new: the closest story, 2025-03-03-water-regulator-statement, shares only 0 names")


def test_the_debate_ten_days_after_the_statement_joins_its_story(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    water = water_story(tmp_path, conn)
    debate = blog(tmp_path, "water-debate", dt.date(2025, 3, 13), "Water bill debate: live", WATER_DEBATE)

    proposal = propose_story(conn, [debate])

    assert (proposal.story_id, proposal.name) == (water, "2025-03-03-water-regulator-statement")
    # The reason names the evidence: both people and Severnside Water, and the shared words.
    assert proposal.reason == "shares 3 names and 13 words with it, 10 days apart"


def test_in_a_busy_fortnight_the_debate_joins_the_story_it_is_about(tmp_path: Path) -> None:
    # Four stories within the window: enough for words all of them use to count for none.
    conn = timeline(tmp_path)
    match = blog(tmp_path, "match", dt.date(2025, 3, 13), "Harbourside Rovers v Castleford Town: live", FOOTBALL)
    add_story(conn, "2025-03-13-harbourside-rovers", [match], ("Jamal Reid", "Luca Ferraro"))
    farms = blog(tmp_path, "farm-payments", dt.date(2025, 3, 5), "Farm payments statement: live", FARM_PAYMENTS)
    add_story(conn, "2025-03-05-farm-payments-statement", [farms], ("Helen Marsh", "Owen Pryce"))
    water = water_story(tmp_path, conn)
    review = blog(tmp_path, "farm-review", dt.date(2025, 3, 10), "Farm payments review: live", FARM_PAYMENTS_NEXT_YEAR, outlet="Courier")
    add_story(conn, "2025-03-10-farm-payments-review", [review], ("Helen Marsh", "Owen Pryce"))
    debate = blog(tmp_path, "water-debate", dt.date(2025, 3, 13), "Water bill debate: live", WATER_DEBATE)

    proposal = propose_story(conn, [debate])

    assert proposal.story_id == water
    assert proposal.reason.startswith("shares 3 names and ") and proposal.reason.endswith(" words with it, 10 days apart")


def test_the_same_politicians_on_another_subject_that_week_are_a_new_story(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    water_story(tmp_path, conn)
    farms = blog(tmp_path, "farm-payments", dt.date(2025, 3, 5), "Farm payments statement: live", FARM_PAYMENTS)

    proposal = propose_story(conn, [farms])

    assert proposal.story_id is None
    assert proposal.name == "2025-03-05-farm-payments-statement"
    assert "shares only 2 names" in proposal.reason


def test_a_year_later_the_same_politicians_start_a_new_story(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    farms = blog(tmp_path, "farm-payments", dt.date(2025, 3, 5), "Farm payments statement: live", FARM_PAYMENTS)
    add_story(conn, "2025-03-05-farm-payments-statement", [farms], ("Helen Marsh", "Owen Pryce"))
    review = blog(tmp_path, "farm-review", dt.date(2026, 3, 11), "Farm payments review: live", FARM_PAYMENTS_NEXT_YEAR)

    proposal = propose_story(conn, [review])

    assert proposal.story_id is None
    assert proposal.name == "2026-03-11-farm-payments-review"
    assert proposal.reason == f"new: no story has a source within {WINDOW_DAYS} days of 2026-03-11"


def test_a_proposed_name_already_taken_gets_a_number(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    slug = "2025-03-03-harbourside-rovers-v-castleford-town"
    # A story of that name from long ago (another club's blog, named by hand).
    add_story(conn, slug, [blog(tmp_path, "old", dt.date(2020, 1, 1), "old", FOOTBALL, outlet="Gazette")])
    match = blog(tmp_path, "match", dt.date(2025, 3, 3), "Harbourside Rovers v Castleford Town: live", FOOTBALL)

    assert propose_story(conn, [match]).name == f"{slug}-2"


def test_names_taken_twice_count_on(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    slug = "2025-03-03-harbourside-rovers-v-castleford-town"
    for n, name in enumerate([slug, f"{slug}-2"]):
        add_story(conn, name, [blog(tmp_path, f"old{n}", dt.date(2020, 1, 1), "old", FOOTBALL, outlet=f"O{n}")])
    match = blog(tmp_path, "match", dt.date(2025, 3, 3), "Harbourside Rovers v Castleford Town: live", FOOTBALL)

    assert propose_story(conn, [match]).name == f"{slug}-3"


def test_a_source_ingested_again_stays_in_its_story(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    match = blog(tmp_path, "match", dt.date(2025, 3, 3), "Harbourside Rovers v Castleford Town: live", FOOTBALL)
    add_story(conn, "the-match", [match])

    choice = choose_stories(conn, [match])

    assert choice.ids == [None] and choice.notes == []  # None: the writer keeps the story it has


def test_another_language_is_told_apart_the_same_way(tmp_path: Path) -> None:
    debatte = """\
11:30 MEZ
Heizungsgesetz: Ministerin verteidigt Förderung
Klara Vogt verteidigte im Bundestag die Förderung für Wärmepumpen und sagte, das Heizungsgesetz schütze Mieter vor hohen Kosten.

11:10 MEZ
Opposition kritisiert Wärmepumpen
Jonas Keller nannte das Heizungsgesetz überhastet und forderte mehr Zeit für Hausbesitzer und Mieter.

10:50 MEZ
Förderung für Hausbesitzer
Klara Vogt kündigte an, die Förderung für Wärmepumpen auf siebzig Prozent der Kosten zu erhöhen.
"""
    fortsetzung = """\
16:20 MEZ
Bundestag stimmt über Heizungsgesetz ab
Nach einer Woche Streit stimmte der Bundestag dem Heizungsgesetz mit knapper Mehrheit zu.

15:40 MEZ
Keller: Mieter zahlen drauf
Jonas Keller sagte, Mieter würden die Kosten der Wärmepumpen über höhere Mieten tragen.

15:10 MEZ
Vogt: Förderung bleibt
Klara Vogt versprach, die Förderung für Hausbesitzer bleibe bis zum Ende der Wahlperiode.
"""
    spiel = """\
20:45 MEZ
Abpfiff in Dortmund
Die Gastgeber gewinnen knapp, der Torwart hält in der Nachspielzeit einen Elfmeter.

20:10 MEZ
Tor durch Emil Brandt
Nach einer Ecke köpft Emil Brandt den Ball ins lange Eck, die Fans auf der Tribüne jubeln.
"""
    conn = timeline(tmp_path)
    first = blog(tmp_path, "debatte", dt.date(2025, 6, 2), "Heizungsgesetz im Bundestag", debatte, outlet="Zeitung")
    story = add_story(conn, "2025-06-02-heizungsgesetz-im-bundestag", [first], ("Klara Vogt", "Jonas Keller"))

    follow_up = propose_story(conn, [blog(tmp_path, "abstimmung", dt.date(2025, 6, 9), "Abstimmung", fortsetzung, outlet="Zeitung")])
    match = propose_story(conn, [blog(tmp_path, "spiel", dt.date(2025, 6, 2), "Dortmund gegen Köln", spiel, outlet="Zeitung")])

    assert follow_up.story_id == story
    assert follow_up.reason.startswith("shares 2 names")
    assert match.story_id is None


def test_a_candidate_story_is_read_through_its_index_never_by_scanning_paragraphs(tmp_path: Path) -> None:
    # At archive scale (two million paragraphs) reading a story must walk the story's own
    # rows: every statement the proposal runs is planned without a scan of paragraphs,
    # people or events (sources, a row per blog, is small enough to read whole).
    conn = timeline(tmp_path)
    water_story(tmp_path, conn)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    propose_story(conn, [blog(tmp_path, "water-debate", dt.date(2025, 3, 13), "Water bill debate: live", WATER_DEBATE)])
    conn.set_trace_callback(None)

    reads = [s for s in statements if any(table in s for table in ("paragraphs", "people", "events"))]
    assert any("paragraphs" in s for s in reads)
    for statement in reads:
        plan = [str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}")]
        assert not [step for step in plan if step.startswith(("SCAN paragraphs", "SCAN people", "SCAN events"))], (statement, plan)


def test_nothing_to_propose_for_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LivelineError, match="no sources"):
        propose_story(timeline(tmp_path), [])


def test_a_copy_without_a_title_names_its_story_from_its_earliest_post_not_its_latest(tmp_path: Path) -> None:
    conn = timeline(tmp_path)
    copy = tmp_path / "statement-copy.txt"
    copy.write_text(WATER_STATEMENT.replace("15:40 GMT\nMarsh: no more bonuses", "15:40 GMT\nSummary: no more bonuses"), encoding="utf-8")
    untitled = parse_source(SourceSpec(path=copy, outlet="Herald", name="statement-copy", date=dt.date(2025, 3, 3), kind="liveblog"))

    proposal = propose_story(conn, [untitled])

    # The copy is newest first: its first headline is the day's last post, a summary.
    assert proposal.title == "Marsh opens the statement"
    assert proposal.name == "2025-03-03-marsh-opens-statement"
