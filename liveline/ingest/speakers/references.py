"""Who a reference means: a subject phrase (name, title + surname, surname, role phrase,
organisation) or a pronoun, resolved to a person of the story's registry, learning new
people and aliases as it goes.
"""

from __future__ import annotations

import re
from collections import deque

from liveline.ingest.speakers.bodies import bodies_named, body_person, latest_body, local_police
from liveline.ingest.speakers.clauses import clean_role
from liveline.ingest.speakers.cue_patterns import (
    CAPITAL_RUN,
    FRONTED,
    ROLE_END,
    ROLE_OF,
    ROLE_PHRASE,
)
from liveline.ingest.speakers.introductions import name_in_run
from liveline.ingest.speakers.names import (
    GENERIC_BODY_WORDS,
    GENERIC_ROLES,
    NOT_GIVEN,
    NOT_SURNAME,
    ROLE_WORDS,
    SURNAME_WORD,
    fold,
    role_key,
    split_title,
)
from liveline.ingest.speakers.registry import Person, Registry
from liveline.ingest.speakers.shapes import FUNCTION_WORDS
from liveline.ingest.speakers.shapes import reference_shape as reference_shape  # where it was always found
from liveline.ingest.speakers.story import Attribution

# Endings of common nouns, never of surnames a story would leave unintroduced: "Opposition",
# "Counting", "Government", "Turnout" (the last caught by the story's own text instead).
_COMMON_NOUN_ENDING = re.compile(r"(?:tion|sion|ment|ness|ity|ing|ance|ence|ism|ship|hood)$")
# A spokesperson of nobody named ("A spokesperson said") speaks for the body named before.
_BARE_SPOKESPEOPLE = {"spokesperson", "spokesman", "spokeswoman"}

# How many paragraphs back a body named in passing may be referred to as "the group", "the
# department": news refers back within a paragraph or two of the name; further back, a new
# "group" is as likely another.
BODY_MEMORY_PARAGRAPHS = 2
# Words that only sharpen a generic role ("the local MP", "a senior officer"): the phrase is
# still anybody's, so it is never kept as one person's alias for the whole story.
_VAGUE_QUALIFIERS = {"local", "senior", "another", "one", "former", "some"}
_ROLE_WORD_SET = set(ROLE_WORDS)
# An area named by a compass point or "Central" ("Anytown East", "Northfield Central"): a
# ward or a constituency, never a body that speaks.
_AREA_NAME = re.compile(r"^(?:[A-Z][\w'’-]+\s+){1,2}(?:North|South|East|West|Central)$")


def _is_generic_role(key: str | None) -> bool:
    """"mp", "the local mp", "councillor": a role many hold, with nothing to say which."""
    words = [w for w in (key or "").split() if w not in _VAGUE_QUALIFIERS]
    return len(words) == 1 and words[0] in GENERIC_ROLES


class ReferenceContext:
    """What a pronoun or a bare quotation can refer back to."""

    def __init__(self, source_people: set[int]) -> None:
        self.source_people = source_people
        self.post_speakers: list[Person] = []
        self.previous: list[Attribution] = []
        self.previous_in_file: list[Attribution] = []
        self.earlier_texts: deque[str] = deque(maxlen=BODY_MEMORY_PARAGRAPHS)
        # Whom the last spokesperson named spoke for ("Jane Doe's spokesperson"): "the
        # spokesperson" again, later in the post, is them.
        self.spoken_for: Person | None = None
        self._text = ""

    @property
    def text(self) -> str:
        """The paragraph being read (quotes masked); setting the next one keeps the last
        few in `earlier_texts`."""
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        if value != self._text:
            if self._text:
                self.earlier_texts.append(self._text)
            self._text = value


def _compatible(person: Person, pronoun: str) -> bool:
    pronoun = pronoun.lower()
    if person.kind == "organisation":
        return pronoun in ("they", "it")
    if pronoun == "it":
        return False
    if pronoun == "she":
        return person.gender != "m"
    if pronoun == "he":
        return person.gender != "f"
    return True


# Words before an office that make it another office: the shadow home secretary is not the
# home secretary, nor is a former or deputy one.
_OTHER_HOLDER = re.compile(r"\b(?:shadow|former|ex|deputy|acting|junior|vice|assistant|outgoing|incoming)\b")


def _holds(role: str, key: str) -> bool:
    """Whether a (folded) role is the office `key` names: the key in it, with no word before
    it that makes it another office ("shadow home secretary" does not hold "home secretary")."""
    m = re.search(rf"\b{re.escape(key)}\b", role)
    return m is not None and not _OTHER_HOLDER.search(role[: m.start()])


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
        if kind in ("one", "role") and " " in ref.strip():
            # A phrase the story gave somebody whole ("Deputy Speaker", "Secretary of State for
            # Education", an official record's office) is that person before its last word is.
            phrase = re.sub(r"^(?:the|a|an)\s+", "", ref.strip(), flags=re.I)
            whole = registry.find_alias(phrase)
            if whole is None and phrase.split()[-1].lower() in ROLE_WORDS:
                whole = registry.find_role(role_key(phrase))  # "the Deputy Speaker": that office's holder
            if whole is not None and whole.kind in ("person", "role"):
                return whole, False
        if kind in ("name", "other", "body") and registry.is_place(shape[1]):
            return None, False  # "the MP for Anytown North": the place speaks for nobody
        if kind == "name":
            _, name, title, role, alias = shape
            if not title and registry.is_body_name(name):
                return registry.learn_organisation(name), False
            # A body already known by these words ("Harbour Buses" from its tweet's credit) is
            # that body, though the words are shaped like a person's name.
            known = registry.find_alias(name)
            person = known if known is not None and known.kind == "organisation" else registry.find_full(name)
            if person is None:
                person = registry.learn_person(f"{title} {name}" if title else name, role)
            else:
                registry.set_role(person, role)
            registry.alias(person, alias)
            return person, False
        if kind == "titled":
            _, title, surname, alias = shape
            if surname.lower() in ROLE_WORDS:
                # "Mr Speaker", "Madam President": an office addressed, not a surname.
                return self._resolve_role(surname, ctx), False
            person = registry.find_surname(surname, ctx.source_people)
            if person is None:
                person = registry.learn_person(f"{title} {surname}")
            registry.alias(person, alias)
            return person, False
        if kind == "role":
            return self._resolve_role(shape[1], ctx), False
        if kind == "voice_of":
            owner, _ = self.resolve(shape[1], ctx, allow_single_org=True)
            ctx.spoken_for = owner or ctx.spoken_for
            return owner, False
        if kind == "body":
            return body_person(registry, registry.find_alias(shape[1]) or shape[1]), False
        if kind == "police":
            return local_police(registry, shape[1], shape[2]), False
        if kind == "back":
            return latest_body(registry, self._before(ref, ctx), ctx.post_speakers, shape[1], list(ctx.earlier_texts)), False
        if kind == "one":
            return self.one_word(shape[1], shape[2], ctx, allow_single_org), False
        if kind == "other":
            found = registry.find_alias(ref if re.match(r"(?i)an? ", ref) else shape[1])
            # "the supreme court", in lower case, is the Supreme Court already met.
            found = found or registry.find_alias(re.sub(r"^[Tt]he\s+", "", ref))
            if found:
                return found, False
            if shape[2] and not _AREA_NAME.match(shape[2]) and not registry.is_place(shape[2]):
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
        if person is None and word.lower() in GENERIC_BODY_WORDS:
            return None  # "Police said": which police is not said, so nobody named speaks
        if person is None and (word.isupper() or allow_org or re.match(r"[Tt]he\s", ref)):
            # "the Gazette reports": a surname never takes "the"; a body or an outlet does.
            person = registry.learn_organisation(word)
        if person is None:
            # "Mike" after "Mike Doe" in the same paragraph: a first name alone is the person
            # just named in full with it.
            namesakes = [p for p in registry.with_given(word) if re.search(rf"\b{re.escape(p.name)}\b", ctx.text)]
            person = namesakes[0] if len(namesakes) == 1 else None
        if person is None and self._may_be_surname(word, ref, ctx):
            person = registry.learn_person(word)
        if person is not None:
            registry.alias(person, ref)
        return person

    def _may_be_surname(self, word: str, ref: str, ctx: ReferenceContext) -> bool:
        """Whether one capitalised word that speaks ("Okonjo is showing...", "Vance signs
        off") may be a person the story names by surname alone: a word shaped like a
        surname (no common-noun ending, "Clean-up" is no name), not a place or a thing by
        the story's own text (registry.is_not_person), not after a preposition here ("the
        MP for Northfield said") nor last in a list ("missions including Curiosity and
        Opportunity have suggested"), and the subject of a verb marked singular ("signs",
        "is", "was"); a past form ("said") shows no number, so then the story must also
        write the word capitalised mid-sentence, as names are ("Officials said", "Turnout
        confirmed" are not)."""
        if ref != word or not re.fullmatch(SURNAME_WORD, word) or len(word) < 3 or _COMMON_NOUN_ENDING.search(word):
            return False
        if not all(part[:1].isupper() for part in re.split(r"[-'’]", word) if len(part) > 1):
            return False
        lower = word.lower()
        if lower in NOT_GIVEN or lower in NOT_SURNAME or lower in FUNCTION_WORDS or self.registry.is_not_person(word):
            return False
        if re.search(rf"\b(?:for|from|by|with|to|of|in|at|on|near|and|or|including)\s+{re.escape(word)}\b", ctx.text):
            return False
        verb = re.search(rf"\b{re.escape(word)}\s+(?:[a-z]+ly\s+)?(?P<v>[a-z]+)\b", ctx.text)
        singular = verb is not None and (verb.group("v") in ("is", "has", "was") or verb.group("v").endswith("s"))
        return singular or (not word.endswith("s") and self.registry.is_proper_word(word))

    @staticmethod
    def _before(ref: str, ctx: ReferenceContext) -> str:
        """The paragraph up to where `ref` stands in it (all of it when it is not found)."""
        at = ctx.text.find(ref)
        return ctx.text[:at] if at >= 0 else ctx.text

    def _resolve_role(self, ref: str, ctx: ReferenceContext) -> Person | None:
        registry = self.registry
        # "the head of the NHS", "the minister for coastal affairs": the whole phrase is the
        # role; elsewhere the role is the words after any clause-like part.
        office = ROLE_OF.match(ref) is not None
        key = role_key(ref) if office else role_key(clean_role(ref) or ref)
        if key in _BARE_SPOKESPEOPLE:
            # "A spokesperson said", for nobody named: the body named just before speaks.
            body = latest_body(registry, self._before(ref, ctx), ctx.post_speakers)
            if body is None and ctx.spoken_for is not None and ctx.spoken_for in ctx.post_speakers:
                body = ctx.spoken_for
            if body is not None:
                return body
        person = registry.find_role(key) or self._role_by_form(key)
        if person is None and key:
            # "The MP": the latest speaker in this post whose role has that word.
            for candidate in reversed(ctx.post_speakers):
                if candidate.role and _holds(fold(candidate.role), key):
                    person = candidate
                    break
        if person is None and key and len(key.split()) >= 2:
            endings = [k for k in registry.role_keys() if k.endswith(" " + key) and _holds(k, key)]
            person = registry.find_role(endings[0]) if len(endings) == 1 else None
        if person is None and key:
            person = self._role_with_place_in_front(key, ref)
        if person is None:
            # Out of context ("The MP" on its own): whom the story first used the phrase for.
            person = registry.find_alias(ref)
        if person is None:
            if not re.match(r"^(?:the|a|an)\s|^[A-Z]", ref, re.I) or key in GENERIC_ROLES:
                return None
            if all(w.lower() in _ROLE_WORD_SET for w in ref.split()):
                return None  # "Chair", "Chief executive": an office with no holder named is nobody
            person = registry.learn_role_person(key or ref, ref)
        role = ref if office else clean_role(ref) or ref
        determiner = re.search(rf"\b(the|a|an)\s+{re.escape(role)}$", ref, re.I)
        surface = f"{determiner.group(1)} {role}" if determiner else role
        if _is_generic_role(key):
            # "The MP" is this one here, and is listed among their names; looked up later it
            # would make every MP of the story this one.
            registry.note_form(person, surface)
        else:
            registry.alias(person, surface)
        return person

    def _role_by_form(self, key: str | None) -> Person | None:
        """"Plymouth MP" is the "MP in Plymouth", "Dover mayor" the "mayor of Dover": a
        place before an office, or after it with in/for/of, is the same office."""
        words = (key or "").split()
        if len(words) == 2 and ROLE_END.fullmatch(words[1]):
            return next(
                (p for k in (f"{words[1]} {link} {words[0]}" for link in ("in", "for", "of")) if (p := self.registry.find_role(k))),
                None,
            )
        if len(words) == 3 and words[1] in ("in", "for", "of") and ROLE_END.fullmatch(words[0]):
            return self.registry.find_role(f"{words[2]} {words[0]}")
        return None

    def _role_with_place_in_front(self, key: str, ref: str) -> Person | None:
        """"Cleveland Police and Crime Commissioner" is the person the story calls "Police
        and Crime Commissioner": a known role of two words or more, with proper names in
        front (a place, a body). Not a party or an office-changing word ("shadow", "former",
        "deputy", NOT_GIVEN): those make another office."""
        front = re.sub(r"^(?:the|a|an)\s+", "", " ".join(ref.split()), flags=re.I).split()
        best = None
        for known in self.registry.role_keys():
            size = len(known.split())
            if size < 2 or not key.endswith(" " + known) or (best and size <= len(best.split())):
                continue
            extra = front[: len(key.split()) - size]
            if extra and all(w[:1].isupper() and w.lower() not in NOT_GIVEN for w in extra):
                best = known
        return self.registry.find_role(best) if best else None

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
        # "Responding to Doe, she said": who is responded to is not who responds.
        fronted = FRONTED.match(before, sentence_start)
        skip_before = fronted.end() if fronted else sentence_start
        if pronoun.lower() == "it":
            return self._body_pronoun(before, skip_before, sentence_start, here, ctx)
        mentions = self.mentions(before, ctx)
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

    def _body_pronoun(self, before: str, skip_before: int, sentence_start: int, here: list[Person], ctx: ReferenceContext) -> Person | None:
        """"It" is a body: the nearest named earlier in the sentence, then one found speaking
        earlier in the paragraph, then named earlier in it, then the previous paragraph's.
        No further: "it" is as often a report or a plan as a body."""
        named = bodies_named(before, self.registry)
        in_sentence = [body for at, body in reversed(named) if at >= skip_before]
        earlier = [body for at, body in reversed(named) if at < sentence_start]
        previous = [a.person for a in ctx.previous if a.person.kind == "organisation"]
        here_bodies = [p for p in reversed(here) if p.kind == "organisation"]
        for body in [*in_sentence, *here_bodies, *earlier, *previous]:
            return body_person(self.registry, body)
        return None
