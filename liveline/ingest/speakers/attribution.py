"""Who each paragraph of a post reports: the post read paragraph by paragraph.

Per paragraph, in order of strength:
- an explicit cue (explicit_cues.py);
- a colon lead-in ("From Jane Doe:", "Doe, the former minister:") and the quotation run
  after it (lead_ins.py); the text of a quoted tweet, by its credit line (tweets.py);
- a bare quotation, or a quote with no verb, continuing the previous paragraph's speaker;
- reported plans ("The government will...") continuing the previous paragraph's speaker;
- the writer's analysis, or their own voice in an ordinary post (authorship.py);
- otherwise plain narration: nobody.
A headline that is wholly a quotation is the body speaker's it quotes; a post opening with
a quotation that the next or previous post left open continues its speaker.
A turn of an official record is its member's, every paragraph, read for no cue (record_turns.py).
"""

from __future__ import annotations

import re

from liveline.ingest.speakers.authorship import Voice, is_caption, writer_of
from liveline.ingest.speakers.cue_patterns import FIRST_PERSON, MODAL, mask_quotes
from liveline.ingest.speakers.explicit_cues import CONFIDENCE, CueReader
from liveline.ingest.speakers.hearings import hearing_turns  # hearings
from liveline.ingest.speakers.introductions import learn
from liveline.ingest.speakers.lead_ins import (
    LONE_SURNAME_CONFIDENCE,
    LeadIn,
    QuotationRun,
    carry_across_posts,
    could_be_surname,
    headline_label,
    lead_in,
    leaves_curly_quote_open,
    opens_with_quote,
    quotation_headlines,
)
from liveline.ingest.speakers.record_turns import for_learning, register_turns
from liveline.ingest.speakers.references import ReferenceContext
from liveline.ingest.speakers.registry import Person, Registry
from liveline.ingest.speakers.story import Attribution, Para, PostText
from liveline.ingest.speakers.tweets import Signature, signature, tweet_text

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# A clause drawing the consequence of what went before ("..., meaning ministers will"):
# the connective is no verb of the clause's subject.
_CONSEQUENCE = re.compile(r"^(?:meaning|which\s+means|so|and|but)\s+", re.I)
# A verb before the modal makes the plan somebody's object of discussion, not their intent
# ("are discussing plans to"). Only auxiliaries tell a verb for sure: "-ing" and "-ed" words
# are as often nouns and adjectives ("grooming will be made", "a delayed scheme will").
_VERB_BEFORE = re.compile(r"\b(?:is|are|was|were|has|have|had|been|be)\b", re.I)


def reports_plan(masked: str) -> bool:
    """Whether a clause of the paragraph states what its subject will do ("The council
    will...", "Under the scheme, families would..."): the modal right after the subject,
    a speaker's announcement carried on. A fact that merely mentions plans ("Ministers are
    discussing plans to...", "the scheme believed to be helping") is the blog's narration,
    which carries nobody over."""
    for sentence in _SENTENCES.split(masked.strip()):
        m = MODAL.search(sentence)
        if m is None:
            continue
        clause = _CONSEQUENCE.sub("", sentence[: m.start()].rsplit(",", 1)[-1].strip())
        if not _VERB_BEFORE.search(clause):
            return True
    return False


# A paragraph read as inside a quotation only because the marks around it never closed.
INSIDE_OPEN_QUOTE_CONFIDENCE = 0.5
_QUOTE_MARKS = "“”\""


class Attributor(CueReader):
    """Speakers of each paragraph of a post, in the context of the posts before it; `turns`
    the member speaking each paragraph of a record's turns (record_turns.register_turns)."""

    def __init__(self, registry: Registry, turns: dict[int, Person] | None = None) -> None:
        super().__init__(registry)
        self.turns = turns or {}

    def attribute_post(self, post: PostText, ctx: ReferenceContext) -> dict[int, list[Attribution]]:
        if post.record:
            return self._turn(post, ctx)
        results: dict[int, list[Attribution]] = {}
        voice = writer_of(self.registry, post)
        ctx.post_speakers = []
        ctx.previous = []
        run: QuotationRun | None = None  # the quotation a colon lead-in opened
        # Paragraphs naming their own speaker, or quoted under a lead-in ("From Jane Doe:"):
        # somebody's words already, so a tweet's text starts after them.
        cued: set[int] = set()
        # The post's body paragraphs (less copies) and where each index stands among them.
        body = {i: n for n, i in enumerate(i for i, p in enumerate(post.paragraphs) if p.part == "body" and p.duplicate_of is None)}
        for at, para in enumerate(post.paragraphs):
            # Two tweets of one account share a credit line, which the reader keeps as a copy.
            signed = signature(para.text) if para.part != "headline" else None
            if para.duplicate_of is not None and para.duplicate_of in results and signed is None:
                results[para.key] = results[para.duplicate_of]
                continue
            if signed is not None:
                attributions, run = [], None  # a tweet's credit line names nobody speaking
                self._tweet(post.paragraphs, at, signed, cued, results, ctx)
            elif para.part == "headline":
                attributions, run = self._headline(para.text, ctx), None
            elif (inside := self._inside_open_quote(post.paragraphs, at, body, results)) is not None:
                attributions, run = inside, None
            else:
                attributions, named, run = self._body(para.text, ctx, run, voice)
                if run is not None and run.quiet and attributions is run.speakers:
                    for key in run.quiet:  # the plain paragraphs the speaker's voice came back after
                        results[key] = run.speakers
                    run.quiet.clear()
                elif run is not None and not attributions:
                    run.quiet.append(para.key)
                if named or (run is not None and attributions is run.speakers):
                    cued.add(at)
                elif not attributions and self.unnamed_speaker:
                    # "A teacher said ..." then "She said": the teacher, not whoever spoke last on the page.
                    ctx.previous_in_file = []
            attributions = hearing_turns(post, para, attributions, self.resolver, ctx)  # hearings
            results[para.key] = attributions
            for attribution in attributions:
                if attribution.person.kind != "journalist":
                    ctx.post_speakers = [p for p in ctx.post_speakers if p is not attribution.person]
                    ctx.post_speakers.append(attribution.person)
            if para.part == "body":
                ctx.previous = attributions
                if attributions:
                    ctx.previous_in_file = attributions
        quotation_headlines(post, results)
        self._labelled_headlines(post, results, ctx)
        return results

    def _turn(self, post: PostText, ctx: ReferenceContext) -> dict[int, list[Attribution]]:
        """A record's turn: the member's, every paragraph, whatever it quotes or names."""
        results: dict[int, list[Attribution]] = {}
        for para in post.paragraphs:
            member = self.turns.get(para.key)
            results[para.key] = [Attribution(member, "transcript", CONFIDENCE["transcript"])] if member else []
        said = [found for found in results.values() if found]
        ctx.post_speakers = [said[-1][0].person] if said else []
        ctx.previous = ctx.previous_in_file = said[-1] if said else []
        return results

    def _headline(self, text: str, ctx: ReferenceContext) -> list[Attribution]:
        found = self.cues(text, ctx) or self.headline_subject(text, ctx)
        return [Attribution(p, how, CONFIDENCE[how]) for p, how in found]

    def _labelled_headlines(self, post: PostText, results: dict[int, list[Attribution]], ctx: ReferenceContext) -> None:
        """"Doe: 'We will not be cowed'" is Doe's when the post reports her speaking."""
        speaking = {a.person.key for p in post.paragraphs if p.part == "body" for a in results.get(p.key, [])}
        for para in post.paragraphs:
            label = headline_label(para.text) if para.part == "headline" and not results.get(para.key) else None
            said = self._introduced(LeadIn(label, bare=False, lone_word=False), para.text, ctx) if label else []
            if said and said[0].person.key in speaking:
                results[para.key] = said

    def _body(self, text: str, ctx: ReferenceContext, run: QuotationRun | None, voice: Voice
              ) -> tuple[list[Attribution], bool, QuotationRun | None]:
        """(speakers, whether the paragraph names its own, the quotation run it leaves open)."""
        if run is not None and run.in_first_person(text):
            return run.said(), False, run
        found = [Attribution(p, how, CONFIDENCE[how]) for p, how in self.cues(text, ctx)]
        lead = lead_in(text)
        if not found and lead is not None:
            found = self._introduced(lead, text, ctx)
        if found:
            # "Doe said:" then paragraphs of her words: the run goes to whoever the colon follows.
            speaker = [Attribution(found[-1].person, "continuation", CONFIDENCE["continuation"])]
            return found, True, QuotationRun(speaker) if lead and lead.bare else None
        if run is not None and self._continues_run(text, run, ctx):
            return run.said(), False, run
        attributions = self.described(text) or self._without_cue(text, ctx, voice)
        return attributions, False, run if run is not None and not attributions and run.may_pass(text) else None

    def _inside_open_quote(self, paras: list[Para], at: int, body: dict[int, int],
                           results: dict[int, list[Attribution]]) -> list[Attribution] | None:
        """The speaker of a paragraph with no quotation marks between one that opened a quote
        and left it open and one that opens a quote again: news prose marks a quotation
        running over paragraphs by opening each and closing only the last, so the plain
        paragraph is still inside it (a garbled copy lost its marks), and anybody it names is
        cited in the speaker's words. Less sure than marks would make it. `body`: each body
        paragraph's index (copies left out) -> its place among them."""
        place = body.get(at)
        if place is None or place == 0 or place + 1 >= len(body) or any(m in paras[at].text for m in _QUOTE_MARKS):
            return None
        order = list(body)  # in the post's order
        before, text, after = paras[order[place - 1]], paras[at].text, paras[order[place + 1]].text
        speakers = [a for a in results.get(before.key, []) if a.person.kind != "journalist"]
        if not speakers or not leaves_curly_quote_open(before.text):
            return None
        if not opens_with_quote(after) or is_caption(text):
            return None
        return [Attribution(a.person, "continuation", INSIDE_OPEN_QUOTE_CONFIDENCE) for a in speakers]

    def _introduced(self, lead: LeadIn, text: str, ctx: ReferenceContext) -> list[Attribution]:
        """Who a colon lead-in hands the floor to, resolved as the subject of a verb would be."""
        phrase = lead.subject + ("," if "," in lead.subject else "")
        person, is_pronoun = self._subject(f"{phrase} says", len(phrase) + 1, list(ctx.post_speakers), ctx)
        confidence = CONFIDENCE["pronoun" if is_pronoun else "quote"]
        if person is None and lead.lone_word and could_be_surname(lead.subject):
            person, confidence = self.registry.learn_person(lead.subject), LONE_SURNAME_CONFIDENCE
        if person is None:
            return []
        how = "pronoun" if is_pronoun else ("quote" if mask_quotes(text) != text else "paraphrase")
        return [Attribution(person, how, confidence)]

    def _continues_run(self, text: str, run: QuotationRun, ctx: ReferenceContext) -> bool:
        """Whether a paragraph after "Doe said:" is still her words (see lead_ins.QuotationRun),
        the speaker not named in it in the third person."""
        if not run.goes_on(text):
            return False
        speakers = {a.person.key for a in run.speakers}
        return not any(person.key in speakers for _, person in self.resolver.mentions(mask_quotes(text), ctx))

    def _tweet(self, paras: list[Para], at: int, signed: Signature, cued: set[int],
               results: dict[int, list[Attribution]], ctx: ReferenceContext) -> None:
        """The text above a tweet's credit line is the account's, back to its introduction."""
        text, said = tweet_text(self.registry, paras, at, signed, cued)
        for para in text:
            results[para.key] = said
        if said:
            ctx.post_speakers = [p for p in ctx.post_speakers if p is not said[0].person] + [said[0].person]
            ctx.previous_in_file = said

    def _about_others(self, masked: str, speakers: list[Attribution], ctx: ReferenceContext) -> bool:
        """Whether a paragraph names people, none of them the speakers it would continue."""
        named = {person.key for _, person in self.resolver.mentions(masked, ctx)}
        return bool(named) and not named & {a.person.key for a in speakers}

    def _without_cue(self, text: str, ctx: ReferenceContext, voice: Voice) -> list[Attribution]:
        if is_caption(text):
            return []  # an image's caption and credit: nobody's words
        stripped = text.lstrip()
        masked = mask_quotes(text)
        # A paragraph reporting somebody unnamed ("Campaigners say...") continues nobody, nor
        # does the blog's own voice ("We'll bring you the key lines").
        blog = bool(FIRST_PERSON.match(stripped))
        speakers = [] if self.other_subject or blog else [a for a in ctx.previous if a.person.kind != "journalist"]
        if speakers:
            if opens_with_quote(stripped) or ((masked != text or reports_plan(masked)) and not self._about_others(masked, speakers, ctx)):
                return [Attribution(a.person, "continuation", CONFIDENCE["continuation"]) for a in speakers]
        others = voice.author is not None and any(
            person.key != voice.author.key for _, person in self.resolver.mentions(masked, ctx)
        )
        return voice.says(masked, self.unnamed_speaker, others)


def attribute_story(sources: list[list[PostText]], base: int = 0) -> tuple[Registry, dict[int, list[Attribution]]]:
    """Learn the story's people from every source, then attribute every paragraph; the
    people's keys follow `base` (registry.story_base of the story)."""
    registry = Registry(base)
    # The record's members first: its speaker lines name them surely, and a live blog's
    # "Jane Doe" then completes the record's "Mr Doe".
    turns = register_turns(registry, (post for source in sources for post in source))
    learn(registry, (for_learning(post) for source in sources for post in source))
    attributor = Attributor(registry, turns)
    results: dict[int, list[Attribution]] = {}
    for source in sources:
        ctx = ReferenceContext(source_people=set())
        for post in source:
            results.update(attributor.attribute_post(post, ctx))
            for para in post.paragraphs:
                for attribution in results.get(para.key, []):
                    ctx.source_people.add(attribution.person.key)
        # A record's turns are whole: none carries a quotation across to the next.
        carry_across_posts([post for post in source if not post.record], results)
    return registry, results
