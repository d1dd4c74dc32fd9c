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

from liveline.ingest.speakers.authorship import names_somebody
from liveline.ingest.speakers.clauses import (
    PARENTHESIS_END,
    RELATIVE_WHO,
    UNCLOSED_APPOSITION,
    clause_tail,
    clean_role,
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
    INDEFINITE_AGENT,
    INVERTED,
    NAME_END,
    ONE_WORD,
    PASSIVE_BY,
    PRONOUN_END,
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
    @staticmethod
    def _subject_phrase(left: str) -> str:
        """The noun phrase before the verb; "" at a clause boundary or for the blog's "we"."""
        tail = clause_tail(strip_filler(left[-240:]))
        return "" if FIRST_PERSON.match(tail) or tail.lower() in {"it", "this", "that", "there"} else tail

    def _subject(self, masked: str, start: int, here: list[Person], ctx: ReferenceContext) -> tuple[Person | None, bool]:
        # A subject, with an apposition, fits well inside the 240 characters before its verb.
        offset = max(0, start - 240)
        left = strip_filler(masked[offset:start])
        # "They include Jane Doe, who told MPs...": the relative clause reports its antecedent.
        left = PARENTHESIS_END.sub("", RELATIVE_WHO.sub("", left))
        left, apposition = split_apposition(left)
        left = PARENTHESIS_END.sub("", left)  # "Doe (Rochdale), who chairs the committee, said"
        tail = subject_tail(left)
        pronoun = PRONOUN_END.search(tail)
        if pronoun:
            at = offset + len(left) - len(tail) + pronoun.start()
            before = masked[:at]
            sentence_start = max((m.end() for m in re.finditer(r"[.?!]\s", before)), default=0)
            return self.resolver.pronoun(pronoun.group("p"), before, sentence_start, here, ctx), True
        if not tail and apposition is None:
            return None, False
        if apposition and ONE_WORD.match(tail) and ROLE_END.search(apposition.strip()) and tail.lower() not in NOT_GIVEN:
            # "Doe, the shadow justice secretary, said": a person known so far by surname only.
            known = self.resolver.one_word(tail, tail, ctx, allow_org=False) or self.registry.learn_person(tail)
            self.registry.set_role(known, clean_role(apposition))
            return known, False
        candidates = [tail]
        if apposition:
            # "Role, Name, says" and "Name, role, says": whichever part names a person.
            # "Jane Doe, chief officer at Citizens Advice Sunderland, said": the name comes first.
            names_first = _ends_in_name(apposition) and not _ends_in_name(tail)
            candidates = [apposition, tail] if names_first else [tail, apposition]
        for candidate in candidates:
            person, is_pronoun = self.resolver.resolve(candidate, ctx)
            if person is not None:
                return person, is_pronoun
        unclosed = UNCLOSED_APPOSITION.search(left) if apposition is None else None
        if unclosed and ROLE_SEARCH.search(unclosed.group("role")):
            # "Doe, the MP for Gainsborough said": an apposition whose closing comma is missing.
            person, _ = self.resolver.resolve(unclosed.group("name"), ctx)
            if person is not None and person.kind != "organisation":
                return person, False
        return None, False

    def _coordinated(self, left: str, ctx: ReferenceContext) -> list[Person]:
        """"The Greens and the SNP said": the conjuncts before a resolved subject, named ones only."""
        left = strip_filler(left[-240:])
        subject = subject_tail(left)
        shape = reference_shape(subject) if subject else ("none",)
        if shape[0] == "name" and shape[3]:
            return []  # "Police and Crime Commissioner Jane Doe": the "and" is inside her role
        rest = left[: len(left) - len(subject)].rstrip()
        found: list[Person] = []
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
            person, _ = self.resolver.resolve(ref, ctx, allow_single_org=True)
            if person is None:
                break
            found.append(person)
            rest = rest[: len(rest) - len(ref)].rstrip()
        return found

    def cues(self, text: str, ctx: ReferenceContext) -> list[tuple[Person, str]]:
        """Speakers named by explicit cues, in order; sets self.other_subject when a cue's
        subject is somebody we cannot name ("Campaigners say...")."""
        self.other_subject = self.unnamed_speaker = False
        masked = mask_quotes(text)
        ctx.text = masked
        quoted = masked != text
        found: list[tuple[int, Person, str]] = []
        verbs = list(VERB.finditer(masked))
        if not verbs and "from" not in masked and "according" not in masked and " by " not in masked:
            return []
        for m in HEARD_FROM.finditer(masked):
            person, _ = self.resolver.resolve(m.group("ref"), ctx, allow_single_org=True)
            if person:
                found.append((m.start(), person, "quote" if quoted else "paraphrase"))
        for m in PASSIVE_BY.finditer(masked) if " by " in masked else ():
            person, _ = self.resolver.resolve(m.group("ref"), ctx, allow_single_org=True)
            if person:
                found.append((m.start(), person, "quote" if quoted else "paraphrase"))
        for m in CALLS_FROM.finditer(masked) if "call" in masked else ():
            for item in re.split(r",\s*|\s+and\s+", m.group("list")):
                item = item.strip()
                if not item or not (item[0].isupper() or item.startswith("the ")):
                    continue
                person, _ = self.resolver.resolve(item, ctx, allow_single_org=True)
                if person:
                    found.append((m.start(), person, "paraphrase"))
        for m in verbs:
            if is_embedded(masked[: m.start()]) or is_passive(masked, m) or _times_a_speech(masked, m):
                continue
            here = [p for at, p, _ in sorted(found, key=lambda f: f[0]) if at < m.start()]
            person, is_pronoun = self._subject(masked, m.start(), here, ctx)
            unnamed = "" if person is not None or is_pronoun else self._subject_phrase(masked[: m.start()])
            if unnamed:
                self.other_subject = True
                self.unnamed_speaker = self.unnamed_speaker or names_somebody(unnamed)
            if person is not None:
                how = "pronoun" if is_pronoun else ("quote" if quoted else "paraphrase")
                found.append((m.start(), person, how))
                if not is_pronoun:
                    for distance, other in enumerate(self._coordinated(masked[: m.start()], ctx), 1):
                        found.append((m.start() - distance, other, how))  # in reading order
        for m in INVERTED.finditer(masked) if verbs else ():
            ref = m.group("ref")
            if PRONOUN_END.fullmatch(ref.strip()) or FIRST_PERSON.match(ref):
                continue
            person, _ = self.resolver.resolve(ref, ctx)
            if person:
                found.append((m.start(), person, "quote" if quoted else "paraphrase"))
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
