"""Who a reference means: a subject phrase (name, title + surname, surname, role phrase,
organisation) or a pronoun, resolved to a person of the story's registry, learning new
people and aliases as it goes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from liveline.ingest.speakers.clauses import clean_role
from liveline.ingest.speakers.cue_patterns import (
    CAPITAL_RUN,
    FIRST_PERSON,
    FRONTED,
    NAME_END,
    ONE_WORD,
    PRONOUN_END,
    ROLE_END,
    ROLE_PHRASE,
    TITLED_END,
)
from liveline.ingest.speakers.introductions import name_in_run
from liveline.ingest.speakers.registry import (
    NOT_GIVEN,
    NOT_SURNAME,
    POSTNOMINAL,
    RANKS,
    Person,
    Registry,
    fold,
    looks_like_person,
    role_key,
    split_title,
)
from liveline.ingest.speakers.story import Attribution

# Words that open a clause; a capitalised phrase starting with one is no organisation's name.
_FUNCTION_WORDS = {
    "a", "an", "and", "but", "in", "on", "at", "as", "if", "so", "it", "this", "that", "these", "those",
    "there", "then", "when", "while", "after", "before", "since", "yet", "also", "just", "we", "i",
    "you", "he", "she", "they", "his", "her", "our", "their", "my", "its", "asked", "speaking",
    "responding", "following", "despite", "meanwhile", "earlier", "later", "today", "yesterday",
    "according", "with", "without", "from", "for", "by", "of", "to", "no", "not", "why", "how",
    "what", "who", "where", "which", "watch", "only", "all", "some", "many", "more", "most",
}


@lru_cache(maxsize=1 << 15)
def reference_shape(ref: str) -> tuple[Any, ...]:
    """What kind of reference a subject phrase is, with its parts; pure, so cached."""
    ref = " ".join(ref.split()).strip(" ,")
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
    m = NAME_END.search(ref)
    before = ref[: m.start()].strip() if m else ""
    # "MP for Leicester South": a place after a preposition is not a person.
    if m and looks_like_person(m.group("name")) and not re.search(r"\b(?:for|of|in|from|at|to|near)$", before):
        role = clean_role(before) if before and ROLE_END.search(before) else None
        return ("name", m.group("name"), m.group("title"), role, f"{role} {m.group(0)}" if role else m.group(0))
    m = TITLED_END.search(ref)
    if m:
        return ("titled", m.group("title"), m.group("sur"), m.group(0))
    bare = re.sub(r"^(?:the|The)\s+", "", ref)
    if bare == "PM":
        return ("role", "the prime minister")
    ranked = bare.split()
    if len(ranked) >= 2 and ONE_WORD.match(ranked[-1]) and all(w.lower() in RANKS for w in ranked[:-1]):
        return ("one", ranked[-1].rstrip("'’s"), ref)  # "Chief Constable Sims": a rank, then a surname
    if ROLE_END.fullmatch(bare) or (bare != ref and ROLE_END.search(bare)):
        return ("role", ref)  # "The MP", "the minister"
    m = ONE_WORD.match(bare)
    if m:
        return ("one", m.group("sur"), ref)
    if ROLE_END.search(ref):
        return ("role", ref)
    org_words = bare.split()
    connectors = {"of", "for", "and", "the", "&", "on", "in"}
    is_org = (
        len(org_words) >= 2
        and org_words[0].lower() not in _FUNCTION_WORDS
        and all(w[0].isupper() or w[0].isdigit() or w in connectors for w in org_words)
        and org_words[-1][0].isupper()
    )
    return ("other", ref, bare if is_org else None)


class ReferenceContext:
    """What a pronoun or a bare quotation can refer back to."""

    def __init__(self, source_people: set[int]) -> None:
        self.source_people = source_people
        self.post_speakers: list[Person] = []
        self.previous: list[Attribution] = []
        self.previous_in_file: list[Attribution] = []
        self.text = ""  # the paragraph being read (quotes masked)


def _compatible(person: Person, pronoun: str) -> bool:
    pronoun = pronoun.lower()
    if person.kind == "organisation":
        return pronoun == "they"
    if pronoun == "she":
        return person.gender != "m"
    if pronoun == "he":
        return person.gender != "f"
    return True


class Resolver:
    """References -> people of one story's registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def resolve(self, ref: str, ctx: ReferenceContext, allow_single_org: bool = False) -> tuple[Person | None, bool]:
        """(person, is_pronoun) for a subject phrase; (None, False) when it is nobody we can name."""
        shape = reference_shape(ref)
        kind = shape[0]
        registry = self.registry
        if kind == "pronoun":
            return None, True  # resolved by the caller, which knows the sentence
        if kind == "name":
            _, name, title, role, alias = shape
            person = registry.find_full(name)
            if person is None:
                person = registry.learn_person(f"{title} {name}" if title else name, role)
            else:
                registry.set_role(person, role)
            registry.alias(person, alias)
            return person, False
        if kind == "titled":
            _, title, surname, alias = shape
            person = registry.find_surname(surname, ctx.source_people)
            if person is None:
                person = registry.learn_person(f"{title} {surname}")
            registry.alias(person, alias)
            return person, False
        if kind == "role":
            return self._resolve_role(shape[1], ctx), False
        if kind == "one":
            return self.one_word(shape[1], shape[2], ctx, allow_single_org), False
        if kind == "other":
            found = registry.find_alias(ref if re.match(r"(?i)an? ", ref) else shape[1])
            if found:
                return found, False
            if shape[2]:
                return registry.learn_organisation(shape[2]), False
        return None, False

    def one_word(self, word: str, ref: str, ctx: ReferenceContext, allow_org: bool) -> Person | None:
        """A surname, an acronym or a one-word organisation."""
        registry = self.registry
        full_names = registry.full_names_for(word)
        if len(full_names) > 1:
            # Two people share the surname: the one this paragraph names in full is meant.
            named = [name for name in full_names if re.search(rf"\b{re.escape(name)}\b", ctx.text)]
            if len(named) == 1:
                return registry.find_full(named[0]) or registry.learn_person(named[0])
        person = registry.find_alias(word)
        if person is None and not word.isupper() and word.lower() not in NOT_GIVEN:
            person = registry.find_surname(word, ctx.source_people)
            if person is None and registry.seen_full_name(word):
                person = registry.learn_person(registry.seen_full_name(word) or word)
        if person is None and (word.isupper() or allow_org):
            person = registry.learn_organisation(word)
        if person is not None:
            registry.alias(person, ref)
        return person

    def _resolve_role(self, ref: str, ctx: ReferenceContext) -> Person | None:
        registry = self.registry
        key = role_key(clean_role(ref) or ref)
        person = registry.find_role(key)
        if person is None and key:
            # "The MP": the latest speaker in this post whose role has that word.
            for candidate in reversed(ctx.post_speakers):
                if candidate.role and re.search(rf"\b{re.escape(key)}\b", fold(candidate.role)):
                    person = candidate
                    break
        if person is None and key and len(key.split()) >= 2:
            endings = [k for k in registry.role_keys() if k.endswith(" " + key)]
            person = registry.find_role(endings[0]) if len(endings) == 1 else None
        if person is None:
            # Out of context ("The MP" on its own): whom the story first used the phrase for.
            person = registry.find_alias(ref)
        if person is None:
            if not re.match(r"^(?:the|a|an)\s|^[A-Z]", ref, re.I):
                return None
            person = registry.learn_role_person(key or ref)
        role = clean_role(ref) or ref
        determiner = re.search(rf"\b(the|a|an)\s+{re.escape(role)}$", ref, re.I)
        registry.alias(person, f"{determiner.group(1)} {role}" if determiner else role)
        return person

    def mentions(self, text: str, ctx: ReferenceContext) -> list[tuple[int, Person]]:
        """People named (outside quotes) in a stretch of text, by position."""
        registry = self.registry
        mentions: list[tuple[int, Person]] = []
        for run in CAPITAL_RUN.finditer(text):
            found = name_in_run(run.group())
            if found:
                person = registry.find_full(split_title(found[0])[1]) or registry.find_surname(
                    found[0].split()[-1], ctx.source_people
                )
            else:
                word = run.group().split()[-1]
                if word.lower() in NOT_GIVEN or word.lower() in NOT_SURNAME:
                    continue
                person = registry.find_alias(word) or registry.find_surname(word, ctx.source_people)
            if person is not None:
                mentions.append((run.start(), person))
        for m in ROLE_PHRASE.finditer(text):
            person = registry.find_role(role_key(m.group()))
            if person is not None:
                mentions.append((m.start(), person))
        return sorted(mentions, key=lambda item: item[0], reverse=True)

    def pronoun(self, pronoun: str, before: str, sentence_start: int, here: list[Person], ctx: ReferenceContext) -> Person | None:
        """The nearest compatible person: named earlier in the sentence, then a speaker found
        earlier in the paragraph, then named earlier in the paragraph ("Doe was blunt. He
        said..."), then the latest speaker in the post, then in the page."""
        mentions = self.mentions(before, ctx)
        # "Responding to Doe, she said": who is responded to is not who responds.
        fronted = FRONTED.match(before, sentence_start)
        skip_before = fronted.end() if fronted else sentence_start
        in_sentence = [person for at, person in mentions if at >= skip_before]
        earlier = [person for at, person in mentions if at < sentence_start]
        # Of the people in the sentence, one known to fit the pronoun beats one not known.
        gender = {"she": "f", "he": "m"}.get(pronoun.lower())
        known = [person for person in in_sentence if gender and person.gender == gender]
        for person in [*known, *in_sentence, *reversed(here), *earlier]:
            if person.kind != "journalist" and _compatible(person, pronoun):
                return person
        for person in reversed(ctx.post_speakers):
            if _compatible(person, pronoun):
                return person
        for attribution in reversed(ctx.previous_in_file):
            if attribution.person.kind != "journalist" and _compatible(attribution.person, pronoun):
                return attribution.person
        return None
