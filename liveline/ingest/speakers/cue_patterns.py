"""The words by which news prose attributes speech: reporting verbs, and the patterns of
the phrases around them (a name or role ending a subject, "hearing from", "said the
minister", "calls from", a headline's "Doe on ...", a description named next paragraph).

Pure vocabulary, compiled once; what to make of a match is attribution's business.
"""

from __future__ import annotations

import re

from liveline.ingest.speakers.registry import FULL_NAME, ROLE_NOUNS, SURNAME_WORD, TITLE
from liveline.ingest.speakers.wordtrie import trie_pattern

# A full name at the end of a phrase; a middle part may only be initials ("Andrew RT Davies").
NAME_END = re.compile(rf"(?:^|(?<=\s))(?:(?P<title>{TITLE})\s+)?(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z]{{1,2}}\.?)?\s+{SURNAME_WORD})(?:['’]s?)?$")
TITLED_END = re.compile(rf"(?:^|(?<=\s))(?P<title>{TITLE})\s+(?P<sur>{SURNAME_WORD})(?:['’]s?)?$")
ONE_WORD = re.compile(rf"^(?P<sur>{SURNAME_WORD}|[A-Z]{{2,6}})(?:['’]s?)?$")
ROLE_END = re.compile(rf"(?i:\b(?:{ROLE_NOUNS}))(?:\s+for\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}})?$")
PRONOUN_END = re.compile(r"(?:^|\s)(?P<p>she|he|they)$", re.I)
FIRST_PERSON = re.compile(r"^(?:we|we'?re|we'?ll|we'?ve|i|i'?m|i'?ll|you|let'?s)\b", re.I)

# Verbs that report what somebody said, claimed or did in the proceedings; "|" joins the
# words of a phrase ("calls|for").
REPORTING_VERBS = [
    phrase.replace("|", " ")
    for phrase in """
says said say tells told asks asked adds added responds responded replies replied calls|for called|for
calls|on called|on urges urged claims claimed warns warned insists insisted confirms confirmed
announces announced argues argued explains explained welcomes welcomed accuses accused reiterates
reiterated repeats repeated criticises criticised criticizes criticized condemns condemned challenges
challenged pledges pledged promises promised praises praised admits admitted stresses stressed
suggests suggested describes described defends defended questions questioned rejects rejected
dismisses dismissed writes wrote written sent agreed agrees revealed reveals disclosed discloses
unveils unveiled outlines outlined sets|out set|out proposes proposed backs backed opposes opposed
wants believes believed thinks hopes vows vowed demands demanded denies denied acknowledges
acknowledged apologises apologised highlights highlighted notes noted points|out pointed|out concedes
conceded ordered orders goes|on went|on continues continued begins began finishes finished concludes
concluded stood|up stands|up hits|back hit|back interjects interrupts interrupted speaks spoke tabled
tables recalls recalled answered answers will|not|announce will|announce is|speaking is|now|speaking
is|taking|questions is|now|taking|questions is|answering is|now|answering
""".split()
]
VERB = re.compile(rf"\b{trie_pattern(REPORTING_VERBS)}\b")
INVERTED = re.compile(
    r"(?:^|[,;:»]\s*)(?:says|said|adds|added|asks|asked|replied|replies|continued|continues|insisted|insists)\s+"
    r"(?P<ref>(?:the\s+|a\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,5}?)\s*(?=[.,;:]|$)"
)
HEARD_FROM = re.compile(
    r"\b(?:(?:now\s+)?hearing\s+from|heard\s+from|question\s+(?:from|by)|according\s+to)\s+"
    r"(?P<ref>(?:the\s+|The\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,6}?)\s*(?=[.,;:?!»]|\s+(?:now|who|about|on|at|in|and)\b|$)"
)
# "She was threatened with legal action by Jane Doe": the agent of a passive speech act.
PASSIVE_BY = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:threatened|criticised|criticized|accused|urged|warned|challenged|"
    r"condemned|praised|attacked|questioned|pressed|lobbied|sued)\b[^.;:«»,]{0,40}?\s+by\s+"
    rf"(?P<ref>(?:the\s+)?(?:{TITLE}\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’-]*){{0,5}})"
)
CALLS_FROM = re.compile(r"\bcalls?\s+(?:for\s+[^.;:»,]{1,80}?\s+)?(?:from|by)\s+(?P<list>[^.;:»]{3,160})")
FRONTED = re.compile(r"\s*(?:Responding|Replying|Reacting|Speaking|Turning|Talking|Writing)\s+(?:to|about|on|after)\b[^,.;:]{0,160},")

# Live-blog headlines name their speaker before "on": "Doe on the rail strike".
HEADLINE_ON = re.compile(rf"^(?:[A-Z][a-z]+:\s+)?(?P<ref>(?:{TITLE}\s+)?(?:{FULL_NAME}|{SURNAME_WORD}))\s+on\s+\S")
# Reported plans ("The government will...") continue the previous paragraph's speaker.
MODAL = re.compile(
    r"\b(?:will|would|won'?t|is\s+going\s+to|are\s+going\s+to|'s\s+going\s+to|plans?\s+to|is\s+set\s+to|are\s+set\s+to|is\s+to|are\s+to)\b",
    re.I,
)
_QUOTE_PAIRS = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘[^’]{2,}?’(?=[\s.,;:!?)]|$)")


def mask_quotes(text: str) -> str:
    """Quoted speech replaced by «Q», so words inside quotes never read as cues."""
    return _QUOTE_PAIRS.sub("«Q»", text)


# News prose often introduces someone by description before naming them: "...threatened
# with legal action by a former police detective who set up a charity." and the next
# paragraph opens "Jane Doe - who resigned in 2012 - has sent...". The description is
# that person (cataphora).
INDEFINITE_AGENT = re.compile(r"\bby\s+(?P<desc>an?\s+[a-z][^.;:!?“”\"()«»]{8,160}?)\s*(?:[.;:!?]|$)")
OPENING_NAME = re.compile(rf"^(?:{TITLE}\s+)?(?P<name>{FULL_NAME})(?=\s+(?:-|–|—|,|who\b|has\b|had\b|is\b|was\b))")

# A run of capitalised words; a person's name is its last two words (three with initials).
CAPITAL_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
ROLE_SEARCH = re.compile(rf"(?i)\b{ROLE_NOUNS}\b")
ROLE_PHRASE = re.compile(rf"\b[Tt]he\s+(?:[a-z]+\s+){{0,3}}(?i:{ROLE_NOUNS})\b")
