"""The words by which news prose attributes speech: reporting verbs, and the patterns of
the phrases around them (a name or role ending a subject, "hearing from", "said the
minister", "calls from", a headline's "Doe on ...", a description named next paragraph).

Pure vocabulary, compiled once; what to make of a match is attribution's business.
"""

from __future__ import annotations

import re
from functools import lru_cache

from liveline.ingest.speakers.names import BODY_KINDS, FULL_NAME, PARTICLE, POSTNOMINAL_WORDS, ROLE_NOUNS, SURNAME_WORD, TITLE
from liveline.ingest.speakers.wordtrie import trie_pattern

# A full name at the end of a phrase; a middle part may only be initials ("Andrew RT Davies"),
# and honours may follow it ("Jane Doe MBE").
NAME_END = re.compile(
    rf"(?:^|(?<=\s))(?:(?P<title>{TITLE})\s+)?(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z]{{1,2}}\.?)?(?:\s+{PARTICLE}){{0,2}}\s+{SURNAME_WORD})"
    rf"(?:\s+{POSTNOMINAL_WORDS})*(?:['’]s?)?$"
)
TITLED_END = re.compile(rf"(?:^|(?<=\s))(?P<title>{TITLE})\s+(?P<sur>{SURNAME_WORD})(?:['’]s?)?$")
ONE_WORD = re.compile(rf"^(?P<sur>{SURNAME_WORD}|[A-Z]{{2,6}})(?:['’]s?)?$")
ROLE_END = re.compile(rf"(?i:\b(?:{ROLE_NOUNS}))(?:\s+for\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}})?$")
# "It" is a body's pronoun ("the board closed the pier, as it warned..."); people's are the others.
PRONOUN_END = re.compile(r"(?:^|\s)(?P<p>she|he|they|it)$", re.I)
# The first person opening a phrase ("We'll bring you...") or ending it as its subject
# ("that's something we've"): the blog's or a quoted speaker's own voice, nobody to name.
FIRST_PERSON = re.compile(
    r"^(?:we|we['’]?re|we['’]?ll|we['’]?ve|i|i['’]?m|i['’]?ll|you|let['’]?s)\b|^(?:.*\s)?(?:we|i|you)(?:['’](?:re|ll|ve|d|m))?$",
    re.I,
)

# The speech acts news prose reports, by class; each entry is a word or a phrase ("|" joins
# its words). A class lists the forms news uses: present ("says"), past ("said") and, where
# plural subjects are common in headlines ("Police warn", "Unions say"), the bare form.
# Bare forms that are mostly nouns ("back", "question", "call") are left out: a noun
# reading would make a subject of whatever stands before it.
SPEECH_ACTS = {
    # Saying and answering: the plain report of words.
    "saying": """
        says said say tells told asks asked adds added responds responded replies replied explains
        explained argues argued argue speaks spoke answered answers recalls recalled repeats repeated
        reiterates reiterated goes|on went|on continues continued quotes quoted
    """,
    # Asserting: a claim about the world, its stance held by the speaker (a court's ruling
    # too: "the court ruled that...").
    "asserting": """
        claims claimed claim insists insisted insist confirms confirmed confirm stresses stressed
        suggests suggested believes believed thinks hopes wants notes noted points|out pointed|out
        acknowledges acknowledged concedes conceded reveals revealed discloses
        disclosed describes described agrees agreed highlights highlighted apologises
        apologised want rules ruled found|that finds|that
    """,
    # Evaluating: praise or blame of somebody or something ("slams", "hits out at", "pays
    # tribute to"), the tabloid and headline forms included.
    "evaluating": """
        welcomes welcomed praises praised criticises criticised criticise criticizes criticized
        criticize condemns condemned condemn slams slammed slam hits|out hit|out blasts blasted
        lashes|out lashed|out brands branded accuses accused accuse defends defended challenges
        challenged questions questioned rejects rejected reject dismisses dismissed backs backed
        opposes opposed pays|tribute paid|tribute pay|tribute hits|back hit|back
        doubles|down doubled|down
    """,
    # Committing and directing: promises, warnings, demands, announcements of what will be done.
    "committing": """
        promises promised promise pledges pledged pledge vows vowed vow warns warned warn urges
        urged urge calls|for called|for call|for calls|on called|on call|on demands demanded demand
        orders ordered proposes proposed announces announced announce unveils unveiled outlines
        outlined sets|out set|out will|not|announce will|announce tabled tables
    """,
    # Writing: words put out in writing; an outlet reports what its reporters found.
    "writing": """
        writes wrote written sent tweets tweeted reports reported
    """,
    # Taking a turn in proceedings (a debate, a briefing, a hearing): the speaker at the
    # microphone now, or opening and closing their part ("signs off"). A speaker showing or
    # presenting something in a briefing in progress is speaking ("is showing slides").
    "proceedings": """
        begins began finishes finished concludes concluded stood|up stands|up interjects interrupts
        interrupted is|speaking is|now|speaking is|taking|questions is|now|taking|questions
        is|answering is|now|answering is|showing is|now|showing is|presenting is|now|presenting
        is|addressing signs|off signed|off opens|by opened|by opens|with opened|with turns|to turned|to
    """,
}
REPORTING_VERBS = [phrase.replace("|", " ") for words in SPEECH_ACTS.values() for phrase in words.split()]
# The bare forms, which are also nouns ("the housing pledge", "Power demand"): a report only
# after a subject that can take them (see clauses.is_passive).
BARE_FORMS = {
    "say", "argue", "claim", "insist", "confirm", "admit", "deny", "criticise", "criticize", "condemn",
    "slam", "hit out", "accuse", "reject", "pay tribute", "promise", "pledge", "vow", "warn", "urge",
    "call for", "call on", "demand", "announce", "want",
}
# "Posted" and "shared" report speech only with what was posted, or where: "posted on X:",
# "shared a statement". Alone they are about objects ("posted officers", "shared costs").
_POSTED = (
    r"(?:posts|posted|shares|shared)(?=\s*:|\s+(?:on|to)\s+(?:X|Twitter|Facebook|Instagram|LinkedIn|Threads|Bluesky|"
    r"TikTok|social\s+media)\b|\s+(?:a|an|the|this|his|her|its|their)\s+(?:[a-z]+\s+)?(?:message|statement|video|"
    r"update|tweet|post|letter|photo|picture|response)\b)"
)
# A statement put out: "has issued the following statement:", "released a statement".
_STATEMENT = (
    r"(?:issues|issued|releases|released|puts\s+out|put\s+out|publishes|published)\s+(?:a|an|the|this|its|his|her|"
    r"their)\s+(?:[a-z]+\s+){0,2}?statement"
)
# "Admitted"/"denied" report words, except as a plea in court: "admitted a single charge of",
# "denied two counts of", "admitted possessing a hammer" report a court event, not speech.
_PLEA = (
    r"(?:admits|admitted|admit|denies|denied|deny)(?!\s+(?:[\w-]+\s+){0,3}?(?:charges?|counts?|offences?|murder|"
    r"manslaughter|assault|affray|theft|burglary|robbery|arson|possessing|possession|causing|wounding|attempted)\b)"
)
# A verb form straight after a determiner or a preposition is a noun or an adjective:
# "amid reports of", "the promised review", "her statement", "Doe's claim". Each lookbehind
# is fixed-width, as Python's engine requires.
_NOMINAL_BEFORE = """
    the a an his her its their our my your this these those of amid after following despite over
    about on in from with at into against under among
""".split()
_NOT_AFTER = "".join(rf"(?<!\b{form}\s)" for word in _NOMINAL_BEFORE for form in (word, word.capitalize()))
_NOT_AFTER += r"(?<!['’]s\s)"
# "Called" reports words only with the words it quotes (masked as «Q» when cues are read):
# "called the episode “a national disgrace”", "called it ‘a betrayal’". Alone it is a phone
# call, a summons or a name ("called Macron", "called an election", "a man called Dave").
_CALLED = r"(?:calls|called)(?=\s+(?:[\w'’-]+\s+){0,4}?(?:[“\"‘]|«Q»))"
_VERB_FORMS = rf"(?:{trie_pattern(REPORTING_VERBS)}|{_POSTED}|{_STATEMENT}|{_PLEA}|{_CALLED})\b"
# The lookahead first: the sixty lookbehinds then run only where a verb form starts.
VERB = re.compile(rf"\b(?={_VERB_FORMS}){_NOT_AFTER}{_VERB_FORMS}")
# Each is a reporting verb of VERB, which finds it wherever INVERTED can (after a clause's
# punctuation no lookbehind of VERB's applies): a paragraph where VERB found none of them
# needs no INVERTED search (see explicit_cues._read_cues).
INVERTED_VERBS = frozenset("""
    says said adds added asks asked replied replies continued continues insisted insists
    reports reported writes wrote warns warned notes noted explains explained
""".split())
INVERTED = re.compile(
    r"(?:^|[,;:»]\s*)(?:says|said|adds|added|asks|asked|replied|replies|continued|continues|insisted|insists|"
    r"reports|reported|writes|wrote|warns|warned|notes|noted|explains|explained)\s+"
    r"(?P<ref>(?:the\s+|a\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,5}?)\s*(?=[.,;:]|$)"
)
# Every branch of HEARD_FROM holds one of these, in this case: a cheap test in front of it.
HEARD_FROM_WORDS = ("hear", "question", "according")
HEARD_FROM = re.compile(
    r"\b(?:(?:now\s+)?hearing\s+from|heard\s+from|question\s+(?:from|by)|according\s+to)\s+"
    r"(?P<ref>(?:the\s+|The\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,6}?)\s*(?=[.,;:?!»]|\s+(?:now|who|about|on|at|in|and)\b|$)"
)
# "She was threatened with legal action by Jane Doe": the agent of a passive speech act.
# "Asked by Jane Doe whether..., the minister said": a fronted question's asker speaks too.
# Each branch of PASSIVE_BY holds one of these, in this case: a cheap test in front of it.
PASSIVE_BY_WORDS = (
    "threatened", "criticised", "criticized", "accused", "urged", "warned", "challenged", "condemned", "praised",
    "attacked", "questioned", "pressed", "lobbied", "sued", "Asked", "Pressed", "Questioned", "Challenged",
)
PASSIVE_BY = re.compile(
    r"(?:\b(?:was|were|been|being|is|are)\s+(?:threatened|criticised|criticized|accused|urged|warned|challenged|"
    r"condemned|praised|attacked|questioned|pressed|lobbied|sued)\b|(?:^|(?<=[.;]\s))(?:Asked|Pressed|Questioned|Challenged)\b)"
    r"[^.;:«»,]{0,40}?\s+by\s+"
    rf"(?P<ref>(?:the\s+)?(?:{TITLE}\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’-]*){{0,5}})"
)
CALLS_FROM = re.compile(r"\bcalls?\s+(?:for\s+[^.;:»,]{1,80}?\s+)?(?:from|by)\s+(?P<list>[^.;:»]{3,160})")
# Who speaks for a body speaks as the body: "a spokesman for X", "Reporters from X", "staff
# at X" (a newsroom's reporters are their outlet's voice).
_SPEAKER_NOUNS = r"(?:spokes(?:person|man|woman|people)|reporters?|journalists?|staff|officials?|representatives?|officers?)"
_BODY_NAME = (
    r"(?!(?:The|A|An)\s)[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|and|the|on|in|&|our|up|to)\s+)*[A-Z0-9][\w'’&.-]*)*"
    r"(?:\s+(?:council|police|party|government|authority|board|trust))?"  # "Dunmore council"
)
FOR_BODY = re.compile(
    rf"^(?i:(?:(?:an?|the)\s+)?(?:[a-z]+\s+)?{_SPEAKER_NOUNS}\s+(?:for|from|at|with|of)\s+(?:the\s+)?)(?P<body>{_BODY_NAME})$"
)
# "spokespeople for the charity": the body referred back to by what it is.
FOR_BACK = re.compile(
    rf"^(?i:(?:(?:an?|the)\s+)?(?:[a-z]+\s+)?{_SPEAKER_NOUNS}\s+(?:for|from|at|with|of)\s+the\s+)(?:[a-z-]+\s+){{0,2}}(?P<head>[a-z]+)$"
)
# "A Home Office spokesperson", "a No 10 spokesman": the body's name before its speaker.
BODY_SPEAKER = re.compile(rf"^(?i:(?:an?|the)\s+)?(?P<body>{_BODY_NAME})\s+(?i:spokes(?:person|man|woman))$")
# "Jane Doe's spokesperson", "the prime minister's spokesman": whose voice they are.
OWNERS_SPEAKER = re.compile(r"^(?P<owner>.+?)['’]s?\s+(?i:spokes(?:person|man|woman))$")
# A country's or a city's institutions, named by it: "the UK government", "Russian
# authorities", "the Kyiv military administration".
NATIONAL_BODY = re.compile(
    r"(?:^|(?<=\s))(?:[Tt]he\s+)?(?P<body>(?!The\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:government|authorities|military|army|navy|"
    r"parliament|foreign\s+ministry|defence\s+ministry|interior\s+ministry|military\s+administration))$"
)
# One word with a capital inside ("PlymouthLive", "GoFundMe") is a brand's name; a
# surname's inner capital follows a prefix ("McGregor", "DeSantis", "MacLeod").
CAMEL_BODY = re.compile(r"^(?:[Tt]he\s+)?(?P<body>(?!(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O)[A-Z])[A-Z][a-z]{2,}[A-Z][A-Za-z]+)$")
# "the refugee charity Harbour Trust", "campaign group Save Aldermoor Vale": what the body is,
# then its name.
BODY_KIND = trie_pattern(BODY_KINDS)
DESCRIBED_BODY = re.compile(
    rf"^(?i:(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+){{0,3}}(?:{BODY_KIND})\s+)(?P<body>{_BODY_NAME})$"
)
# A capitalised phrase that may name a body ("Save our Pier", "Police Federation of England
# and Wales"): capitalised words joined by the small words such names contain.
BODY_RUN = re.compile(_BODY_NAME)
# An office of a body with no name given: "the head of the NHS", "chief executive of X",
# "the minister for coastal affairs" (a portfolio, lower case, only after a minister or a
# secretary). Offices only: "a member of the public" is nobody in particular.
_OFFICE_NOUNS = (
    r"(?:head|chief|leader|chair|chairman|chairwoman|president|director|executive|secretary|minister|mayor|"
    r"governor|commissioner|editor|founder|boss|ambassador|envoy|spokes(?:person|man|woman))"
)
ROLE_OF = re.compile(
    rf"^(?i:(?:(?:the|a|an)\s+)?(?:[a-z'’-]+\s+){{0,2}})(?:(?i:{_OFFICE_NOUNS}\s+(?:of|at|for)\s+(?:the\s+)?){_BODY_NAME}"
    r"|(?i:minister|secretary|spokes(?:person|man|woman))\s+for\s+(?:the\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,3})$"
)
# A town's police, named after the town: "Dover police", "police in Dover".
LOCAL_POLICE = re.compile(r"^(?:(?:[Pp]olice)\s+in\s+(?P<after>[A-Z][\w'’-]+)|(?P<before>[A-Z][\w'’-]+)\s+police)$")
FRONTED = re.compile(r"\s*(?:Responding|Replying|Reacting|Speaking|Turning|Talking|Writing)\s+(?:to|about|on|after)\b[^,.;:]{0,160},")

# Live-blog headlines name their speaker before "on": "Doe on the rail strike".
HEADLINE_ON = re.compile(rf"^(?:[A-Z][a-z]+:\s+)?(?P<ref>(?:{TITLE}\s+)?(?:{FULL_NAME}|{SURNAME_WORD}))\s+on\s+\S")
# Reported plans ("The government will...") continue the previous paragraph's speaker.
MODAL = re.compile(
    r"\b(?:will|would|won'?t|is\s+going\s+to|are\s+going\s+to|'s\s+going\s+to|plans?\s+to|is\s+set\s+to|are\s+set\s+to|is\s+to|are\s+to)\b",
    re.I,
)
_QUOTE_PAIRS = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘[^’]{2,}?’(?=[\s.,;:!?)]|$)")


# How many paragraphs' text work the pure readers keep (functools.lru_cache). A story
# repeats many paragraphs (a quotation in several outlets' pages, a page's recurring lines);
# in the 50k-paragraph benchmark corpus 94% of the repeats come within 4,096 paragraphs of
# the last time, and the caches then hold a few MB.
READ_CACHE_SIZE = 1 << 12


@lru_cache(maxsize=READ_CACHE_SIZE)
def mask_quotes(text: str) -> str:
    """Quoted speech replaced by «Q», so words inside quotes never read as cues."""
    return _QUOTE_PAIRS.sub("«Q»", text)


# News prose often introduces someone by description before naming them: "...threatened
# with legal action by a former police detective who set up a charity." and the next
# paragraph opens "Jane Doe - who resigned in 2012 - has sent...". The description is
# that person (cataphora).
INDEFINITE_AGENT = re.compile(r"\bby\s+(?P<desc>an?\s+[a-z][^.;:!?“”\"()«»]{8,160}?)\s*(?:[.;:!?]|$)")
OPENING_NAME = re.compile(
    rf"^(?:{TITLE}\s+)?(?P<name>{FULL_NAME})(?=\s+(?:-|–|—|,|who\b|has\b|had\b|is\b|was\b)|\s+(?:{VERB.pattern}))"
)

# A run of capitalised words; a person's name is its last two words (three with initials).
CAPITAL_RUN = re.compile(rf"[A-Z][\w'’.-]*(?:\s+(?:{PARTICLE}\s+){{0,2}}[A-Z][\w'’.-]*)*")
# A surname with its particles, capitalised at the start of a sentence: "Von der Leyen said".
PARTICLE_SURNAME = re.compile(rf"^(?i:{PARTICLE})(?:\s+{PARTICLE})*\s+(?P<sur>{SURNAME_WORD})$")
ROLE_SEARCH = re.compile(rf"(?i)\b{ROLE_NOUNS}\b")
ROLE_PHRASE = re.compile(rf"\b[Tt]he\s+(?:[a-z]+\s+){{0,3}}(?i:{ROLE_NOUNS})\b")
