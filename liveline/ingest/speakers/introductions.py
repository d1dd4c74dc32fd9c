"""Learning the story's people before attributing, from how news prose introduces them:
bylines, role or title + name ("shadow home secretary Jane Doe"), name + role ("Jane Doe,
the health secretary,"), a description the next paragraph names, and gender from titles
and "X said she...".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from liveline.ingest.speakers.clauses import clause_tail, clean_role, is_passive, strip_filler
from liveline.ingest.speakers.cue_patterns import (
    CAPITAL_RUN,
    INDEFINITE_AGENT,
    OPENING_NAME,
    ROLE_OF,
    ROLE_SEARCH,
    VERB,
    mask_quotes,
)
from liveline.ingest.speakers.names import (
    NOT_GIVEN,
    NOT_SURNAME,
    PARTICLES,
    POSTNOMINAL,
    ROLE_WORDS,
    TITLES,
    fold,
    looks_like_person,
    split_title,
)
from liveline.ingest.speakers.registry import Person, Registry
from liveline.ingest.speakers.story import PostText

_ROLE_WORD_SET = set(ROLE_WORDS)
_PEERS = {"baroness", "baron", "lord", "lady", "dame", "sir"}
_AFTER_NAME_ROLE = re.compile(
    r",\s+(?P<role>(?:the|a|an|[A-Z][\w'’]*['’]s)\s+[^,.;:“”\"()]{2,90}?|[A-Za-z][^,.;:“”\"()]{2,90}?)"
    r"(?=,|\s+(?:said|says|told|has|had|who|is|was)\b|\.)"
)
_WHICH_AFTER = re.compile(r",\s+which\b")
_GENDER_AFTER = re.compile(r"\s+(?:says|said|adds|added|told\s+\w+|tells\s+\w+|believes|thinks|insists|insisted)\s+(?:that\s+)?(?P<p>she|he)\b")


@lru_cache(maxsize=1 << 16)
def name_in_run(run: str) -> tuple[str, str, str | None] | None:
    """(name, words before it in the run, title) for the person a capitalised run ends with."""
    words = POSTNOMINAL.sub("", run).split()
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    if len(words) >= 2 and words[-2].lower().rstrip(".") in _PEERS and words[-1].lower() not in NOT_SURNAME:
        return " ".join(words[-2:]), " ".join(words[:-2]), words[-2]  # "Baroness Newlove"
    size = 3 if len(words) >= 3 and re.fullmatch(r"[A-Z]{1,2}\.?", words[-2]) else 2
    while len(words) > size and words[-size].lower() in PARTICLES:
        size += 1  # "Ursula von der Leyen": the particles belong to the surname
    if len(words) < size:
        return None
    name = " ".join(words[-size:])
    if not looks_like_person(name):
        return None
    prefix = words[:-size]
    title = prefix[-1] if prefix and prefix[-1].lower().rstrip(".") in TITLES else None
    return name, " ".join(prefix[:-1] if title else prefix), title


def _role_before(text: str, start: int, in_run: str) -> str | None:
    """The role written just before a name: "shadow home secretary", "Labour MP for Anytown,"."""
    words = (text[max(0, start - 90) : start] + in_run).replace(",", " , ").split()
    if words and words[-1] == ",":
        words.pop()
    # "<role> for <Place>": step back over the place.
    place: list[str] = []
    if "for" in words[-5:]:
        at = len(words) - 1 - words[::-1].index("for")
        if at > 0 and all(w[:1].isupper() for w in words[at + 1 :]):
            place = words[at:]
            words = words[:at]
    if not words or words[-1].lower() not in _ROLE_WORD_SET:
        return None
    role = clean_role(" ".join(words[-6:]))
    return f"{role} {' '.join(place)}" if role and place else role


def _office_before(text: str, start: int) -> str | None:
    """"The Leader of Dunmore Council, Councillor Ravi Mehta": an office of a body, then
    a comma, then the name: the office is the person's."""
    left = text[max(0, start - 120) : start].rstrip()
    if not left.endswith(","):
        return None
    tail = clause_tail(left[:-1])
    return tail if tail and ROLE_OF.fullmatch(tail) else None


class _Introduction(NamedTuple):
    """What one capitalised run of a text tells the registry (see _introductions)."""

    kind: str  # "person" (learned), "seen" (a name in passing), "body" or "gender" (a lone word)
    name: str  # the name the run ends with (a lone word's, for "gender")
    title: str | None = None
    learned: str = ""  # "person": the name learned, with its title; "body": the run less its article
    role: str | None = None
    office: str | None = None
    pronoun: str | None = None  # "she"/"he" right after the name ("Doe says she...")


def _introductions(text: str) -> Iterator[_Introduction]:
    """What a text tells the registry, run by run in its order: pure text work, the same
    wherever the text stands (learn tells the registry)."""
    for run in CAPITAL_RUN.finditer(text):
        found = name_in_run(run.group())
        if found is None:
            if " " not in run.group() and not run.group().isupper():
                gendered = _GENDER_AFTER.match(text, run.end())
                if gendered:
                    yield _Introduction("gender", run.group(), pronoun=gendered.group("p"))
            continue
        name, prefix, title = found
        if _WHICH_AFTER.match(text, run.end()) and not title:
            # "Stanway Housing, which runs...": the relative pronoun of a thing.
            yield _Introduction("body", name, learned=re.sub(r"^(?:The|A|An)\s+", "", run.group()))
            continue
        role = _role_before(text, run.start(), prefix)
        after = _AFTER_NAME_ROLE.match(text, run.end())
        if role is None and after and ROLE_SEARCH.search(after.group("role")):
            role = after.group("role")
        office = _office_before(text, run.start())
        gendered = _GENDER_AFTER.match(text, run.end())
        pronoun = gendered.group("p") if gendered else None
        if role or title or office:
            # "Baroness Newlove" comes with its title already: not "Baroness Baroness Newlove".
            titled = name if not title or name.startswith(f"{title} ") else f"{title} {name}"
            yield _Introduction("person", name, title, titled, role, office, pronoun)
        else:
            yield _Introduction("seen", name, title, pronoun=pronoun)


def learn(registry: Registry, posts: Iterable[PostText]) -> None:
    """Introduce the story's people to the registry: bylines, then role/title + name and name + role."""
    texts: list[str] = []
    body_texts: list[str] = []  # headlines capitalise common words too
    posts_seen: list[PostText] = []
    for post in posts:
        posts_seen.append(post)
        if post.author:
            registry.learn_person(post.author, post.author_role, kind="journalist")
        texts.extend(p.text for p in post.paragraphs if p.duplicate_of is None)
        body_texts.extend(p.text for p in post.paragraphs if p.duplicate_of is None and p.part == "body")
    later: list[tuple[int, str, str | None, str | None]] = []  # (paragraph, name, title, pronoun after it)
    # What a text introduces is the text's alone; a story repeats many texts (an outlet's
    # copy of another's, a quotation in several pages), so each is read once and what it
    # introduces is told to the registry at every occurrence, in order, as before.
    read: dict[str, tuple[_Introduction, ...]] = {}
    for at, text in enumerate(texts):
        introductions = read.get(text)
        if introductions is None:
            introductions = read[text] = tuple(_introductions(text))
        for found in introductions:
            if found.kind == "body":
                registry.mark_body_name(found.name)
                registry.mark_body_name(found.learned)
                continue
            if found.kind == "person":
                registry.set_role(registry.learn_person(found.learned, found.role), found.office)
            elif found.kind == "seen":
                registry.saw_name(found.name)
            later.append((at, found.name, found.title, found.pronoun))
    _learn_cataphora(registry, posts_seen)
    # Both only add to sets of words, so a text read again adds nothing.
    _learn_places_and_things(registry, list(read))
    proper: set[str] = set()
    for text in dict.fromkeys(body_texts):
        proper.update(_MID_SENTENCE_CAPITAL.findall(text))
    for word in proper:
        registry.mark_proper_word(word)
    # Titles and "X said she..." vote on gender once everybody is known.
    surnames = registry.known_surnames()
    # Votes change nobody's names, so a name finds the same person every time it is voted for.
    found_by_name: dict[str, Person | None] = {}
    for at, name, title, pronoun in later:
        bare = split_title(name)[1]
        if bare in found_by_name:
            person = found_by_name[bare]
        else:
            person = found_by_name[bare] = registry.find_full(bare) if " " in bare else registry.find_surname(bare)
        if person is None:
            continue
        if title:
            person.vote(TITLES.get(title.lower().rstrip(".")))
        if not pronoun:
            continue
        # "Doe says she..." is Doe, except in an exchange: after a paragraph that opens
        # with somebody else's turn ("Roe says... / Doe says she has not answered.") the
        # pronoun is as likely the other.
        turn = {fold(word) for word in _CAPITALISED_WORD.findall(texts[at - 1][:40])[:2]} if at else set()
        if not (turn & surnames) - {fold(person.surname or "")}:
            person.vote("f" if pronoun.lower() == "she" else "m")


def _indefinite_subject(text: str) -> str | None:
    """"An MP in Dunmore has slammed...": an indefinite description as the subject of a
    paragraph's first speech verb, or None."""
    masked = mask_quotes(text)
    for verb in VERB.finditer(masked):
        if is_passive(masked, verb):
            continue
        tail = clause_tail(strip_filler(masked[: verb.start()]))
        return tail if re.match(r"(?i)an?\s+\S", tail) else None
    return None


# A description short enough to be an office ("an MP in Dunmore") is also the person's role;
# a longer one ("a former detective who set up a charity") only names them.
_ROLE_DESCRIPTION_WORDS = 5


def _learn_cataphora(registry: Registry, posts: list[PostText]) -> None:
    """News often describes somebody first and names them in the next paragraph: "...sued
    by a former harbour engineer." or "An MP in Dunmore has slammed the vandals." then
    "Ravi Mehta posted on X: ...". The description is that person: alias it."""
    for post in posts:
        body = [p for p in post.paragraphs if p.duplicate_of is None and p.part == "body"]
        for para, following in zip(body, body[1:], strict=False):
            named = OPENING_NAME.match(following.text)
            if not named or not looks_like_person(named.group("name")):
                continue
            agent = INDEFINITE_AGENT.search(mask_quotes(para.text))
            described = agent.group("desc") if agent else _indefinite_subject(para.text)
            if described:
                person = registry.find_full(named.group("name")) or registry.learn_person(named.group("name"))
                registry.alias(person, described)
                if agent is None and len(described.split()) <= _ROLE_DESCRIPTION_WORDS:
                    registry.set_role(person, described)


# What shows a capitalised word is a place or a thing, not somebody's name: it follows "the"
# ("the Nasa team": a surname as a modifier takes "the" only before these words), a
# preposition of place ("in Ramsgate"), or an office's "for" ("the MP for Northfield"); or
# the story also writes it in lower case ("Officials ..." and "officials").
_THE_WORD = re.compile(
    r"\b[Tt]he\s+(?P<w>[A-Z][a-z]+)\b(?!['’]|\s+(?:government|administration|era|years|family|campaign|camp|team|cabinet|"
    r"doctrine|ministry|regime|presidency|premiership|leadership|brothers|sisters|household)\b)"
)
_PLACE_WORD = re.compile(r"\b(?:in|near|across|around|outside|throughout|within|into)\s+(?P<w>[A-Z][a-z]+)\b(?!['’])")
_OFFICE_FOR = re.compile(r"\b(?:MP|MSP|MEP|AM|councillor|mayor|member)\s+for\s+(?P<w>[A-Z][a-z]+)\b")
# A constituency or area an office is held for, written after it ("MP for Anytown North and
# Westbury") or before it ("the Anytown North and Westbury MP"): the whole place, and each
# part of it, is no one's name (a place name reads like a person's: "Stoke Newington").
_PLACE_RUN = r"[A-Z][\w'’-]+(?:\s+(?:and\s+|&\s+)?[A-Z][\w'’-]+)*"
_CONSTITUENCY = re.compile(
    rf"\b(?:MP|MSP|MEP|AM|councillor|mayor|member)\s+for\s+(?:the\s+)?(?P<after>{_PLACE_RUN})"
    rf"|\b[Tt]he\s+(?P<before>{_PLACE_RUN})\s+(?:MP|MSP|MEP|AM|councillor)\b"
)
# A cheap look for the offices first: most paragraphs name none.
_OFFICE_WORDS = ("MP", "MSP", "MEP", "AM", "councillor", "mayor", "member")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
# A capitalised word after a lower-case word or a comma: capitalised as names are, not as
# sentences start.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;]\s)(?P<w>[A-Z][a-z]+)\b")
# A police force's name: "Kent Police", "Devon and Cornwall Police".
_FORCE = re.compile(r"\b(?P<force>(?:[A-Z][\w'’-]+\s+(?:and\s+)?)+(?:Police|Constabulary))\b")


def _learn_places_and_things(registry: Registry, texts: list[str]) -> None:
    """Words the story shows are no one's name (see Resolver._may_be_surname), and the
    police force it names in each town (a force is named after its area, rarely its town)."""
    lower: set[str] = set()
    capitalised: set[str] = set()
    not_people: set[str] = set()  # marked once each at the end: the registry keeps a set
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
        capitalised.update(_CAPITALISED_WORD.findall(text))
        office_named = any(word in text for word in _OFFICE_WORDS)
        # _OFFICE_FOR needs an office's word too.
        for pattern in (_THE_WORD, _PLACE_WORD, _OFFICE_FOR) if office_named else (_THE_WORD, _PLACE_WORD):
            not_people.update(pattern.findall(text))  # each pattern's one group: the word
        for m in _CONSTITUENCY.finditer(text) if office_named else ():
            place = m.group("after") or m.group("before")
            parts = re.split(r"\s+(?:and|&)\s+", place)
            # Before the office, a party is as common as a place ("the Reform UK MP"): only a
            # seat of several parts is surely a place there; a party word is never one.
            if (m.group("before") and len(parts) < 2) or any(part.split()[0].lower() in NOT_GIVEN for part in parts):
                continue
            for part in (place, *parts):
                registry.mark_place(part)
        if "Police" not in text and "Constabulary" not in text:
            continue
        towns = {m.group("w") for m in _PLACE_WORD.finditer(text)}
        for m in _FORCE.finditer(text):
            words = m.group("force").split()
            while words and words[0].lower() in NOT_GIVEN:
                words = words[1:]  # "Today Kent Police": the force's name starts after the adverb
            if len(words) >= 2:
                for town in towns - set(words):
                    registry.note_police_of(town, " ".join(words))
    for word in capitalised:
        if word.lower() in lower:
            not_people.add(word)
    for word in not_people:
        registry.mark_not_person(word)
