"""A parliament's record of a sitting, as paragraphs of text -> one post per turn.

A turn opens at a speaker line (speaker_lines.py) and holds the speech paragraphs under it
until the next one; time stamps, interruptions, procedural lines, divisions and headings
(furniture.py) are never part of a turn. A printed time dates the turn right after it
only: the turns between two printed times carry none (the clock bounds them).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from liveline.ingest.model import Paragraph, Post, Stamp
from liveline.ingest.read.record.furniture import furniture_of, names_a_group, sitting_time, time_stamp, without_cries
from liveline.ingest.read.record.parliaments import parliament_of
from liveline.ingest.read.record.speaker_lines import SpeakerLine, person_named, speaker_line
from liveline.ingest.read.text_copy import raw_units
from liveline.ingest.read.zones import stored_zone_name, zone_key, zone_named
from liveline.ingest.storable import UnstorableTime, storable_utc

PARSER = "record/1"
_UK_ZONES = {"Europe/London"}
# A record's header (parliament, date, debate title) is printed before its first turn; a
# record cut from the middle of a sitting has none, so no more than this many paragraphs are searched.
MAX_HEADER_LINES = 40
# A sitting's clock only runs forward; a printed time this far behind the one before it has
# passed midnight (the Commons sits into the small hours), not gone back.
PAST_MIDNIGHT = dt.timedelta(hours=6)
# Is this text a record? Enough speaker lines of a record's shape, by more than one member,
# making a fair share of its paragraphs. In the records read, speaker lines are 8-40 % of the
# paragraphs (a long speech runs to a dozen); in the live blogs and articles of the repository
# and the gold sets no paragraph reads as one (see tests/test_record_text.py).
# How many opening paragraphs a record's first speaker line comes within (see looks_like_record);
# --kind transcript reads a record with a longer preamble (a day's table of contents).
FIRST_TURN_WITHIN = 200
MIN_SPEAKER_LINES = 3
MIN_SPEAKERS = 2
MIN_SPEAKER_SHARE = 0.04
# Of them, lines only a record prints (a seat, party or office in brackets, a name in
# capitals, the chair, a name on a line of its own), not a titled name before a colon
# ("Sir Keir Starmer: ..."), which a live blog may use to quote.
MIN_RECORD_SHAPED = 2

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "januar", "janvier"), ("february", "feb", "februar", "février"), ("march", "mar", "märz", "mars"),
            ("april", "apr", "avril"), ("may", "mai"), ("june", "jun", "juni", "juin"), ("july", "jul", "juli", "juillet"),
            ("august", "aug", "août"), ("september", "sep", "sept", "septembre"), ("october", "oct", "oktober", "octobre"),
            ("november", "nov", "novembre"), ("december", "dec", "dezember", "décembre"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-zäéû]{3,9})\.?"
_DATES = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH}\s+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    # A labelled date in figures ("Sitting Date: 06-10-2027", Singapore's reports): day
    # first, as the parliaments printing one in figures write it (the Congressional Record
    # spells its month).
    re.compile(r"\b(?:sitting\s+)?date\s*:\s*(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})\b", re.I),
)
_GENERIC_HEADINGS = re.compile(
    r"^(?:statements?|ministerial\s+statements?|oral\s+answers\s+to\s+questions|prayers|points?\s+of\s+order|urgent\s+questions?|"
    r"topical\s+questions|engagements|hansard|official\s+report|debates?|sitting|contents|questions?(?:\s+without\s+notice)?|"
    r"(?:daily|edited|weekly)\s+hansard|volume\b.*|debated\s+on\b.*|speaker'?s\s+statement|commons\s+chamber|lords\s+chamber|"
    r"(?:house|chamber|meeting)\s+of\s+.*|.*\b(?:parliament|assembly|senate|dáil|seanad|house\s+of\s+\w+|commonwealth|question\s+time)\b.*)$",
    re.I,
)


# Who takes the chair, printed as a line of the record's own: "IN THE CHAIR: ELENA KOUNTOURA"
# (the European Parliament), "[Mr Deputy Speaker (Ms Priya Nathan) in the Chair]" (Singapore),
# "On resuming (Mr Deputy Speaker [Mr Harkin] in the Chair) —" (Northern Ireland), "The Senedd
# met ... at 13:30 with the Llywydd (Elin Morgan-Pugh) in the Chair." (the Senedd).
_CHAIR_TAKEN = re.compile(r"^\W*in\s+the\s+chair\s*:\s*(?P<holder>[^:()\[\]]{3,80}?)\W*$", re.I)
_IN_THE_CHAIR = re.compile(r"(?:^|[\[(]|\bwith\s+)\s*(?P<office>[^()\[\]]{3,60}?)\s*[\[(](?P<holder>[^()\[\]]{3,60})[\])]\s*in\s+the\s+chair\W*$", re.I)
# A member named in the chair without an office, in brackets as Westminster's committees and
# Westminster Hall print it: "[Mrs Pauline Everard in the Chair]", "[Sir Roger Gale in the Chair]".
_NAMED_IN_THE_CHAIR = re.compile(r"^[\[(]\s*(?P<holder>[^()\[\]:]{3,80}?)\s+in\s+the\s+chair\s*\.?\s*[\])]\.?$", re.I)
# A question on the order paper: the record's own line under "Asked by Lord X", the member's
# words when printed under their speaker line.
_ASKED = re.compile(r"^to\s+ask\s+(?:his|her|the)\b", re.I)
# A question's number and its reference on the order paper, which are the record's, not the
# member's: "1. What is the Welsh Government doing ...? OQ63011" (the Senedd), "... (AQO
# 1442/22-27)" (Northern Ireland), "... (S6O-01234)" (Holyrood).
_QUESTION_NUMBER = re.compile(r"^\d{1,3}\.\s+(?=\S.*\b(?:OQ|AQO|AQT|AQW|S\d[OTFW]-?)\s?\d[\d/-]*\)?\W*$)")
# Westminster's question number and the order paper's reference opening a question's first
# paragraph: "Q1. [905500] If he will list ...", "T2. [905510] ...", "[905512] ..." (PMQs and
# topical questions on hansard.parliament.uk); the reference has six digits or so, never a year's four.
_ORDER_PAPER_REF = re.compile(r"^(?:[QT]?\d{1,3}\.\s+)?\[\d{5,8}\]\s+(?=\S)")
# The record's label of the business a turn opens, printed before the member's words:
# "(Urgent Question): To ask the Secretary of State ..." is asked, the label is Hansard's.
_BUSINESS_LABEL = re.compile(r"^\((?:urgent\s+question|private\s+notice\s+question|topical\s+question|question|"
                             r"supplementary(?:\s+question)?)\)\s*:\s*(?=\S)", re.I)
# The words of a motion or resolution, printed after "Motion agreed to," (Holyrood) or
# "Resolved," (Westminster): "That the Parliament recognises ...".
_MOTION_TEXT = re.compile(r"^\s*that\s+(?:the\s+|this\s+)?\w", re.I)
# The head of the record's print of an amendment: "Moved by" alone, the mover's name on the
# line under it, or "Moved by Baroness Doe" on one line.
_MOVED_BY = re.compile(r"^\s*moved\s+by\b\s*:?", re.I)
# A mover's name printed on the "Moved by" line is a title and a name, as a heading is short;
# a speech that opens "Moved by compassion, ..." runs on in lower case.
MAX_MOVER_WORDS = 10


def _moves_amendment(text: str) -> bool:
    """"Moved by" (the mover's name on the next line) or "Moved by Baroness Doe"."""
    if not _MOVED_BY.match(text):
        return False
    mover = _MOVED_BY.sub("", text).strip()
    return not mover or (mover[0].isupper() and len(mover.split()) <= MAX_MOVER_WORDS and not mover.endswith((".", "!", "?", ",", ";")))


# The offices that preside, which a line naming who is in the chair, without an office, fills.
_PRESIDING = frozenset({"President", "Speaker", "Presiding Officer", "Chair", "Chairman", "Chairperson", "Deputy Speaker"})


# A line a saved page puts after a paragraph its markup marks as an interjection: the speech
# after it, until the next speaker line, is the member's who held the floor before it.
RESUMES_FLOOR = "\x1e"


@dataclass
class RecordReading:
    posts: list[Post]  # one per turn, in the order spoken
    stated_date: dt.date | None  # the sitting's date printed in the record
    parliament: str | None
    zone: str | None  # IANA name of the sittings' zone (or the --tz given); None: UK time
    title: str | None  # the debate heading
    warnings: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)  # how it was read (--explain)


def record_lines(text: str) -> list[tuple[int, str]]:
    """(1-based first source line, paragraph text) per paragraph of a text copy, in either
    layout (one paragraph a line, or blank-separated blocks); a speaker's brackets printed
    on a line of their own are joined to the speaker's line (see joined_speaker_lines)."""
    return joined_speaker_lines([(first, paragraph) for first, _, paragraph in raw_units(text)])


# A line wholly made of round bracket groups: "(Croydon South) (Con)", "(Jane Doe)".
_BRACKETS_ONLY = re.compile(r"^(?:\([^()]{1,120}\)\s*){1,4}$")
# The name or office a browser's copy leaves on the line before its brackets is short
# ("The Parliamentary Under-Secretary of State for the Home Department" is the longest printed).
MAX_SPLIT_HEAD_WORDS = 14
_SENTENCE_MARKS = (".", "!", "?", ",", ";", "…", "—", "–", "-", '"', "”")


def joined_speaker_lines(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with a speaker's seat and party, or an office's holder, put back on the
    speaker's line where a copy broke them apart: a browser's text copy of a
    hansard.parliament.uk page prints "Chris Philp" then "(Croydon South) (Con)", and "The
    Secretary of State for Transport" then "(Jane Doe)". Joined only when the line before
    is a name or an office, with no brackets or sentence of its own, and the two make a
    speaker line; a bracketed aside inside a speech ("(Laughter)") stays where it is."""
    out: list[tuple[int, str]] = []
    for line, text in lines:
        # _BRACKETS_ONLY opens with its bracket: other lines skip it.
        if out and text[:1] == "(" and _BRACKETS_ONLY.match(text) and (joined := _joined_head(out[-1][1], text)):
            out[-1] = (out[-1][0], joined)
            continue
        out.append((line, text))
    return out


def _joined_head(head: str, brackets: str) -> str | None:
    """"Name (Seat) (Party)" when `head` is a bare name or office and the join reads as a speaker line."""
    if any(mark in head for mark in "()[]:") or len(head.split()) > MAX_SPLIT_HEAD_WORDS or head.endswith(_SENTENCE_MARKS):
        return None
    joined = f"{head} {brackets}"
    found = speaker_line(joined)
    if found is None or found.said or found.shape != "line" or not (found.seat or found.party or found.office or found.name):
        return None
    return joined


def _record_shaped(found: SpeakerLine) -> bool:
    return bool(found.seat or found.party or found.office or found.time or found.shape == "line" or found.name is None)


def looks_like_record(lines: Sequence[tuple[int, str]]) -> bool:
    """True when enough paragraphs are speaker lines of a parliament's record."""
    # A record's first turn comes within its opening paragraphs (title, date, a time, the
    # chair): a text with no speaker line among them is let go without reading the rest,
    # which costs a long live blog a third of its reading time.
    found = [sp for _, text in lines[:FIRST_TURN_WITHIN] if (sp := speaker_line(text)) is not None]
    if not found:
        return False
    found += [sp for _, text in lines[FIRST_TURN_WITHIN:] if (sp := speaker_line(text)) is not None]
    if len(found) < MIN_SPEAKER_LINES or len(found) < MIN_SPEAKER_SHARE * len(lines):
        return False
    speakers = {sp.name or sp.office for sp in found}
    shaped = sum(1 for sp in found if _record_shaped(sp))
    return len(speakers) >= MIN_SPEAKERS and shaped >= MIN_RECORD_SHAPED


def stated_day(texts: Sequence[str]) -> dt.date | None:
    """The first date printed in these lines: "Thursday 16 January 2025", "January 27, 2025"."""
    for text in texts:
        for pattern in _DATES:
            for m in pattern.finditer(text):
                month = m.group("month")
                number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
                if number is None:
                    continue
                try:
                    return dt.date(int(m.group("year")), number, int(m.group("day")))
                except ValueError:
                    continue
    return None


class _SittingClock:
    """Printed times -> stamps: plain wall times in UK time; elsewhere exact, in the parliament's zone."""

    def __init__(self, zone: dt.tzinfo | None, day: dt.date | None, label: str, warnings: list[str]) -> None:
        self.zone, self.day, self.label, self.warnings = zone, day, label, warnings
        self.days_on = 0
        self.last: dt.datetime | None = None
        self.unplaced = 0

    def stamp(self, clock: tuple[int, int], line: int) -> Stamp | None:
        hour, minute = clock
        if self.zone is None:
            return Stamp("published", hour, minute, None)
        if self.day is None:
            self.unplaced += 1
            return None
        local = dt.datetime.combine(self.day + dt.timedelta(days=self.days_on), dt.time(hour, minute))
        if self.last is not None and local < self.last - PAST_MIDNIGHT:
            self.days_on += 1
            local += dt.timedelta(days=1)
        self.last = local
        try:
            utc = storable_utc(local.replace(tzinfo=self.zone), stated=f"{hour:02d}:{minute:02d} on {local.date().isoformat()}")
        except UnstorableTime as exc:
            self.warnings.append(f"{self.label}:{line}: {exc}")
            return None
        return Stamp("published", hour, minute, None, day=local.date(), utc=utc)


def _zone(given: str | None, record: str | None, label: str, warnings: list[str]) -> tuple[dt.tzinfo | None, str]:
    """The sittings' zone (None: UK time) and where it came from; a record of no parliament
    known here is read in UK time, which the caller says when it reads a printed time."""
    if given:
        zone = zone_named(given)
        if zone is not None:
            return (None if zone_key(zone) in _UK_ZONES else zone), "--tz"
        warnings.append(f"{label}: --tz {given!r} is not a time zone; the record's own zone is used")
    if record and record not in _UK_ZONES:
        try:
            return zoneinfo.ZoneInfo(record), "the parliament's seat"
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            warnings.append(f"{label}: zone {record} is not known here; times read as UK time")
    return None, _ASSUMED if not record else "the parliament's seat"


_ASSUMED = "assumed: the record names no parliament known here"


def _title(header: Sequence[str]) -> str | None:
    """The debate's heading: the last heading before the first turn (headings run from the
    business to the subject) that is not the chamber, the date or a kind of business ("Statement")."""
    for text in reversed(header):
        if furniture_of(text) == "heading" and not _GENERIC_HEADINGS.match(text) and stated_day([text]) is None:
            return text
    return None


def _known_speakers(lines: Sequence[tuple[int, str]]) -> tuple[set[str], dict[str, set[str]]]:
    """The names the record's strong speaker lines print, and the names each office is printed with."""
    names: set[str] = set()
    offices: dict[str, set[str]] = {}
    for _, text in lines:
        found = speaker_line(text)
        if found and found.name:
            names.add(found.name)
            if found.office:
                offices.setdefault(found.office, set()).add(found.name)
    return names, offices


def _headings_between_turns(kinds: list[str | None], speakers: list[SpeakerLine | None]) -> list[bool]:
    """Which heading-shaped lines are headings: those not followed by more of a speech (a
    short unpunctuated line inside a speech stays speech)."""
    out = [False] * len(kinds)
    for i, kind in enumerate(kinds):
        if kind != "heading":
            continue
        after = next((j for j in range(i + 1, len(kinds)) if kinds[j] not in ("interruption", "procedural")), None)
        out[i] = after is None or speakers[after] is not None or kinds[after] in ("stamp", "heading", "division")
    return out


def read_record(
    lines: Sequence[tuple[int, str]], label: str, *, day: dt.date | None = None, zone: str | None = None, url: str | None = None,
    head: str = "", procedure: Collection[tuple[int, str]] = (),
) -> RecordReading:
    """The turns of a record, each a post by its member, timed where the record prints a time.

    `day` and `zone` (the user's --date and --tz) win over what the record states; `head` is
    what a saved page says of itself beyond its lines (its title, site name, details table);
    `procedure` the lines its markup marks as procedure: furniture whatever their wording
    (a peer's name under "Moved by" in the print of an amendment is no turn).
    """
    warnings: list[str] = []
    lines = joined_speaker_lines(lines)
    known, office_names = _known_speakers(lines)
    marked = set(procedure)
    speakers = [None if entry in marked else speaker_line(entry[1], known) for entry in lines]
    kinds = ["procedural" if entry in marked and not time_stamp(entry[1]) else None if sp else furniture_of(entry[1])
             for sp, entry in zip(speakers, lines, strict=True)]
    headings = _headings_between_turns(kinds, speakers)
    first_turn = next((i for i, sp in enumerate(speakers) if sp), len(lines))
    header = [text for _, text in lines[: min(first_turn, MAX_HEADER_LINES)]]
    parliament, record_zone = parliament_of("\n".join([*header, head]) if head else "\n".join(header), url)
    stated = stated_day(header) or stated_day([text for _, text in lines[:MAX_HEADER_LINES]])
    tz, zone_from = _zone(zone, record_zone, label, warnings)
    clock = _SittingClock(tz, day or stated, label, warnings)

    posts: list[Post] = []
    current: Post | None = None
    pending: tuple[int, int] | None = None
    pending_line = 0
    in_division = group_heard = False
    counts: Counter[str] = Counter()
    chair: dict[str, str] = {}
    floor: Post | None = None  # who holds the floor when an interjection's turn ends
    mover_follows = False  # the line before was "Moved by" alone: the mover's name follows
    motion_follows = False  # the line before was "Motion agreed to," / "Resolved,": its words follow
    for i, (line, text) in enumerate(lines):
        found, kind = speakers[i], kinds[i]
        if text == RESUMES_FLOOR:
            floor = posts[-2] if current is not None and len(posts) >= 2 and posts[-1] is current else None
            continue
        if _takes_chair(text, chair):
            found, kind = None, "procedural"
        if mover_follows:  # the peer named under "Moved by": the amendment's print, not their turn
            found, kind = None, "procedural"
        mover_follows = False
        if found is None and _moves_amendment(text):
            # The print of an amendment moved (hansard.parliament.uk's Lords committee stages):
            # its number, text and explanatory statement are the record's, until the next
            # speaker; the time printed before it still times that turn.
            kind, current, mover_follows = "procedural", None, not _MOVED_BY.sub("", text).strip()
        if found is None and motion_follows and _MOTION_TEXT.match(text):
            kind = "procedural"  # the motion agreed, as the record prints it under "Motion agreed to,"
        motion_follows = kind == "procedural" and text.rstrip().endswith((",", ":"))
        if kind == "stamp":
            stamp_clock = time_stamp(text)
            pending, pending_line = stamp_clock, line
            counts["stamp"] += 1
            continue
        if found is not None and not posts and found.name is None and found.office and found.said and (holder := person_named(found.said)):
            # A masthead before the first turn names who holds the chair ("Speaker: The
            # Honourable Marguerite Olson"): the office's later turns are theirs.
            chair[found.office] = holder
            counts["header"] += 1
            continue
        if found is not None:
            in_division = group_heard = False
            floor = None
            current = _turn(found, line, chair, office_names, counts)
            posts.append(current)
            printed = found.time or pending
            if printed is not None:
                current.published = clock.stamp(printed, line if found.time else pending_line)
                if not found.time:
                    current.touch(pending_line)  # the printed time opens the turn, as a live blog's time line opens its post
                counts["on the speaker line" if found.time else "timed"] += 1
            pending = None
            continue
        if kind == "interruption" and names_a_group(text.strip().rstrip(" :.—–-")):
            # "Hon. Members" printed as a speaker of its own, its cry ("Hear, hear!", "rose—")
            # in the block under it: the House heard together, no member's turn, until the next speaker.
            current, group_heard = None, True
            counts["interruption"] += 1
            continue
        if group_heard and current is None and kind not in ("heading", "division") and not in_division:
            counts["interruption"] += 1
            continue
        if in_division or kind == "division":
            in_division = True
            counts["division"] += 1
            continue
        if kind == "procedural" and current is not None and not current.paragraphs and _ASKED.match(text):
            kind = None  # the member's question, printed under their name (hansard.parliament.uk's Lords questions)
        if kind in ("interruption", "procedural") or (kind == "heading" and (headings[i] or current is None)):
            counts[str(kind)] += 1
            resumes = sitting_time(text) if kind in ("procedural", "interruption") else None
            if resumes:  # "Sitting suspended at 1.30 p.m. and resumed at 2.30 p.m.": the next turn's time
                pending, pending_line = resumes, line
                counts["stamp"] += 1
            if kind == "heading":
                current = None  # a heading closes the turn: what follows it is the record's, until the next speaker
            continue
        if current is None:
            counts["header" if not posts else "record prose"] += 1
            continue
        if floor is not None:  # the member who held the floor goes on after the interjection
            current = Post(first_line=line, author=floor.author, author_role=floor.author_role, last_line=line)
            posts.append(current)
            floor = None
            counts["resumed after an interjection"] += 1
        speech = without_cries(text)
        if speech != text:
            counts["interruption"] += 1
        if not current.paragraphs:
            speech = _BUSINESS_LABEL.sub("", _ORDER_PAPER_REF.sub("", _QUESTION_NUMBER.sub("", speech), count=1), count=1)
        if speech:
            current.paragraphs.append(Paragraph(line, line, speech))
            current.touch(line)
    empty = [post for post in posts if not post.paragraphs]
    posts = [post for post in posts if post.paragraphs]
    if zone_from == _ASSUMED and counts["timed"] + counts["on the speaker line"]:
        warnings.append(
            f"{label}: the record names no parliament known here; its printed times are read as UK time (Europe/London): "
            "pass --tz ZONE for the zone it sat in"
        )
    if clock.unplaced:
        warnings.append(
            f"{label}: {clock.unplaced} printed time(s) not placed: the record states no date for its zone; pass --date YYYY-MM-DD"
        )
    zone_name = stored_zone_name(tz) if tz is not None else None
    explanation = _explain(posts, counts, len(empty), parliament, zone_name, zone_from, stated)
    return RecordReading(posts, stated, parliament, zone_name, _title(header), warnings, explanation)


def _turn(found: SpeakerLine, line: int, chair: dict[str, str], office_names: dict[str, set[str]], counts: Counter[str]) -> Post:
    """A new turn; a turn by an office alone ("Madam Deputy Speaker") goes to the member this
    record last printed in that office, or the only one it ever names there."""
    name = found.name
    if found.office:
        if name:
            chair[found.office] = name
        else:
            named = office_names.get(found.office, set())
            name = chair.get(found.office) or (next(iter(named)) if len(named) == 1 else None)
            if name:
                counts["office named"] += 1
    post = Post(first_line=line, author=name, author_role=found.role, last_line=line)
    counts[f"shape {found.shape}"] += 1
    if found.said and (said := without_cries(found.said)):
        post.paragraphs.append(Paragraph(line, line, said))
    return post


def _takes_chair(text: str, chair: dict[str, str]) -> bool:
    """Whether the line says who takes the chair; if so, the chair's later turns by office are theirs."""
    if len(text) > 200 or "chair" not in text.lower():
        return False
    if taken := _CHAIR_TAKEN.match(text):
        holder = person_named(taken.group("holder"))
        if holder is None:
            return False
        for office in _PRESIDING:
            chair[office] = holder
        return True
    if (named_alone := _NAMED_IN_THE_CHAIR.match(text)) and (holder := person_named(named_alone.group("holder"))):
        for office in _PRESIDING:
            chair[office] = holder
        return True
    if found := _IN_THE_CHAIR.search(text):
        named = speaker_line(f"{found.group('office')} ({found.group('holder')})")
        if named is not None and named.office and named.name:
            chair[named.office] = named.name
            return True
    return False


def _explain(posts: list[Post], counts: Counter[str], empty: int, parliament: str | None, zone: str | None, zone_from: str,
             stated: dt.date | None) -> list[str]:
    shapes = {"line": "on a line of its own", "colon": "before a colon", "dash": "before a dash",
              "period": "after a name in capitals and a full stop", "asked": "as a question tabled"}
    layout = ", ".join(f"{counts[f'shape {key}']} {said}" for key, said in shapes.items() if counts[f"shape {key}"])
    speakers = {post.author or post.author_role for post in posts}
    timed = counts["timed"] + counts["on the speaker line"]
    lines = [
        f"record of: {parliament or 'a parliament it does not name'}; times in {zone or 'UK time'} ({zone_from})"
        + (f"; sitting of {stated.isoformat()}" if stated else ""),
        f"speaker lines: {layout or 'none'}" + (f"; {empty} turn(s) with no speech dropped" if empty else ""),
        f"turns: {len(posts)} by {len(speakers)} speaker(s); {timed} timed by a printed time"
        + (f" ({counts['on the speaker line']} on the speaker line)" if counts["on the speaker line"] else "")
        + (f"; {counts['office named']} turn(s) by an office named from the record" if counts["office named"] else ""),
        f"furniture: {counts['stamp']} time stamp(s), {counts['interruption']} interruption(s), {counts['procedural']} procedural line(s), "
        f"{counts['division']} division line(s), {counts['heading']} heading(s), {counts['header']} header line(s)"
        + (f", {counts['record prose']} line(s) of the record's own under a heading" if counts["record prose"] else ""),
    ]
    return lines
