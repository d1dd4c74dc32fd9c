"""What a line of a parliament's record is when it is nobody's speech: a printed time, an
interruption, a procedural line, part of a division, or a heading.

Furniture is never a turn and never a paragraph of one. The forms are those official
reports print across parliaments (Westminster, Holyrood, the Dáil, Canberra, Wellington,
Ottawa), not the wording of any one sitting.
"""

from __future__ import annotations

import re

# A time printed on a line of its own: "12.45 pm", "12:45 pm", "[2.34 p.m.]", "(10.00 am)",
# "14:05", "2 pm", "12 noon", "12.03 hrs", Canada's "(1405)", the Lok Sabha reporters' codes
# "(1100/SNT/RK)" (the time, then the initials of the reporters taking that turn), the
# Congressional Record's "{time}  1415", the Bundestag's "Beginn: 9.00 Uhr" / "(Beginn: 9.01 Uhr)".
_AMPM = r"(?P<ampm>[ap]\.?\s?m\.?)"
_TIME_LINE = re.compile(
    rf"""^[\[(]?\s*(?:(?:beginn|schluss)\s*:\s*)?(?:
        (?P<h>\d{{1,2}})(?:[.:](?P<m>\d{{2}}))?\s*(?:{_AMPM}|(?P<noon>noon|midday|midnight))
      | (?P<h24>\d{{1,2}})[.:](?P<m24>\d{{2}})(?:\s*(?:hrs|hours|h|uhr))?
      | (?P<hhmm>\d{{4}})(?:/[A-Z]{{1,5}}){{0,3}}(?=\s*\))
      | \{{time\}}\s*(?P<braced>\d{{4}})
    )\s*[\])]?\.?$""",
    re.I | re.X,
)

# Groups of members heard together: a record's furniture, not a speaker.
_GROUP_WORDS = (
    r"(?:some|several|many|an|other|the|a|number|of|right|rt|hon|hon\.|honourable|honorable|noble|"
    r"opposition|government|coalition|crossbench|cross-bench|labour|labor|liberal|green|greens|conservative|"
    r"national|nationals|independent|backbench|back-bench|scottish|snp|reform)"
)
_GROUP = re.compile(rf"^(?:{_GROUP_WORDS}\s+){{0,4}}(?:members?|lords|senators|deputies|peers|teachtaí|mitglieder)(?:\s+of\s+the\s+\w+)?$", re.I)
# "Several hon. Members rose—", "Mr DUTTON interjecting—", "Opposition members interjecting—"
_ACTION = re.compile(r"^(?P<head>.{1,60}?)\s+(?P<act>rose|interjecting|interrupting)\s*[—–-]*\s*\.?$", re.I)
# An action line names its actor in a few words ("Mr DUTTON", "Honourable members").
MAX_ACTOR_WORDS = 6
# The Lok Sabha prints its cries with an ellipsis and marks some expunged: "… (Interruptions)*".
_WHOLLY_BRACKETED = re.compile(r"^(?:…|\.{3})?\s*(?:\[[^\[\]]*\]|\([^()]*\))\.?\*?$")
# The House's cries printed as a line of their own without brackets: the Oireachtas's "Interruptions.".
_BARE_CRY = re.compile(r"^(?:interruptions?|interjections?|applause|laughter|uproar|cheers|crosstalk)\.?$", re.I)
# The House heard inside a member's paragraph ("... a spending ceiling. [Time expired.]",
# South Africa's "[Applause.]", "[Interjections.]", the Lok Sabha's "… (Interruptions)"):
# cut from the speech, as the printed record sets them apart from it.
_INLINE_CRIES = re.compile(
    r"\s*(?:…|\.{3})?\s*[\[(](?:applause|interjections?|interruptions?|time\s+expired|laughter|cheers|hear,?\s+hear|uproar|"
    r"members\s+interjecting|crosstalk|noise|beifall|heiterkeit|zurufe?|unruhe)[.!]?[\])]\*?",
    re.I,
)
# Lines the record prints about the business rather than anybody's words. "The Dáil adjourned
# at 9.45 p.m. until 9 a.m. on Thursday, 11 November 2027." runs long with its next sitting;
# Singapore names the mover after it ("... into a Committee on the Bill. – [Dr Tan Boon Seng].").
_PROCEDURAL = re.compile(
    r"""^(?:
        question\s+(?:put|proposed|agreed|negatived|resolved|accordingly|deferred|that)\b
      | question,?\s+(?:that|accordingly)\b
      | (?:main\s+)?question,?\s+as\s+amended\b
      | (?:the\s+)?(?:(?:lords\s+|new\s+)?(?:bill|motion|amendments?|clauses?|schedules?|resolution|instruction|original\s+question))\b
        (?:(?!\b(?:was|is|were|are|has|have|had|will|would|should|must|can|could|may|might)\b)[^.]){0,120}?\b(?:read\s+(?:a|the)\s+(?:first|second|third)\s+time|agreed\s+to|negatived|withdrawn|disagreed|passed|
        reported|committed|ordered\s+to\s+stand|stand\s+part|not\s+moved|put\s+and|fell)\b
      | (?:new\s+)?(?:amendments?|clauses?|schedules?)\s+\w{1,4}(?:\s*(?:,|and|to)\s*\w{1,4}){0,6}(?:,?\s+as\s+amended,?)?\s+
        (?:agreed|disagreed|negatived|withdrawn|not\s+moved)(?:\s+to)?\.?$
      | .{0,200}?\bdivision\s+(?:was\s+)?deferred\s+(?:till|until|to)\b
      | ordered[,.:]\s* | ordered,?\s+that\b | resolved[,.:]\s* | resolved,?\s+that\b
      | (?:the\s+)?(?:sitting|proceedings|meeting|debate)\s+(?:was\s+)?(?:suspended|resumed|adjourned|interrupted|closed|continued\s+in\s+(?:private|public))\b
      | (?:the\s+)?(?:(?:hon\.?\s+)?members|committee)\s+indicated\s+(?:agreement|disagreement|assent|dissent)\b
      | (?:the\s+)?(?:debate|time\s+for\s+the\s+debate|time\s+allotted)\s+having\s+(?:concluded|expired|elapsed|ended)\b
      | (?:the\s+)?(?:sitting|proceedings|meeting|debate)\s+(?:was\s+)?(?:concluded|ended|opened|began|commenced)
        (?:\s+at\s+\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?)?\s*\.?$
      | sitting\s+(?:suspended|resumed)\b | on\s+resuming\s*(?:[—–-]|[(\[]|$) | division\s+(?:demanded|called|deferred)\.?$ | prayers\.?$
      | (?:the\s+)?(?:house|senate|dáil|dail|seanad|assembly|national\s+assembly|chamber|committee|parliament|council|senedd|
        lok\s+sabha|rajya\s+sabha)\s+(?:then\s+|immediately\s+|accordingly\s+)?
        (?:adjourned|rose|met|divided|proceeded|resumed|resolved\s+itself|went\s+into|deliberated)\b(?=[^;]{0,50}(?:\s[–—-]\s\[[^\]]*\]\.?)?$)
      | the\s+clerk\s+read\b | there\s+(?:was|being)\s+no\s+objection\b | the\s+question\s+was\s+taken\b
      | a\s+motion\s+to\s+reconsider\s+was\s+laid\s+on\s+the\s+table\b
      | adjourned\s+(?:at|till|until)\b
      | (?:the\s+)?(?:house|senate|dáil|dail|seanad|assembly|chamber|committee|council)\s+adjourned\s+at\s+\d
      | motion\s+made,?\s+and\s+question\b | (?:motion|amendment)\s+proposed\b
      | .{0,80}?\bpresented\s+(?:a|the)\s+bill\b | asked\s+by\s+\S | to\s+ask\s+(?:his|her)\s+majesty
      | leave\s+(?:granted|not\s+granted|refused)\b | members\s+sworn\b
      | (?:mr\.?|madam|madame)\s+(?:deputy\s+|acting\s+)?speaker\s+in\s+the\s+chair\b
      | (?:the\s+)?(?:deputy\s+|acting\s+)?(?:presiding\s+officer|ceann\s+comhairle|cathaoirleach|chair(?:man)?|president)\s+in\s+the\s+chair\b
      | .{0,80}?\btook\s+the\s+chair\b
      | cuireadh\s+an\s+(?:dáil|seanad)\b | d'fhreagair\b
      | tellers?\s+for\s+the\b
    )""",
    re.I | re.X,
)
# The head of a division: the lists under it run until the next speaker.
_DIVISION_START = re.compile(
    r"""^(?:
        division\s+no\.?\s*\d+ | \(?division\s+no\.?\s*\d+\)?
      | (?:the\s+)?(?:house|senate|committee|assembly|dáil|dail|seanad|chamber|parliament)\s+(?:divided|proceeded\s+to\s+a\s+division)\b
      | the\s+(?:ayes|noes|contents|tá|níl)\s+(?:have\s+it|to\s+the\s+right)
      | division\s+on\b
    )""",
    re.I | re.X,
)
# One line of a division: the counts, the headings of the lists, the names as listed ("Abbott, Ms Diane", "Albanese, A (teller)").
_DIVISION_LINE = re.compile(
    r"""^(?:
        (?:ayes|noes|contents|not-contents|yeas|nays|tá|níl|for|against|abstentions?)\s*[:\-–—]?\s*\d*\.?
      | (?:ayes|noes|majority|contents|not-contents)\s*[:\-–—]?\s*\d+.*
      | [A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){0,2},\s+(?:rh\s+|mr\.?\s+|ms\.?\s+|mrs\.?\s+|dr\.?\s+|sir\s+|dame\s+|lord\s+|baroness\s+)?
        [A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}(?:\s*\*)?(?:\s*\((?:teller|tellers?)\))?
    )$""",
    re.X,
)
_DIVISION_COUNT = re.compile(r"^(?:ayes|noes|contents|not-contents|yeas|nays|tá|níl)\b", re.I)
# A heading is short: the longest debate titles in the records read run to about a dozen words
# ("Oral Answers to Questions", "Grooming Gangs", "Business of the House (Thursday 23 January)").
MAX_HEADING_WORDS = 14
_SENTENCE_END = tuple(".!?:;,…—–-\"”’'")


def time_stamp(text: str) -> tuple[int, int] | None:
    """(hour, minute) when the whole line is a printed time; None for anything else (and for
    a time that cannot be one, like "25.70")."""
    m = _TIME_LINE.match(text.strip())
    if not m:
        return None
    if digits := m.group("hhmm") or m.group("braced"):
        hour, minute = int(digits[:2]), int(digits[2:])
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("m24"))
    else:
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if not 1 <= hour <= 12:
            return None
        if m.group("noon"):
            word = m.group("noon").lower()
            hour = 0 if word == "midnight" else 12
        else:
            hour = hour % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute


_CLOCK = r"\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
# The time a procedural line says the sitting (re)starts: "Sitting suspended at 1.30 p.m. and
# resumed at 2.30 p.m.", "Sitting suspended from 13:00 to 14:00", "took the chair at 09:30".
# The European Parliament's "(The sitting opened at 9.00)", "(The sitting was suspended at 11.52 and resumed at 12.00)".
_SITTING_TIME = re.compile(
    rf"\b(?:(?:resumed|met|opened|began|commenced|took\s+the\s+chair|sat)\s+at|suspended\s+from\s+{_CLOCK}\s+(?:to|until))"
    rf"\s+(?P<clock>{_CLOCK})(?!\d|[.:]\d)",
    re.I,
)


def sitting_time(text: str) -> tuple[int, int] | None:
    """When a procedural line says the sitting starts or resumes, that time; None otherwise."""
    found = None
    for m in _SITTING_TIME.finditer(text):
        found = time_stamp(m.group("clock")) or found  # the last: the time it resumes
    return found


def without_cries(text: str) -> str:
    """A speech paragraph without the House's cries printed inside it ("[Applause.]",
    "… (Interruptions)"); "" when the paragraph was only that."""
    return _INLINE_CRIES.sub("", text).strip() if "[" in text or "(" in text else text


def names_a_group(head: str) -> bool:
    """True for "Hon. Members", "Some hon. members", "Noble Lords", "Opposition members": the
    House heard together, not one speaker."""
    return bool(_GROUP.match(head.strip()))


def is_interruption(text: str) -> bool:
    """"[Interruption.]", "(Applause)", "Hon. Members: Hear, hear!", "Several hon. Members rose—",
    "Mr DUTTON interjecting—"; "[Translation]" and other bracketed notes too."""
    text = text.strip()
    if _WHOLLY_BRACKETED.match(text) or _BARE_CRY.match(text):
        return True
    action = _ACTION.match(text)
    if action and len(action.group("head").split()) <= MAX_ACTOR_WORDS:
        # anyone may be heard interjecting; only the House rises as one ("Prices rose." is speech)
        return action.group("act").lower() != "rose" or names_a_group(action.group("head"))
    head, colon, _ = text.partition(":")
    return names_a_group(head.rstrip(" .!—–-")) and (bool(colon) or len(text.split()) <= MAX_ACTOR_WORDS)


# Procedural lines are telegraphic ("Bill read a Second time; to stand committed to a Committee
# of the whole House."); an "Ordered, That ..." with its terms runs to a few lines at most.
MAX_PROCEDURAL_WORDS = 60


def is_procedural(text: str) -> bool:
    """"Question put and agreed to.", "Bill read a Second time.", "Ordered,", "Sitting suspended."."""
    return len(text.split()) <= MAX_PROCEDURAL_WORDS and bool(_PROCEDURAL.match(text.strip()))


# "The House divided: Ayes 310, Noes 170." is a line of its own; a speech saying the House
# divided on something last year runs longer.
MAX_DIVISION_HEAD_WORDS = 12


def starts_division(text: str) -> bool:
    """"Division No. 45", "The House divided:": the lists of names under it are furniture."""
    return len(text.split()) <= MAX_DIVISION_HEAD_WORDS and bool(_DIVISION_START.match(text.strip()))


def is_division_line(text: str) -> bool:
    """A count or a name as a division list prints it: "Ayes 310", "Abbott, Ms Diane"."""
    text = text.strip()
    return len(text) <= 120 and (bool(_DIVISION_LINE.match(text)) or bool(_DIVISION_COUNT.match(text) and len(text.split()) <= 4))


def is_heading(text: str) -> bool:
    """A debate heading: short, starts like a title, no sentence punctuation at its end
    ("Grooming Gangs", "Statement", "Oral Answers to Questions")."""
    text = text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return False
    return len(text.split()) <= MAX_HEADING_WORDS and not text.endswith(_SENTENCE_END)


def furniture_of(text: str) -> str | None:
    """'stamp', 'interruption', 'procedural', 'division' or 'heading'; None for a line that may be speech.

    A speaker line can look like a heading ("Yvette Cooper"): ask for a speaker line first.
    """
    if time_stamp(text):
        return "stamp"
    if is_interruption(text):
        return "interruption"
    if starts_division(text):
        return "division"
    if is_procedural(text):
        return "procedural"
    if is_heading(text):
        return "heading"
    return None
