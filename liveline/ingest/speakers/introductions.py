"""Learning the story's people before attributing, from how news prose introduces them:
bylines, role or title + name ("shadow home secretary Jane Doe"), name + role ("Jane Doe,
the health secretary,"), a description the next paragraph names, and gender from titles
and "X said she...".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from liveline.ingest.speakers.clauses import clean_role
from liveline.ingest.speakers.cue_patterns import CAPITAL_RUN, INDEFINITE_AGENT, OPENING_NAME, ROLE_SEARCH, mask_quotes
from liveline.ingest.speakers.registry import (
    NOT_SURNAME,
    POSTNOMINAL,
    ROLE_WORDS,
    TITLES,
    Registry,
    looks_like_person,
    split_title,
)
from liveline.ingest.speakers.story import PostText

_ROLE_WORD_SET = set(ROLE_WORDS)
_PEERS = {"baroness", "baron", "lord", "lady", "dame", "sir"}
_AFTER_NAME_ROLE = re.compile(
    r",\s+(?P<role>(?:the|a|an|[A-Z][\w'’]*['’]s)\s+[^,.;:“”\"()]{2,90}?|[A-Z][^,.;:“”\"()]{2,90}?)"
    r"(?=,|\s+(?:said|says|told|has|had|who|is|was)\b|\.)"
)
_GENDER_AFTER = re.compile(r"\s+(?:says|said|adds|added|told\s+\w+|tells\s+\w+|believes|thinks|insists|insisted)\s+(?:that\s+)?(?P<p>she|he)\b")


@lru_cache(maxsize=1 << 16)
def name_in_run(run: str) -> tuple[str, str, str | None] | None:
    """(name, words before it in the run, title) for the person a capitalised run ends with."""
    words = POSTNOMINAL.sub("", run).split()
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    if len(words) >= 2 and words[-2].lower().rstrip(".") in _PEERS and words[-1].lower() not in NOT_SURNAME:
        return " ".join(words[-2:]), " ".join(words[:-2]), words[-2]  # "Baroness Newlove"
    size = 3 if len(words) >= 3 and re.fullmatch(r"[A-Z]{1,2}\.?", words[-2]) else 2
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


def learn(registry: Registry, posts: Iterable[PostText]) -> None:
    """Introduce the story's people to the registry: bylines, then role/title + name and name + role."""
    texts: list[str] = []
    posts_seen: list[PostText] = []
    for post in posts:
        posts_seen.append(post)
        if post.author:
            registry.learn_person(post.author, post.author_role, kind="journalist")
        texts.extend(p.text for p in post.paragraphs if p.duplicate_of is None)
    later: list[tuple[str, str | None, str | None]] = []  # (name, title, pronoun after it)
    for text in texts:
        for run in CAPITAL_RUN.finditer(text):
            found = name_in_run(run.group())
            if found is None:
                if " " not in run.group() and not run.group().isupper():
                    gendered = _GENDER_AFTER.match(text, run.end())
                    if gendered:
                        later.append((run.group(), None, gendered.group("p")))
                continue
            name, prefix, title = found
            role = _role_before(text, run.start(), prefix)
            after = _AFTER_NAME_ROLE.match(text, run.end())
            if role is None and after and ROLE_SEARCH.search(after.group("role")):
                role = after.group("role")
            if role or title:
                registry.learn_person(f"{title} {name}" if title else name, role)
            else:
                registry.saw_name(name)
            gendered = _GENDER_AFTER.match(text, run.end())
            later.append((name, title, gendered.group("p") if gendered else None))
    _learn_cataphora(registry, posts_seen)
    # Titles and "X said she..." vote on gender once everybody is known.
    for name, title, pronoun in later:
        bare = split_title(name)[1]
        person = registry.find_full(bare) if " " in bare else registry.find_surname(bare)
        if person is None:
            continue
        if title:
            person.vote(TITLES.get(title.lower().rstrip(".")))
        if pronoun:
            person.vote("f" if pronoun.lower() == "she" else "m")


def _learn_cataphora(registry: Registry, posts: list[PostText]) -> None:
    """A description ending a paragraph, named by the next one: alias the description."""
    for post in posts:
        body = [p for p in post.paragraphs if p.duplicate_of is None and p.part == "body"]
        for para, following in zip(body, body[1:], strict=False):
            described = INDEFINITE_AGENT.search(mask_quotes(para.text))
            named = OPENING_NAME.match(following.text)
            if described and named and looks_like_person(named.group("name")):
                person = registry.find_full(named.group("name")) or registry.learn_person(named.group("name"))
                registry.alias(person, described.group("desc"))
