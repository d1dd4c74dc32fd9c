"""Previews: a paragraph announcing what somebody will do ("Helen Marr will make a statement
to MPs", "She is expected to announce a review", "The court is due to rule at 9.45am") was
written before the act, and is no report of it. It shares the act's words (on
bench/stories/debate-day, "She is expected to announce an independent review" has likeness
0.52 with the statement that announced it), so merging would put it in the act's event and
it would borrow the act's time. A preview joins only other previews (two outlets telling
the day ahead); merging keeps the two kinds apart at every step.

What makes a preview is the reporting frame, not the topic: the writer's own narration in
the future ("will", "is expected to", "is due to", "is set to", a headline's "to rule")
of an act of saying or deciding. A future inside a quote, or governed by a reporting verb
("Hale told MPs he will take a fresh decision", "'We will introduce a bill,' she said"), is
what the speaker announced, a report of the act; so is a first person's "we will" in an
attributed paragraph (a speech given without quote marks). The record's own turns are the
act itself, never a preview.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from liveline.ingest.events.items import Item

# Quoted words are the speaker's, whatever their tense: removed before the frame is read.
# A single opening quote mark only after a space or at the start (’ is also an apostrophe).
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|(?:(?<=\s)|^)‘[^’]*’?|(?:(?<=\s)|^)'[^']*'")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")

# A reporting verb puts the future in somebody's mouth: what they announced or told.
_REPORTED = re.compile(
    r"\b(?:said|says|told|tells|added|adds|announced|announces|confirmed|confirms|insisted|insists|promised|promises"
    r"|pledged|pledges|replied|replies|warned|warns|argued|argues|stated|states|wrote|writes|vowed|vows|explained"
    r"|according to|believes|believed|claimed|claims|revealed|reveals|urged|urges|asked|asks|suggested|suggests)\b",
    re.I,
)

_DETERMINER = r"(?:(?:a|an|the|its|his|her|their|our|this|that|today's|today’s)\s+)?(?:\w+\s+){0,2}?"
# Acts that are themselves a speech or a ruling: their subject is the one who will speak,
# so even an attributed paragraph saying them in the future is a preview.
_SPEECH_ACT = (
    r"(?:make\s+" + _DETERMINER + r"(?:statement|speech|announcement|address)"
    r"|(?:give|deliver|hand\s+down|read|publish)\s+" + _DETERMINER
    + r"(?:judg(?:e)?ment|ruling|verdict|decision|evidence|statement|speech|sentence|findings)"
    r"|hand\s+down\b|rule\b(?!\s+out)|speak\b|address\s+(?:MPs|peers|the\b|parliament|congress|reporters|the\s+nation)"
    r"|testify|give\s+evidence|appear\s+before|answer\s+questions|sentence\b|deliver\s+(?:its|her|his|their)\b)"
)
# Acts of announcing: a preview when the writer narrates them, an announcement when an
# attributed speaker does (a minister's "the government will publish a white paper").
_ANNOUNCE_ACT = r"(?:announce|publish|unveil|set\s+out|outline|reveal|present|launch)\b"

_FUTURE = r"(?:\s+(?:will|shall)|’ll|'ll)"
_EXPECTED = r"\s+(?:is|are)\s+(?:(?:expected|due|set|scheduled|poised|going|likely)\s+to|to)"
_ADVERBS = r"(?:\s+(?:also|now|later|then|shortly|soon|today|tomorrow|formally|finally|not|first))*"
_FRAME = re.compile(
    r"(?P<subject>\b[\w’'-]+)(?:(?P<plain>" + _FUTURE + r")|(?P<expected>" + _EXPECTED + r"))" + _ADVERBS
    + r"\s+(?:(?P<speech>" + _SPEECH_ACT + r")|(?P<announce>" + _ANNOUNCE_ACT + r"))",
    re.I,
)
# A headline's future is an infinitive: "Supreme Court to rule on bypass",
# "Education secretary to make statement on A-level errors".
_HEADLINE = re.compile(r"^[^.!?]*?\b\w+\s+to\s+(?:" + _SPEECH_ACT + "|" + _ANNOUNCE_ACT + ")", re.I)
_FIRST_PERSON = {"i", "we", "i’ll", "we’ll", "i'll", "we'll"}


# The words every frame above needs, one of each: most paragraphs have none of the acts, and
# plain substring tests let them go before any pattern runs (reading every paragraph's
# frames cost 40 us a paragraph, 8 s of a 200,000-paragraph merge; one alternation of these
# words under re.I still cost 20 us).
_ACT_STEMS = ("make", "give", "deliver", "hand", "read", "publish", "rule", "speak", "address", "testif", "appear",
              "answer", "sentence", "announce", "unveil", "set", "outline", "reveal", "present", "launch")
# The futures a body's frame needs (_FUTURE, _EXPECTED); a headline's infinitive needs " to ".
_FUTURE_MARKS = (" will ", " shall ", "'ll ", "’ll ", "expected to", "due to", "set to", "scheduled to", "poised to",
                 "going to", "likely to", " is to ", " are to ")


def is_preview(item: Item) -> bool:
    """Whether a paragraph announces an act still to come (the module says how)."""
    if item.record:
        return False
    lowered = item.text.lower()
    futures = (" to ",) if item.part == "headline" else _FUTURE_MARKS
    if not any(mark in lowered for mark in futures) or not any(stem in lowered for stem in _ACT_STEMS):
        return False
    narration = _QUOTED.sub(" … ", item.text)
    if item.part == "headline":
        return bool(_HEADLINE.match(narration)) and not _REPORTED.search(narration)
    for sentence in _SENTENCE.split(narration):
        if _REPORTED.search(sentence):
            continue
        for frame in _FRAME.finditer(sentence):
            if frame.group("subject").lower() in _FIRST_PERSON and item.speakers:
                continue  # the speaker's own "we will": the announcement itself
            if frame.group("expected") or frame.group("speech") or not item.speakers:
                return True
    return False


def preview_flags(items: Sequence[Item]) -> list[bool]:
    """`is_preview` of each item."""
    return [is_preview(item) for item in items]


def cluster_previews(previews: Sequence[bool], label: dict[int, int]) -> dict[int, bool]:
    """Whether each cluster is an event of previews (merging never mixes the two kinds)."""
    out: dict[int, bool] = {}
    for index, cluster in label.items():
        out[cluster] = out.get(cluster, False) or previews[index]
    return out
