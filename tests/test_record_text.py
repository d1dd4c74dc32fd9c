"""A user gives liveline a text copy of a parliament's record and sees one post per turn:
the member who spoke, their office or seat and party, the speech paragraphs, and the time
the record prints before the turn (in the parliament's own zone). Times, interruptions,
procedural lines, divisions and headings are never a turn nor part of one. And a live
blog or article is never taken for a record.

Every record here is invented in a parliament's layout; none is copied from one.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from liveline.ingest.read.record.furniture import furniture_of, sitting_time, time_stamp, without_cries
from liveline.ingest.read.record.parliaments import parliament_of
from liveline.ingest.read.record.record_text import looks_like_record, read_record, record_lines
from tests.conftest import REPO, dedent

COMMONS = dedent("""
    House of Commons
    Thursday 16 January 2025
    Grooming Gangs
    Volume 760: debated on Thursday 16 January 2025
    Statement
    12.45 pm
    The Secretary of State for the Home Department (Yvette Cooper)
    With permission, Mr Speaker, I will make a statement on the national audit of group-based abuse.
    The victims were failed by every agency that should have protected them.
    12.52 pm
    Chris Philp (Croydon South) (Con)
    I thank the Home Secretary for advance sight of her statement.
    Let us start by remembering the victims of this scandal.
    [Interruption.]
    Madam Deputy Speaker (Judith Cummins)
    Order. The shadow Home Secretary will be heard.
    Chris Philp
    Will the Home Secretary now order a full national inquiry?
    Yvette Cooper
    The audit will report within six months, and I will come back to the House.
    Hon. Members: Hear, hear!
    Madam Deputy Speaker
    I call the Chair of the Home Affairs Committee.
    Dame Karen Bradley (Staffordshire Moorlands) (Con)
    What resources will the police be given?
    Several hon. Members rose—
    Yvette Cooper
    An extra £40 million this year.
    Question put.
    The House divided:
    Ayes 310, Noes 170.
    Division No. 45
    Ayes
    Abbott, Ms Diane
    Cooper, rh Yvette
    Tellers for the Ayes:
    Noes
    Philp, Chris
    Question accordingly agreed to.
    Mr Speaker
    Order. We now come to the ten-minute rule motion.
""")


def test_a_commons_statement_is_read_into_turns_with_their_speakers_and_times():
    reading = read_record(record_lines(COMMONS), "commons.txt")
    turns = [(post.author, post.author_role, post.published and (post.published.hour, post.published.minute)) for post in reading.posts]
    assert turns == [
        ("Yvette Cooper", "Secretary of State for the Home Department", (12, 45)),
        ("Chris Philp", "Croydon South, Con", (12, 52)),
        ("Judith Cummins", "Deputy Speaker", None),  # a time dates the turn right after it only
        ("Chris Philp", None, None),  # a bare name once it has spoken
        ("Yvette Cooper", None, None),
        ("Judith Cummins", "Deputy Speaker", None),  # the office alone: the member this record printed in it
        ("Dame Karen Bradley", "Staffordshire Moorlands, Con", None),
        ("Yvette Cooper", None, None),
        (None, "Speaker", None),  # the chair, never named
    ]
    assert reading.parliament == "House of Commons" and reading.zone is None
    assert reading.stated_date == dt.date(2025, 1, 16)
    assert reading.title == "Grooming Gangs"


def test_furniture_is_never_a_turn_nor_part_of_one():
    reading = read_record(record_lines(COMMONS), "commons.txt")
    texts = [p.text for post in reading.posts for p in post.paragraphs]
    assert texts[2:4] == ["I thank the Home Secretary for advance sight of her statement.", "Let us start by remembering the victims of this scandal."]
    for furniture in ("[Interruption.]", "Hon. Members: Hear, hear!", "Several hon. Members rose—", "Question put.", "Ayes 310, Noes 170.",
                      "Abbott, Ms Diane", "Question accordingly agreed to.", "12.52 pm", "Statement", "Grooming Gangs"):
        assert furniture not in texts
    assert texts[-2:] == ["An extra £40 million this year.", "Order. We now come to the ten-minute rule motion."]
    # provenance: each paragraph names its line in the copy
    first = reading.posts[0].paragraphs[0]
    assert COMMONS.split("\n")[first.line - 1] == first.text
    assert any("furniture:" in line for line in reading.explanation)


def test_the_house_printed_as_a_speaker_of_its_own_is_no_turn_and_its_cry_no_speech():
    record = dedent("""
        House of Commons
        Wednesday 24 February 2027
        Flood Recovery
        12.34 pm
        Tom Penrose (Tarrant Mills) (Lab)
        I commend this statement to the House.
        Hon. Members
        Hear, hear!
        Anita Kerslake (Brackley Fen) (Con)
        The valley was let down.
        Several hon. Members
        rose—
        Mr Speaker
        Order. I call the Chair of the Committee.
    """)
    reading = read_record(record_lines(record), "commons.txt")
    assert [(post.author, [p.text for p in post.paragraphs]) for post in reading.posts] == [
        ("Tom Penrose", ["I commend this statement to the House."]),
        ("Anita Kerslake", ["The valley was let down."]),
        (None, ["Order. I call the Chair of the Committee."]),
    ]


def test_a_masthead_naming_the_chair_gives_the_chairs_turns_their_member():
    record = dedent("""
        House of Commons Debates
        Wednesday, October 13, 2027
        Speaker: The Honourable Marguerite Olson
        Oral Questions
        (1415)
        Mr. Gordon Brisco (Lakehead, CPC): Mr. Speaker, rents have gone up by a third.
        The Speaker: Order.
        Mr. Gordon Brisco: They cannot find a place to live.
        The House adjourned at 6:30 p.m. until tomorrow at 10 a.m., pursuant to Standing Order 24(1).
    """)
    reading = read_record(record_lines(record), "hansard.txt", zone="America/Toronto")
    assert [(post.author, post.author_role) for post in reading.posts] == [
        ("Gordon Brisco", "Lakehead, CPC"), ("Marguerite Olson", "Speaker"), ("Gordon Brisco", None),
    ]
    assert [p.text for p in reading.posts[-1].paragraphs] == ["They cannot find a place to live."]


def test_the_issues_example_attributes_every_speech_paragraph():
    text = dedent("""
        12.45 pm
        Chris Philp (Croydon South) (Con)
        I thank the Home Secretary for advance sight of her statement.
        Let us start by remembering the victims of this scandal.
        Madam Deputy Speaker (Judith Cummins)
        Order. The shadow Home Secretary will be heard.
    """)
    posts = read_record(record_lines(text), "issue.txt", day=dt.date(2025, 1, 16)).posts
    assert [(p.author, len(p.paragraphs)) for p in posts] == [("Chris Philp", 2), ("Judith Cummins", 1)]
    assert posts[0].published is not None and (posts[0].published.hour, posts[0].published.minute, posts[0].published.utc) == (12, 45, None)


SCOTTISH = dedent("""
    Meeting of the Parliament
    Scottish Parliament
    Thursday 16 January 2025
    First Minister's Question Time
    Prison Places
    12:00
    The Presiding Officer (Alison Johnstone): Good afternoon. We move to First Minister's question time.
    Russell Finlay (West Scotland) (Con): How many prisoners were released early last year?
    The First Minister (John Swinney): Around 470 were released under the emergency scheme.
    Members: Hear, hear.
    Russell Finlay: That is not an answer.
    He asked the question twice.
    The First Minister: It is the answer the member was given in writing.
    12:08
    Russell Finlay: Then I will ask again next week.
""")


def test_a_holyrood_record_keeps_uk_time_and_names_the_first_minister_on_later_turns():
    reading = read_record(record_lines(SCOTTISH), "holyrood.txt")
    assert reading.parliament == "Scottish Parliament" and reading.zone is None
    assert reading.title == "Prison Places"
    turns = [(p.author, [x.text for x in p.paragraphs]) for p in reading.posts]
    assert turns[0] == ("Alison Johnstone", ["Good afternoon. We move to First Minister's question time."])
    assert turns[3] == ("Russell Finlay", ["That is not an answer.", "He asked the question twice."])
    assert turns[4][0] == "John Swinney"  # "The First Minister:" as this record named him
    stamps = [(p.published.hour, p.published.minute) if p.published else None for p in reading.posts]
    assert stamps == [(12, 0), None, None, None, None, (12, 8)]


AUSTRALIAN = dedent("""
    Commonwealth of Australia
    HOUSE OF REPRESENTATIVES
    Official Hansard
    Wednesday, 5 February 2025
    QUESTIONS WITHOUT NOTICE
    Cost of Living
    Mr DUTTON (Dickson—Leader of the Opposition) (14:01): My question is to the Prime Minister. Why are families paying more?
    Mr ALBANESE (Grayndler—Prime Minister) (14:02): I thank the Leader of the Opposition for his question.
    Honourable members interjecting—
    The SPEAKER: Order! The Prime Minister has the call.
    Mr ALBANESE: Wages are rising at last.
    23:55
    Ms SHARMA (Mackellar): The House is sitting late.
    00:10
    The SPEAKER: The House stands adjourned.
""")


def test_an_australian_record_is_timed_in_canberra_s_zone():
    reading = read_record(record_lines(AUSTRALIAN), "aph.txt")
    assert reading.parliament == "Australian House of Representatives"
    assert reading.zone == "Australia/Sydney" and reading.stated_date == dt.date(2025, 2, 5)
    assert reading.title == "Cost of Living"
    posts = reading.posts
    assert [(p.author, p.author_role) for p in posts] == [
        ("Mr Dutton", "Leader of the Opposition"), ("Mr Albanese", "Prime Minister"), (None, "Speaker"),
        ("Mr Albanese", None), ("Ms Sharma", "Mackellar"), (None, "Speaker"),
    ]
    utc = [p.published.utc if p.published else None for p in posts]
    # February is summer in Sydney (UTC+11); the sitting runs past midnight into the next day
    assert utc[0] == dt.datetime(2025, 2, 5, 3, 1, tzinfo=dt.UTC)
    assert utc[1] == dt.datetime(2025, 2, 5, 3, 2, tzinfo=dt.UTC)
    assert utc[2:4] == [None, None]
    assert utc[4] == dt.datetime(2025, 2, 5, 12, 55, tzinfo=dt.UTC)
    assert utc[5] == dt.datetime(2025, 2, 5, 13, 10, tzinfo=dt.UTC)


def test_the_users_date_and_zone_win_over_the_records():
    reading = read_record(record_lines(AUSTRALIAN), "aph.txt", day=dt.date(2025, 7, 2), zone="Australia/Perth")
    first = reading.posts[0].published
    assert reading.zone == "Australia/Perth"
    assert first is not None and first.utc == dt.datetime(2025, 7, 2, 6, 1, tzinfo=dt.UTC)


def test_a_foreign_record_without_a_date_places_no_time_and_says_so():
    text = "\n".join(line for line in AUSTRALIAN.split("\n") if "2025" not in line)
    reading = read_record(record_lines(text), "aph.txt")
    assert all(post.published is None for post in reading.posts)
    assert any("--date" in warning for warning in reading.warnings)


def test_a_record_with_no_speaker_lines_has_no_turns():
    reading = read_record(record_lines("House of Commons\nStatement\nThe House met at 9.30 am.\n"), "empty.txt")
    assert reading.posts == []


@pytest.mark.parametrize(
    ("header", "url", "expected"),
    [
        ("Dáil Éireann debate - Wednesday, 15 Jan 2025", None, ("Dáil Éireann", "Europe/Dublin")),
        ("", "https://hansard.parliament.uk/Lords/2025-01-16/debates/abc/Title", ("House of Lords", "Europe/London")),
        ("House of Commons Debates\n44th Parliament, 1st Session", None, ("House of Commons of Canada", "America/Toronto")),
        ("", "https://www.ourcommons.ca/DocumentViewer/en/44-1/house/sitting-300/hansard", ("House of Commons of Canada", "America/Toronto")),
        ("Hansard (Debates)\nNew Zealand Parliament", None, ("New Zealand Parliament", "Pacific/Auckland")),
        ("Lok Sabha Debates", None, ("Lok Sabha", "Asia/Kolkata")),
        ("Deutscher Bundestag\nStenografischer Bericht", None, ("Deutscher Bundestag", "Europe/Berlin")),
        ("Commonwealth of Australia\nSENATE\nOfficial Hansard", None, ("Australian Senate", "Australia/Sydney")),
        ("Parliament of Singapore - Hansard", None, ("Parliament of Singapore", "Asia/Singapore")),
        ("", "https://sprs.parl.gov.sg/search/#/sprs3topic?reportid=oral-answer-4417", ("Parliament of Singapore", "Asia/Singapore")),
        ("UNREVISED HANSARD\nNATIONAL ASSEMBLY\nTUESDAY, 24 AUGUST 2027", None, ("Parliament of South Africa", "Africa/Johannesburg")),
        ("UNREVISED HANSARD\nNATIONAL COUNCIL OF PROVINCES", None, ("Parliament of South Africa", "Africa/Johannesburg")),
        ("", "https://pmg.org.za/hansard/12345/", ("Parliament of South Africa", "Africa/Johannesburg")),
        ("[Congressional Record Volume 173, Number 98 (Tuesday, June 15, 2027)]\n[House]", None,
         ("United States Congress", "America/New_York")),
        ("[Congressional Record Volume 173, Number 98 (Tuesday, June 15, 2027)]\n[Senate]", None,
         ("United States Senate", "America/New_York")),
        ("", "https://www.congress.gov/congressional-record/volume-173/issue-98/house-section/article/H2871-1",
         ("United States Congress", "America/New_York")),
        ("Notes from a meeting", None, (None, None)),
        # A country named in a Westminster debate's title is no parliament of that country.
        ("Singapore Free Trade Agreement - Hansard - UK Parliament", None, ("UK Parliament", "Europe/London")),
        ("South Africa: Elections\nHouse of Commons", None, ("House of Commons", "Europe/London")),
        ("National Assembly", None, (None, None)),
    ],
)
def test_the_parliament_and_its_zone_come_from_the_header_or_the_address(header, url, expected):
    assert parliament_of(header, url) == expected


def test_record_lines_number_paragraphs_by_their_first_line_in_either_layout():
    blank = "Mr Speaker\n\nOrder. The House will\ncome to order.\n\nHon. Members: Hear, hear!\n"
    assert record_lines(blank) == [(1, "Mr Speaker"), (3, "Order. The House will come to order."), (6, "Hon. Members: Hear, hear!")]


def _manifest_texts() -> list[tuple[Path, str]]:
    """Every text the repository and the shared gold sets hold, with its kind as its manifest gives it."""
    found: list[tuple[Path, str]] = []
    folders = [REPO / "liveline" / "examples", *sorted((REPO / "bench" / "stories").glob("*")), *sorted(REPO.parent.glob("shared/gold*"))]
    for folder in folders:
        manifest = folder / "sources.toml"
        kinds: dict[str, str] = {}
        if manifest.exists():
            for source in tomllib.loads(manifest.read_text(encoding="utf-8")).get("source", []):
                if "file" in source:
                    kinds[Path(source["file"]).name] = source.get("kind", "liveblog")
        for path in sorted(folder.glob("*.txt")):
            found.append((path, kinds.get(path.name, "liveblog")))
    return found


def test_no_live_blog_or_article_in_the_repository_is_taken_for_a_record():
    texts = _manifest_texts()
    blogs = [path for path, kind in texts if kind != "transcript"]
    assert len(blogs) >= 5
    taken = [path.name for path in blogs if looks_like_record(record_lines(path.read_text(encoding="utf-8")))]
    assert taken == []
    records = [path for path, kind in texts if kind == "transcript"]
    assert all(looks_like_record(record_lines(path.read_text(encoding="utf-8"))) for path in records)


@pytest.mark.parametrize("text", [COMMONS, SCOTTISH, AUSTRALIAN])
def test_each_layout_is_taken_for_a_record(text):
    assert looks_like_record(record_lines(text))


CANADIAN = dedent("""
    House of Commons Debates
    44th Parliament, 1st Session
    Monday, January 27, 2025
    Oral Questions
    Carbon Pricing
    Hon. Pierre Poilievre (Leader of the Opposition, CPC):
    Mr. Speaker, the Prime Minister has said one thing and done another.
    Will he call an election?
    (1415)
    Right Hon. Justin Trudeau (Prime Minister, Lib.):
    Mr. Speaker, we will keep working for Canadians.
    Some hon. members: Oh, oh!
    [Translation]
    Mr. Yves-François Blanchet (Beloeil—Chambly, BQ):
    Mr. Speaker, Quebec wants answers.
""")
IRISH = dedent("""
    Dáil Éireann debate - Wednesday, 15 Jan 2025
    Leaders' Questions
    Deputy Mary Lou McDonald: The housing crisis is getting worse, Taoiseach.
    The Taoiseach: I do not accept that.
    An Ceann Comhairle: Thank you, Deputy.
    Sitting suspended at 1.30 p.m. and resumed at 2.30 p.m.
    Minister for Housing, Local Government and Heritage (Deputy James Browne): We are building more homes.
""")
NEW_ZEALAND = dedent("""
    New Zealand Parliament
    Wednesday, 12 February 2025
    Prime Minister—Statements
    1. Hon CHRIS HIPKINS (Leader of the Opposition) to the Prime Minister: Does he stand by all his statements?
    Rt Hon CHRISTOPHER LUXON (Prime Minister): Yes, in the context in which they were made.
    SPEAKER: Order!
    Hon Members: Hear, hear!
""")
LORDS = dedent("""
    House of Lords
    Thursday 16 January 2025
    Immigration: Asylum Hotels
    Question
    11.15 am
    Asked by Lord Jackson of Peterborough
    To ask His Majesty’s Government what plans they have to close asylum hotels.
    The Minister of State, Home Office (Lord Hanson of Flint) (Lab)
    My Lords, the Government are committed to closing asylum hotels.
    Lord Jackson of Peterborough (Con)
    My Lords, I thank the Minister for his reply.
    Noble Lords: Hear, hear!
    Baroness Smith of Basildon (Lab)
    My Lords, the Leader of the House will answer that.
""")


@pytest.mark.parametrize(
    ("text", "parliament", "zone", "turns", "first_time"),
    [
        (CANADIAN, "House of Commons of Canada", "America/Toronto",
         [("Pierre Poilievre", "Leader of the Opposition", 2), ("Justin Trudeau", "Prime Minister", 1), ("Yves-François Blanchet", "Beloeil—Chambly, BQ", 1)],
         (1, dt.datetime(2025, 1, 27, 19, 15, tzinfo=dt.UTC))),
        (IRISH, "Dáil Éireann", "Europe/Dublin",
         [("Mary Lou McDonald", None, 1), (None, "Taoiseach", 1), (None, "Ceann Comhairle", 1),
          ("James Browne", "Minister for Housing, Local Government and Heritage", 1)],
         (3, dt.datetime(2025, 1, 15, 14, 30, tzinfo=dt.UTC))),  # "resumed at 2.30 p.m." times the next turn
        (NEW_ZEALAND, "New Zealand Parliament", "Pacific/Auckland",
         [("Chris Hipkins", "Leader of the Opposition", 1), ("Christopher Luxon", "Prime Minister", 1), (None, "Speaker", 1)], None),
        (LORDS, "House of Lords", None,
         [("Lord Hanson of Flint", "Minister of State, Home Office", 1), ("Lord Jackson of Peterborough", "Con", 1), ("Baroness Smith of Basildon", "Lab", 1)],
         (0, None)),
    ],
    ids=["ottawa", "dail", "wellington", "lords"],
)
def test_records_of_other_parliaments_are_read_into_turns(text, parliament, zone, turns, first_time):
    reading = read_record(record_lines(text), "record.txt")
    assert reading.parliament == parliament and reading.zone == zone
    assert [(p.author, p.author_role, len(p.paragraphs)) for p in reading.posts] == turns
    timed = [(i, p.published) for i, p in enumerate(reading.posts) if p.published]
    if first_time is None:
        assert timed == []
    else:
        index, utc = first_time
        assert timed[0][0] == index and timed[0][1] is not None and timed[0][1].utc == utc
    assert looks_like_record(record_lines(text))


@pytest.mark.parametrize(
    ("line", "clock"),
    [
        ("(1100/SNT/RK)", (11, 0)),  # the Lok Sabha's reporters' code: the time, then their initials
        ("(1405)", (14, 5)),
        ("{time}  1415", (14, 15)),  # the Congressional Record
        ("Beginn: 9.00 Uhr", (9, 0)),  # the Bundestag
        ("(Beginn: 9.01 Uhr)", (9, 1)),
        ("12.02 hrs", (12, 2)),
        ("[2.34 p.m.]", (14, 34)),
        ("(1100/SNT/RK) The Minister", None),
        ("Rs. 1100 crore", None),
        ("Beginn der Aussprache", None),
    ],
)
def test_printed_times_of_each_parliament_are_read(line, clock):
    assert time_stamp(line) == clock


@pytest.mark.parametrize(
    ("line", "clock"),
    [
        ("The House met at 14:00.", (14, 0)),
        ("(The sitting was suspended at 12.50 and resumed at 15.00)", (15, 0)),
        ("(The sitting opened at 9.00)", (9, 0)),
        ("Sitting suspended at 1.30 p.m. and resumed at 2.30 p.m.", (14, 30)),
        ("(At 4:12 p.m., the Senate was continued until tomorrow at 2 p.m.)", None),  # it ends there
        ("The House adjourned at 17:42.", None),
    ],
)
def test_the_time_a_sitting_starts_or_resumes_is_read_from_its_procedural_line(line, clock):
    assert sitting_time(line) == clock


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("On resuming—", "procedural"),
        ("On resuming (Mr Speaker in the Chair) —", "procedural"),
        ("Debate concluded.", "procedural"),
        ("Division demanded.", "procedural"),
        ("The meeting ended at 18:02.", "procedural"),
        ("The House then adjourned at 5.42 pm.", "procedural"),
        ("The Lok Sabha then adjourned for Lunch till Fourteen of the Clock.", "procedural"),
        ("The House immediately resolved itself into a Committee on the Bill. – [Dr Tan Boon Seng].", "procedural"),
        ("The Clerk read the title of the bill.", "procedural"),
        ("There was no objection.", "procedural"),
        ("A motion to reconsider was laid on the table.", "procedural"),
        ("… (Interruptions)", "interruption"),
        ("… (Interruptions)*", "interruption"),
        ("[Applause.]", "interruption"),
        ("The House divided on this last year and the result was close, as everyone here will remember well.", None),
        ("On resuming my seat I was told the minister had gone.", None),
        ("Debate concluded in a row that still divides the parties in this House.", None),
    ],
)
def test_procedural_lines_and_cries_are_furniture_and_speech_is_not(line, kind):
    assert furniture_of(line) == kind


@pytest.mark.parametrize(
    ("paragraph", "speech"),
    [
        ("Hon Speaker, this budget protects the social grants. [Applause.]", "Hon Speaker, this budget protects the social grants."),
        ("Our people cannot eat a spending ceiling. [Time expired.]", "Our people cannot eat a spending ceiling."),
        ("Sir, we released an advance. … (Interruptions) We will release more.", "Sir, we released an advance. We will release more."),
        ("[Interjections.]", ""),
        ("The report (laid in 2025) is clear.", "The report (laid in 2025) is clear."),
        ("He said [the Minister] was wrong.", "He said [the Minister] was wrong."),
    ],
)
def test_the_houses_cries_inside_a_speech_paragraph_are_cut_from_it(paragraph, speech):
    assert without_cries(paragraph) == speech


SOUTH_AFRICA = dedent("""
    UNREVISED HANSARD
    NATIONAL ASSEMBLY
    TUESDAY, 24 AUGUST 2027
    The House met at 14:00.
    The Speaker took the Chair and requested members to observe a moment of silence for prayer or meditation.
    The MINISTER OF FINANCE: Hon Speaker, this budget protects the social grants. [Applause.]
    Mr T N DLAMINI: Hon Speaker, the grant has not kept pace with food prices. [Interjections.]
    The SPEAKER: Order, hon members!
    Debate concluded.
    Division demanded.
""")


def test_a_south_african_record_is_timed_in_johannesburg_and_keeps_no_cries_or_procedure():
    reading = read_record(record_lines(SOUTH_AFRICA), "za.txt")
    assert (reading.parliament, reading.zone, reading.stated_date) == ("Parliament of South Africa", "Africa/Johannesburg", dt.date(2027, 8, 24))
    assert [[p.text for p in post.paragraphs] for post in reading.posts] == [
        ["Hon Speaker, this budget protects the social grants."],
        ["Hon Speaker, the grant has not kept pace with food prices."],
        ["Order, hon members!"],
    ]
    first = reading.posts[0].published
    assert first is not None and first.utc == dt.datetime(2027, 8, 24, 12, 0, tzinfo=dt.UTC)  # "met at 14:00", SAST


def test_a_record_of_no_known_parliament_says_its_times_are_read_as_uk_time():
    text = SOUTH_AFRICA.replace("UNREVISED HANSARD\nNATIONAL ASSEMBLY\n", "")
    reading = read_record(record_lines(text), "record.txt")
    assert reading.parliament is None and reading.zone is None
    assert any("UK time" in w and "--tz" in w for w in reading.warnings)
    assert "--tz" not in reading.explanation[0] and "assumed" in reading.explanation[0]


def test_a_known_parliaments_zone_is_not_said_to_come_from_tz():
    reading = read_record(record_lines(SOUTH_AFRICA), "za.txt")
    assert "(--tz)" not in reading.explanation[0] and not any("UK time" in w for w in reading.warnings)
    assert "(--tz)" in read_record(record_lines(SOUTH_AFRICA), "za.txt", zone="Asia/Tokyo").explanation[0]


def test_the_chair_named_by_a_line_of_the_record_speaks_its_later_turns():
    text = dedent("""
        European Parliament
        Wednesday, 21 April 2027
        President. – The next item is the Commission statement.
        Marco Bellandi (PPE). – Madam President, farmers cannot wait.
        Ana Lopes Ventura (S&D). – Commissioner, water is a public good.
        IN THE CHAIR: ELENA KOUNTOURA
        President. – The debate is closed.
    """)
    reading = read_record(record_lines(text), "ep.txt")
    assert reading.posts[-1].author == "Elena Kountoura"


# A browser's text copy of a hansard.parliament.uk page: each speaker's brackets on a line of their own.
COMMONS_COPY = dedent("""
    Commons Chamber
    Reservoir Outage
    Volume 771: debated on Monday 14 June 2027

    3.31 pm

    Fiona Carradine

    (Westmorland Fells) (LD)

    (Urgent Question): To ask the Secretary of State if she will make a statement on the outage.

    The Secretary of State for Environment, Food and Rural Affairs

    (Sarah Ondaatje)

    I thank the hon. Member for her question. Supply will be back by Wednesday.

    Fiona Carradine

    Will the company pay compensation for every day without water?

    Sarah Ondaatje

    Yes, and it will be paid automatically.

    (Laughter)

    Madam Deputy Speaker (Mairead Colfer)

    I call the shadow Secretary of State.
""")


def test_a_browsers_copy_of_a_commons_page_joins_each_speaker_to_their_brackets():
    reading = read_record(record_lines(COMMONS_COPY), "copy.txt")
    turns = [(post.author, post.author_role, post.paragraphs[0].text[:20]) for post in reading.posts]
    assert turns == [
        ("Fiona Carradine", "Westmorland Fells, LD", "To ask the Secretary"),
        ("Sarah Ondaatje", "Secretary of State for Environment, Food and Rural Affairs", "I thank the hon. Mem"),
        ("Fiona Carradine", None, "Will the company pay"),  # a bare name once it has spoken, as printed
        ("Sarah Ondaatje", None, "Yes, and it will be "),
        ("Mairead Colfer", "Deputy Speaker", "I call the shadow Se"),
    ]
    assert reading.posts[0].published is not None and (reading.posts[0].published.hour, reading.posts[0].published.minute) == (15, 31)


@pytest.mark.parametrize(
    ("before", "brackets", "joined"),
    [
        ("Chris Philp", "(Croydon South) (Con)", True),
        ("Dr Leah Abernethy", "(Furness and Cartmel) (Lab)", True),
        ("The Secretary of State for Transport", "(Jane Doe)", True),
        ("Lord Hanson of Flint", "(Lab)", True),
        # a bracketed aside inside a speech, or after a heading, stays where it is
        ("I will give way to the hon. Gentleman.", "(Laughter)", False),
        ("We have all read the report", "(published in 2025)", False),
        ("Grooming Gangs", "(Amendment)", False),
        ("Chris Philp (Croydon South) (Con)", "(Interruption)", False),
        ("Statement", "(Grooming Gangs)", False),
        ("Ordered,", "(Jane Doe)", False),
    ],
)
def test_a_speakers_brackets_on_the_next_line_join_it_and_an_aside_does_not(before, brackets, joined):
    lines = record_lines(f"{before}\n\n{brackets}\n\nThe speech itself.\n")
    assert (len(lines) == 2) == joined
    if joined:
        assert lines[0] == (1, f"{before} {brackets}")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("The Committee deliberated in private.", "procedural"),
        ("Adjourned till Thursday 17 June at half-past Eleven o’clock.", "procedural"),
        ("Adjourned until tomorrow at 9.30 am.", "procedural"),
        ("Interruptions.", "interruption"),
        ("Applause", "interruption"),
        ("The committee deliberated for months before it reached its verdict on the scheme and its costs.", None),
        ("Adjourning the debate would be a mistake.", None),
        ("Interruptions are not in order.", None),
    ],
)
def test_a_committees_and_the_dails_procedural_lines_are_furniture(line, kind):
    assert furniture_of(line) == kind


COMMITTEE = dedent("""
    House of Commons
    Public Bill Committee
    Tuesday 15 June 2027
    [Mrs Pauline Everard in the Chair]
    The Chair: We will now hear oral evidence from our first panel.
    Dr Rao (Tenancy Evidence Unit): Good afternoon.
    Mark Dowse (Tarnley) (Con): How many disputes reach adjudication?
    Dr Rao: Fewer than one in ten.
    The Chair: Order. That brings us to the end of the session.
    The Committee deliberated in private.
    Adjourned till Thursday 17 June at half-past Eleven o’clock.
""")


def test_the_member_named_in_the_chair_speaks_the_chairs_turns_and_the_committees_procedure_is_no_speech():
    reading = read_record(record_lines(COMMITTEE), "pbc.txt")
    chair = [post for post in reading.posts if post.author_role == "Chair"]
    assert [post.author for post in chair] == ["Pauline Everard", "Pauline Everard"]
    assert [p.text for p in chair[-1].paragraphs] == ["Order. That brings us to the end of the session."]


@pytest.mark.parametrize(
    ("first", "speech"),
    [
        ("Q1. [905500] If he will list his official engagements for Wednesday 9 June.", "If he will list his official engagements for Wednesday 9 June."),
        ("[905512] Will the Prime Minister meet me?", "Will the Prime Minister meet me?"),
        ("T2. [905520] What steps is she taking?", "What steps is she taking?"),
        ("[2027] was a hard year for my constituents.", "[2027] was a hard year for my constituents."),
        ("(Urgent Question): To ask the Secretary of State if she will make a statement.",
         "To ask the Secretary of State if she will make a statement."),
        ("(a) the first point is cost.", "(a) the first point is cost."),
    ],
)
def test_a_questions_number_order_paper_reference_and_label_are_not_the_members_words(first, speech):
    text = f"House of Commons\nWednesday 9 June 2027\nMark Hollis (Tarnley) (Con)\n{first}\nThe Prime Minister (Keir Doe)\nI will.\n"
    reading = read_record(record_lines(text), "pmqs.txt")
    assert reading.posts[0].paragraphs[0].text == speech


def test_the_motion_agreed_is_printed_under_motion_agreed_to_and_is_no_ones_speech():
    text = dedent("""
        Meeting of the Parliament
        Tuesday 29 September 2027
        Fergus Ainslie (Caithness, Sutherland and Ross) (SNP): I move the motion in my name.
        Motion agreed to,
        That the Parliament recognises the importance of crofting to the Highlands and Islands.
        The Presiding Officer (Alison Johnstone): That concludes decision time.
    """)
    reading = read_record(record_lines(text), "holyrood.txt")
    assert [(post.author, post.author_role) for post in reading.posts] == [
        ("Fergus Ainslie", "Caithness, Sutherland and Ross, SNP"), ("Alison Johnstone", "Presiding Officer"),
    ]
    assert [p.text for p in reading.posts[0].paragraphs] == ["I move the motion in my name."]


def test_a_lords_amendment_as_printed_is_the_records_and_its_time_opens_the_movers_speech():
    text = dedent("""
        House of Lords
        Tuesday 11 May 2027
        Community Energy Bill [HL]
        Lord Pendry of Holm (Lab): My Lords, we come to the next group.
        3.45 pm
        Amendment 12
        Moved by
        Baroness Threlkeld
        12: Clause 4, page 3, line 11, leave out “may” and insert “must”
        Member’s explanatory statement
        This amendment would require the operator to give priority connection.
        Baroness Threlkeld (LD): My Lords, in moving Amendment 12 I shall speak also to Amendment 14.
        Moved by compassion, I ask the Minister to accept it.
        Amendment 12 agreed.
        Amendment 15
        Moved by Lord Fenwick-Hale
        15: After Clause 4, insert the following new Clause—
        Lord Fenwick-Hale (Con): My Lords, this probing amendment asks a question.
    """)
    reading = read_record(record_lines(text), "lords.txt")
    assert [(post.author, [p.text for p in post.paragraphs]) for post in reading.posts] == [
        ("Lord Pendry of Holm", ["My Lords, we come to the next group."]),
        ("Baroness Threlkeld", ["My Lords, in moving Amendment 12 I shall speak also to Amendment 14.",
                                "Moved by compassion, I ask the Minister to accept it."]),
        ("Lord Fenwick-Hale", ["My Lords, this probing amendment asks a question."]),
    ]
    stamp = reading.posts[1].published
    assert stamp is not None and (stamp.hour, stamp.minute) == (15, 45)
