"""What kind of reference a subject phrase is: a name, a title and surname, one word, a
role, a body (named, referred back to, spoken for), a pronoun. Pure and cached: who the
phrase means is the Resolver's business (references.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from liveline.ingest.speakers.clauses import clean_role
from liveline.ingest.speakers.cue_patterns import (
    BODY_SPEAKER,
    CAMEL_BODY,
    DESCRIBED_BODY,
    FIRST_PERSON,
    FOR_BACK,
    FOR_BODY,
    LOCAL_POLICE,
    NAME_END,
    NATIONAL_BODY,
    ONE_WORD,
    OWNERS_SPEAKER,
    PARTICLE_SURNAME,
    PRONOUN_END,
    ROLE_END,
    ROLE_OF,
    ROLE_SEARCH,
    TITLED_END,
)
from liveline.ingest.speakers.names import (
    BACK_REFERENCE_HEADS,
    FULL_NAME,
    GENERIC_BODY_HEADS,
    POSTNOMINAL,
    RANKS,
    ROLE_WORDS,
    TITLE,
    is_nickname,
    last_sentence,
    looks_like_person,
)

# Words that open a clause; a capitalised phrase starting with one is no organisation's name.
FUNCTION_WORDS = {
    "a", "an", "and", "but", "in", "on", "at", "as", "if", "so", "it", "this", "that", "these", "those",
    "there", "then", "when", "while", "after", "before", "since", "yet", "also", "just", "we", "i",
    "you", "he", "she", "they", "his", "her", "our", "their", "my", "its", "asked", "speaking",
    "responding", "following", "despite", "meanwhile", "earlier", "later", "today", "yesterday",
    "according", "with", "without", "from", "for", "by", "of", "to", "no", "not", "why", "how",
    "what", "who", "where", "which", "watch", "only", "all", "some", "many", "more", "most",
}
# "Jane Doe of the Daily Mail asks": a person, placed by the body she works for.
_NAME_OF_BODY = re.compile(rf"^(?:(?P<title>{TITLE})\s+)?(?P<name>{FULL_NAME})\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z&][\w'’&.-]*){{0,5}}$")
# "the force", "The College", "the group": a body referred back to by what it is.
_BACK_REFERENCE = re.compile(r"^[Tt]he\s+(?P<head>[A-Za-z]+)$")
_BODY_HEADS = set(BACK_REFERENCE_HEADS) | GENERIC_BODY_HEADS


@lru_cache(maxsize=1 << 15)
def reference_shape(ref: str) -> tuple[Any, ...]:
    """What kind of reference a subject phrase is, with its parts; pure, so cached."""
    ref = last_sentence(" ".join(ref.split()).strip(" ,"))
    bare_name = POSTNOMINAL.sub("", ref)
    if bare_name != ref and NAME_END.search(bare_name):
        ref = bare_name  # "Jane Doe KC" is Jane Doe; "The MP" stays a role
    if not ref:
        return ("none",)
    words = ref.split()
    if len(words) > 9:
        ref = " ".join(words[-9:])
    if PRONOUN_END.fullmatch(ref):
        return ("pronoun",)
    if FIRST_PERSON.match(ref):
        return ("none",)
    parts = [part.strip() for part in ref.split(",") if part.strip()]
    if len(parts) == 2:
        # "Jane Doe, the former minister" and "the committee chair, Jane Doe": the name, in
        # the role the other part gives.
        for named, described in (parts, parts[::-1]):
            shape = reference_shape(named)
            if shape[0] == "name" and ROLE_SEARCH.search(described) and not shape[3]:
                return ("name", shape[1], shape[2], re.sub(r"^(?:the|a|an)\s+", "", described, flags=re.I), shape[4])
    m = FOR_BODY.match(ref)
    if m:
        return ("body", m.group("body"))
    m = FOR_BACK.match(ref)
    if m and m.group("head") in _BODY_HEADS:
        return ("back", m.group("head"))
    m = OWNERS_SPEAKER.match(ref)
    if m and reference_shape(m.group("owner"))[0] in ("name", "titled", "one", "role", "other"):
        return ("voice_of", m.group("owner"))
    m = NATIONAL_BODY.search(ref) or CAMEL_BODY.match(ref)
    if m:
        return ("body", m.group("body"))
    m = DESCRIBED_BODY.match(ref)
    if m:
        return ("body", m.group("body"))  # what it is was said: no person, whatever its name
    m = BODY_SPEAKER.match(ref)
    body = m.group("body") if m else ""
    if m and body.lower() not in ("a", "an", "the") and not looks_like_person(body) and body.split()[-1].lower() not in ROLE_WORDS:
        return ("body", re.sub(r"['’]s?$", "", body))
    m = NAME_END.search(ref)
    before = ref[: m.start()].strip() if m else ""
    # "MP for Leicester South": a place after a preposition is not a person, nor a name
    # after "the" ("the Harbour Gazette").
    if m and looks_like_person(m.group("name")) and not re.search(r"\b(?:for|of|in|from|at|to|near|the|The)$", before):
        role = clean_role(before) if before and ROLE_END.search(before) else None
        return ("name", m.group("name"), m.group("title"), role, f"{role} {m.group(0)}" if role else m.group(0))
    m = _NAME_OF_BODY.match(ref)
    if m and looks_like_person(m.group("name")):
        return ("name", m.group("name"), m.group("title"), None, m.group("name"))
    m = TITLED_END.search(ref)
    if m:
        return ("titled", m.group("title"), m.group("sur"), m.group(0))
    bare = re.sub(r"^(?:the|The)\s+", "", ref)
    if bare == "PM":
        return ("role", "the prime minister")
    m = LOCAL_POLICE.match(ref)
    if m:
        return ("police", m.group("after") or m.group("before"), ref)
    m = _BACK_REFERENCE.match(ref)
    if m and m.group("head").lower() in _BODY_HEADS:
        return ("back", m.group("head").lower())
    if ROLE_OF.match(ref):
        return ("role", ref)
    ranked = bare.split()
    if len(ranked) >= 2 and ONE_WORD.match(ranked[-1]) and all(w.lower() in RANKS for w in ranked[:-1]):
        return ("one", re.sub(r"['’]s?$", "", ranked[-1]), ref)  # "Chief Constable Sims": a rank, then a surname
    if ROLE_END.fullmatch(bare) or (bare != ref and ROLE_END.search(bare)):
        return ("role", ref)  # "The MP", "the minister"
    m = ONE_WORD.match(bare) or PARTICLE_SURNAME.match(bare)
    if m:
        return ("one", m.group("sur"), ref)
    if ROLE_END.search(ref):
        return ("role", ref)
    org_words = bare.split()
    connectors = {"of", "for", "and", "the", "&"}  # "Drivers on the M5" is no body's name
    is_org = (
        len(org_words) >= 2
        and org_words[0].lower() not in FUNCTION_WORDS
        and all(w[0].isupper() or w[0].isdigit() or w in connectors for w in org_words)
        and org_words[-1][0].isupper()
    ) or is_nickname(bare)
    return ("other", ref, bare if is_org else None)
