"""The line of a parliament's record that opens a turn: who speaks, in what office, for
which seat and party, and (where the record prints it on that line) what they said first
and at what time.

Layouts read (each a shape, never one record's wording):
  "Chris Philp (Croydon South) (Con)"                       name (seat) (party), on its own line
  "The Secretary of State for the Home Department (Yvette Cooper)"   office (name)
  "Madam Deputy Speaker (Judith Cummins)", "Mr Speaker"       the chair
  "Lord Hanson of Flint (Lab)", "Yvette Cooper"              peers; a bare name once it has spoken
  "The Cabinet Secretary for Justice and Home Affairs (Angela Constance): ..."   Holyrood
  "Mr ALBANESE (Grayndler—Prime Minister) (14:05): ...", "The SPEAKER: ..."   Canberra
  "Hon CHRIS HIPKINS (Leader of the Opposition): ..."        Wellington
  "Deputy Mary Lou McDonald: ...", "An Ceann Comhairle: ..."  the Dáil
  "Right Hon. Justin Trudeau (Prime Minister, Lib.): ..."    Ottawa
  "Mr DOE (Question) - ...", "Mr DOE: ..."                   a turn's words on its speaker line
  "Katrin Seeliger, Bundesministerin für Wohnen, ...:"     the Bundestag: name, office
  "Name, on behalf of the X Group. – ...", "President. – ..."   the European Parliament's verbatim report
  "Mr. HALVORSEN. Mr. Speaker, ...", "The SPEAKER pro tempore. ..."   the Congressional Record
  "1. Mr Corrigan asked the Minister of Finance ..."          a question tabled: the asker's turn
  "The Llywydd / Y Llywydd"                                  a bilingual record's chair
  "Q98 Mark Dowse: ...", "Q99The Minister for Housing (Ann Roe):"   a committee's numbered question
  "The Lord Privy Seal (Baroness Oakes of Fernhill) (Lab)"   an office worded like a peer, then the peer
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from liveline.ingest.read.record.furniture import names_a_group, time_stamp

# A speaker line's head is short: the longest offices printed ("The Parliamentary
# Under-Secretary of State for the Home Department (Dame Diana Johnson)") stay well under it.
MAX_HEAD_CHARS = 200
# A person's name, titles aside, runs to at most this many words ("Lord Hanson of Flint", "Mary Lou McDonald").
MAX_NAME_WORDS = 6

# Titles a person would not write before a full name; before a surname alone, the
# courtesy ones stay ("Mr Doe", "Senator Wong"), the honours never ("Chris Hipkins").
_HONOURS = {"hon", "hon.", "honourable", "honorable", "rt", "rt.", "right", "the", "shri", "shrimati", "smt", "smt.", "kumari", "sushri"}
_COURTESY = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "dr", "dr.", "senator", "sen.", "deputy", "prof", "prof.", "professor"}
# Part of the name as people write it: "Sir Edward Leigh", "Lord Hanson of Flint".
_PEERAGE = {"sir", "dame", "lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess", "marquess", "duke", "duchess", "bishop",
            # a committee's witness from local government, as Holyrood prints and the press writes them: "Councillor Iain MacPhail"
            "councillor", "cllr", "cllr."}  # fmt: skip
# Ranks kept before a surname alone, then matched to the full name: "Councillor MacPhail" -> "Councillor Iain MacPhail".
_KEPT_RANKS = {"councillor", "cllr", "cllr."}
_CONNECTORS = {
    "of", "for", "the", "and", "to", "in", "at", "on", "&", "de", "du", "der", "des", "la", "le", "van", "von", "al", "bin", "da", "di",
    "für", "und", "beim", "im", "zum", "zur", "pro", "tempore",
}  # fmt: skip
# Connectors that never stand inside a person's name (a particle like "von" or "de" may).
_NOT_IN_NAMES = {"for", "and", "to", "in", "at", "on", "&", "the", "für", "und", "beim", "im", "zum", "zur", "pro", "tempore"}
# Words that make a phrase an office rather than a person.
_OFFICE_WORDS = re.compile(
    r"^(?:co-|vice-|deputy-|acting-)?(?:speaker|chair|chairman|chairwoman|chairperson|president|presiding|officer|minister|secretary|leader|premier|"
    r"treasurer|attorney|attorney-general|solicitor|solicitor-general|advocate|chancellor|whip|taoiseach|tánaiste|tanaiste|"
    r"comhairle|cathaoirleach|leas-cheann|leas-chathaoirleach|clerk|convener|convenor|paymaster|commissioner|"
    r"under-secretary|vice-president|deputy-president|representative|spokesperson|spokesman|"
    r"präsident|präsidentin|vizepräsident|vizepräsidentin|alterspräsident|bundeskanzler|bundeskanzlerin|"
    r"bundesminister|bundesministerin|staatsminister|staatsministerin|staatssekretär|staatssekretärin|llywydd|lywydd|"
    # "Lord Privy Seal": the one office of the Lords whose words are otherwise no office's
    r"seal)$",
    re.I,
)
# Offices printed before a name without brackets: "Präsidentin Bärbel Bas:".
_OFFICE_BEFORE_NAME = re.compile(r"^(?:präsident|präsidentin|vizepräsident|vizepräsidentin|alterspräsident|alterspräsidentin)$", re.I)
_LEADS = {"the", "an", "y", "mr", "mr.", "madam", "madame", "mister", "hon", "hon.", "mrs", "ms"}  # "Y Llywydd": Welsh "the"
# Parties as records abbreviate them; any other short all-capitals or dotted token reads as one too.
_PARTIES = {
    "con", "lab", "ld", "snp", "dup", "sdlp", "pc", "tuv", "ind", "green", "greens", "alba", "reform", "uup", "apni", "cb",
    "non-afl", "lab/co-op", "bishop", "lib", "lib.", "cpc", "ndp", "bq", "gp", "ind.", "liberal", "labour", "labor", "conservative",
    "national", "nationals", "act", "nz first", "te pāti māori", "lnp", "alp", "cdu/csu", "spd", "afd", "fdp", "bsw", "die linke",
    "fianna fáil", "fine gael", "sinn féin", "social democrats", "people before profit", "independent", "plaid cymru", "lib dem",
    "liberal democrat", "liberal democrats", "co-operative", "co-op", "labour/co-operative", "democratic unionist", "alliance",
    "renew", "the left", "verts/ale", "greens/efa",  # the European Parliament's groups not in capitals
}
# A bracket that labels the turn, not the member: "Mr DOE (Question) -".
_LABELS = {
    "question", "questions", "urgent question", "answer", "supplementary", "interjection", "continuing", "resuming", "by video link", "virtual",
    "blue-card question", "blue-card answer", "catch-the-eye", "in writing",
}  # fmt: skip
_NUMBERED = re.compile(r"^(?:Q?\d{1,4}[.)]\s+)?(?:\[\d+\]\s+)?")
# A committee's question number before the member asking it (Westminster's oral evidence and
# Public Bill Committees): "Q98 Mark Dowse:", "Q 98 Mark Dowse:", glued "Q99The Minister ...".
# The record numbers only members' questions, so the number marks a speaker line.
_QUESTION_NUMBER = re.compile(r"^Q\s?\d{1,4}\.?\s*(?=[A-Z])")
_DASH_SEP = re.compile(r"\.?\s+[-–—]\s*|\s*[—–]\s+")
_QUESTION_TO = re.compile(r"^to\s+the\s+[^:]{3,80}:\s*", re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’.\-]*|(?:Mc|Mac|O'|O’|D'|D’|de|De|La|Le|Van|van|von)[A-ZÀ-Þ][\w'’.\-]*)$")
_NOT_NAME = {
    "statement", "statements", "questions", "question", "answers", "oral", "written", "bill", "act", "order", "orders", "house",
    "commons", "lords", "committee", "members", "member", "government", "opposition", "debate", "debates", "amendment", "motion",
    "business", "report", "day", "prayers", "points", "point", "urgent", "ministerial", "topical", "engagements", "hansard",
    "volume", "parliament", "assembly", "senate", "sitting", "division", "ayes", "noes", "news", "live", "update",
    "updates", "summary", "key", "events", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "national",
    "labour", "conservative", "liberal", "party", "schedule", "clause", "no.", "part", "section", "photograph", "reuters",
}


@dataclass(frozen=True)
class SpeakerLine:
    """Who speaks as the record's line names them; `said` is speech printed on the same line."""

    name: str | None  # "Yvette Cooper", "Mr Doe"; None when only an office is named
    office: str | None  # without article: "Deputy Speaker", "Secretary of State for the Home Department"
    seat: str | None
    party: str | None
    said: str | None = None
    time: tuple[int, int] | None = None  # (hour, minute) printed on the line: "(14:05):"
    # line: the whole line; colon / dash: speech may follow on it; period: the Congressional
    # Record's "Mr. DOE. speech"; asked: a question tabled, its words on the line
    shape: str = "line"
    titled: bool = False  # the name carried a title ("Mr", "Hon", "Lord"): a strong sign of a speaker

    @property
    def role(self) -> str | None:
        """The office, else the seat and party as printed ("Croydon South, Con"); None when none."""
        if self.office:
            return self.office
        return ", ".join(part for part in (self.seat, self.party) if part) or None


def recase(word: str) -> str:
    """A word title-cased from capitals: "DOE" -> "Doe", "McDONALD" -> "McDonald", "O'BRIEN" -> "O'Brien"."""
    parts = re.split(r"([^\w]|_)", word)
    out = []
    for part in parts:
        if len(part) >= 2 and part.isupper():
            part = part[0] + part[1:].lower()
        else:
            # "McDONALD", "MacDONALD": a lower-case prefix then a capital run
            m = re.match(r"^([A-Z][a-z]{1,2})([A-Z]{2,})$", part)
            if m:
                part = m.group(1) + m.group(2)[0] + m.group(2)[1:].lower()
        out.append(part)
    return "".join(out)


def _bare(token: str) -> str:
    return token.lower().rstrip(",")


def _person(text: str) -> tuple[str, bool] | None:
    """(display name, titled) when `text` names one person, titles and all; None otherwise."""
    tokens = text.replace("\u00a0", " ").split()
    if not tokens:
        return None
    lead: list[str] = []
    while tokens and _bare(tokens[0]) in _HONOURS | _COURTESY and not (
        _bare(tokens[0]) == "the" and (len(tokens) < 2 or _bare(tokens[1]) not in _HONOURS | _PEERAGE)
    ):
        lead.append(tokens.pop(0))
    if not tokens or len(tokens) > MAX_NAME_WORDS:
        return None
    peer = _bare(tokens[0]) in _PEERAGE
    for i, token in enumerate(tokens):
        low = _bare(token)
        if low in _CONNECTORS:
            # "of" only in a peer's title ("Lord Hanson of Flint"); particles inside a name ("Ursula von der Leyen").
            if i == 0 or i == len(tokens) - 1 or (low == "of" and not peer) or low in _NOT_IN_NAMES:
                if not (low == "the" and peer):
                    return None
            continue
        if low in _NOT_NAME or _OFFICE_WORDS.match(low) or not _NAME_TOKEN.match(token):
            return None
    names = [recase(t) for t in tokens]
    titled = bool(lead) or peer
    courtesy = [recase(t) for t in lead if _bare(t) in _COURTESY]
    real = [t for t in names if _bare(t) not in _PEERAGE and _bare(t) not in _CONNECTORS]
    if len(real) == 1 and courtesy and not peer:
        names = [courtesy[-1], *names]  # a surname alone keeps its title: "Mr Doe", "Senator Wong"
    return " ".join(names), titled


def person_named(text: str) -> str | None:
    """The name as a person writes it when the whole text names one person ("The Honourable
    Marguerite Olson" -> "Marguerite Olson"); None for anything else."""
    found = _person(" ".join(text.replace("\u00a0", " ").split()).rstrip("."))
    return found[0] if found else None


_PREPOSITIONS = {"in", "of", "for", "and", "to", "at", "on", "&", "by", "with", "from"}


def _is_office(text: str) -> bool:
    """An office as printed: capitalised words with at least one word of office ("The SPEAKER",
    "Secretary of State for the Home Department", "An Ceann Comhairle", "Minister of State, Home Office")."""
    tokens = text.replace(",", " , ").split()
    if not tokens or len(tokens) > 20 or tokens[0].lower() in _PREPOSITIONS:
        return False  # no office opens with a preposition: "IN THE CHAIR: ELENA KOUNTOURA" names who presides
    found = False
    for token in tokens:
        low = token.lower()
        if low == ",":
            continue
        if _OFFICE_WORDS.match(low.strip(".")):
            found = True
        if low in _CONNECTORS or low in _LEADS:
            continue
        if not (token[0].isupper() or token[0].isdigit()):
            return False
    return found


def _office(text: str) -> str:
    """The office without its article or address: "Madam Deputy Speaker" -> "Deputy Speaker"."""
    tokens = text.split()
    while len(tokens) > 1 and tokens[0].lower() in _LEADS:
        tokens.pop(0)
    words = [recase(t) if t.lower() not in _CONNECTORS else t.lower() for t in tokens]
    return " ".join(words).strip(" ,")


# A party's full name ends with a word for one ("Scottish National Party", "Parti Québécois").
# Or with a plural of its members or the nation's name before "Labour": "Welsh Conservatives",
# "Scottish Greens", "Welsh Liberal Democrats", "Welsh Labour" (the Senedd prints the party so).
_PARTY_NAME = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.\-]*\s+){1,5}(?:Party|Parti|Alliance|Front|Movement|Conservatives|Democrats|Greens|Liberals|Socialists|"
    r"Unionists|Nationalists|Independents|Labour)$"
)


def _is_party(text: str) -> bool:
    text = text.strip()
    low = text.lower()
    if low in _PARTIES or (("/" in low) and all(part.strip() in _PARTIES for part in low.split("/"))) or _PARTY_NAME.match(text):
        return True
    return len(text) <= 10 and " " not in text and (text.endswith(".") or sum(c.isupper() for c in text) >= 2)


@dataclass
class _Parts:
    seat: str | None = None
    party: str | None = None
    office: str | None = None
    time: tuple[int, int] | None = None


def _piece(text: str, parts: _Parts) -> None:
    """One part of a bracket that is no party: an office, or a seat ("Beloeil—Chambly" is a
    seat; Canberra's "Grayndler—Prime Minister" a seat and an office; Wellington's
    "Co-Leader—Green" an office and a party)."""
    if re.search(r"[—–]", text):
        left, right = (p.strip() for p in re.split(r"\s*[—–]\s*", text, maxsplit=1))
        if _is_office(right):
            parts.seat, parts.office = left, right
        elif _is_office(left):
            parts.office, parts.party = left, right
        elif _is_party(right):
            parts.seat, parts.party = left, right
        elif _is_party(left):  # Wellington: "Labour—Te Awa", party then electorate
            parts.party, parts.seat = left, right
        else:
            parts.seat = text
    elif _is_office(text):
        parts.office = text
    else:
        parts.seat = text


def _read_groups(groups: list[str]) -> _Parts:
    """Seat, office, party and time from the brackets after a name."""
    parts = _Parts()
    plain: list[str] = []
    for index, group in enumerate(groups):
        text = " ".join(group.split())
        clock = time_stamp(f"({text})")
        if clock:
            parts.time = clock
        elif text.lower() in _LABELS:
            continue
        elif "," in text:
            pieces = [p.strip() for p in text.split(",")]
            if _is_party(pieces[-1]):  # Ottawa: "Prime Minister, Lib.", "Beloeil—Chambly, BQ"
                parts.party = pieces.pop()
            elif _is_party(pieces[0]):  # TheyWorkForYou: "Labour, Saltmarsh and Fenby"
                parts.party = pieces.pop(0)
            elif _is_office(text):  # "Shadow Minister, Transport", "Minister of State, Home Office"
                pieces = [text]
            elif not any(_is_office(p) for p in pieces) and any(_is_party(" ".join(g.split())) for g in groups[index + 1:]):
                # A seat's own commas: Holyrood's "(Caithness, Sutherland and Ross) (SNP)", the
                # party in a bracket of its own after it, so the commas part no seat from a party.
                pieces = [text]
            if len(pieces) > 1 and _is_office(pieces[0]) and not any(re.search(r"[—–]", p) for p in pieces):
                # An office's own commas: Ottawa prints "(Minister of Housing, Infrastructure and
                # Communities, Lib.)", the office in place of the riding, so no seat follows it.
                pieces = [", ".join(pieces)]
            for piece in pieces:
                _piece(piece, parts)
        elif re.search(r"[—–]", text) or _is_office(text):
            _piece(text, parts)
        else:
            plain.append(text)
    if len(plain) >= 2:
        parts.seat, parts.party = plain[0], plain[-1]
    elif plain:
        if _is_party(plain[0]):
            parts.party = plain[0]
        else:
            parts.seat = plain[0]
    if parts.office:
        parts.office = _office(parts.office)
    return parts


@dataclass(frozen=True)
class _Split:
    lead: str
    groups: list[str]
    sep: str | None  # colon, dash, or stop-dash: a period then a dash ("President. –"), the European Parliament's
    rest: str
    tail: str | None = None  # a role after the brackets: "Name (Renew), rapporteur. –"
    numbered: bool = False  # a committee's question number opened the line: "Q98 Mark Dowse:"


# A role printed after the brackets runs to a few words ("rapporteur for the opinion of the
# Committee on Agriculture and Rural Development" is the longest the European Parliament prints).
MAX_TAIL_CHARS = 120


def _dash_kind(found: re.Match[str]) -> str:
    return "stop-dash" if found.group().startswith(".") else "dash"


def _split(text: str) -> _Split | None:
    """The lead, bracket groups, separator and rest of a candidate speaker line."""
    numbered = _QUESTION_NUMBER.match(text)
    text = text[numbered.end() :] if numbered else _NUMBERED.sub("", text, count=1)
    split = _split_head(text)
    return replace(split, numbered=True) if split is not None and numbered else split


def _split_head(text: str) -> _Split | None:
    stop = len(text)
    for char in "(:":
        at = text.find(char)
        if at != -1:
            stop = min(stop, at)
    lead = text[:stop]
    # Only a dash within a head's length parts a speaker from speech; most leads have none.
    near = lead[: MAX_HEAD_CHARS + 3]
    dash = _DASH_SEP.search(near) if any(mark in near for mark in "-–—") else None
    if dash:
        return _Split(lead[: dash.start()].strip(), [], _dash_kind(dash), lead[dash.end():] + text[stop:])
    groups: list[str] = []
    pos = stop
    while pos < len(text) and text[pos] == "(":
        close = text.find(")", pos)
        if close == -1 or "(" in text[pos + 1 : close]:
            return None
        groups.append(text[pos + 1 : close])
        pos = close + 1
        while pos < len(text) and text[pos] == " ":
            pos += 1
    rest = text[pos:]
    if not rest.strip():
        return _Split(lead.strip(), groups, None, "")
    if rest.startswith(":"):
        return _Split(lead.strip(), groups, "colon", rest[1:])
    dash = re.match(r"^\.?\s*[-–—]\s*", rest)
    if dash:
        return _Split(lead.strip(), groups, _dash_kind(dash), rest[dash.end():])
    if rest.startswith(",") and groups:  # "Ana Lopes (S&D), blue-card question. – ..."
        near = rest[: MAX_TAIL_CHARS + 3]
        end = _DASH_SEP.search(near) or re.search(r":\s*", near)
        if end and "(" not in near[: end.start()]:
            sep = _dash_kind(end) if end.group().strip() != ":" else "colon"
            return _Split(lead.strip(), groups, sep, rest[end.end():], rest[1 : end.start()].strip())
    asked = _QUESTION_TO.match(rest.strip())  # Wellington: "2. CHRIS HIPKINS (Leader of the Opposition) to the Prime Minister: ..."
    if asked and groups:
        return _Split(lead.strip(), groups, "colon", rest.strip()[asked.end():])
    return None


# A role the European Parliament prints after a member's name, lower-case as it is printed.
_TAIL_ROLE = re.compile(
    r"^(?:(?:co-|shadow\s+)?rapporteur|draftsperson|draftsman|draftswoman|author|deputising\s+for\b|chair\s+of\b|"
    r"member\s+of\s+the\s+[A-Z]|president-in-office\b)",
    re.I,
)
_ON_BEHALF = re.compile(r"^on\s+behalf\s+of\s+(?:the\s+)?(?P<who>.+?)$", re.I)


def _tail_role(text: str, parts: _Parts) -> bool:
    """Read a role printed after a name and a comma into `parts`: an office ("Member of the
    Commission", "rapporteur"), a political group ("on behalf of the PPE Group") or a label of
    the turn ("blue-card question"). False when it is none of them (a sentence's clause)."""
    text = " ".join(text.split()).rstrip(".")
    if text.lower() in _LABELS:
        return True
    behalf = _ON_BEHALF.match(text)
    if behalf:
        who = behalf.group("who")
        if who.endswith(" Group") or _is_party(who):
            parts.party = who
        else:
            parts.office = text
        return True
    if _is_office(text) or _TAIL_ROLE.match(text):
        parts.office = _office(text)
        return True
    return False


def _known(name: str, known: Collection[str]) -> bool:
    folded = name.casefold()
    return any(folded == k.casefold() for k in known)


_HEAD_ENDS = ("(", ":", "-", "–", "—")
# What parts a speaker from words on the same line, hyphens inside words aside.
_PARTINGS = ("(", ":", " -", "–", "—")
_SENTENCE_END = (".", "!", "?", "”", '"', "’", "'")


def _speech_only(text: str) -> bool:
    """A paragraph that cannot open a turn: a head running past MAX_HEAD_CHARS with no
    bracket, colon or dash to end it, or a sentence with nothing parting a speaker from it
    (a speaker's line ends in a name, an office or a bracket). Most paragraphs of any text
    are one or the other, so they are let go before the parsing, which made detection cost
    as much as reading a live blog's text, then a sixth of it (45 us a paragraph)."""
    head = text[: MAX_HEAD_CHARS + 1]
    if len(text) > MAX_HEAD_CHARS and not any(mark in head for mark in _HEAD_ENDS):
        return True
    return text.endswith(_SENTENCE_END) and not any(mark in head for mark in _PARTINGS)


_OPENERS = _HONOURS | _COURTESY | _PEERAGE | _LEADS
# A question's number before its asker ("1. Mr X asked", "Q98 Jane Doe:"), not a time ("20.49 GMT").
_NUMBER_FIRST = re.compile(r"(?:Q\s?)?\d{1,4}[.)]?\s*[^\W\d]", re.I)
# A colon that could part a speaker from words: not one inside a clock time ("at 20:48").
_COLON_PARTING = re.compile(r":(?!\d)")


def _may_open_turn(text: str) -> bool:
    """Whether a line could name a speaker before any member is known: something parting a
    speaker from words or brackets, a title or an office's article first, or a question's
    number. A live blog's headlines and short lines ("Ministers unveil plans", "Share") have
    none, and are let go without parsing when a text is tried for a record."""
    head = text[: MAX_HEAD_CHARS + 1]
    # _PARTINGS, each tested in turn (every line of a text tried for a record passes here:
    # plain substring tests cost half a generator over them, a fifth of one regex for all).
    if "(" in head or " -" in head or "–" in head or "—" in head or _COLON_PARTING.search(head):
        return True
    first = text.split(" ", 1)[0].lower()
    return first in _OPENERS or _NUMBER_FIRST.match(text) is not None


def speaker_line(text: str, known: Collection[str] = ()) -> SpeakerLine | None:
    """The speaker a record's line names, or None for speech, furniture and headings.

    A bare name line ("Yvette Cooper") is a speaker only when that name already spoke in
    this record (`known`) or carries a title ("Sir Edward Leigh", "Lord Hanson of Flint").
    A courtesy title and a surname ("Senator Plett") is the one member of `known` with that
    surname, when there is only one ("Donald Plett").
    """
    text = " ".join(text.replace("\u00a0", " ").split())
    if not text or (not known and not _may_open_turn(text)):
        return None
    found = _congress_line(text) or _asked_line(text, known)
    if found is None:
        if _speech_only(text) or time_stamp(text):
            return None
        found = _bilingual_line(text, known) or _headed_line(text, known)
    if found is not None and found.name and known:
        full = _full_name(found.name, known)
        if full != found.name:
            found = replace(found, name=full)
    return found


def _headed_line(text: str, known: Collection[str]) -> SpeakerLine | None:
    split = _split(text)
    if split is None:
        return None
    lead, groups, sep = split.lead, split.groups, split.sep
    if not lead or len(lead) > MAX_HEAD_CHARS or names_a_group(lead):
        return None
    said = split.rest.strip() or None
    if said and sep == "stop-dash":
        said = _LANGUAGE.sub("", said) or None
    shape = "dash" if sep == "stop-dash" else sep or "line"
    parts = _read_groups(groups)
    if split.tail is not None and not _tail_role(split.tail, parts):
        return None
    office_head = _is_office(lead) or _peer_office(lead, groups)
    person = _person(groups[0]) if office_head and groups else None
    if person:  # office (name) (party): "Madam Deputy Speaker (Judith Cummins)", "The Minister of State, Home Office (Lord Hanson of Flint) (Lab)"
        more = _read_groups(groups[1:])
        return SpeakerLine(person[0], _office(lead), more.seat, more.party, said, more.time, shape, True)
    if "," in lead:
        return _comma_head(lead, parts, sep, said, shape)
    if sep == "dash" and not groups and not re.search(r"\b[A-Z]{2,}\b", lead):
        # "Mr Johnson – who resigned – said": a dash parts a speaker from speech only after
        # brackets, a name in capitals or a full stop ("President. –", the European Parliament's)
        return None
    if office_head:
        tokens = lead.split()
        if _OFFICE_BEFORE_NAME.match(tokens[0]) and len(tokens) > 1 and (named := _person(" ".join(tokens[1:]))):
            return SpeakerLine(named[0], recase(tokens[0]), parts.seat, parts.party, said, parts.time, shape, True)
        if groups and (parts.seat or parts.party or parts.office):
            return None  # "Statement (Grooming Gangs)": an office-like head with brackets that name nobody
        if sep is None and tokens[0].lower() not in _LEADS:
            return None  # "Prime Minister" alone is a heading; "The Prime Minister", "Mr Speaker" a turn
        return SpeakerLine(None, _office(lead), None, None, said, parts.time, shape, True)
    person = _person(lead)
    if person is None:
        return None
    name, titled = person
    # A numbered question names the member in full ("Q98 Mark Dowse:"): two words at least,
    # so a live blog's "Q3 Revenue:" stays a heading.
    asking = split.numbered and sep == "colon" and len(name.split()) >= 2
    strong = titled or asking or _known(name, known)
    if not groups and not strong:
        return None
    if sep is None and not strong and not (len(groups) >= 2 or parts.party or parts.office):
        return None  # "Grooming Gangs (Amendment)": a heading; a member's line prints seat and party
    # A committee's witness: a full name, the body they speak for in one bracket, then a colon
    # (Holyrood's "Morag Lindsay (Caledonian Maritime Assets Ltd): ..."), the answer opening as a
    # sentence does; "Rachel Reeves (Leeds West): she said no" is a live blog's prose.
    witness = sep == "colon" and len(groups) == 1 and len(name.split()) >= 2 and not (said or "X")[0].islower()
    if parts.seat and not (parts.party or parts.office or parts.time or strong or witness):
        return None  # one bracket naming a place, and no title: "Rachel Reeves (Leeds)" in prose
    return SpeakerLine(name, parts.office, parts.seat, parts.party, said, parts.time, shape, titled)


def _peer_office(lead: str, groups: list[str]) -> bool:
    """An office worded like a peer's title ("The Lord Privy Seal", "The Lord Great Chamberlain")
    when the first bracket names a titled person: a member's own name is never followed by
    another person's, so the line reads office (holder), as "The Lord Speaker (Lord McFall)"."""
    tokens = lead.split()
    if tokens and _bare(tokens[0]) == "the":
        tokens = tokens[1:]
    if len(tokens) < 2 or _bare(tokens[0]) not in _PEERAGE or not groups:
        return False
    holder = _person(groups[0])
    return holder is not None and holder[1]


def _comma_head(lead: str, parts: _Parts, sep: str | None, said: str | None, shape: str) -> SpeakerLine | None:
    """A head with a comma: "Olaf Scholz, Bundeskanzler:", "Katrin Seeliger, Bundesministerin für
    Wohnen, Stadtentwicklung und Bauwesen:" and "Marco Bellandi, on behalf of the PPE Group. –"
    name a person and office or group; "Abbott, Ms Diane" (a division list) names nobody."""
    name_part, _, office_part = lead.partition(",")
    person = _person(name_part)
    if sep is None or person is None or not _tail_role(office_part, parts):
        return None
    return SpeakerLine(person[0], parts.office, parts.seat, parts.party, said, parts.time, shape, True)


# The language a member spoke in, printed before the speech: "Jörg Hansmeier (ESN). – (DE) Frau Präsidentin!"
_LANGUAGE = re.compile(r"^\([A-Z]{2}\)\s*")

# The Congressional Record: a title, the surname in capitals (and the state when two members
# share it), a full stop, then the speech: "Mr. HALVORSEN. Mr. Speaker, ...",
# "Mrs. McCLANAHAN of Georgia. Mr. Speaker, ...", "Ms. CORTEZ MASTO. ..."; the chair by office
# in capitals: "The SPEAKER pro tempore. ...", "The PRESIDING OFFICER. ...", "The Acting CHAIR. ...".
_CAPS_WORD = r"(?:Mc|Mac|De|Di|La|Le|Van|O'|O’|D')?[A-Z][A-Z'’\-]+"
_CONGRESS_MEMBER = re.compile(
    rf"^(?P<title>Mr|Mrs|Ms|Miss|Dr)\.\s+(?P<name>{_CAPS_WORD}(?:\s{_CAPS_WORD}){{0,2}})"
    r"(?:\s+of\s+(?P<state>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}))?\.\s+(?P<said>\S.*)$"
)
_CONGRESS_CHAIR = re.compile(
    r"^The\s+(?P<office>(?:(?:Acting|Presiding|Deputy|[A-Z]{2,})\s){0,3}[A-Z]{2,}(?:\spro\stempore)?)\.\s+(?P<said>\S.*)$"
)


def _congress_line(text: str) -> SpeakerLine | None:
    if not text.startswith(("Mr.", "Mrs.", "Ms.", "Miss.", "Dr.", "The ")):
        return None
    member = _CONGRESS_MEMBER.match(text)
    if member:
        name = f"{member.group('title')}. {' '.join(recase(w) for w in member.group('name').split())}"
        return SpeakerLine(name, None, member.group("state"), None, member.group("said"), None, "period", True)
    chair = _CONGRESS_CHAIR.match(text)
    if chair and _is_office(chair.group("office")):
        return SpeakerLine(None, _office(chair.group("office")), None, None, chair.group("said"), None, "period", True)
    return None


# A question tabled, printed numbered with the asker's name and the question as their words:
# Northern Ireland's "1. Mr Corrigan asked the Minister of Finance ...", Singapore's
# "1 Mr Daniel Ho Wei Ming asked the Minister for Manpower ...". Unnumbered, "Mr Doe asked the
# Prime Minister" is a live blog's sentence, so the number is required.
_ASKED_NUMBER = re.compile(r"^\*?\d{1,4}[.)]?\s+")
_ASKED = re.compile(r"\s+asked\s+(?=(?:the|his|her)\s)")
# The office asked is named within the first words after "asked the": "the Minister for Manpower",
# "the Secretary of State for Northern Ireland", "His Majesty's Government".
ASKED_OFFICE_WORDS = 5


def _asked_line(text: str, known: Collection[str]) -> SpeakerLine | None:
    if not (text[0].isdigit() or text[0] == "*"):
        return None
    number = _ASKED_NUMBER.match(text)
    asked = _ASKED.search(text, 0, MAX_HEAD_CHARS) if number else None
    if number is None or asked is None:
        return None
    head = text[number.end() : asked.start()]
    groups = re.findall(r"\(([^()]*)\)", head)
    head = head.split("(", 1)[0].strip()
    asker = _person(head)
    said = text[asked.start() :].strip()
    after = said.split()[2 : 2 + ASKED_OFFICE_WORDS]
    if asker is None or not (asker[1] or _known(asker[0], known)):
        return None
    if not any(_OFFICE_WORDS.match(w.strip(",.'’s")) or w.lower() in ("government", "executive") for w in after):
        return None
    parts = _read_groups(groups)
    return SpeakerLine(asker[0], None, parts.seat, parts.party, said, None, "asked", True)


def _bilingual_line(text: str, known: Collection[str]) -> SpeakerLine | None:
    """A chair printed in two languages on its own line: "The Llywydd / Y Llywydd" (the Senedd)."""
    if " / " not in text or len(text) > MAX_BILINGUAL_CHARS:
        return None
    first, _, second = text.partition(" / ")
    found = _headed_line(first, known)
    if found is None or found.said or found.shape != "line" or not all(w[:1].isupper() for w in second.split()):
        return None
    return found


# "The Deputy Presiding Officer / Y Dirprwy Lywydd" is the longest such line the Senedd prints.
MAX_BILINGUAL_CHARS = 80


def _full_name(name: str, known: Collection[str]) -> str:
    """"Senator Plett" -> "Donald Plett" when the record names one member so surnamed."""
    tokens = name.split()
    rank = _bare(tokens[0]) if len(tokens) == 2 else ""
    if rank not in _COURTESY and rank not in _KEPT_RANKS:
        return name
    surname = tokens[1].casefold()
    if rank in _KEPT_RANKS:  # "Councillor MacPhail" is the "Councillor Iain MacPhail" of the record
        matches = {k for k in known if len(k.split()) >= 3 and _bare(k.split()[0]) == rank and k.split()[-1].casefold() == surname}
    else:
        matches = {
            k for k in known if len(k.split()) >= 2 and _bare(k.split()[0]) not in _COURTESY and k.split()[-1].casefold() == surname
        }
    return matches.pop() if len(matches) == 1 else name
