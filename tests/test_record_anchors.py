"""The official record in the combined timeline: a report quoting a turn of the record joins
that turn's event, and an untimed report borrows the turn's time."""

from __future__ import annotations

import datetime as dt
import sqlite3
from zoneinfo import ZoneInfo

from liveline.ingest.events import record_anchors
from liveline.ingest.events.items import Item
from liveline.ingest.events.merging import merge
from liveline.ingest.events.order import Row, best_time
from liveline.ingest.pipeline import parse_source
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.stories.choice import place_in_stories
from liveline.ingest.writer import write_source
from liveline.timeline.queries import timeline_entries
from liveline.timeline.store import open_db
from tests.conftest import write
from tests.test_incremental_settle import Story, paragraphs

MARR, FENWICK, OKAFOR = 1, 2, 3
RECORD, BLOG, ARTICLE = 9, 1, 2


def _items(*paragraphs: tuple[int, int, str, int]) -> list[Item]:
    """(source, post, text, speaker); source RECORD is the official record, one turn a post."""
    return [Item(paragraph_id=n, source_id=source, post_id=post, post_kind="article" if source == ARTICLE else "post",
                 text=text, part="body", speakers=frozenset({speaker}), record=source == RECORD)
            for n, (source, post, text, speaker) in enumerate(paragraphs)]


def _at(hhmm: str) -> dt.datetime:
    """A time on the sitting's day, UK time (BST in September)."""
    return dt.datetime.fromisoformat(f"2027-09-15T{hhmm}").replace(tzinfo=ZoneInfo("Europe/London"))


def _events(items: list[Item]) -> list[set[str]]:
    return [{items[i].text for i, _ in event.members} for event in merge(items)]


STATEMENT = (RECORD, 90, "Let me be clear: not one of those students is to blame, and not one of them will be left "
                         "to carry the cost of this failure.", MARR)
RESPONSE = (RECORD, 91, "This was a shambles from start to finish, and it happened on her watch.", FENWICK)
TIMELINE = (RECORD, 92, "Yes. I will place the board’s timeline in the Library of the House this afternoon, and I "
                        "would welcome the Committee’s scrutiny.", MARR)


def test_a_blog_paragraph_quoting_a_turn_word_for_word_joins_the_turn():
    quote = (BLOG, 10, "Pressed on who was at fault, Marr was emphatic: “not one of those students is to blame”.", MARR)
    items = _items(STATEMENT, RESPONSE, TIMELINE, quote)
    assert _events(items) == [{STATEMENT[2], quote[2]}]


def test_a_quote_with_a_word_changed_still_joins_the_turn_it_misquotes():
    altered = (BLOG, 10, "Fenwick, back from a summer touring bus depots in Harcastle and Dunmere, rounded on the minister: "
                         "“This was a shambles from beginning to end, and it happened on her watch.”", FENWICK)
    items = _items(STATEMENT, RESPONSE, TIMELINE, altered)
    assert _events(items) == [{RESPONSE[2], altered[2]}]


def test_a_quote_the_record_does_not_hold_joins_no_turn():
    absent = (ARTICLE, 20, "Speaking to broadcasters afterwards, Fenwick said: “Thousands of young people have had "
                           "their plans wrecked by a board nobody was watching.”", FENWICK)
    items = _items(STATEMENT, RESPONSE, TIMELINE, absent)
    assert _events(items) == []


def test_a_paragraph_quoting_two_turns_goes_with_the_first_it_quotes():
    both = (ARTICLE, 20, "In a heated exchange, Fenwick called it “a shambles from start to finish”, and Marr replied "
                         "that “not one of those students is to blame”.", FENWICK)
    items = _items(STATEMENT, RESPONSE, TIMELINE, both)
    assert _events(items) == [{RESPONSE[2], both[2]}]


def test_two_alike_turns_stay_two_events_each_with_its_reports():
    # A question and its answer share their words: by words alone both turns and both
    # reports would be one event.
    question = (RECORD, 91, "Will the Secretary of State publish the board’s own timeline of what it knew and when it "
                            "knew it?", OKAFOR)
    answer = (RECORD, 92, "Yes. I will publish the board’s own timeline of what it knew and when it knew it, this "
                          "afternoon.", MARR)
    asked = (BLOG, 10, "Okafor asked Marr to publish “the board’s own timeline of what it knew and when it knew it”.", OKAFOR)
    agreed = (ARTICLE, 20, "Marr said: “I will publish the board’s own timeline of what it knew and when it knew it, "
                           "this afternoon.”", MARR)
    items = _items(STATEMENT, question, answer, asked, agreed)
    assert {frozenset(event) for event in _events(items)} == {frozenset({question[2], asked[2]}),
                                                            frozenset({answer[2], agreed[2]})}
    # However the rules named the event (here by the question's paragraph), the answer,
    # quoted twice, keeps the event and the question leaves it with its report.
    again = (BLOG, 11, "Marr: “I will publish the board’s own timeline of what it knew and when it knew it.”", MARR)
    items = _items(question, answer, asked, agreed, again)
    label = record_anchors.one_turn_each(items, dict.fromkeys(range(5), 0), {2: (0, 1.0), 3: (1, 1.0), 4: (1, 1.0)})
    assert label[0] == label[2] != label[1] == label[3] == label[4]


def test_a_report_with_one_turn_by_its_words_stays_when_it_quotes_a_formula_of_another():
    # "The answer I gave some moments ago" is said in many turns: a quote of it is weak
    # evidence beside everything else the report shares with the turn it tells.
    budget = (RECORD, 90, "The £40m budget for the Leybridge bypass stands, and work on the bypass starts in the "
                          "spring as the county council planned.", MARR)
    formula = (RECORD, 93, "I refer the hon. Member to the answer I gave some moments ago.", MARR)
    report = (BLOG, 10, "Marr said the £40m Leybridge bypass budget stands and work starts in the spring, referring "
                        "MPs “to the answer I gave some moments ago”.", MARR)
    items = _items(budget, formula, report)
    assert _events(items) == [{budget[2], report[2]}]


def test_reports_of_two_paragraphs_of_one_turn_are_one_event_with_the_whole_turn():
    opening = (RECORD, 90, "With permission, I will make a statement on the errors in this summer’s A-level results.", MARR)
    places = (RECORD, 90, "I have written to every vice-chancellor asking them to hold open the places of any student "
                          "who missed their offer.", MARR)
    close = (RECORD, 90, "Families have been badly let down, and I commend this statement to the House.", MARR)
    blame = (BLOG, 10, "“Not one of those students is to blame, and not one of them will be left to carry the cost "
                       "of this failure,” she said.", MARR)
    held = (ARTICLE, 20, "She said: “I have written to every vice-chancellor asking them to hold open the places of any "
                         "student who missed their offer.”", MARR)
    items = _items(opening, STATEMENT, places, close, blame, held, RESPONSE)
    assert _events(items) == [{opening[2], STATEMENT[2], places[2], close[2], blame[2], held[2]}]


def test_the_record_states_the_events_time_even_when_a_blog_stated_an_earlier_one():
    turn = Row(Item(1, RECORD, 90, "post", STATEMENT[2], "body", earliest=_at("12:31"), latest=_at("12:31"), record=True),
               "transcript", 1, 1, 1, False, "2027-09-15T11:31Z")
    early = Row(Item(2, BLOG, 10, "post", "“Not one of those students is to blame,” Marr says.", "body",
                     earliest=_at("12:29"), latest=_at("12:29")), "liveblog", 1, 1, 1, False, "2027-09-15T11:29Z")
    assert best_time([turn, early], [0, 1]) == ("2027-09-15T11:31Z", "stated")
    assert best_time([early], [0]) == ("2027-09-15T11:29Z", "stated")


def test_a_date_without_a_record_is_left_as_it_was_and_no_record_is_searched(monkeypatch):
    def no_search(*_: object) -> None:
        raise AssertionError("a date without a record searched one")

    monkeypatch.setattr(record_anchors, "RecordIndex", no_search)
    blog = (BLOG, 10, "Marr said “not one of those students is to blame” for the marking errors at the board.", MARR)
    article = (ARTICLE, 20, "“Not one of those students is to blame,” the education secretary said of the marking errors.", MARR)
    items = _items(blog, article)
    label = {0: 0}
    assert record_anchors.anchor_to_record(items, label) is label
    assert len(_events(items)) == 1  # merged by their words, as ever


# End to end: the record ingested beside a live blog whose posts lost their times.

HANSARD = """Exam Results: Marking Error
12.31 pm
The Secretary of State for Education (Helen Marr)
With permission, Mr Speaker, I will make a statement on the errors in this summer’s A-level results.
Let me be clear: not one of those students is to blame, and not one of them will be left to carry the cost of this failure.
12.42 pm
Laura Fenwick (Harcastle) (Con)
I thank the Secretary of State for advance sight of her statement.
This was a shambles from start to finish, and it happened on her watch.
12.49 pm
Helen Marr
So far we know of 640 students who missed their first-choice place, and no student will pay for a resit.
"""

COURIER = """Marr hits back
She promised that “no student will pay for a resit”.
Share
Fenwick: ‘a shambles’
“This was a shambles from beginning to end, and it happened on her watch,” Fenwick said.
Share
Marr: ‘not one of those students is to blame’
Pressed on who was at fault, she was emphatic: “not one of those students is to blame”.
Share
"""


def test_an_untimed_live_blog_borrows_the_times_of_the_turns_it_quotes(cli, tmp_path):
    db_path = tmp_path / "t.db"
    for name, text, outlet, kind in (("hansard.txt", HANSARD, "House of Commons Hansard", "transcript"),
                                     ("courier.txt", COURIER, "The Courier", "liveblog")):
        write(tmp_path, name, text)
        run = cli("ingest", tmp_path / name, "--outlet", outlet, "--date", "2027-09-15", "--kind", kind, "--db", db_path)
        assert run.code == 0, run.err
    db = open_db(db_path)
    marks = [(e.outlet, e.mark, e.text[:24]) for e in timeline_entries(db) if e.part == "body" and e.outlet == "The Courier"]
    assert marks == [
        ("The Courier", "≈12:31", "Pressed on who was at fa"),
        ("The Courier", "≈12:42", "“This was a shambles fro"),
        ("The Courier", "≈12:49", "She promised that “no st"),
    ]


# A follower: the live page's next post quotes the record ingested before it.

DAY = "2025-03-04"
RECORD_TEXT = """12.31 pm
The Secretary of State for Transport (Mira Castellan)
With permission, I will make a statement on the Kelder harbour tunnel and the estuary crossings.
I can tell the House that work on the tunnel will begin next spring, and that it will cut journeys across the estuary by twenty minutes.
12.40 pm
Tobias Wren (Ferrymead) (Con)
The Kelder money should have gone to the Ferrymead bus depot, which has waited ten years for its repairs.
"""
BLOG_POSTS = [(f"{DAY}T12:35", ["Castellan is on her feet in the Commons to set out the plans for the estuary crossings."])]
QUOTING = (f"{DAY}T12:50", ["Asked about the timing, the minister was firm: “work on the tunnel will begin next spring”."])


def _record(story: Story, tmp_path) -> None:
    path = write(tmp_path, "hansard.txt", RECORD_TEXT)
    db = open_db(story.db, create=True)
    try:
        parsed = parse_source(SourceSpec(path=path, outlet="House of Commons Hansard", name="hansard.txt",
                                         kind="transcript", date=dt.date.fromisoformat(DAY), story="the day"))
        write_source(db, parsed, story.db, story_id=place_in_stories(db, story.db, [parsed]).ids[0])
    finally:
        db.conn.close()
    story.settle()


def test_a_followed_pages_new_post_quoting_the_record_joins_the_turn_as_a_full_settle_would(tmp_path):
    story = Story(tmp_path)
    _record(story, tmp_path)
    story.published("Northgate Herald", BLOG_POSTS)
    story.write("Northgate Herald", [*BLOG_POSTS, QUOTING])
    full = paragraphs(story.fully_settled_copy())
    story.settle()
    incremental = paragraphs(story.db)
    quote = QUOTING[1][0]
    turn = next(text for text in incremental if text.startswith("I can tell the House"))
    assert {quote, turn} <= set(incremental[quote]["event"])
    assert incremental[quote]["event"] == full[quote]["event"]
    with sqlite3.connect(story.db) as conn:
        assert conn.execute("SELECT best_at, basis FROM events WHERE id = ?",
                            (incremental[quote]["event_id"],)).fetchone() == (f"{DAY}T12:31Z", "stated")


BILL = (RECORD, 95, "We will introduce a bill to put the regulator of exam boards on a statutory footing in this "
                    "session of Parliament.", MARR)


def test_a_ministers_we_will_introduce_reported_from_her_statement_joins_her_turn():
    quoted = (BLOG, 10, "“We will introduce a bill to put the regulator of exam boards on a statutory footing,” Marr "
                        "told MPs.", MARR)
    unquoted = (ARTICLE, 20, "The government will introduce a bill to put the regulator of exam boards on a statutory "
                             "footing in this session, Ms Marr said.", MARR)
    items = _items(STATEMENT, BILL, quoted, unquoted)
    assert _events(items) == [{BILL[2], quoted[2], unquoted[2]}]


def test_a_preview_of_the_statement_joins_no_turn_however_much_it_shares():
    preview = (BLOG, 10, "Marr is expected to announce a bill to put the regulator of exam boards on a statutory "
                         "footing when she makes her statement.", MARR)
    quoted = (ARTICLE, 20, "“We will introduce a bill to put the regulator of exam boards on a statutory footing,” she "
                           "said.", MARR)
    items = _items(STATEMENT, BILL, preview, quoted)
    assert _events(items) == [{BILL[2], quoted[2]}]


def test_an_event_holding_a_turn_is_shown_by_the_turns_own_words():
    # A report's longer quote may be someone else's (the board's apology): the record says
    # what was said in the chamber.
    report = (ARTICLE, 20, "Marr told MPs that “not one of those students is to blame, and not one of them will be left "
                           "to carry the cost of this failure”, as the board said it was “deeply sorry”.", MARR)
    items = _items(STATEMENT, report)
    items[1].quote = True
    (event,) = merge(items)
    assert {items[i].text for i, _ in event.members} == {STATEMENT[2], report[2]}
    assert items[event.representative].text == STATEMENT[2]
