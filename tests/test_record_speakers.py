"""Who speaks in an official record, and who its offices are in the news of the same debate.

A turn of a parliament's record is its member's, every paragraph, however much of somebody
else it quotes; the office printed on the speaker line becomes the member's role and
names, so a live blog's "the Home Secretary", "Ms Cooper" or "Cooper" is the member who
spoke. Every debate here is invented; nothing is from a gold set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from liveline.ingest import settle as settling
from liveline.ingest.clock.bounds import apply_clock
from liveline.ingest.model import Paragraph, ParsedSource, Post, Stamp
from liveline.ingest.settle import settle
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.speakers.attribution import attribute_story
from liveline.ingest.speakers.offices import office_forms
from liveline.ingest.speakers.registry import Registry
from liveline.ingest.speakers.story import Attribution, Para, PostText
from liveline.ingest.stories.choice import place_in_stories
from liveline.ingest.writer import write_source
from liveline.timeline.store import open_db


@pytest.mark.parametrize(
    ("printed", "role", "also"),
    [
        ("Secretary of State for the Home Department", "Home Secretary", {"Secretary of State for the Home Department"}),
        ("Secretary of State for Foreign, Commonwealth and Development Affairs", "Foreign Secretary", set()),
        ("Secretary of State for Health and Social Care", "Health Secretary", {"Health and Social Care Secretary"}),
        ("Secretary of State for Work and Pensions", "Work and Pensions Secretary", set()),
        ("Chancellor of the Exchequer", "Chancellor", {"Chancellor of the Exchequer"}),
        ("Minister for Safeguarding", "Minister for Safeguarding", {"Safeguarding Minister"}),
        ("Madam Deputy Speaker", "Deputy Speaker", set()),
        ("Prime Minister", "Prime Minister", set()),
        ("Leader of the Opposition", "Leader of the Opposition", set()),
        ("Cabinet Secretary for Justice and Home Affairs", "Justice Secretary", {"Cabinet Secretary for Justice and Home Affairs"}),
        ("Parliamentary Under-Secretary of State for the Home Department", "Home Office minister", set()),
        ("Minister for Foreign Affairs", "Foreign Minister", {"Foreign Affairs Minister"}),
        ("Attorney-General", "Attorney-General", set()),
        ("Taoiseach", "Taoiseach", set()),
        ("Tánaiste", "Tánaiste", set()),
        ("The PRESIDENT", "President", set()),
    ],
)
def test_an_office_as_printed_gives_the_role_news_writes_and_the_forms_it_names_the_holder_by(printed, role, also):
    forms = office_forms(printed)
    assert forms.role == role
    assert {role} | also <= forms.aliases


def test_a_junior_minister_of_a_department_is_never_its_secretary():
    forms = office_forms("Parliamentary Under-Secretary of State for the Home Department")
    assert "Home Secretary" not in forms.aliases


def test_a_shadow_office_is_another_office_with_none_of_its_holders_forms():
    for printed in ("Shadow Home Secretary", "Shadow Secretary of State for the Home Department"):
        forms = office_forms(printed)
        assert forms.role == "Shadow Home Secretary"
        assert all(form.startswith("Shadow") for form in forms.aliases)


@pytest.mark.parametrize("seat", ["Croydon South, Con", "Birmingham Yardley (Lab)", "Orkney and Shetland, LD", "", None])
def test_a_seat_and_party_on_a_speaker_line_are_no_office(seat):
    assert office_forms(seat).role is None
    assert not office_forms(seat).aliases


# A Commons statement as the reader makes it: one post a turn, the member as author, the
# office (else seat and party) as the author's role, the chair sometimes named by office alone.
RECORD = [
    ("Yvette Cooper", "Secretary of State for the Home Department", [
        "With permission, Madam Deputy Speaker, I will make a statement on the grooming gangs inquiry.",
        "One survivor told the review, “Nobody listened to us,” and Baroness Casey said the failures were collective.",
    ]),
    ("Chris Philp", "Croydon South, Con", [
        "I thank the Home Secretary for advance sight of her statement.",
        "Let us start by remembering the victims of this scandal.",
    ]),
    ("Judith Cummins", "Deputy Speaker", ["Order. The shadow Home Secretary will be heard."]),
    ("Chris Philp", "Croydon South, Con", ["The Government resisted this inquiry for months."]),
    (None, "Deputy Speaker", ["Order. I call the Home Secretary."]),
    ("Yvette Cooper", "Secretary of State for the Home Department", ["The inquiry will have statutory powers."]),
]
BLOG = [
    "The Home Secretary said the national inquiry would have the power to compel witnesses.",
    "Ms Cooper told MPs that survivors had been failed by every agency.",
    "Cooper said: “We will not look away.”",
    "Philp said the government had resisted an inquiry for months.",
]


def _story(record: list[tuple[str | None, str | None, list[str]]], blog: list[str]) -> list[list[PostText]]:
    """The record (one post a turn) and a live blog (one paragraph a post), numbered."""
    key = 0

    def numbered(texts: list[str]) -> list[Para]:
        nonlocal key
        paras = []
        for text in texts:
            key += 1
            paras.append(Para(key, text))
        return paras

    turns = [PostText(author, role, numbered(texts), record=True) for author, role, texts in record]
    return [turns, [PostText(None, None, numbered([text])) for text in blog]]


def _said(sources: list[list[PostText]], results: dict[int, list[Attribution]]) -> list[list[tuple[str, str]]]:
    return [[(a.person.name, a.how) for a in results[p.key]] for source in sources for post in source for p in post.paragraphs]


def _person(registry: Registry, name: str):
    return next(p for p in registry.people if p.name == name)


def test_every_paragraph_of_a_turn_is_its_members_even_one_quoting_somebody_else():
    sources = _story(RECORD, [])
    _, results = attribute_story(sources)
    said = _said(sources, results)
    assert said == [
        [("Yvette Cooper", "transcript")], [("Yvette Cooper", "transcript")],
        [("Chris Philp", "transcript")], [("Chris Philp", "transcript")],
        [("Judith Cummins", "transcript")],
        [("Chris Philp", "transcript")],
        [("Judith Cummins", "transcript")],  # the chair by office alone: whoever holds it
        [("Yvette Cooper", "transcript")],
    ]
    assert {a.confidence for found in results.values() for a in found} == {1.0}


def test_the_records_offices_make_a_live_blogs_home_secretary_and_surnames_the_member():
    sources = _story(RECORD, BLOG)
    registry, results = attribute_story(sources)
    blog = _said(sources, results)[-len(BLOG):]
    assert [[name for name, _ in found] for found in blog] == [["Yvette Cooper"], ["Yvette Cooper"], ["Yvette Cooper"], ["Chris Philp"]]
    cooper = _person(registry, "Yvette Cooper")
    assert cooper.role == "Home Secretary"
    assert {"Home Secretary", "Secretary of State for the Home Department"} <= cooper.aliases
    # A seat is no office: nobody becomes "Croydon South, Con".
    assert _person(registry, "Chris Philp").role is None
    assert [p.name for p in registry.people].count("Yvette Cooper") == 1


def test_the_shadow_home_secretary_of_the_record_is_never_the_home_secretary():
    record = [
        ("Yvette Cooper", "Secretary of State for the Home Department", ["I will make a statement."]),
        ("Chris Philp", "Shadow Home Secretary", ["This is too little, too late."]),
    ]
    blog = ["The shadow home secretary said the statement was too late.", "The Home Secretary said the inquiry would start in weeks."]
    sources = _story(record, blog)
    _, results = attribute_story(sources)
    assert [[n for n, _ in found] for found in _said(sources, results)[-2:]] == [["Chris Philp"], ["Yvette Cooper"]]


def test_a_member_the_record_names_by_title_and_surname_is_the_person_a_live_blog_names_in_full():
    record = [("Mr Dutton", "Leader of the Opposition", ["The Government has lost control of the borders."])]
    blog = ["Opposition leader Peter Dutton said the government had lost control.", "Dutton said the minister should resign."]
    sources = _story(record, blog)
    registry, results = attribute_story(sources)
    assert [[n for n, _ in found] for found in _said(sources, results)] == [["Peter Dutton"], ["Peter Dutton"], ["Peter Dutton"]]
    assert [p.name for p in registry.people if "Dutton" in p.name] == ["Peter Dutton"]


@pytest.mark.parametrize("short", ["Senator Plett", "Hon. Plett", "Mr Plett"])
def test_a_senators_follow_up_under_title_and_surname_is_the_member_named_in_full_before(short):
    record = [("Donald Plett", "Leader of the Opposition", ["My question is for the Government Representative."]),
              (short, None, ["Approvals are not homes, leader."])]
    blog = ["Plett said approvals were not homes."]
    sources = _story(record, blog)
    registry, results = attribute_story(sources)
    assert [[n for n, _ in found] for found in _said(sources, results)] == [["Donald Plett"], ["Donald Plett"], ["Donald Plett"]]
    assert [p.name for p in registry.people if "Plett" in p.name] == ["Donald Plett"]


def test_two_members_of_one_surname_keep_a_short_name_apart():
    record = [("Donald Plett", None, ["First."]), ("Mary Plett", None, ["Second."]), ("Senator Plett", None, ["Third."])]
    sources = _story(record, [])
    _, results = attribute_story(sources)
    assert [[n for n, _ in found] for found in _said(sources, results)] == [["Donald Plett"], ["Mary Plett"], ["Senator Plett"]]


def test_a_chair_named_by_office_alone_is_one_person_however_many_turns():
    record = [(None, "Ceann Comhairle", ["Deputies, please."]), ("Micheál Martin", "Taoiseach", ["The Government will act."]),
              (None, "Ceann Comhairle", ["Time is up."])]
    blog = ["The Taoiseach said the Government would act on housing."]
    sources = _story(record, blog)
    registry, results = attribute_story(sources)
    assert [[n for n, _ in found] for found in _said(sources, results)] == [
        ["Ceann Comhairle"], ["Micheál Martin"], ["Ceann Comhairle"], ["Micheál Martin"]]
    assert [p.kind for p in registry.people if p.name == "Ceann Comhairle"] == ["role"]


def test_a_live_blog_without_a_record_reads_as_it_always_did():
    sources = _story([], BLOG)
    _, results = attribute_story(sources)
    assert all(a.how != "transcript" for found in results.values() for a in found)
    assert [[n for n, _ in found] for found in _said(sources, results)][:1] == [["Home Secretary"]]


# The record and a live blog in a timeline ---------------------------------------------------
DAY = dt.date(2025, 6, 16)


def _parsed(name: str, kind: str, posts: list[tuple[str, str | None, str | None, list[str]]]) -> ParsedSource:
    """A source as a reader makes it: (time, author, author role, paragraphs) a post, each
    post keyed as a followed page's are."""
    made, line = [], 1
    for time, author, role, texts in posts:
        hour, minute = map(int, time.split(":"))
        post = Post(first_line=line, author=author, author_role=role, key=f"{name}-{time}",
                    published=Stamp("published", hour, minute, None))
        for text in texts:
            post.paragraphs.append(Paragraph(line, line, text))
            line += 1
        post.last_line = line - 1
        made.append(post)
    apply_clock(made, "oldest_first", DAY)
    digest = hashlib.sha256(repr(posts).encode()).hexdigest()
    spec = SourceSpec(path=None, outlet="House of Commons" if kind == "transcript" else "Courier", name=name, kind=kind,
                      story="Grooming gangs statement")
    return ParsedSource(spec=spec, kind=kind, date=DAY, order="oldest_first", order_basis="record", posts=made,
                        sha256=digest, parser=f"test {kind}")


TURNS = [
    ("12:31", "Yvette Cooper", "Secretary of State for the Home Department",
     ["I will make a statement on the grooming gangs inquiry.", "Survivors told us, “Nobody listened,” and they were right."]),
    ("12:45", "Chris Philp", "Croydon South, Con", ["I thank the Home Secretary for advance sight of her statement."]),
]
LIVE = [("12:50", None, None, ["The Home Secretary said the inquiry would have statutory powers."])]


def _write(db_path: Path, *sources: ParsedSource) -> None:
    db = open_db(db_path, create=True)
    try:
        for parsed in sources:
            write_source(db, parsed, db_path, story_id=place_in_stories(db, db_path, [parsed]).ids[0])
        settle(db, db_path)
    finally:
        db.conn.close()


def _speakers(db_path: Path) -> dict[str, list[tuple[str, str, float]]]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            """SELECT pa.text, pe.name, ps.how, ps.confidence FROM paragraphs pa
               LEFT JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id LEFT JOIN people pe ON pe.id = ps.person_id
               ORDER BY pa.id""").fetchall()
    said: dict[str, list[tuple[str, str, float]]] = {}
    for text, name, how, confidence in rows:
        said.setdefault(text, [])
        if name is not None:
            said[text].append((name, how, confidence))
    return said


def test_a_timelines_record_turns_are_stored_as_their_members_words_and_its_offices_as_roles(tmp_path):
    db_path = tmp_path / "debate.db"
    _write(db_path, _parsed("commons-statement", "transcript", TURNS), _parsed("courier-live", "liveblog", LIVE))
    said = _speakers(db_path)
    assert said["Survivors told us, “Nobody listened,” and they were right."] == [("Yvette Cooper", "transcript", 1.0)]
    assert said["I thank the Home Secretary for advance sight of her statement."] == [("Chris Philp", "transcript", 1.0)]
    assert [name for name, _, _ in said["The Home Secretary said the inquiry would have statutory powers."]] == ["Yvette Cooper"]
    with sqlite3.connect(db_path) as conn:
        roles = dict(conn.execute("SELECT name, role FROM people"))
    assert roles == {"Yvette Cooper": "Home Secretary", "Chris Philp": None}


def test_a_followed_records_new_turn_and_a_blogs_new_post_are_attributed_against_the_kept_people(tmp_path, monkeypatch):
    db_path = tmp_path / "debate.db"
    _write(db_path, _parsed("commons-statement", "transcript", TURNS), _parsed("courier-live", "liveblog", LIVE))
    # The next polls: settled post by post, never by reading the whole story again.
    monkeypatch.setattr(settling, "refresh_speakers", lambda *args: pytest.fail("settled in full"))
    more = [*TURNS, ("12:52", "Yvette Cooper", "Secretary of State for the Home Department",
                     ["As the survivor said to me, “Just believe us.” We will."])]
    _write(db_path, _parsed("commons-statement", "transcript", more))
    _write(db_path, _parsed("courier-live", "liveblog", [*LIVE, ("12:55", None, None, ["Ms Cooper said survivors would be believed."])]))
    said = _speakers(db_path)
    assert said["As the survivor said to me, “Just believe us.” We will."] == [("Yvette Cooper", "transcript", 1.0)]
    assert [name for name, _, _ in said["Ms Cooper said survivors would be believed."]] == ["Yvette Cooper"]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM people WHERE name LIKE '%Cooper%'").fetchone() == (1,)
