"""Who is who in a story: people learned from the text, and finding them again.

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

# The vocabulary of names lives in names.py; these are re-exported for the modules that
# have always found them here.
from liveline.ingest.speakers.names import FULL_NAME as FULL_NAME
from liveline.ingest.speakers.names import (
    GENERIC_BODY_WORDS,
    ROLE_NOUN_RE,
    fold,
    last_sentence,
    org_key,
    role_key,
    split_title,
)
from liveline.ingest.speakers.names import NOT_GIVEN as NOT_GIVEN
from liveline.ingest.speakers.names import NOT_SURNAME as NOT_SURNAME
from liveline.ingest.speakers.names import POSTNOMINAL as POSTNOMINAL
from liveline.ingest.speakers.names import RANKS as RANKS
from liveline.ingest.speakers.names import ROLE_NOUNS as ROLE_NOUNS
from liveline.ingest.speakers.names import ROLE_WORDS as ROLE_WORDS
from liveline.ingest.speakers.names import SURNAME_WORD as SURNAME_WORD
from liveline.ingest.speakers.names import TITLE as TITLE
from liveline.ingest.speakers.names import TITLES as TITLES
from liveline.ingest.speakers.names import looks_like_person as looks_like_person

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
# "Met Police" / "Metropolitan Police": a word cut short to its first letters names the same
# body when every other word agrees. Three letters at least: shorter cuts ("N", "Co") are
# initials or other words.
ORG_SHORT_WORD_MIN = 3
# Person ids are the timeline's `people.id`, unique across the stories of one file and
# stable for each story however the others change: story S numbers its people from
# (S - 1) * PEOPLE_PER_STORY + 1, so story 1 (a timeline of one story) keeps the ids
# 1..n it always had. A million is far more people than a story names (a season of
# live blogs names a few thousand) and leaves room for two thousand stories in SQLite's
# 63-bit integers many times over.
PEOPLE_PER_STORY = 1_000_000


def story_base(story_id: int) -> int:
    """The number before story `story_id`'s first person id."""
    return (story_id - 1) * PEOPLE_PER_STORY


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


_ROLE_WORDS = frozenset(ROLE_WORDS)


@lru_cache(maxsize=1 << 12)  # pure, and the story's few roles come back at every mention
def _role_vote(role: str | None) -> tuple[str, str] | None:
    """(key, role as voted for) of a role phrase; None for a phrase naming no office."""
    key = role_key(role)
    if not key or not ROLE_NOUN_RE.search(key):
        return None
    role = " ".join((role or "").split())
    return key, re.sub(r"^(?:the|a|an|our)\s+", "", role, flags=re.I)


class Registry:
    """The people of one story, with every surface form that resolved to each; their keys
    follow `base` (story_base of the story)."""

    def __init__(self, base: int = 0) -> None:
        self.base = base
        self.people: list[Person] = []
        self._by_alias: dict[str, Person] = {}
        self._by_full: dict[str, Person] = {}
        self._by_surname: dict[str, list[Person]] = {}
        self._by_role: dict[str, dict[int, int]] = {}
        self._seen_names: dict[str, set[str]] = {}
        self._alias_surnames: dict[str, Person] = {}
        self._by_given: dict[str, list[Person]] = {}
        self._by_org_key: dict[str, Person] = {}
        # Capitalised words the story's own text shows are no one's name (see
        # introductions.not_people), and the police forces it names in each town.
        self._not_people: set[str] = set()
        self._body_names: set[str] = set()
        self._proper_words: set[str] = set()
        self._police_of: dict[str, set[str]] = {}
        self._places: set[str] = set()

    # Learning -----------------------------------------------------------------
    def _new(self, name: str, kind: str, role: str | None = None) -> Person:
        person = Person(key=self.base + len(self.people) + 1, name=name, kind=kind, role=role)
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
        # "Deputy Speaker" ends in an office, not a surname: "Mr Speaker" is not its holder.
        if person.kind in ("person", "journalist") and " " in surface and last[:1].isupper() and last.lower() not in _ROLE_WORDS:
            self._alias_surnames.setdefault(fold(last), person)

    def note_form(self, person: Person, surface: str) -> None:
        """A form the text used for this person here, listed with their names but never
        looked up: a phrase anybody could be ("the MP", "a councillor")."""
        person.aliases.add(" ".join(surface.split()))

    def set_role(self, person: Person, role: str | None) -> None:
        voted = _role_vote(role)
        if voted is None:
            return
        key, role = voted
        person.role_votes[role] = person.role_votes.get(role, 0) + 1
        # The role a story gives someone most often; the first seen breaks ties.
        person.role = max(person.role_votes, key=person.role_votes.__getitem__)
        counts = self._by_role.setdefault(key, {})
        counts[person.key] = counts.get(person.key, 0) + 1

    def learn_person(self, name: str, role: str | None = None, kind: str = "person") -> Person:
        """Add (or find) a named person, recording their title's gender and role."""
        title, bare = split_title(name)
        person = self.find_full(bare) or self._complete_surname(bare, kind) or self._complete_given(bare, kind)
        if person is None and title in ("dame", "sir") and " " not in bare:
            # "Dame Jane" after "Dame Jane Doe": these titles go with the given name.
            person = self.only_given(bare)
        if person is None:
            person = self._new(name if title in ("baroness", "baron", "lord", "lady", "dame", "sir") and len(bare.split()) == 1 else bare, kind)
        elif kind == "journalist":
            person.kind = "journalist"
        self.alias(person, name)
        if title:
            person.vote(TITLES.get(title))
        self.set_role(person, role)
        return person

    def _complete_surname(self, bare: str, kind: str) -> Person | None:
        """A person known so far by surname alone ("Okonjo is showing..."), now named in full:
        the same person, under the full name from now on."""
        words = bare.split()
        if len(words) < 2 or kind != "person":
            return None
        known = [p for p in self._by_surname.get(fold(words[-1]), []) if p.kind == "person" and " " not in p.name]
        if len(known) != 1:
            return None
        person = known[0]
        person.name = bare
        self._by_full[fold(bare)] = person
        self._by_given.setdefault(fold(words[0]), []).append(person)
        return person

    def _complete_given(self, bare: str, kind: str) -> Person | None:
        """Somebody known so far as "Dame Jane" or "Sir John", now named in full ("Dame Jane
        Doe"): the same person, under the full name from now on."""
        words = bare.split()
        if len(words) < 2 or kind != "person":
            return None
        found = [p for t in ("dame", "sir") if (p := self._by_alias.get(f"{t} {fold(words[0])}")) is not None and p.name.split()[-1] == words[0]]
        if len(found) != 1 or found[0].kind != "person":
            return None
        person = found[0]
        person.name = bare
        self._by_full[fold(bare)] = person
        self._by_surname.setdefault(fold(words[-1]), []).append(person)
        self._by_given.setdefault(fold(words[0]), []).append(person)
        return person

    def learn_organisation(self, name: str) -> Person:
        name = re.sub(r"^(?:the|The)\s+", "", " ".join(last_sentence(name).split()) or name)
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
        squeezed = key.replace(" ", "")
        # "Police" alone is what many bodies are, not a short form of "Police Federation".
        generic = " " not in key and key in GENERIC_BODY_WORDS
        for other, person in self._by_org_key.items():
            # Only the shorter form's words can start the longer one: look up by first word.
            if not generic and other not in GENERIC_BODY_WORDS and other.split()[0] == first and (other.startswith(key + " ") or key.startswith(other + " ")):
                return person
            if other[:ORG_SHORT_WORD_MIN] == key[:ORG_SHORT_WORD_MIN] and _shortened(key, other):
                return person
            # A brand run together or spaced out: "PlymouthLive" / "Plymouth Live".
            if " " in key + other and other.replace(" ", "") == squeezed:
                return person
        return None

    def learn_role_person(self, role: str, shown: str | None = None) -> Person:
        """Somebody known only by role ("a No 10 spokesperson"), named by the role as the
        text writes it (`shown`, less its article: "Head of the NHS")."""
        key = role_key(role) or fold(role)
        found = self.find_role(key)
        if found is not None:
            return found
        name = re.sub(r"^(?:the|a|an)\s+", "", " ".join((shown or key).split()), flags=re.I)
        person = self._new(name[:1].upper() + name[1:], "role", role=key)
        self.set_role(person, key)
        return person

    def mark_not_person(self, word: str) -> None:
        """A capitalised word the story uses for a place or a thing ("in Dover", "the Nasa team")."""
        self._not_people.add(fold(word))

    def is_not_person(self, word: str) -> bool:
        return fold(word) in self._not_people

    def mark_proper_word(self, word: str) -> None:
        """A capitalised word the story writes mid-sentence, as it writes names."""
        self._proper_words.add(fold(word))

    def is_proper_word(self, word: str) -> bool:
        return fold(word) in self._proper_words

    def mark_body_name(self, name: str) -> None:
        """A name the story shows is a body's though it reads like a person's ("Stanway
        Housing, which runs...")."""
        self._body_names.add(fold(name))

    def is_body_name(self, name: str) -> bool:
        return fold(name) in self._body_names

    def note_police_of(self, town: str, force: str) -> None:
        """The story names `force` policing `town` ("Kent Police ... in Dover")."""
        self._police_of.setdefault(fold(town), set()).add(" ".join(force.split()))

    def police_of(self, town: str) -> str | None:
        """The one force the story names in `town`; None when it names none or several."""
        forces = self._police_of.get(fold(town), set())
        return next(iter(forces)) if len(forces) == 1 else None

    def mark_place(self, name: str) -> None:
        """A place the story names as a constituency or area ("MP for Anytown North")."""
        self._places.add(fold(name))

    def is_place(self, name: str) -> bool:
        return fold(re.sub(r"^(?:the|The)\s+", "", name)) in self._places

    def saw_name(self, name: str) -> None:
        """A full name mentioned in passing: not yet a speaker, but a surname may refer to it."""
        surname = fold(name.split()[-1])
        self._seen_names.setdefault(surname, set()).add(" ".join(name.split()))

    def known_surnames(self) -> set[str]:
        """Every surname (folded) of the story's people and of names it mentions in passing."""
        return {key for key, people in self._by_surname.items() if people} | set(self._seen_names)

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

    def only_given(self, word: str) -> Person | None:
        """The one person of the story with this given name; None for none or several."""
        people = self._by_given.get(fold(word), [])
        return people[0] if len(people) == 1 else None

    def with_given(self, word: str) -> list[Person]:
        """The story's people with this given name."""
        return list(self._by_given.get(fold(word), []))

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
        # "Sims" is not "Sim": a surname and the same with a final "s" are two names.
        matches = [m for m in matches if not (m[0] + "s" == key or key + "s" == m[0])]
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
        return self.person(best)

    def role_keys(self) -> list[str]:
        return list(self._by_role)

    def person(self, key: int) -> Person:
        """The person with this key (a `people.id`)."""
        return self.people[key - self.base - 1]

    def holds(self, key: int) -> bool:
        """Whether `key` is one of this registry's people."""
        return 0 < key - self.base <= len(self.people)

    def find_alias(self, surface: str) -> Person | None:
        return self._by_alias.get(fold(surface))

    # Keeping ------------------------------------------------------------------
    # A follower's new post is attributed against the registry as the last settle left it
    # (speakers/new_posts.py), so the registry is kept whole: people with their votes, and every
    # index with its first-come order, which decides ties.
    def state(self) -> dict[str, Any]:
        """The registry as plain JSON data (`from_state` gives it back)."""
        return {
            "base": self.base,
            "people": [[p.key, p.name, p.kind, p.role, sorted(p.aliases), p.gender_votes, p.role_votes] for p in self.people],
            "by_alias": {k: p.key for k, p in self._by_alias.items()},
            "by_full": {k: p.key for k, p in self._by_full.items()},
            "by_surname": {k: [p.key for p in v] for k, v in self._by_surname.items()},
            "by_role": {k: {str(key): n for key, n in v.items()} for k, v in self._by_role.items()},
            "seen_names": {k: sorted(v) for k, v in self._seen_names.items()},
            "alias_surnames": {k: p.key for k, p in self._alias_surnames.items()},
            "by_given": {k: [p.key for p in v] for k, v in self._by_given.items()},
            "by_org_key": {k: p.key for k, p in self._by_org_key.items()},
            "not_people": sorted(self._not_people),
            "body_names": sorted(self._body_names),
            "proper_words": sorted(self._proper_words),
            "police_of": {k: sorted(v) for k, v in self._police_of.items()},
            "places": sorted(self._places),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Registry:
        registry = cls(int(state.get("base", 0)))
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
        registry._not_people = set(state.get("not_people", []))
        registry._body_names = set(state.get("body_names", []))
        registry._proper_words = set(state.get("proper_words", []))
        registry._police_of = {k: set(v) for k, v in state.get("police_of", {}).items()}
        registry._places = set(state.get("places", []))
        return registry


def _shortened(key: str, other: str) -> bool:
    """Whether two body names differ only by words cut short ("met police" / "metropolitan
    police"): as many words, each the other's or its first letters."""
    words, others = key.split(), other.split()
    if len(words) != len(others) or words == others or len(words) < 2:
        return False
    for a, b in zip(words, others, strict=True):
        short, long_ = sorted((a, b), key=len)
        if a != b and (len(short) < ORG_SHORT_WORD_MIN or not long_.startswith(short)):
            return False
    return True
