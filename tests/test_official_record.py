"""The official record (issue 22): a parliament's transcript as a source, and live-blog quotes
checked against it, tried as a reader would through the `liveline` command.

The story is bench/stories/debate-day (a fictional Commons statement told by the Hansard text,
a live blog whose posts lost their times, and an agency article; NOTES.md there says what is
planted where). The saved pages are tests/fixtures/records (one Commons debate page, one
Australian House Hansard fragment, each with an .expected.json of its turns). Every fact
checked here is read from those gold files, never written into a test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.stories.build import build
from liveline.cli.main import main
from tests.conftest import REPO

STORY = REPO / "bench" / "stories" / "debate-day"
RECORDS = REPO / "tests" / "fixtures" / "records"
PAGES = sorted(RECORDS.glob("*.html"))
RECORD_SOURCE = "hansard_2027-09-15_exam-marking"
BLOG_SOURCE = "courier_2027-09-15_exam-marking"

# The bar for held-out pages: turns and their speakers right for at least 90 % of turns.
MIN_TURNS_RIGHT = 0.90
# A page read into a few more or fewer posts than it has turns is misread even when the
# turns found are right: at most one in ten off (one on these eleven-turn pages).
MAX_TURN_COUNT_ERROR = 0.10

# Titles a transcript prints before a name and a reader may keep or drop ("Dame Cecily
# Strand" and "Cecily Strand" are one member; "Mr PEARCE" is "Mr Pearce").
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "the", "hon", "rt", "right", "senator"}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _words(text: str | None) -> list[str]:
    """Words to compare texts by: lower case, curly and straight apostrophes alike, no punctuation."""
    text = (text or "").replace("’", "'").replace("‘", "'").lower()
    return re.findall(r"[a-z0-9£]+(?:'[a-z]+)?", text)


def _said(text: str | None) -> str:
    return " ".join(_words(text))


def _person(name: str | None) -> str:
    """A name without its honorifics, lower case: what two spellings of one member share."""
    return " ".join(word for word in _words(name) if word not in _HONORIFICS)


def _same_person(found: str | None, expected: str) -> bool:
    """A reader's name for a member is right when it is the expected name, with or without
    honorifics, or its surname-final part (a record printing "Mr PEARCE" names no first name)."""
    got, want = _person(found).split(), _person(expected).split()
    if not got or not want:
        return False
    return got == want or got[-len(want) :] == want or want[-len(got) :] == got


GOLD_LINES = _jsonl(STORY / "lines.jsonl")
GOLD_POSTS = {post["post"]: post for post in _jsonl(STORY / "posts.jsonl")}
PEOPLE = {person["name"]: person for person in json.loads((STORY / "people.json").read_text(encoding="utf-8"))}
QUOTES = json.loads((STORY / "quotes.json").read_text(encoding="utf-8"))
TEXTS = {path.stem: path.read_text(encoding="utf-8").split("\n") for path in STORY.glob("*.txt")}


def _is(person: dict, gold_name: str) -> bool:
    """Whether a person of the timeline (name, role, aliases) is the gold person."""
    gold = PEOPLE[gold_name]
    names = {_person(gold_name)} | {_person(alias) for alias in gold["aliases"]}
    # Their name among the gold names, or the gold name among their aliases; never alias
    # against alias (a misread person collecting "the Education Secretary" is not her).
    if _person(person["name"]) in names - {""} or _person(gold_name) in {_person(alias) for alias in person["aliases"]}:
        return True
    # A chair the record names only by office ("Mr Speaker") is whoever the reader made of
    # that office: a person named or roled Speaker, never the Deputy Speaker.
    if gold_name == "Mr Speaker":
        offices = (_said(person["name"]), _said(person["role"]))
        return any("speaker" in office and "deputy" not in office for office in offices)
    return False


def _query(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _people(db: Path) -> dict[int, dict]:
    return {
        row["id"]: {"name": row["name"], "role": row["role"], "aliases": json.loads(row["aliases"] or "[]")}
        for row in _query(db, "SELECT id, name, role, aliases FROM people")
    }


def _speakers_at(db: Path, source: str, line: int, how: str | None = None) -> list[dict]:
    """The people the timeline credits with the paragraph holding a source line."""
    people = _people(db)
    rows = _query(
        db,
        "SELECT ps.person_id, ps.how FROM paragraphs pa JOIN sources s ON s.id = pa.source_id "
        "JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id "
        "WHERE s.name = ? AND pa.line <= ? AND ? <= COALESCE(pa.end_line, pa.line)",
        source, line, line,
    )
    return [people[row["person_id"]] for row in rows if how is None or row["how"] == how]


@pytest.fixture(scope="module")
def story_db(tmp_path_factory) -> Path:
    """The debate-day manifest ingested once, as a reader would: `liveline ingest --manifest`."""
    path = tmp_path_factory.mktemp("debate-day") / "timeline.db"
    assert main(["ingest", "--manifest", str(STORY / "sources.toml"), "--db", str(path)]) == 0
    return path


def _run(capsys, *args: object) -> str:
    code = main([str(arg) for arg in args])
    out = capsys.readouterr().out
    assert code == 0, f"liveline {' '.join(map(str, args))} exited {code}"
    return out


# The fixtures themselves: a test that passes today and keeps them honest.


def test_the_story_files_are_what_its_hand_tables_say(tmp_path):
    copy = tmp_path / "debate-day"
    shutil.copytree(STORY, copy)
    build(copy)
    for built in sorted(copy.glob("*.txt")) + [copy / "lines.jsonl", copy / "posts.jsonl"]:
        assert built.read_bytes() == (STORY / built.name).read_bytes(), f"{built.name} is stale: run python -m bench.stories.build"


def test_every_planted_quote_is_on_its_line_and_every_record_page_turn_where_it_says():
    for quote in QUOTES:
        assert quote["quote"] in TEXTS[quote["source"]][quote["line"] - 1], quote
        assert quote["verdict"] in ("verbatim", "close", "absent")
        if quote["verdict"] == "verbatim":
            record = _said(" ".join(TEXTS[RECORD_SOURCE]))
            assert _said(quote["quote"]) in record, quote
    for page in PAGES:
        html = page.read_text(encoding="utf-8").split("\n")
        expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
        for turn in expected["turns"]:
            assert any(turn["first_words"] in line for line in html[turn["line"] - 1 :]), (page.name, turn)


# 1. Every turn of the record is its member's, and the blog's "the Education Secretary" is her.


def test_every_paragraph_of_every_turn_is_its_members_by_the_record(story_db):
    wrong = []
    turns = [r for r in GOLD_LINES if r["source"] == RECORD_SOURCE and r["part"] == "body" and not r["post"].endswith("-header")]
    assert len({r["post"] for r in turns}) >= 14
    for record in turns:
        (member,) = record["speakers"]
        credited = _speakers_at(story_db, RECORD_SOURCE, record["line"], how="transcript")
        if len(credited) != 1 or not _is(credited[0], member):
            wrong.append((record["line"], member, [p["name"] for p in credited]))
    assert wrong == [], f"record lines not credited to their member with how='transcript': {wrong}"


def test_the_record_reads_each_turn_as_a_post_with_the_members_name(story_db):
    posts = _query(
        story_db,
        "SELECT p.first_line, p.author, p.author_role FROM posts p JOIN sources s ON s.id = p.source_id "
        "WHERE s.name = ? AND p.kind != 'header' ORDER BY p.seq",
        RECORD_SOURCE,
    )
    assert _query(story_db, "SELECT kind FROM sources WHERE name = ?", RECORD_SOURCE)[0]["kind"] == "transcript"
    gold = [p for p in GOLD_POSTS.values() if p["source"] == RECORD_SOURCE and not p["post"].endswith("-header")]
    assert len(posts) == len(gold)
    first_body = {}
    for record in GOLD_LINES:
        if record["source"] == RECORD_SOURCE and record["part"] == "body":
            first_body.setdefault(record["post"], record)
    for post, gold_post in zip(posts, sorted(gold, key=lambda p: p["chron"]), strict=True):
        (member,) = first_body[gold_post["post"]]["speakers"]
        if member == "Mr Speaker":  # named only by office: no name, the office as role
            assert not post["author"] and "speaker" in _said(post["author_role"]), dict(post)
        else:
            assert _same_person(post["author"], member), (dict(post), member)
    # "The Secretary of State for Education (Helen Marr)" is Helen Marr with her office as role.
    minister = [p for p in posts if _same_person(p["author"], "Helen Marr")]
    assert any("secretary of state for education" in _said(p["author_role"]) for p in minister)


def test_the_ministers_office_becomes_her_role_and_the_blogs_education_secretary_is_her(story_db):
    marr = [p for p in _people(story_db).values() if _is(p, "Helen Marr")]
    assert len(marr) == 1, [p["name"] for p in marr]
    offices = [_said(marr[0]["role"])] + [_said(alias) for alias in marr[0]["aliases"]]
    assert any(office.endswith("education secretary") for office in offices), marr[0]
    by_role = [
        r for r in GOLD_LINES
        if r["source"] == BLOG_SOURCE and r.get("speakers") == ["Helen Marr"]
        and "Education Secretary" in TEXTS[BLOG_SOURCE][r["line"] - 1]
    ]
    assert by_role
    for record in by_role:
        credited = _speakers_at(story_db, BLOG_SOURCE, record["line"])
        assert any(_is(p, "Helen Marr") for p in credited), (TEXTS[BLOG_SOURCE][record["line"] - 1], credited)


# 2. The live blog's untimed posts borrow their times from the turns they quote.


def _turn_times() -> dict[str, str]:
    """Event -> the printed time of the record turn anchoring it (only turns that print one)."""
    times = {}
    for record in GOLD_LINES:
        post = GOLD_POSTS[record["post"]]
        if record["source"] == RECORD_SOURCE and record.get("event") and post["published"]:
            times[record["event"]] = post["published"]
    return times


def _export_marks(markdown: str, outlet: str) -> list[tuple[str, str]]:
    """(mark, words) of every exported entry of one outlet: "- `≈12:31` **Who**: text — *Outlet*"."""
    entries = []
    for line in markdown.splitlines():
        match = re.match(r"^- `([^`]+)` (.*) — \*(.+?)\*\s*$", line)
        if match and match[3].replace("\\", "") == outlet:
            entries.append((match[1], _said(match[2].replace("\\", ""))))
    return entries


def test_untimed_blog_posts_quoting_the_record_show_the_quoted_turns_time(story_db, capsys):
    entries = _export_marks(_run(capsys, "export", "-o", "-", "--db", story_db), "The Courier")
    assert entries
    times = _turn_times()
    gold_at = {(r["source"], r["line"]): r for r in GOLD_LINES}
    checked, wrong = 0, []
    for quote in QUOTES:
        event = gold_at[(quote["source"], quote["line"])].get("event")
        if quote["source"] != BLOG_SOURCE or quote["verdict"] == "absent" or event not in times:
            continue
        expected = "≈" + times[event]
        text = _said(TEXTS[BLOG_SOURCE][quote["line"] - 1])
        marks = [mark for mark, words in entries if text in words]
        checked += 1
        if marks != [expected]:
            wrong.append((quote["line"], expected, marks, TEXTS[BLOG_SOURCE][quote["line"] - 1][:60]))
    assert checked >= 8
    assert wrong == [], f"blog paragraphs quoting a timed turn without its borrowed time: {wrong}"


def test_print_shows_the_borrowed_time_beside_the_blog(story_db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # one paragraph a line
    out = _run(capsys, "print", "--db", story_db)
    statement = _turn_times()["marr-statement"]
    assert re.search(rf"≈{statement}\s+The Courier", out), "no Courier post shows the statement's time, borrowed"


# 3. `liveline quotes --check` gives the planted verdict for every planted quote.

_VERDICTS = {
    "verbatim": "verbatim", "exact": "verbatim",
    "close": "close", "altered": "close",
    "absent": "absent", "not found": "absent", "not_found": "absent", "not-found": "absent", "missing": "absent",
}


def _quoted(row_quote: str, planted: str) -> bool:
    got, want = _said(row_quote), _said(planted)
    return bool(got) and (got == want or got in want or want in got)


def test_quote_check_gives_the_planted_verdict_for_every_planted_quote(story_db, capsys):
    rows = json.loads(_run(capsys, "quotes", "--check", "--json", "--db", story_db))
    assert isinstance(rows, list) and rows
    keys = {"speaker", "outlet", "source", "line", "time", "quote", "verdict", "record", "record_speaker", "diff"}
    assert keys <= set(rows[0]), sorted(rows[0])
    wrong = []
    for planted in QUOTES:
        found = [
            row for row in rows
            if Path(str(row["source"])).stem == planted["source"] and row["line"] == planted["line"]
            and _quoted(row["quote"], planted["quote"])
        ]
        if len(found) != 1:
            wrong.append((planted["source"][:7], planted["line"], planted["quote"][:40], f"{len(found)} rows"))
            continue
        (row,) = found
        verdict = _VERDICTS.get(str(row["verdict"]).strip().lower(), row["verdict"])
        if verdict != planted["verdict"]:
            wrong.append((planted["source"][:7], planted["line"], planted["quote"][:40], verdict, planted["verdict"]))
        elif verdict != "absent" and not _same_person(row["record_speaker"], planted["record_speaker"]):
            wrong.append((planted["line"], planted["quote"][:40], "record_speaker", row["record_speaker"]))
        elif verdict == "close" and not row["diff"]:
            wrong.append((planted["line"], planted["quote"][:40], "close without a diff"))
        elif verdict == "verbatim" and _said(planted["quote"]) not in _said(row["record"]):
            wrong.append((planted["line"], planted["quote"][:40], "record wording missing", row["record"]))
        elif verdict == "close" and not _said(row["record"]):
            wrong.append((planted["line"], planted["quote"][:40], "no record wording"))
    assert wrong == [], f"{len(wrong)} of {len(QUOTES)} planted quotes misjudged: {wrong}"


def test_quote_check_as_a_table_names_speakers_outlets_and_verdicts(story_db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    out = _run(capsys, "quotes", "--check", "--db", story_db)
    for word in ("Helen Marr", "Laura Fenwick", "The Courier", "Press Wire", "verbatim", "close"):
        assert word in out, word


# 4. Saved pages of two parliaments' websites: turns, speakers, times, and no furniture as a turn.


def _expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _read_page(tmp_path: Path, page: Path, kind: str | None) -> Path:
    db = tmp_path / "record.db"
    args = ["ingest", str(page), "--outlet", "Saved record", "--db", str(db)] + (["--kind", kind] if kind else [])
    assert main(args) == 0, f"{page.name} was not read"
    return db


def _turns_read(db: Path) -> list[dict]:
    posts = _query(
        db,
        "SELECT id, author, author_role, stated_at, headline FROM posts WHERE kind != 'header' ORDER BY seq",
    )
    read = []
    people = _people(db)
    for post in posts:
        paragraphs = _query(db, "SELECT id, part, text FROM paragraphs WHERE post_id = ? ORDER BY seq", post["id"])
        credited = [
            people[row["person_id"]]
            for row in _query(
                db,
                "SELECT DISTINCT ps.person_id FROM paragraph_speakers ps JOIN paragraphs pa ON pa.id = ps.paragraph_id "
                "WHERE pa.post_id = ? AND ps.how = 'transcript'",
                post["id"],
            )
        ]
        read.append({**dict(post), "paragraphs": [dict(p) for p in paragraphs], "credited": credited})
    return read


def _speaker_right(turn: dict, expected: dict) -> bool:
    if expected["speaker"]:
        names = [turn["author"]] + [p["name"] for p in turn["credited"]]
        return any(_same_person(name, expected["speaker"]) for name in names)
    office = _said(expected["role"])
    return not turn["author"] and office in _said(turn["author_role"])


def _match(turns: list[dict], expected: dict) -> dict | None:
    """The turn read whose first speech paragraph holds the expected turn's first words."""
    want = _said(expected["first_words"])
    for turn in turns:
        body = [p["text"] for p in turn["paragraphs"] if p["part"] == "body"]
        if body and want in _said(body[0]):
            return turn
    return None


@pytest.mark.parametrize("kind", [None, "transcript"], ids=["detected", "told"])
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_a_saved_record_page_is_read_turn_by_turn_with_its_speakers(tmp_path, page, kind):
    expected = _expected(page)
    db = _read_page(tmp_path, page, kind)
    (source,) = _query(db, "SELECT kind, date FROM sources")
    assert source["kind"] == "transcript"
    assert source["date"] == expected["date"]
    turns = _turns_read(db)
    wanted = expected["turns"]
    assert abs(len(turns) - len(wanted)) <= MAX_TURN_COUNT_ERROR * len(wanted), f"{len(turns)} posts for {len(wanted)} turns"
    misread = [t["first_words"][:40] for t in wanted if not ((turn := _match(turns, t)) and _speaker_right(turn, t))]
    assert len(wanted) - len(misread) >= MIN_TURNS_RIGHT * len(wanted), f"turns misread: {misread}"


@pytest.mark.parametrize("kind", [None, "transcript"], ids=["detected", "told"])
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_printed_time_of_a_saved_record_is_read_in_its_parliaments_zone(tmp_path, page, kind):
    expected = _expected(page)
    zone = ZoneInfo(expected["zone"])
    turns = _turns_read(_read_page(tmp_path, page, kind))
    wrong = []
    for want in expected["turns"]:
        turn = _match(turns, want)
        stated = turn and turn["stated_at"]
        if want["time"] is None:
            if stated:  # a turn between two stamps has no time of its own: never invent one
                wrong.append((want["first_words"][:30], "invented", stated))
            continue
        if not stated:
            wrong.append((want["first_words"][:30], want["time"], None))
            continue
        local = dt.datetime.fromisoformat(stated.replace("Z", "+00:00")).astimezone(zone)
        if (local.strftime("%H:%M"), local.date().isoformat()) != (want["time"], expected["date"]):
            wrong.append((want["first_words"][:30], want["time"], local.isoformat()))
    assert wrong == []


@pytest.mark.parametrize("kind", [None, "transcript"], ids=["detected", "told"])
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_no_procedural_line_of_a_saved_record_is_taken_for_a_turn(tmp_path, page, kind):
    expected = _expected(page)
    turns = _turns_read(_read_page(tmp_path, page, kind))
    taken = []
    for turn in turns:
        texts = [p["text"] for p in turn["paragraphs"]] + [turn["headline"] or "", turn["author"] or ""]
        for furniture in expected["procedural"]:
            if any(" ".join(furniture.split()) in " ".join(text.split()) for text in texts):
                taken.append(furniture)
        if "members" in _said(turn["author"]):  # "Hon. Members", "Several hon. Members": nobody's turn
            taken.append(turn["author"])
    assert taken == []


# 5. The README says what is read and how to check quotes.

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_documents_the_transcript_layouts_read():
    text = README.lower()
    assert "--kind transcript" in text, "the README does not show `--kind transcript`"
    assert "hansard" in text, "the README names no Hansard layout"
    assert re.search(r"\w+ \([^)]+\) \((?:con|lab|ld|snp|green|reform)\)", text), "no 'Name (Seat) (Party)' speaker line"
    assert re.search(r"the secretary of state for [^()]+ \([^)]+\)", text), "no 'The Secretary of State for X (Name)' line"
    assert re.search(r"\b\d{1,2}\.\d\d [ap]\.?m\b", text), "no time stamp such as 12.31 pm"
    for furniture in ("deputy speaker", "[interruption.]", "hear, hear"):
        assert furniture in text, f"the README shows no {furniture!r}"


def test_the_readme_documents_quotes_check_with_an_example_of_its_output():
    assert "liveline quotes --check" in README, "the README does not mention `liveline quotes --check`"
    at = README.find("$ liveline quotes --check")
    assert at >= 0, "the README shows no run of `liveline quotes --check`"
    after = README[README.rfind("```", 0, at) : at + 4000]  # the example's block, from its fence
    block = re.search(r"```.*?\n(.*?)```", after, re.S)
    assert block, "no example output after `quotes --check`"
    shown = block[1].lower()
    assert "verbatim" in shown and "close" in shown, "the example shows no verdicts"
