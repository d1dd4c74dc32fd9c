"""Speakers a paragraph names itself: the explicit cues of reported speech.

An explicit cue outside quotation marks: "<someone> says/told MPs/asks...", ", she says",
"said the minister", "We're now hearing from <someone>", "calls from <A>, <B>", "was
criticised by <someone>"; <someone> is a name, title + surname, surname, role phrase,
organisation or pronoun. Pronouns go to the nearest compatible person earlier in the
sentence, else the most recent compatible speaker in the post. Also a headline's "Doe on
...", and a description the next paragraph names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from liveline.ingest.speakers.authorship import names_somebody
from liveline.ingest.speakers.clauses import (
    UNCLOSED_APPOSITION,
    clause_tail,
    clean_role,
    drop_parenthesis_end,
    drop_relative_who,
    is_embedded,
    is_passive,
    split_apposition,
    strip_filler,
    subject_tail,
)
from liveline.ingest.speakers.cue_patterns import (
    CALLS_FROM,
    FIRST_PERSON,
    HEADLINE_ON,
    HEARD_FROM,
    HEARD_FROM_WORDS,
    INDEFINITE_AGENT,
    INVERTED,
    INVERTED_VERBS,
    NAME_END,
    ONE_WORD,
    PASSIVE_BY,
    PASSIVE_BY_WORDS,
    PRONOUN_END,
    READ_CACHE_SIZE,
    ROLE_END,
    ROLE_SEARCH,
    VERB,
    mask_quotes,
)
from liveline.ingest.speakers.references import ReferenceContext, Resolver, reference_shape
from liveline.ingest.speakers.registry import NOT_GIVEN, POSTNOMINAL, Person, Registry, looks_like_person
from liveline.ingest.speakers.story import Attribution

# How sure each way of knowing is.
# (A writer's own lines, `byline`, are weighed in authorship.py.) An official record's turn
# (`transcript`) names its speaker on the speaker line: certain, the strongest there is.
CONFIDENCE = {"quote": 0.95, "paraphrase": 0.9, "pronoun": 0.8, "continuation": 0.65, "transcript": 1.0}
# A description named by the next paragraph (cataphora, see cue_patterns.INDEFINITE_AGENT)
# is weaker evidence than a cue, so a lower confidence.
CATAPHORA_CONFIDENCE = 0.6
_PREPOSITIONS = {"to", "with", "for", "by", "from"}


def _ends_in_name(phrase: str) -> bool:
    """Whether a phrase ends in a person's name; letters after it are no part of it
    ("Councillor Jane Doe MBE"), and a body's name is none ("Leader of Anytown Council")."""
    m = NAME_END.search(POSTNOMINAL.sub("", phrase.strip()))
    return m is not None and looks_like_person(m.group("name"))


# A speech taking place, named in a clause of time: "We will bring you the key lines as she
# speaks", "Protesters gathered while Doe spoke". It says when, not what anybody said.
_TAKING_PLACE = frozenset({"speaks", "spoke", "is speaking", "is now speaking", "begins", "began", "finishes", "finished",
                           "concludes", "concluded"})
_WHEN_CLAUSE = re.compile(r"\b(?:as|while|whilst|when|before|after|until|once)\s+(?:[\w'’-]+\s+){1,3}$", re.I)


def _times_a_speech(masked: str, verb: re.Match[str]) -> bool:
    return verb.group(0).lower() in _TAKING_PLACE and _WHEN_CLAUSE.search(masked[: verb.start()]) is not None


class CueReader:
    """Speakers named by explicit cues in one paragraph, resolving references with a Resolver."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.resolver = Resolver(registry)
        self.other_subject = False  # a cue's subject is somebody we cannot name
        self.unnamed_speaker = False  # and that subject reads as somebody ("one team", "Campaigners")

    # Cues in one paragraph --------------------------------------------------------------
    def _subject(self, masked: str, start: int, here: list[Person], ctx: ReferenceContext) -> tuple[Person | None, bool]:
        plan = _subject_plan(masked, start)
        if plan.pronoun is not None:
            return self.resolver.pronoun(plan.pronoun, plan.before, plan.sentence_start, here, ctx), True
        if plan.surname is not None:
            # "Doe, the shadow justice secretary, said": a person known so far by surname only.
            known = self.resolver.one_word(plan.surname, plan.surname, ctx, allow_org=False) or self.registry.learn_person(plan.surname)
            self.registry.set_role(known, plan.role)
            return known, False
        for candidate in plan.candidates:
            person, is_pronoun = self.resolver.resolve(candidate, ctx)
            if person is not None:
                return person, is_pronoun
        if plan.unclosed is not None:
            # "Doe, the MP for Gainsborough said": an apposition whose closing comma is missing.
            person, _ = self.resolver.resolve(plan.unclosed, ctx)
            if person is not None and person.kind != "organisation":
                return person, False
        return None, False

    def _coordinated(self, left: str, ctx: ReferenceContext) -> list[Person]:
        """"The Greens and the SNP said": the conjuncts before a resolved subject, named ones only."""
        found: list[Person] = []
        for ref in _conjuncts(left):
            person, _ = self.resolver.resolve(ref, ctx, allow_single_org=True)
            if person is None:
                break
            found.append(person)
        return found

    def cues(self, text: str, ctx: ReferenceContext) -> list[tuple[Person, str]]:
        """Speakers named by explicit cues, in order; sets self.other_subject when a cue's
        subject is somebody we cannot name ("Campaigners say...")."""
        self.other_subject = self.unnamed_speaker = False
        read = _read_cues(text)
        masked = read.masked
        ctx.text = masked
        if read.nothing:
            return []
        named = "quote" if read.quoted else "paraphrase"
        found: list[tuple[int, Person, str]] = []
        for at, ref in read.agents:  # "hearing from", passive agents
            person, _ = self.resolver.resolve(ref, ctx, allow_single_org=True)
            if person:
                found.append((at, person, named))
        for at, item in read.callers:
            person, _ = self.resolver.resolve(item, ctx, allow_single_org=True)
            if person:
                found.append((at, person, "paraphrase"))
        for start in read.verbs:
            here = [p for at, p, _ in sorted(found, key=lambda f: f[0]) if at < start]
            person, is_pronoun = self._subject(masked, start, here, ctx)
            unnamed = "" if person is not None or is_pronoun else _subject_phrase(masked[:start])
            if unnamed:
                self.other_subject = True
                self.unnamed_speaker = self.unnamed_speaker or names_somebody(unnamed)
            if person is not None:
                how = "pronoun" if is_pronoun else named
                found.append((start, person, how))
                if not is_pronoun:
                    for distance, other in enumerate(self._coordinated(masked[:start], ctx), 1):
                        found.append((start - distance, other, how))  # in reading order
        for at, ref in read.inverted:
            person, _ = self.resolver.resolve(ref, ctx)
            if person:
                found.append((at, person, named))
        found.sort(key=lambda f: f[0])
        out: list[tuple[Person, str]] = []
        for _, person, how in found:
            if all(person is not p for p, _ in out):
                out.append((person, how))
        return out

    def described(self, text: str) -> list[Attribution]:
        """Somebody introduced by a description the next paragraph names (see introductions.py)."""
        m = INDEFINITE_AGENT.search(mask_quotes(text))
        person = self.registry.find_alias(m.group("desc")) if m else None
        return [Attribution(person, "paraphrase", CATAPHORA_CONFIDENCE)] if person is not None else []

    def headline_subject(self, text: str, ctx: ReferenceContext) -> list[tuple[Person, str]]:
        """Live-blog headlines name their speaker before "on": "Doe on the rail strike"."""
        m = HEADLINE_ON.match(text)
        if not m:
            return []
        person, _ = self.resolver.resolve(m.group("ref"), ctx)
        return [(person, "paraphrase")] if person is not None and person.kind != "organisation" else []


# The text work of reading cues, apart from who the phrases mean (the Resolver's, which
# changes as the story is read): a pure function of the text, so cached (READ_CACHE_SIZE).


@dataclass(frozen=True)
class CueText:
    """A paragraph's cues as text: where they stand and the phrases naming their speakers."""

    masked: str
    quoted: bool
    nothing: bool  # no verb, no "from", "according" or " by ": no cue at all
    agents: tuple[tuple[int, str], ...]  # "hearing from <ref>", then "was criticised by <ref>"
    callers: tuple[tuple[int, str], ...]  # each name in "calls from A, B and C"
    verbs: tuple[int, ...]  # where each reporting verb with a subject of its own starts
    inverted: tuple[tuple[int, str], ...]  # "..., said the minister"


@lru_cache(maxsize=READ_CACHE_SIZE)
def _read_cues(text: str) -> CueText:
    masked = mask_quotes(text)
    quoted = masked != text
    verbs = list(VERB.finditer(masked))
    if not verbs and "from" not in masked and "according" not in masked and " by " not in masked:
        return CueText(masked, quoted, True, (), (), (), ())
    heard = any(word in masked for word in HEARD_FROM_WORDS)
    agents = [(m.start(), m.group("ref")) for m in (HEARD_FROM.finditer(masked) if heard else ())]
    passive = " by " in masked and any(word in masked for word in PASSIVE_BY_WORDS)
    agents += [(m.start(), m.group("ref")) for m in (PASSIVE_BY.finditer(masked) if passive else ())]
    callers: list[tuple[int, str]] = []
    for m in CALLS_FROM.finditer(masked) if "call" in masked else ():
        for item in re.split(r",\s*|\s+and\s+", m.group("list")):
            item = item.strip()
            if item and (item[0].isupper() or item.startswith("the ")):
                callers.append((m.start(), item))
    subjects = tuple(
        m.start() for m in verbs
        if not (is_embedded(masked[: m.start()]) or is_passive(masked, m) or _times_a_speech(masked, m))
    )
    inverted = [
        (m.start(), m.group("ref"))
        for m in (INVERTED.finditer(masked) if any(verb.group() in INVERTED_VERBS for verb in verbs) else ())
        if not (PRONOUN_END.fullmatch(m.group("ref").strip()) or FIRST_PERSON.match(m.group("ref")))
    ]
    return CueText(masked, quoted, False, tuple(agents), tuple(callers), subjects, tuple(inverted))


@dataclass(frozen=True)
class SubjectPlan:
    """The subject phrase before a verb, as text: a pronoun (with the text before it and
    where its sentence starts), a surname with its apposition's role, or the phrases to
    resolve in turn (then an apposition whose closing comma is missing)."""

    pronoun: str | None = None
    before: str = ""
    sentence_start: int = 0
    surname: str | None = None
    role: str | None = None
    candidates: tuple[str, ...] = ()
    unclosed: str | None = None


@lru_cache(maxsize=READ_CACHE_SIZE)
def _subject_plan(masked: str, start: int) -> SubjectPlan:
    # A subject, with an apposition, fits well inside the 240 characters before its verb.
    offset = max(0, start - 240)
    left = strip_filler(masked[offset:start])
    # "They include Jane Doe, who told MPs...": the relative clause reports its antecedent.
    left = drop_parenthesis_end(drop_relative_who(left))
    left, apposition = split_apposition(left)
    left = drop_parenthesis_end(left)  # "Doe (Rochdale), who chairs the committee, said"
    tail = subject_tail(left)
    pronoun = PRONOUN_END.search(tail)
    if pronoun:
        at = offset + len(left) - len(tail) + pronoun.start()
        before = masked[:at]
        sentence_start = max((m.end() for m in re.finditer(r"[.?!]\s", before)), default=0)
        return SubjectPlan(pronoun=pronoun.group("p"), before=before, sentence_start=sentence_start)
    if not tail and apposition is None:
        return SubjectPlan()
    if apposition and ONE_WORD.match(tail) and ROLE_END.search(apposition.strip()) and tail.lower() not in NOT_GIVEN:
        return SubjectPlan(surname=tail, role=clean_role(apposition))
    candidates = [tail]
    if apposition:
        # "Role, Name, says" and "Name, role, says": whichever part names a person.
        # "Jane Doe, chief officer at Citizens Advice Sunderland, said": the name comes first.
        names_first = _ends_in_name(apposition) and not _ends_in_name(tail)
        candidates = [apposition, tail] if names_first else [tail, apposition]
    unclosed = UNCLOSED_APPOSITION.search(left) if apposition is None else None
    named = unclosed.group("name") if unclosed and ROLE_SEARCH.search(unclosed.group("role")) else None
    return SubjectPlan(candidates=tuple(candidates), unclosed=named)


@lru_cache(maxsize=READ_CACHE_SIZE)
def _subject_phrase(left: str) -> str:
    """The noun phrase before the verb; "" at a clause boundary or for the blog's "we"."""
    tail = clause_tail(strip_filler(left[-240:]))
    return "" if FIRST_PERSON.match(tail) or tail.lower() in {"it", "this", "that", "there"} else tail


@lru_cache(maxsize=READ_CACHE_SIZE)
def _conjuncts(left: str) -> tuple[str, ...]:
    """The phrases joined to a verb's subject by "and" and commas ("The Greens and the SNP
    said"), nearest first, up to the first that is no name (the caller stops at the first
    it cannot resolve)."""
    left = strip_filler(left[-240:])
    subject = subject_tail(left)
    shape = reference_shape(subject) if subject else ("none",)
    if shape[0] == "name" and shape[3]:
        return ()  # "Police and Crime Commissioner Jane Doe": the "and" is inside her role
    rest = left[: len(left) - len(subject)].rstrip()
    found: list[str] = []
    # "A, B and C said": "and" next to the subject, commas further out. A comma alone
    # closes a fronted phrase ("Responding to Doe, the minister said"), not a list.
    while rest.endswith(" and") or (found and rest.endswith(",")):
        rest = rest[:-4].rstrip() if rest.endswith(" and") else rest[:-1].rstrip()
        ref = clause_tail(rest)
        before = rest[: len(rest) - len(ref)].split()
        if not ref or PRONOUN_END.fullmatch(ref) or FIRST_PERSON.match(ref) or (before and before[-1] in _PREPOSITIONS):
            break  # "talks with Doe and the minister said": Doe is talked with
        shape = reference_shape(ref)
        if shape[0] not in ("name", "titled", "one", "other") or (shape[0] == "other" and not shape[2]):
            break  # only a name or an organisation's name is a conjunct we can trust
        found.append(ref)
        rest = rest[: len(rest) - len(ref)].rstrip()
    return tuple(found)
