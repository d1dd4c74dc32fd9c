"""Quotes checked against the official record: every direct quote in the live blogs and
articles of a story, looked up in the story's record (its sources of kind "transcript").
Quotes of four words or more are looked for in the whole record; quotes of two or three
words only when the paragraph attributes them to somebody (paragraph_speakers, bylines
aside), and then only in that person's turns (record_match.RecordIndex.check says why).

What `liveline quotes --check` prints and what the reader's compare view marks. Headless:
SQL and text only (record_match does the matching).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

import sqlite_utils

from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import report_mark
from liveline.timeline.record_match import (
    ABSENT,
    CLOSE,
    SHORT_QUOTE_MIN_WORDS,
    VERBATIM,
    RecordIndex,
    RecordMatch,
    direct_quotes,
)
from liveline.timeline.stories import in_stories
from liveline.timeline.view import View, resolve

NO_RECORD = "no official record in this story: ingest one with --kind transcript"
# Records kept built for the reader's compare view: one per story open at a time is the
# usual case; a few cover switching between stories without rebuilding.
KEPT_RECORDS = 4


@dataclass(frozen=True)
class Turn:
    """One member's turn in the record: the passage a quote is looked for in."""

    speaker: str | None  # the member, else the office as printed
    person_id: int | None
    text: str


@dataclass(frozen=True)
class Record:
    """A story's official record, indexed for quote look-ups."""

    story_id: int
    turns: list[Turn]
    index: RecordIndex

    def find(self, quote: str, said_by: Collection[Hashable] = ()) -> tuple[RecordMatch, Turn | None] | None:
        """The quote's verdict and the turn holding it, for a paragraph attributing it to
        `said_by` (speaker_keys of the people it names); None for a quote not judged (a
        short one nobody is named for, a single word)."""
        match = self.index.check(quote, said_by)
        if match is None:
            return None
        return match, (self.turns[match.passage] if match.passage is not None else None)


def speaker_keys(person_ids: Iterable[int], names: Iterable[str | None]) -> frozenset[Hashable]:
    """What names a speaker, for matching a paragraph's attribution to record turns: the
    people's ids, and their names folded (a turn whose member has no person row is still
    found by the name printed)."""
    return frozenset(person_ids) | {("name", name.strip().casefold()) for name in names if name and name.strip()}


@dataclass(frozen=True)
class QuoteCheck:
    """One direct quote of a live blog or article, and where it stands in the record."""

    story: str
    speakers: str | None  # whom the outlet attributes the paragraph to, "; "-joined
    outlet: str
    source: str  # the source's name (file or URL)
    line: int | None  # the paragraph's first line in the source
    time: str  # the paragraph's time mark, UK time ("16:25", "≈16:20", "--:--")
    quote: str
    verdict: str  # VERBATIM | CLOSE | ABSENT
    record: str | None  # the record's wording of it
    record_speaker: str | None  # the member whose turn holds it
    # The outlet names somebody, and the words are in another member's turn: reported as
    # that member's words, not the attributed speaker's.
    other_speaker: bool
    diff: list[tuple[str, str]] = field(default_factory=list)
    date: str = ""  # the paragraph's day (YYYY-MM-DD), which `time` alone does not say

    def as_json(self) -> dict[str, object]:
        return {
            "speaker": self.speakers, "outlet": self.outlet, "source": self.source, "line": self.line,
            "date": self.date, "time": self.time, "quote": self.quote, "verdict": self.verdict, "record": self.record,
            "record_speaker": self.record_speaker, "record_speaker_differs": self.other_speaker,
            "diff": [list(pair) for pair in self.diff],
        }


def record_stories(db: sqlite_utils.Database, story_ids: Sequence[int] = ()) -> list[int]:
    """The stories (of those given; every story when none) that hold an official record."""
    where, params = in_stories("story_id", story_ids)
    return [row[0] for row in db.execute(f"SELECT DISTINCT story_id FROM sources WHERE kind = 'transcript' AND {where} ORDER BY story_id", params)]


def story_record(db: sqlite_utils.Database, story_id: int) -> Record:
    """The story's record, each turn one passage (a quote may run across a turn's paragraphs)."""
    rows = db.execute(
        """SELECT p.id, p.author, p.author_role, pa.text,
                  (SELECT pe.id FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                    WHERE ps.paragraph_id = pa.id ORDER BY ps.how = 'transcript' DESC, ps.confidence DESC LIMIT 1),
                  (SELECT pe.name FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                    WHERE ps.paragraph_id = pa.id ORDER BY ps.how = 'transcript' DESC, ps.confidence DESC LIMIT 1)
           FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
           WHERE s.kind = 'transcript' AND s.story_id = ? AND p.kind != 'header' AND pa.part = 'body'
             AND pa.duplicate_of IS NULL
           ORDER BY s.date, s.id, p.seq, pa.seq""",
        (story_id,),
    ).fetchall()
    turns: list[Turn] = []
    texts: list[list[str]] = []
    last_post = None
    for post_id, author, role, text, person_id, person in rows:
        if post_id != last_post:
            turns.append(Turn(person or author or role, person_id, ""))
            texts.append([])
            last_post = post_id
        texts[-1].append(text or "")
    turns = [Turn(turn.speaker, turn.person_id, "\n".join(parts)) for turn, parts in zip(turns, texts, strict=True)]
    keys = [speaker_keys([] if turn.person_id is None else [turn.person_id], [turn.speaker]) for turn in turns]
    return Record(story_id, turns, RecordIndex([turn.text for turn in turns], keys))


def check_quotes(
    db: sqlite_utils.Database,
    stories: Sequence[str] = (),
    speakers: Sequence[str] = (),
    outlets: Sequence[str] = (),
) -> list[QuoteCheck]:
    """Every direct quote in the chosen stories' live blogs and articles (names, aliases
    and outlets as typed, matched as the reader matches them), checked against the story's
    record; by speaker, then outlet, then reading order.

    A --speaker keeps quotes the outlets attribute to that person and quotes found in
    that person's turns. Raises LivelineError when no chosen story holds a record."""
    resolved = resolve(db, View(stories=tuple(stories), speakers=tuple(speakers), outlets=tuple(outlets)))
    with_record = record_stories(db, resolved.story_ids)
    if not with_record:
        raise LivelineError(NO_RECORD)
    wanted_people = set(resolved.person_ids)
    wanted_names = {name.casefold() for name in resolved.speaker_names}
    checks: list[tuple[tuple[object, ...], QuoteCheck]] = []
    for story_id in with_record:
        record = story_record(db, story_id)
        story_name = db.execute("SELECT name FROM stories WHERE id = ?", (story_id,)).fetchone()[0]
        for row in _quoting_paragraphs(db, story_id, resolved.outlets):
            for quote in direct_quotes(row.text, SHORT_QUOTE_MIN_WORDS):
                found = record.find(quote.text, row.said_by)
                if found is None:
                    continue
                match, turn = found
                if wanted_people or wanted_names:
                    by_outlet = bool(wanted_people & row.person_ids)
                    in_turn = turn is not None and (turn.person_id in wanted_people or (turn.speaker or "").casefold() in wanted_names)
                    if not (by_outlet or in_turn):
                        continue
                check = QuoteCheck(
                    story=story_name, speakers=row.speakers, outlet=row.outlet, source=row.source, line=row.line,
                    time=row.time, quote=quote.text, verdict=match.verdict, record=match.wording,
                    record_speaker=turn.speaker if turn else None, other_speaker=_other_speaker(row, turn),
                    diff=match.diff, date=row.order[0],
                )
                # By speaker (the unattributed last), outlet, then reading order.
                order = ((row.speakers or "").casefold() or "\uffff", row.outlet.casefold(), row.order, row.id, quote.start)
                checks.append((order, check))
    checks.sort(key=lambda pair: pair[0])
    return [check for _, check in checks]


@dataclass(frozen=True, slots=True)
class _Quoting:
    id: int
    text: str
    line: int | None
    order: tuple[str, int]  # date, place in the combined timeline
    outlet: str
    source: str
    time: str
    speakers: str | None
    person_ids: frozenset[int]  # whom the outlet attributes it to, bylines left out
    said_by: frozenset[Hashable]  # the same people as speaker_keys


def _quoting_paragraphs(db: sqlite_utils.Database, story_id: int, outlets: Sequence[str]) -> Iterable[_Quoting]:
    """The story's live-blog and article paragraphs that may hold a quote, with who says them and when."""
    where = ["s.story_id = ?", "s.kind != 'transcript'", "p.kind != 'header'", "pa.duplicate_of IS NULL"]
    params: list[object] = [story_id]
    if outlets:
        where.append(f"s.outlet IN ({', '.join('?' * len(outlets))})")
        params += list(outlets)
    rows = db.execute(
        f"""SELECT pa.id, pa.text, pa.line, pa.date, pa.sort_key, s.outlet, s.name,
                   p.stated_at, p.not_before, p.not_after, p.basis, e.best_at, e.basis,
                   (SELECT GROUP_CONCAT(name, '; ') FROM (SELECT pe.name FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                     WHERE ps.paragraph_id = pa.id ORDER BY ps.how = 'byline', ps.confidence DESC)),
                   {_ATTRIBUTED}
            FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
            LEFT JOIN events e ON e.id = pa.event_id
            WHERE {' AND '.join(where)} ORDER BY pa.date, pa.sort_key, pa.id""",
        params,
    )
    for pid, text, line, date, sort_key, outlet, source, stated, before, after, basis, event_at, event_basis, names, ids, attributed_names in rows:
        if not text or not any(mark in text for mark in "“\"„«‘'"):
            continue
        person_ids, said_by = _attributed(ids, attributed_names)
        yield _Quoting(
            pid, text, line, (date or "", sort_key or 0), outlet or "", source or "", report_mark(stated, before, after, basis, event_at, event_basis), names,
            person_ids, said_by,
        )


# A paragraph's attribution, bylines left out (a reporter's name says who wrote it, not
# who said the quote): the people's ids, and their names joined by a unit separator.
_ATTRIBUTED = """(SELECT GROUP_CONCAT(ps.person_id) FROM paragraph_speakers ps WHERE ps.paragraph_id = pa.id AND ps.how != 'byline'),
                 (SELECT GROUP_CONCAT(pe.name, char(31)) FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                   WHERE ps.paragraph_id = pa.id AND ps.how != 'byline')"""


def _attributed(ids: str | None, names: str | None) -> tuple[frozenset[int], frozenset[Hashable]]:
    person_ids = frozenset(int(i) for i in (ids or "").split(",") if i.strip().isdigit())
    return person_ids, speaker_keys(person_ids, (names or "").split("\x1f"))


def _other_speaker(row: _Quoting, turn: Turn | None) -> bool:
    """The outlet names a speaker and the words are in somebody else's turn."""
    if turn is None or not row.speakers:
        return False
    if turn.person_id is not None and turn.person_id in row.person_ids:
        return False
    names = {name.strip().casefold() for name in row.speakers.split(";")}
    return (turn.speaker or "").casefold() not in names


# --- the compare view's marks ---------------------------------------------------------

_records: dict[tuple[int, int, int, int], Record] = {}


def _kept_record(db: sqlite_utils.Database, story_id: int) -> Record:
    """The story's record, rebuilt only when its transcript paragraphs changed."""
    count, last = db.execute(
        "SELECT COUNT(*), MAX(pa.id) FROM paragraphs pa JOIN sources s ON s.id = pa.source_id WHERE s.kind = 'transcript' AND s.story_id = ?",
        (story_id,),
    ).fetchone()
    key = (id(db.conn), story_id, count, last or 0)
    if key not in _records:
        if len(_records) >= KEPT_RECORDS:
            _records.pop(next(iter(_records)))
        _records[key] = story_record(db, story_id)
    return _records[key]


def record_marks(db: sqlite_utils.Database, event_id: int) -> list[list[str]]:
    """For each report of the event (in liveline.timeline.wordings.event_wordings' order),
    a line per direct quote saying where it stands in the story's record: "✓ verbatim in
    the record", "~ close to the record: <diff>", "✗ not found in the record". No lines for the
    record's own turns, for reports without a checkable quote, or when the story has no record."""
    rows = db.execute(
        f"""SELECT pa.text, s.kind, s.story_id, {_ATTRIBUTED}
            FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id
            JOIN sources s ON s.id = pa.source_id
            WHERE em.event_id = ? AND pa.duplicate_of IS NULL ORDER BY pa.date, pa.sort_key""",
        (event_id,),
    ).fetchall()
    stories = {row[2] for row in rows}
    with_record = set(record_stories(db, sorted(stories))) if stories else set()
    marks: list[list[str]] = []
    for text, kind, story_id, ids, names in rows:
        checked: list[tuple[str, RecordMatch, Turn | None]] = []
        if kind != "transcript" and story_id in with_record:
            _, said_by = _attributed(ids, names)
            for quote in direct_quotes(text or "", SHORT_QUOTE_MIN_WORDS):
                found = _kept_record(db, story_id).find(quote.text, said_by)
                if found is not None:
                    checked.append((quote.text, *found))
        marks.append([
            mark_line(match, turn.speaker if turn else None, quote if len(checked) > 1 else None)
            for quote, match, turn in checked
        ])
    return marks


# How much of a quote a mark names when a report holds several: enough words to tell them apart.
MARK_QUOTE_WORDS = 6


def mark_line(match: RecordMatch, record_speaker: str | None = None, quote: str | None = None) -> str:
    """One quote's mark, naming the quote's first words when given (a report of several quotes)."""
    which = ""
    if quote:
        words = quote.split()
        which = "“" + " ".join(words[:MARK_QUOTE_WORDS]) + ("…" if len(words) > MARK_QUOTE_WORDS else "") + "” "
    whose = f" ({record_speaker})" if record_speaker else ""
    if match.verdict == VERBATIM:
        return f"✓ {which}verbatim in the record{whose}"
    if match.verdict == CLOSE:
        return f"~ {which}close to the record{whose}: {diff_marked(match.diff)}"
    assert match.verdict == ABSENT
    return f"✗ {which}not found in the record"


def diff_marked(diff: Sequence[tuple[str, str]]) -> str:
    """A word diff as one line: the record's words, [-what only the record says-] and
    {+what only the quote says+} (the marks of `git diff --word-diff`)."""
    shown = []
    for op, pairs in groupby(diff, key=lambda pair: pair[0]):
        words = " ".join(word for _, word in pairs)
        shown.append(words if op == "=" else f"[-{words}-]" if op == "-" else f"{{+{words}+}}")
    return " ".join(shown)
