"""Hearings, press conferences and interviews: who asks and who answers in a post written
as questions and answers.

Live blogs report a committee hearing or a briefing in a layout of their own, and each
part of it says who is speaking in a way an ordinary reporting verb does not:
- the blog names who is asking: "Jane Doe (Con) is asking the questions.", "Now it's
  Labour's John Roe asking questions.", "Questions now from the chair, Ann Lee", "Doe asks
  why ...", "Q (Jane Doe): ...";
- a question is written "Q: Why ...?" or "Question: ...": the words are the asker's, even
  when they name or quote somebody else ("Q: Did the minister tell you ...?");
- an answer is "A: ..." (the witness's words: the last one named as speaking, or the one
  the blog said is giving evidence) or an ordinary "Smith says ...";
- "Q: ...? A: ..." puts both in one line, and the line reports both, asker first;
- "Next question: ..." with nobody named opens a question from somebody the blog does not
  name (a reporter in the room): nobody, and the asker before it no longer asks.
The asker stays until another is named or the post ends: a post is the blog's unit of
one sitting's coverage, and carrying an asker into another post (page order may be newest
first) would put a question in the mouth of somebody who left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from weakref import WeakKeyDictionary

from liveline.ingest.speakers.clauses import PARENTHESIS_END, split_apposition, strip_filler, subject_tail
from liveline.ingest.speakers.cue_patterns import PRONOUN_END, READ_CACHE_SIZE
from liveline.ingest.speakers.prechecks import WordsIgnoringCase
from liveline.ingest.speakers.references import ReferenceContext, Resolver, reference_shape
from liveline.ingest.speakers.registry import Person
from liveline.ingest.speakers.story import Attribution, Para, PostText

# A question's words are the asker's, but the asker was named lines before, and a blog may
# drop the announcement of a new one: as sure as a quotation carried on from a named speaker.
ASKER_CONFIDENCE = 0.75
# An answer's speaker is inferred from who answered last, weaker still than a named asker.
WITNESS_CONFIDENCE = 0.7
# Naming who is asking or giving evidence "now" reports an appearance in progress, as
# "X is speaking" does; the blog names them itself.
ANNOUNCED_CONFIDENCE = 0.85
# How far back (in characters) the subject of "is asking the questions" may start.
_SUBJECT_SPAN = 160

# A question line: "Q: ...", "Q. ...", "Q3: ...", "Q (Jane Doe): ...", "Question: ...",
# "Question from the BBC: ...", and lead-ins to a new question ("Next question: ...",
# "Another key question: ...").
_QUESTION = re.compile(
    r"^\s*(?P<det>(?:the|a|an|and|one)\s+)?"
    r"(?:(?P<new>next|another|final|last|first|second|third|key|big|further|follow-up|quick)(?:\s+(?:key|big|final|quick|follow-up))?\s+)?"
    r"(?:Q\s*\d{0,3}\s*(?:\((?P<paren>[^()]{2,80})\)\s*)?[:.]|questions?(?:\s+(?:is\s+)?(?:from|by)\s+(?P<named>[^:?]{2,100}?))?\s*:)\s*(?=\S)",
    re.I,
)
# "A: ...", "Answer: ..." opening a line; after a question in the same line, the same marker.
_ANSWER = re.compile(r"^\s*(?:A|Answer|ANSWER)\s*:\s*(?=\S)")
_ANSWER_INSIDE = re.compile(r"(?<=[?.!”\"’)])\s+(?:A|Answer|ANSWER)\s*:\s+(?=\S)")

# The blog naming who asks now. The subject stands before these words...
_IS_ASKING = re.compile(
    r"\s+(?:is|are|['’]s)\s+(?:now\s+)?(?:asking|putting)\s+(?:the\s+|some\s+|her\s+|his\s+|their\s+)?(?:next\s+|first\s+|final\s+)?questions?\b"
    r"|\s+(?:is|['’]s)\s+(?:now\s+)?(?:leading|opening)\s+(?:the\s+)?questioning\b"
    r"|\s+(?:takes?|took|has\s+taken)\s+over\s+(?:the\s+)?questioning\b"
    r"|\s+(?:opens?|opened)\s+(?:the\s+)?questioning\b"
    r"|\s+(?:asks?|asked)\s+(?:the\s+)?(?:next|first|final|last)\s+questions?\b"
)
# ...or after them: "Now it's Jane Doe asking questions", "it's Doe's turn", "questions now from Doe".
_ASKING_NAMED = re.compile(
    r"\bit['’]s\s+(?P<ref>[^.;:?!]{2,100}?)\s+(?:who\s+is\s+|who['’]s\s+)?(?:asking|putting|with)\s+(?:the\s+|some\s+)?(?:next\s+)?questions?\b"
    r"|\bit['’]s\s+(?P<turn>[^.;:?!]{2,100}?)['’]s?\s+turn\b"
    r"|\b[Qq]uestions?\s+(?:now\s+)?(?:are\s+)?(?:from|by)\s+(?P<from>[^.;:?!]{2,100}?)\s*(?=[.;:?!]|$|\s+(?:now|who|about|on)\b)"
)
# An ordinary "Doe asks why ..." names an asker as well: its subject asks the questions that
# follow. "Doe was asked ..." is the opposite: Doe answers.
_ASKS = re.compile(r"(?<!\bwas)(?<!\bwere)(?<!\bbeing)(?<!\bbeen)(?<!\bis)(?<!\bare)\s+(?:asks|asked|presses|pressed|quizzes|quizzed|grills|grilled)\b")
# The blog naming who answers: "Doe is giving evidence", "Doe is appearing before the committee",
# "Doe is holding a press conference".
_GIVING_EVIDENCE = re.compile(
    r"\s+(?:is|are|['’]s)\s+(?:now\s+)?(?:giving\s+evidence|appearing\s+(?:before|in\s+front\s+of)|being\s+(?:questioned|quizzed|grilled|interviewed)"
    r"|answering\s+(?:the\s+|some\s+)?questions|taking\s+questions|facing\s+questions"
    r"|holding\s+(?:a\s+|her\s+|his\s+|their\s+)?(?:press\s+conference|news\s+conference|press\s+briefing|briefing))\b"
)
# "The committee is taking evidence from Doe", "hearing evidence today from Doe": the witness after the words.
_EVIDENCE_FROM = re.compile(
    r"\b(?:taking|takes|took|hearing|hears|heard)\s+evidence\s+(?:[^.;:?!]{0,80}?\s+)?from\s+(?P<ref>[^.;:?!]{2,100}?)\s*(?=[.;:?!]|$|\s+(?:about|on|over|who)\b)"
)


# Every pattern naming an asker or a witness holds one of these words. Most paragraphs of a
# story hold none, and the patterns above search every position of a paragraph (with look-
# behinds), so one cheap test in front keeps hearings from doubling attribution's time.
_HEARING_WORDS = WordsIgnoringCase(
    ("ask", "question", "turn", "press", "quiz", "grill", "evidence", "appearing", "interviewed", "conference", "briefing")
)


@dataclass
class _Sitting:
    """One post's hearing as it has been read so far."""

    post: PostText
    asker: Person | None = None
    askers: list[Person] = field(default_factory=list)  # everybody who asked in the post
    witness: Person | None = None  # the last one answering or named as giving evidence
    questioned: bool = False  # a question has been put in this post

    def ask(self, person: Person | None) -> None:
        self.asker = person
        if person is not None and all(person is not p for p in self.askers):
            self.askers.append(person)

    def is_asker(self, person: Person) -> bool:
        return any(person is p for p in self.askers)


# The sitting each page's reading is in, kept beside its ReferenceContext (one per source).
_SITTINGS: WeakKeyDictionary[ReferenceContext, _Sitting] = WeakKeyDictionary()


@lru_cache(maxsize=READ_CACHE_SIZE)  # pure, and a story repeats paragraphs (see explicit_cues)
def _read_line(text: str) -> tuple[re.Match[str] | None, bool, bool]:
    """A line as text: its question marker, whether it opens an answer, whether it holds
    any word of a hearing (_HEARING_WORDS)."""
    question = _QUESTION.match(text)
    if question and question.group("det") and not (question.group("new") or question.group("named")):
        question = None  # "The question: is it legal?" is the blog's own framing, not a question put
    return question, _ANSWER.match(text) is not None, _HEARING_WORDS.found_in(text)


def hearing_turns(post: PostText, para: Para, found: list[Attribution], resolver: Resolver, ctx: ReferenceContext) -> list[Attribution]:
    """The paragraph's speakers once read as part of a hearing: a question goes to its asker,
    an answer to its witness, a line naming an asker or a witness to them; any other
    paragraph keeps `found` and only tells the sitting who has answered."""
    sitting = _SITTINGS.get(ctx)
    if sitting is None or sitting.post is not post:
        sitting = _Sitting(post)
        _SITTINGS[ctx] = sitting
    if para.part != "body":
        return found
    text = para.text
    question, answer, hearing_words = _read_line(text)
    if question:
        return _question(sitting, text, question, found, resolver, ctx)
    if answer:
        if sitting.witness is not None:
            return [Attribution(sitting.witness, "continuation", WITNESS_CONFIDENCE)]
        return [a for a in found if not sitting.is_asker(a.person)]  # an answer is never the asker's
    if hearing_words:  # most paragraphs of any story name nobody asking or answering
        asker = _asker_named(text, found, resolver, ctx)
        if asker is not None:
            sitting.ask(asker)
            return found or [Attribution(asker, "paraphrase", ANNOUNCED_CONFIDENCE)]
        witness = _subject_before(_GIVING_EVIDENCE, text, found, resolver, ctx)
        if witness is not None:
            sitting.witness = witness
            return found or [Attribution(witness, "paraphrase", ANNOUNCED_CONFIDENCE)]
        if m := _EVIDENCE_FROM.search(text):
            # "The committee is taking evidence from Doe": the committee speaks of her, she is not reported.
            sitting.witness = _person(m.group("ref"), resolver, ctx) or sitting.witness
    speakers = _answering(sitting, found)
    for attribution in speakers:
        # Somebody reported speaking who is not asking is answering.
        if attribution.person.kind != "journalist" and not sitting.is_asker(attribution.person):
            sitting.witness = attribution.person
    return speakers


def _question(sitting: _Sitting, text: str, marker: re.Match[str], found: list[Attribution],
              resolver: Resolver, ctx: ReferenceContext) -> list[Attribution]:
    """A question line (its asker, whoever the question names), with its answer's speaker
    when the line holds the answer too."""
    named = marker.group("paren") or marker.group("named")
    if named:
        sitting.ask(_person(named, resolver, ctx))
    elif marker.group("new"):
        sitting.ask(None)  # "Next question:" from somebody the blog does not name
    sitting.questioned = True
    speakers: list[Attribution] = []
    if sitting.asker is not None:
        speakers.append(Attribution(sitting.asker, "continuation", ASKER_CONFIDENCE))
    if _ANSWER_INSIDE.search(text, marker.end()):
        # "A: Doe says ...": a cue in the answer names the witness; else the last one answering.
        named_answer = next((a.person for a in found if not sitting.is_asker(a.person) and a.how != "pronoun"), None)
        sitting.witness = named_answer or sitting.witness
        if sitting.witness is not None:
            speakers.append(Attribution(sitting.witness, "continuation", WITNESS_CONFIDENCE))
    return speakers


def _answering(sitting: _Sitting, found: list[Attribution]) -> list[Attribution]:
    """After a question, "she says" is the one answering: the asker puts the questions."""
    if not sitting.questioned or sitting.witness is None:
        return found
    return [
        Attribution(sitting.witness, a.how, a.confidence) if a.how == "pronoun" and sitting.is_asker(a.person) else a
        for a in found
    ]


def _asker_named(text: str, found: list[Attribution], resolver: Resolver, ctx: ReferenceContext) -> Person | None:
    """Who the line says is asking now, if it says so."""
    if m := _ASKING_NAMED.search(text):
        return _person(m.group("ref") or m.group("turn") or m.group("from"), resolver, ctx)
    if person := _subject_before(_IS_ASKING, text, found, resolver, ctx):
        return person
    if found and (asks := _ASKS.search(text)):
        # "Doe asks why ...": a subject the cues also found asks the questions that follow.
        subject = _subject_at(text, asks.start(), found, resolver, ctx)
        if subject is not None and any(a.person is subject for a in found):
            return subject
    return None


def _subject_before(pattern: re.Pattern[str], text: str, found: list[Attribution], resolver: Resolver, ctx: ReferenceContext) -> Person | None:
    m = pattern.search(text)
    return _subject_at(text, m.start(), found, resolver, ctx) if m else None


def _subject_at(text: str, at: int, found: list[Attribution], resolver: Resolver, ctx: ReferenceContext) -> Person | None:
    """The person named by the phrase ending at `at` ("Jane Doe (Con)", "Labour's Jane Doe");
    a pronoun there is whom the cues resolved it to."""
    left = PARENTHESIS_END.sub("", strip_filler(text[max(0, at - _SUBJECT_SPAN) : at]))
    # "Priya Kaur, chief executive of Northern Lines, is giving evidence": name and apposition.
    left, apposition = split_apposition(left)
    tail = subject_tail(PARENTHESIS_END.sub("", left))
    if tail and PRONOUN_END.fullmatch(tail):
        return next((a.person for a in found if a.how == "pronoun"), None)
    ref = ", ".join(part for part in (tail, apposition) if part)
    return _person(ref, resolver, ctx) if ref else None


def _person(ref: str, resolver: Resolver, ctx: ReferenceContext) -> Person | None:
    """The person a short reference names: "the chair, Ann Lee" and "Ann Lee, the chair"
    name her either way; a name beats a role; a pronoun here names nobody."""
    ref = PARENTHESIS_END.sub("", ref.strip(" ,.;:"))
    parts = [part.strip() for part in ref.split(",") if part.strip()]
    ranked = sorted(parts, key=lambda part: reference_shape(part)[0] not in ("name", "titled"))
    for part in ranked:
        person, is_pronoun = resolver.resolve(part, ctx, allow_single_org=True)
        if person is not None and not is_pronoun:
            return person
    return None
