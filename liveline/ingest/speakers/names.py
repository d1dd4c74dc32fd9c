"""What names, titles, roles and organisations look like in news prose: the vocabulary and
the pure functions (folding, keys, shapes) the registry and its readers share. Nothing here
knows any story's people.
"""

from __future__ import annotations

import re
from functools import lru_cache

from liveline.ingest.speakers.wordtrie import trie_pattern

TITLES = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lady": "f",
    "lord": "m", "baroness": "f", "baron": "m", "dr": None, "prof": None, "professor": None,
    "rev": None, "cllr": None, "judge": None, "justice": None,
}
# A title before a name, as written ("Ms", "Dr.", "Baroness"); TITLES gives its gender.
TITLE = r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|Baroness|Baron|Dr|Prof|Professor|Rev|Cllr)\.?"
ROLE_WORDS = """
secretary minister mp msp mep ms leader chancellor spokesperson spokesman spokeswoman commissioner
mayor chief president speaker chair chairman chairwoman correspondent editor reporter officer
director member councillor expert adviser advisor campaigner whistleblower detective lawyer
barrister kc qc founder executive governor senator ambassador prosecutor superintendent constable
inspector head attorney candidate deputy analyst economist presenter peer victim survivor solicitor
sheriff premier envoy general coroner official manager boss coach captain taoiseach tánaiste tanaiste
""".split()
ROLE_NOUNS = trie_pattern(ROLE_WORDS)
# Roles many people hold at once: alone ("the prosecutor said", "a spokesperson said") they
# name nobody in particular, unless the story has given the role to somebody named. An
# office one person holds ("the prime minister", "the mayor", "the No 10 spokesperson")
# names its holder even unnamed.
GENERIC_ROLES = set(ROLE_WORDS) - {
    "chancellor", "mayor", "president", "speaker", "premier", "governor", "chair", "chairman",
    "chairwoman", "sheriff", "coroner", "taoiseach", "tánaiste", "tanaiste",
}
ROLE_NOUN_RE = re.compile(rf"\b(?:{ROLE_NOUNS})\b", re.I)
# One word of a personal name: "Cooper", "O'Neill", "Smith-Jones", "McDonald", initials "RT".
NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|[A-Z]{1,2}\.?)"
SURNAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+)"
# The small words inside many surnames ("Ursula von der Leyen", "Charles de Gaulle").
PARTICLES = {"von", "van", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "ter", "ten"}
PARTICLE = r"(?:von|van|de|der|den|da|di|du|del|della|la|le|ter|ten)"
FULL_NAME = rf"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+{NAME_WORD})?(?:\s+{PARTICLE}){{0,2}}\s+{SURNAME_WORD})"
# Capitalised words that begin sentences or name things, never a person's given name.
NOT_GIVEN = {
    "the", "a", "an", "and", "but", "in", "on", "at", "as", "if", "so", "it", "this", "that", "these",
    "those", "there", "then", "when", "while", "after", "before", "since", "yet", "also", "just",
    "watch", "labour", "conservative", "conservatives", "tory", "tories", "liberal", "green",
    "reform", "home", "shadow", "prime", "foreign", "health", "justice", "deputy", "former",
    "house", "downing", "independent", "national", "british", "english", "scottish", "welsh",
    "irish", "european", "american", "greater", "north", "south", "east", "west", "new", "old",
    "central", "middle", "upper", "lower", "northern", "southern", "eastern", "western",
    "saint", "st", "king", "queen", "prince", "princess", "royal", "high", "supreme", "crown",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "we", "i", "you", "he", "she", "they", "his", "her", "our", "their",
    "my", "mr", "mrs", "ms", "miss", "sir", "dame", "lady", "lord", "baroness", "baron", "dr",
    "prof", "professor", "rev", "cllr", "judge", "only", "all", "some", "many", "more", "most",
    "asked", "speaking", "responding", "following", "despite", "meanwhile", "earlier", "later",
    "today", "yesterday", "tonight", "last", "next", "first", "second", "third", "one", "two",
    "three", "four", "five", "according", "under", "over", "with", "without", "from", "for",
    "by", "of", "to", "no", "not", "why", "how", "what", "who", "where", "which", "mps",
    # Words that open a body's or a service's name, never a person's: "Police Scotland",
    # "Project Northgate", "Policing Together", "Acting Bishop" (an office, not a given name).
    "police", "policing", "project", "operation", "acting", "fire", "rescue",
}
# Ranks and offices written before a surname ("Assistant Chief Constable Sims"): a title of
# sorts, never a given name.
RANKS = {
    "constable", "superintendent", "inspector", "sergeant", "detective", "commander", "chief",
    "assistant", "deputy", "officer", "councillor", "mayor", "minister", "secretary", "chairman",
    "chair", "president", "governor", "senator", "general", "colonel", "captain", "commissioner",
}
NOT_GIVEN |= RANKS | PARTICLES
# Final words that make a capitalised phrase an institution, place or thing, not a person.
NOT_SURNAME = {
    "office", "council", "police", "party", "bill", "act", "commission", "inquiry", "street",
    "agency", "trust", "court", "programme", "group", "panel", "taskforce", "house", "commons",
    "lords", "hall", "government", "department", "service", "union", "university", "hospital",
    "centre", "center", "news", "times", "post", "guardian", "mail", "telegraph", "express",
    "mirror", "independent", "review", "report", "framework", "network", "association",
    "authority", "board", "committee", "parliament", "assembly", "senate", "congress",
    "ministry", "force", "forces", "unit", "project", "campaign", "fund", "foundation",
    "institute", "society", "company", "limited", "ltd", "plc", "inc", "club", "team", "city",
    "county", "borough", "district", "town", "village", "road", "square", "bridge", "airport",
    "station", "school", "college", "church", "museum", "day", "week", "month", "year", "kingdom",
    "states", "republic", "north", "south", "east", "west", "central", "valley", "park",
    "federation", "alliance", "coalition", "charity", "movement", "confederation",
    "league", "bank", "corporation", "asia", "africa", "europe", "america", "americas", "pacific",
    "atlantic", "arctic", "antarctica", "oceania", "caribbean", "gulf", "sea", "ocean", "river",
    # services and titles that end a capitalised phrase: "East Riding Buses", "Anytown Fire",
    # "Northfield Cllr" (a title cut from its name).
    "buses", "bus", "trains", "fire", "rescue", "ambulance", "cllr",
} | set(ROLE_WORDS)
# Letters after a name that are honours or posts, not part of it ("Jane Doe KC", "Jane Doe
# MBE MP"): one or several.
POSTNOMINAL_WORDS = r"(?:KC|QC|MP|MSP|MEP|MS|AM|OBE|MBE|CBE|DBE|KBE|FRS|PhD)"
POSTNOMINAL = re.compile(rf"(?:\s+{POSTNOMINAL_WORDS})+$")

# How a story refers back to a body it has named: "the force", "the federation", "the
# College" name the body whose name has that word ("the force" and "the constabulary" are a
# police force's); "the group", "the organisation", "the charity" fit any body, since few
# bodies are called what they are.
BACK_REFERENCE_HEADS = {
    "force": ("police", "constabulary", "force"),
    "constabulary": ("police", "constabulary", "force"),
    # A government department is an office, a ministry or a department by name.
    "department": ("department", "ministry", "office", "treasury"),
    "ministry": ("department", "ministry", "office"),
    **{
        head: (head,)
        for head in """
            federation college council party union association trust commission committee board
            authority agency institute foundation society alliance coalition league network
            service club university school hospital bank corporation confederation court
            tribunal inquiry panel
        """.split()
    },
}
GENERIC_BODY_HEADS = {"group", "organisation", "organization", "body", "charity", "campaign", "company", "firm"}
# What a body is, written before or after its name: "the refugee charity Harbour Trust",
# "Calloway Construction, the contractor,".
BODY_KINDS = """
    charity group campaign company firm contractor developer operator union council party
    organisation organization body association trust club society publisher newspaper paper
    website outlet airline bank retailer supermarket agency watchdog regulator thinktank network
    coalition alliance broadcaster insurer
""".split()
# "The operator said", "the contractor says": what a body is, fitting any body.
GENERIC_BODY_HEADS |= set(BODY_KINDS) - set(BACK_REFERENCE_HEADS)
# The last word of a body's name ("Kent Police", "Harbour Trust", "Dunmore Harbour Board").
ORGANISATION_ENDINGS = set(BACK_REFERENCE_HEADS) | {
    "police", "office", "agency", "commission", "court", "government", "group", "campaign",
    "fund", "movement", "forces", "unit", "panel", "taskforce", "international", "watch",
    # trades, in companies' names ("Calloway Construction", "Stanway Housing")
    "housing", "homes", "construction", "energy", "rail", "railways", "airways", "airlines",
    "motors", "holdings", "partners", "associates", "media", "systems", "industries",
    "logistics", "properties", "developments", "insurance", "foods", "stores", "retail",
    # news outlets
    "gazette", "herald", "chronicle", "echo", "journal", "tribune", "observer", "standard",
    "magazine", "radio", "press", "live", "news", "times", "post", "mail", "telegraph", "express",
    "mirror", "guardian",
}
NOT_SURNAME |= ORGANISATION_ENDINGS
# What a body is, alone: "Police", "Council", "Government" name no one body ("Police said"
# is whichever force), unlike a one-word name ("Express", "Reform").
GENERIC_BODY_WORDS = set(BACK_REFERENCE_HEADS) | GENERIC_BODY_HEADS | {"police", "government", "office", "forces", "fire", "ambulance"}


_POSSESSIVE = re.compile(r"['’]s?$")
_DETERMINER = re.compile(r"^(?:the|a|an|our|their|his|her|its)\s+")
_OWNER = re.compile(r"^[a-z]+(?:'s)\s+")
_TITLE_SPLIT = re.compile(rf"^({TITLE})\s+(.*)$")
_FULL_NAME_RE = re.compile(FULL_NAME)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, space- and possessive-insensitive key for names and aliases."""
    text = _POSSESSIVE.sub("", text.strip())
    return " ".join(text.lower().replace("’", "'").split())


def role_key(role: str | None) -> str | None:
    if not role:
        return None
    key = _OWNER.sub("", _DETERMINER.sub("", fold(role)))  # "the BBC's political editor"
    return key or None


# The nicknames British papers use for parties and for the prime minister's office, as
# common as the names themselves.
_NICKNAMES = {
    "tory": "conservative", "torie": "conservative", "lib dem": "liberal democrat", "libdem": "liberal democrat",
    "no 10": "downing street", "no10": "downing street", "number 10": "downing street", "number ten": "downing street",
}


def is_nickname(name: str) -> bool:
    """Whether a name is a common nickname of a body ("No 10", "the Tories")."""
    return org_key(name) in _NICKNAMES.values() and fold(name) not in _NICKNAMES.values()


def org_key(name: str) -> str:
    # Apostrophes dropped: "Chiefs' Council" and the common slip "Chief's Council" are one body.
    key = re.sub(r"^the\s+", "", fold(name)).replace("'", "")
    key = re.sub(r"\s+party$", "", key)
    # "Reform UK", "UK Reform Party": a country tag is not part of what a body is called.
    key = re.sub(r"^uk\s+(?=\S)|(?<=\S)\s+uk$", "", key)
    key = key[:-1] if key.endswith("s") and len(key) > 4 else key
    return _NICKNAMES.get(key, key)


@lru_cache(maxsize=1 << 16)
def split_title(name: str) -> tuple[str | None, str]:
    """('ms', 'Cooper') for 'Ms Cooper'; (None, name) when there is no title."""
    m = _TITLE_SPLIT.match(name.strip())
    if m:
        return m.group(1).rstrip(".").lower(), m.group(2)
    return None, name.strip()


@lru_cache(maxsize=1 << 16)
def looks_like_person(name: str) -> bool:
    """A full personal name: given name(s) + surname, not an institution or a place phrase."""
    _, bare = split_title(name)
    words = bare.split()
    if not 2 <= len(words) <= 4:
        return False
    if words[0].lower() in NOT_GIVEN or words[-1].lower() in NOT_SURNAME:
        return False
    return bool(_FULL_NAME_RE.fullmatch(bare))


# A sentence's end inside a phrase: "...on Friday. Kent Police" (the space after the stop is
# often lost when a page's paragraphs are joined). Not after a title or an initial ("Dr.
# Jane Doe", "J. Doe"): those stops end no sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)”\"'’])[.!?]+\s*(?=[A-Z])")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "prof", "rev", "gen", "col", "capt", "sgt", "lt", "cllr", "insp", "supt", "det", "no", "vs", "jr", "sr"}
# Link text run into the words after it: "Read more here Tory peer" is no name.
_LINK_TEXT = re.compile(r"^(?:(?:read|click|tap|see)\s+(?:more\s+)?(?:here|more)|more\s+here)\b[\s:]*", re.I)


@lru_cache(maxsize=1 << 16)
def last_sentence(phrase: str) -> str:
    """The part of a candidate name after any sentence end or link text in it: a name never
    runs across a full stop ("Friday. Kent Police" is Kent Police)."""
    start = 0
    for m in _SENTENCE_BREAK.finditer(phrase):
        word = re.findall(r"[\w'’]+$", phrase[: m.start()])
        if word and (word[0].lower() in _ABBREVIATIONS or len(word[0]) == 1):
            continue
        start = m.end()
    return _LINK_TEXT.sub("", phrase[start:])
