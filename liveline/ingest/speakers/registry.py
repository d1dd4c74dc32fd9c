"""Who is who in a story: people learned from the text, and resolving references to them.

People come from how news writing introduces them ("Home Secretary Jane Doe",
"shadow chancellor John Roe", "Labour MP for Anytown, Ann Lee", "Ann Lee, the health
secretary,", a byline) and are then referred to by surname, title + surname, role
phrase ("the health secretary"), pronoun, or a misspelling. Nothing here knows any
story's people.

Fuzzy matching (rapidfuzz) is deliberately conservative: a misspelt full name joins a
person only when the given names agree, so two real people with similar surnames
("Jess Phillips", "Chris Philp") stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from liveline.ingest.speakers.wordtrie import trie_pattern

# Fuzzy matching thresholds, on rapidfuzz's fuzz.ratio (0-100: 200 * matching letters /
# letters in both words). Evidence: the misspellings in the gold stories (shared/gold*) and
# a sweep of each value over the three gold sets with bench.quality (speaker scores).
# A misspelt full name, given name agreeing: the gold's surname slips score 83.3 ("Phillip"
# for Philp), 85.7 ("Jays" for Jay) and 94.1; 80 takes them all. Scores are the same from
# 50 to 85 (the given name already guards), and at 90 the riots set loses an alias.
FULL_NAME_MIN_SCORE = 80
# A surname on its own is weaker evidence, so it must be closer. The gold's slips score
# 85.7 ("Dtarmer" for Starmer) and 90.9 ("Philip" for Philp), while two different MPs'
# "Phillips" and "Philp" score 76.9. Scores are the same from 65 to 95; at 60 two of the
# gold's people merge into one.
SURNAME_MIN_SCORE = 85
# Any three-letter word scores 85.7 against a four-letter surname containing it ("Doe" /
# "Does", "May" / "Mayo"), so shorter words match a surname exactly or not at all. Not
# exercised by the gold sets (1 to 8 score the same): the arithmetic is the evidence.
SURNAME_MIN_FUZZY_LENGTH = 4
# Only the winner and the runner-up are compared, after keeping those of people from the
# same source; three leaves that filter a spare. Not exercised by the gold sets (1 to 10
# score the same).
SURNAME_CANDIDATES = 3
# Only a clear winner: a lead under 3 points is less than one more matching letter gives
# (200 / letters in both words, over 6 for surnames up to 16 letters), so it is a near tie
# and evidence for neither. Not exercised by the gold sets (0 to 20 score the same).
SURNAME_MIN_LEAD = 3

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
sheriff premier envoy general coroner official manager boss coach captain
""".split()
ROLE_NOUNS = trie_pattern(ROLE_WORDS)
_ROLE_NOUN_RE = re.compile(rf"\b(?:{ROLE_NOUNS})\b", re.I)
# One word of a personal name: "Cooper", "O'Neill", "Smith-Jones", "McDonald", initials "RT".
NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|[A-Z]{1,2}\.?)"
SURNAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+)"
FULL_NAME = rf"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+{NAME_WORD})?\s+{SURNAME_WORD})"
# Capitalised words that begin sentences or name things, never a person's given name.
NOT_GIVEN = {
    "the", "a", "an", "and", "but", "in", "on", "at", "as", "if", "so", "it", "this", "that", "these",
    "those", "there", "then", "when", "while", "after", "before", "since", "yet", "also", "just",
    "watch", "labour", "conservative", "conservatives", "tory", "tories", "liberal", "green",
    "reform", "home", "shadow", "prime", "foreign", "health", "justice", "deputy", "former",
    "house", "downing", "independent", "national", "british", "english", "scottish", "welsh",
    "irish", "european", "american", "greater", "north", "south", "east", "west", "new", "old",
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
}
# Ranks and offices written before a surname ("Assistant Chief Constable Sims"): a title of
# sorts, never a given name.
RANKS = {
    "constable", "superintendent", "inspector", "sergeant", "detective", "commander", "chief",
    "assistant", "deputy", "officer", "councillor", "mayor", "minister", "secretary", "chairman",
    "chair", "president", "governor", "senator", "general", "colonel", "captain", "commissioner",
}
NOT_GIVEN |= RANKS
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
    "league", "bank", "corporation",
} | set(ROLE_WORDS)
# Letters after a name that are honours or posts, not part of it ("Jane Doe KC").
POSTNOMINAL = re.compile(r"\s+(?:KC|QC|MP|MSP|MEP|MS|AM|OBE|MBE|CBE|DBE|KBE|FRS|PhD)$")


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


# The nicknames British papers use for parties, as common as the names themselves.
_PARTY_NICKNAMES = {"tory": "conservative", "torie": "conservative", "lib dem": "liberal democrat", "libdem": "liberal democrat"}


def org_key(name: str) -> str:
    key = re.sub(r"^the\s+", "", fold(name))
    key = re.sub(r"\s+party$", "", key)
    # "Reform UK", "UK Reform Party": a country tag is not part of what a body is called.
    key = re.sub(r"^uk\s+(?=\S)|(?<=\S)\s+uk$", "", key)
    key = key[:-1] if key.endswith("s") and len(key) > 4 else key
    return _PARTY_NICKNAMES.get(key, key)


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


@dataclass
class Person:
    key: int
    name: str
    kind: str = "person"  # person | journalist | organisation | role
    role: str | None = None
    aliases: set[str] = field(default_factory=set)
    gender_votes: dict[str, int] = field(default_factory=dict)
    role_votes: dict[str, int] = field(default_factory=dict)

    @property
    def surname(self) -> str | None:
        if self.kind not in ("person", "journalist"):
            return None
        return split_title(self.name)[1].split()[-1]

    @property
    def given(self) -> str | None:
        words = split_title(self.name)[1].split()
        return words[0] if len(words) >= 2 and self.kind in ("person", "journalist") else None

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        best = max(self.gender_votes, key=self.gender_votes.__getitem__)
        return best if self.gender_votes[best] > sum(self.gender_votes.values()) / 2 else None

    def vote(self, gender: str | None) -> None:
        if gender:
            self.gender_votes[gender] = self.gender_votes.get(gender, 0) + 1


class Registry:
    """The people of one story, with every surface form that resolved to each."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_alias: dict[str, Person] = {}
        self._by_full: dict[str, Person] = {}
        self._by_surname: dict[str, list[Person]] = {}
        self._by_role: dict[str, dict[int, int]] = {}
        self._seen_names: dict[str, set[str]] = {}
        self._alias_surnames: dict[str, Person] = {}
        self._by_given: dict[str, list[Person]] = {}
        self._by_org_key: dict[str, Person] = {}

    # Learning -----------------------------------------------------------------
    def _new(self, name: str, kind: str, role: str | None = None) -> Person:
        person = Person(key=len(self.people) + 1, name=name, kind=kind, role=role)
        self.people.append(person)
        if kind in ("person", "journalist"):
            self._by_full[fold(split_title(name)[1])] = person
            self._by_surname.setdefault(fold(person.surname or ""), []).append(person)
            if person.given:
                self._by_given.setdefault(fold(person.given), []).append(person)
        elif kind == "organisation":
            self._by_org_key.setdefault(org_key(name), person)
        self.alias(person, name)
        return person

    def alias(self, person: Person, surface: str) -> None:
        surface = " ".join(surface.split())
        person.aliases.add(surface)
        self._by_alias.setdefault(fold(surface), person)
        last = surface.split()[-1] if surface else ""
        if person.kind in ("person", "journalist") and " " in surface and last[:1].isupper():
            self._alias_surnames.setdefault(fold(last), person)

    def set_role(self, person: Person, role: str | None) -> None:
        key = role_key(role)
        if not key or not _ROLE_NOUN_RE.search(key):
            return
        role = " ".join((role or "").split())
        role = re.sub(r"^(?:the|a|an|our)\s+", "", role, flags=re.I)
        person.role_votes[role] = person.role_votes.get(role, 0) + 1
        # The role a story gives someone most often; the first seen breaks ties.
        person.role = max(person.role_votes, key=person.role_votes.__getitem__)
        counts = self._by_role.setdefault(key, {})
        counts[person.key] = counts.get(person.key, 0) + 1

    def learn_person(self, name: str, role: str | None = None, kind: str = "person") -> Person:
        """Add (or find) a named person, recording their title's gender and role."""
        title, bare = split_title(name)
        person = self.find_full(bare)
        if person is None:
            person = self._new(name if title in ("baroness", "baron", "lord", "lady", "dame", "sir") and len(bare.split()) == 1 else bare, kind)
        elif kind == "journalist":
            person.kind = "journalist"
        self.alias(person, name)
        if title:
            person.vote(TITLES.get(title))
        self.set_role(person, role)
        return person

    def learn_organisation(self, name: str) -> Person:
        name = re.sub(r"^(?:the|The)\s+", "", " ".join(name.split()))
        found = self._by_alias.get(fold(name)) or self.find_organisation(name)
        if found is not None:
            self.alias(found, name)
            return found
        return self._new(name, "organisation")

    def find_organisation(self, name: str) -> Person | None:
        """The same body under another common form: "Reform" / "Reform UK", "Greens" / "Green Party"."""
        key = org_key(name)
        if key in self._by_org_key:
            return self._by_org_key[key]
        if name.isupper() and 2 <= len(name) <= 6:
            # "MCB" after "the Muslim Council of Britain": initials of the capitalised words.
            for person in self._by_org_key.values():
                if "".join(w[0] for w in person.name.split() if w[:1].isupper()) == name:
                    return person
        first = key.split()[0] if key else ""
        # Only the shorter form's words can start the longer one: look up by first word.
        for other, person in self._by_org_key.items():
            if other.split()[0] == first and (other.startswith(key + " ") or key.startswith(other + " ")):
                return person
        return None

    def learn_role_person(self, role: str) -> Person:
        """Somebody known only by role ("a No 10 spokesperson")."""
        key = role_key(role) or fold(role)
        found = self.find_role(key)
        if found is not None:
            return found
        person = self._new(key[:1].upper() + key[1:], "role", role=key)
        self.set_role(person, key)
        return person

    def saw_name(self, name: str) -> None:
        """A full name mentioned in passing: not yet a speaker, but a surname may refer to it."""
        surname = fold(name.split()[-1])
        self._seen_names.setdefault(surname, set()).add(" ".join(name.split()))

    def seen_full_name(self, surname: str) -> str | None:
        names = self._seen_names.get(fold(surname), set())
        return next(iter(names)) if len(names) == 1 else None

    # Resolving ----------------------------------------------------------------
    def find_full(self, bare: str) -> Person | None:
        key = fold(bare)
        if key in self._by_full:
            return self._by_full[key]
        words = key.split()
        if len(words) < 2:
            return None
        # A misspelt full name: the given name must agree, the surname be close.
        best, best_score = None, 0.0
        for person in self._by_given.get(words[0], []):
            score = fuzz.ratio(fold(person.surname or ""), words[-1])
            if score >= FULL_NAME_MIN_SCORE and score > best_score:
                best, best_score = person, score
        return best

    def full_names_for(self, surname: str) -> set[str]:
        """Every full name with this surname the story has used, speaker or not."""
        key = fold(surname)
        return {p.name for p in self._by_surname.get(key, [])} | self._seen_names.get(key, set())

    def find_surname(self, surname: str, prefer: set[int] | None = None) -> Person | None:
        key = fold(surname)
        exact = self._by_surname.get(key)
        if exact:
            if len(exact) == 1:
                return exact[0]
            preferred = [p for p in exact if prefer and p.key in prefer]
            return (preferred or exact)[0]
        if key in self._alias_surnames:
            return self._alias_surnames[key]
        if len(key) < SURNAME_MIN_FUZZY_LENGTH:
            return None
        choices = {k: k for k in self._by_surname if k}
        matches = process.extract(key, choices, scorer=fuzz.ratio, limit=SURNAME_CANDIDATES, score_cutoff=SURNAME_MIN_SCORE)
        if not matches:
            return None
        if prefer:
            local = [m for m in matches if any(p.key in prefer for p in self._by_surname[m[0]])]
            if local:
                matches = local
        # Only a clear winner: a near tie between two people is no evidence for either.
        if len(matches) > 1 and matches[0][1] - matches[1][1] < SURNAME_MIN_LEAD:
            return None
        return self._by_surname[matches[0][0]][0]

    def find_role(self, key: str | None) -> Person | None:
        if not key:
            return None
        counts = self._by_role.get(key)
        if not counts:
            return None
        best = max(counts, key=counts.__getitem__)
        return self.people[best - 1]

    def role_keys(self) -> list[str]:
        return list(self._by_role)

    def find_alias(self, surface: str) -> Person | None:
        return self._by_alias.get(fold(surface))

    # Keeping ------------------------------------------------------------------
    # A follower's new post is attributed against the registry as the last settle left it
    # (speakers/new_posts.py), so the registry is kept whole: people with their votes, and every
    # index with its first-come order, which decides ties.
    def state(self) -> dict[str, Any]:
        """The registry as plain JSON data (`from_state` gives it back)."""
        return {
            "people": [[p.key, p.name, p.kind, p.role, sorted(p.aliases), p.gender_votes, p.role_votes] for p in self.people],
            "by_alias": {k: p.key for k, p in self._by_alias.items()},
            "by_full": {k: p.key for k, p in self._by_full.items()},
            "by_surname": {k: [p.key for p in v] for k, v in self._by_surname.items()},
            "by_role": {k: {str(key): n for key, n in v.items()} for k, v in self._by_role.items()},
            "seen_names": {k: sorted(v) for k, v in self._seen_names.items()},
            "alias_surnames": {k: p.key for k, p in self._alias_surnames.items()},
            "by_given": {k: [p.key for p in v] for k, v in self._by_given.items()},
            "by_org_key": {k: p.key for k, p in self._by_org_key.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Registry:
        registry = cls()
        for key, name, kind, role, aliases, genders, roles in state["people"]:
            registry.people.append(Person(key, name, kind, role, set(aliases), dict(genders), dict(roles)))
        person = {p.key: p for p in registry.people}
        registry._by_alias = {k: person[v] for k, v in state["by_alias"].items()}
        registry._by_full = {k: person[v] for k, v in state["by_full"].items()}
        registry._by_surname = {k: [person[x] for x in v] for k, v in state["by_surname"].items()}
        registry._by_role = {k: {int(key): n for key, n in v.items()} for k, v in state["by_role"].items()}
        registry._seen_names = {k: set(v) for k, v in state["seen_names"].items()}
        registry._alias_surnames = {k: person[v] for k, v in state["alias_surnames"].items()}
        registry._by_given = {k: [person[x] for x in v] for k, v in state["by_given"].items()}
        registry._by_org_key = {k: person[v] for k, v in state["by_org_key"].items()}
        return registry
