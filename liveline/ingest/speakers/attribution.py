"""Who each paragraph reports: speaker attribution from how news prose attributes speech.

Per paragraph, in order of strength:
- an explicit cue outside quotation marks: "<someone> says/told MPs/asks...", ", she
  says", "said the minister", "We're now hearing from <someone>", "calls from <A>, <B>";
  <someone> is a name, title + surname, surname, role phrase, organisation or pronoun;
- a bare quotation, or a quote with no verb, continuing the previous paragraph's speaker;
- reported plans ("The government will...") continuing the previous paragraph's speaker;
- a journalist's own analysis under their byline;
- otherwise plain narration: nobody.
Pronouns go to the nearest compatible person earlier in the sentence, else the most
recent compatible speaker in the post.
"""

from __future__ import annotations

import re

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
    MODAL,
    NAME_END,
    ONE_WORD,
    PASSIVE_BY,
    PRONOUN_END,
    ROLE_END,
    ROLE_SEARCH,
    VERB,
    mask_quotes,
)
from liveline.ingest.speakers.introductions import learn
from liveline.ingest.speakers.references import ReferenceContext, Resolver, reference_shape
from liveline.ingest.speakers.registry import NOT_GIVEN, Person, Registry
from liveline.ingest.speakers.story import Attribution, PostText

# How sure each way of knowing is.
CONFIDENCE = {"quote": 0.95, "paraphrase": 0.9, "pronoun": 0.8, "continuation": 0.65, "byline": 0.7}
# A description named by the next paragraph (cataphora, see cue_patterns.INDEFINITE_AGENT)
# is weaker evidence than a cue, so a lower confidence.
CATAPHORA_CONFIDENCE = 0.6
_PREPOSITIONS = {"to", "with", "for", "by", "from"}


class Attributor:
    """Speakers of each paragraph of a post, resolving references with a Resolver."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.resolver = Resolver(registry)
        self.other_subject = False

    # Cues in one paragraph --------------------------------------------------------------
    @staticmethod
    def _has_subject(left: str) -> bool:
        """Whether a noun phrase (not a clause boundary or the blog's "we") stands before the verb."""
        tail = clause_tail(strip_filler(left[-240:]))
        return bool(tail) and not FIRST_PERSON.match(tail) and tail.lower() not in {"it", "this", "that", "there"}

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
            names_first = NAME_END.search(apposition.strip()) and not NAME_END.search(tail.strip())
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
        self.other_subject = False
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
            if is_embedded(masked[: m.start()]) or is_passive(masked, m):
                continue
            here = [p for at, p, _ in sorted(found, key=lambda f: f[0]) if at < m.start()]
            person, is_pronoun = self._subject(masked, m.start(), here, ctx)
            if person is None and not is_pronoun and self._has_subject(masked[: m.start()]):
                self.other_subject = True
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

    # A post, paragraph by paragraph -------------------------------------------------------
    def attribute_post(self, post: PostText, ctx: ReferenceContext) -> dict[int, list[Attribution]]:
        results: dict[int, list[Attribution]] = {}
        author = self.registry.find_full(post.author) if post.author else None
        ctx.post_speakers = []
        ctx.previous = []
        for para in post.paragraphs:
            if para.duplicate_of is not None and para.duplicate_of in results:
                results[para.key] = results[para.duplicate_of]
                continue
            found = self.cues(para.text, ctx)
            if not found and para.part == "headline":
                found = self._headline_subject(para.text, ctx)
            attributions = [Attribution(p, how, CONFIDENCE[how]) for p, how in found]
            if not attributions and para.part == "body":
                attributions = self._described(para.text)
            if not attributions and para.part == "body":
                attributions = self._without_cue(para.text, ctx, author, self.other_subject)
            results[para.key] = attributions
            for attribution in attributions:
                if attribution.person.kind != "journalist":
                    ctx.post_speakers = [p for p in ctx.post_speakers if p is not attribution.person]
                    ctx.post_speakers.append(attribution.person)
            if para.part == "body":
                ctx.previous = attributions
                if attributions:
                    ctx.previous_in_file = attributions
        return results

    def _described(self, text: str) -> list[Attribution]:
        """Somebody introduced by a description the next paragraph names (see introductions.py)."""
        m = INDEFINITE_AGENT.search(mask_quotes(text))
        person = self.registry.find_alias(m.group("desc")) if m else None
        return [Attribution(person, "paraphrase", CATAPHORA_CONFIDENCE)] if person is not None else []

    def _about_others(self, masked: str, speakers: list[Attribution], ctx: ReferenceContext) -> bool:
        """Whether a paragraph names people, none of them the speakers it would continue."""
        named = {person.key for _, person in self.resolver.mentions(masked, ctx)}
        return bool(named) and not named & {a.person.key for a in speakers}

    def _headline_subject(self, text: str, ctx: ReferenceContext) -> list[tuple[Person, str]]:
        """Live-blog headlines name their speaker before "on": "Doe on the rail strike"."""
        m = HEADLINE_ON.match(text)
        if not m:
            return []
        person, _ = self.resolver.resolve(m.group("ref"), ctx)
        return [(person, "paraphrase")] if person is not None and person.kind != "organisation" else []

    def _without_cue(self, text: str, ctx: ReferenceContext, author: Person | None, other_subject: bool) -> list[Attribution]:
        stripped = text.lstrip()
        if FIRST_PERSON.match(stripped):
            return []  # the blog's own voice: "We'll bring you the key lines"
        # A paragraph reporting somebody unnamed ("Campaigners say...") continues nobody.
        speakers = [] if other_subject else [a for a in ctx.previous if a.person.kind != "journalist"]
        masked = mask_quotes(text)
        if speakers:
            opens_with_quote = stripped[:1] in "“\"‘'"
            if opens_with_quote or ((masked != text or MODAL.search(masked)) and not self._about_others(masked, speakers, ctx)):
                return [Attribution(a.person, "continuation", CONFIDENCE["continuation"]) for a in speakers]
        if author is not None:
            return [Attribution(author, "byline", CONFIDENCE["byline"])]
        return []


def attribute_story(sources: list[list[PostText]]) -> tuple[Registry, dict[int, list[Attribution]]]:
    """Learn the story's people from every source, then attribute every paragraph."""
    registry = Registry()
    learn(registry, (post for source in sources for post in source))
    attributor = Attributor(registry)
    results: dict[int, list[Attribution]] = {}
    for source in sources:
        ctx = ReferenceContext(source_people=set())
        for post in source:
            results.update(attributor.attribute_post(post, ctx))
            for para in post.paragraphs:
                for attribution in results.get(para.key, []):
                    ctx.source_people.add(attribution.person.key)
    return registry, results
