"""Organisations referred to without their name: "the force", "the group", "it", "a
spokesperson", "Dover police". News names a body once, then refers back to it by what it
is; the body meant is the latest one named that fits. Nothing here knows any story's bodies.
"""

from __future__ import annotations

import re

from liveline.ingest.speakers.cue_patterns import BODY_KIND, BODY_RUN, LOCAL_POLICE
from liveline.ingest.speakers.names import (
    BACK_REFERENCE_HEADS,
    GENERIC_BODY_HEADS,
    NOT_GIVEN,
    ORGANISATION_ENDINGS,
    ROLE_WORDS,
    fold,
    looks_like_person,
)
from liveline.ingest.speakers.registry import Person, Registry

# A body named by a capitalised phrase that does not end in what bodies are called
# ("Save our Pier") is still a body when it is the agent or source of something
# ("organised by Save our Pier", "a statement from Harbour First") or what it is was said
# ("the campaign group, Save our Pier").
_AGENT_BEFORE = re.compile(rf"\b(?:by|from)\s+(?:the\s+)?$|\b(?i:{BODY_KIND}),?\s+$")
_ROLE_WORD_SET = set(ROLE_WORDS)


def _looks_like_body(run: str, agent: bool, registry: Registry) -> bool:
    words = run.split()
    if registry.is_body_name(run):
        return True
    if looks_like_person(run) or words[-1].lower() in _ROLE_WORD_SET:
        return False
    if words[-1].lower() in ORGANISATION_ENDINGS and (len(words) >= 2 or words[0].isupper()):
        return True
    return agent and len(words) >= 2 and words[0].lower() not in NOT_GIVEN


def bodies_named(text: str, registry: Registry) -> list[tuple[int, Person | str]]:
    """Bodies a stretch of text names, by position: people of the registry that are
    organisations, or the name of one the registry does not know yet."""
    found: list[tuple[int, Person | str]] = []
    for m in BODY_RUN.finditer(text):
        run = re.sub(r"^(?:The|A|An)\s+", "", m.group())
        run = re.sub(r"['’]s?$|[.]+$", "", run)
        if not run or run.lower() in NOT_GIVEN:
            continue
        agent = bool(_AGENT_BEFORE.search(text, 0, m.start()))
        # "Kent Police in Dover": a place after a body's name is not part of it.
        for form in dict.fromkeys((run, re.split(r"\s+(?:in|on|to|at)\s+", run)[0])):
            known = registry.find_alias(form)
            if known is None and " " in form:
                known = registry.find_organisation(form)
            if known is not None and known.kind == "organisation":
                found.append((m.start(), known))
                break
            if known is None and (LOCAL_POLICE.match(form) or _looks_like_body(form, agent, registry)):
                found.append((m.start(), form))
                break
    for m in re.finditer(r"\b[A-Z][\w'’-]+\s+police\b", text):  # "Dover police", in lower case
        found.append((m.start(), m.group()))
    return sorted(found, key=lambda item: item[0])


def _fits(candidate: Person | str, head: str | None) -> bool:
    """Whether a body may be called "the <head>": any body for a generic head ("the
    group"), else one whose name has the head's word ("the force": a police force)."""
    if head is None or head in GENERIC_BODY_HEADS:
        return True
    names = [candidate] if isinstance(candidate, str) else [candidate.name, *candidate.aliases]
    words = {word for name in names for word in fold(name).split()}
    return bool(words & set(BACK_REFERENCE_HEADS.get(head, (head,))))


def latest_body(
    registry: Registry, before: str, speakers: list[Person], head: str | None = None, earlier: list[str] | None = None
) -> Person | None:
    """The latest body that fits `head`: named in `before` (the paragraph up to the
    reference), else the latest body speaking in the post (`speakers`, oldest first), else
    named in the paragraphs just before (`earlier`, oldest first). A head that only one
    body in the whole story fits ("the force" in a story with one police force) is that
    body wherever it was named."""
    # "A group of anglers... The group said": a new group, unnamed ("a group, Save our Pier," is named).
    if head is not None:
        introduced = re.compile(rf"\b(?i:an?|another)\s+(?:[a-z-]+\s+){{0,2}}{head}\b(?!,?\s+(?:called\s+)?[A-Z])")
        if any(introduced.search(text) for text in [before, *(earlier or [])]):
            return None
    candidates: list[Person | str] = [body for _, body in reversed(bodies_named(before, registry))]
    candidates += [p for p in reversed(speakers) if p.kind == "organisation"]
    for text in reversed(earlier or []):
        candidates += [body for _, body in reversed(bodies_named(text, registry))]
    for candidate in candidates:
        if _fits(candidate, head):
            return body_person(registry, candidate)
    if head is not None and head not in GENERIC_BODY_HEADS:
        only = [p for p in registry.people if p.kind == "organisation" and _fits(p, head)]
        if len(only) == 1:
            return only[0]
    return None


def body_person(registry: Registry, body: Person | str) -> Person:
    """The registry's entry for a body named in the text, learned on first use."""
    if isinstance(body, Person):
        return body
    police = LOCAL_POLICE.match(body)
    if police:
        return local_police(registry, police.group("after") or police.group("before"), body)
    return registry.learn_organisation(body)


def local_police(registry: Registry, town: str, surface: str) -> Person:
    """"Dover police", "police in Dover": the force the story names policing Dover, else
    one body called "<town> police" under either form."""
    force = registry.police_of(town)
    body = registry.learn_organisation(force) if force else registry.learn_organisation(f"{town} police")
    registry.alias(body, surface)
    return body
