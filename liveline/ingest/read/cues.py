"""Where a new post begins in a live-blog copy that lost its headlines and times.

Live-blog writers open each post with a fresh reference: live narration ("We're now
hearing from...", "As we wait for...", "A question from..."), a speaker introduced by
full name ("Shadow home secretary Jane Doe says..."), or a step in the proceedings
("Doe continues...", "Doe has finished..."). Within a post they use surnames and
pronouns. These cues are about how live blogs are written, not about any story.
"""

from __future__ import annotations

import re

_NARRATION = re.compile(
    r"""^(?:
        (?:we'?re|we\s+are|we'?ve|we\s+have)\s+(?:now\s+|just\s+)?(?:hearing|going|heading|turning|crossing|getting|been\s+hearing)\b
      | (?:now|next)\s*,?\s+(?:we|let'?s|over\s+to|to)\b
      | (?:as|while)\s+we\s+(?:wait|await)\b
      | (?:a|another|one\s+more|the\s+next|the\s+final|the\s+first|one\s+final)\s+question\s+(?:from|now|comes|is|goes)\b
      | (?:responding|replying)\s+to\b
      | in\s+(?:response|reply)\s+to\b
      | (?:turning|moving|switching|returning)\s+(?:now\s+)?to\b
      | just\s+joining\s+us\b
    )""",
    re.I | re.X,
)
_REPORT = (
    r"says|said|asks|asked|tells|told|adds|added|responds|responded|replies|replied|calls|"
    r"urges|urged|claims|claimed|warns|warned|insists|insisted|confirms|confirmed|announces|"
    r"announced|argues|argued|explains|explained|welcomes|welcomed|accuses|accused|"
    r"reiterates|repeats|criticises|condemns|challenges|pledges|promises|praises|admits|"
    r"stresses|suggests|describes|defends|questions|rejects|dismisses"
)
_PROGRESS = (
    r"goes\s+on|went\s+on|continues|continued|responds|replies|begins|began|opens|"
    r"has\s+(?:just\s+)?(?:stood\s+up|risen|got\s+up|begun|started|finished|ended|wrapped\s+up|concluded|arrived)|"
    r"is\s+(?:now\s+)?(?:speaking|answering|taking|addressing|responding|replying|on\s+her\s+feet|on\s+his\s+feet)|"
    r"(?:has\s+)?(?:wraps|wrapped)\s+up|concludes|winds\s+up"
)
_VERB = re.compile(rf"\b(?:(?P<progress>{_PROGRESS})|(?P<report>{_REPORT}))\b", re.I)
_LEAD_INS = {
    "in", "as", "after", "following", "but", "and", "yet", "meanwhile", "earlier", "later",
    "when", "while", "if", "so", "then", "also", "it", "this", "that", "there", "these",
    "those", "we", "i", "you", "he", "she", "they", "his", "her", "their", "its", "asked",
    "speaking", "despite", "although", "however", "on", "at", "for", "with", "without",
}
_CAP = re.compile(r"^[A-Z][\w'’\-]*$")
_ROLE_TAIL = {
    "secretary", "minister", "mp", "leader", "chancellor", "spokesperson", "spokesman",
    "spokeswoman", "commissioner", "mayor", "chief", "president", "speaker", "chair",
    "correspondent", "editor", "reporter", "officer", "director", "member", "councillor",
}


def _segment_kind(segment: str) -> str | None:
    """'full' for a full name at the end of the phrase, 'short' for a surname, 'role' for a role phrase."""
    tokens = [t.strip("'’") for t in segment.split()]
    tokens = [t[:-2] if t.endswith(("'s", "’s")) else t for t in tokens]
    if not tokens:
        return None
    if len(tokens) >= 2 and all(_CAP.match(t) for t in tokens[-2:]) and not any(
        t.lower() in _ROLE_TAIL for t in tokens[-2:]
    ):
        return "full"
    if len(tokens) <= 2 and _CAP.match(tokens[-1]) and tokens[-1].lower() not in _ROLE_TAIL:
        return "short"  # "Cooper", "Ms Cooper"
    if any(t.lower() in _ROLE_TAIL for t in tokens):
        return "role"  # "the home secretary", "Labour MP for Rotherham"
    return None


def subject_kind(text: str) -> tuple[str, str] | None:
    """(reference kind, verb kind) when the paragraph opens with "<someone> <reporting verb>"."""
    head = text[:160]
    verb = _VERB.search(head)
    if not verb or verb.start() == 0:
        return None
    phrase = head[: verb.start()].strip()
    if re.search(r"[.;:!?\"“”()\[\]—–]|\s-\s", phrase):
        return None
    segments = [s.strip() for s in phrase.split(",") if s.strip()]
    if not segments or len(segments) > 2 or len(phrase.split()) > 10:
        return None
    if phrase.split()[0].lower() in _LEAD_INS or re.search(r"\bwho\b|\bwhich\b", phrase, re.I):
        return None
    kinds = [kind for kind in (_segment_kind(s) for s in segments) if kind is not None]
    if len(kinds) < len(segments):
        return None
    kind = "full" if "full" in kinds else kinds[-1]
    return kind, ("progress" if verb.group("progress") else "report")


def opens_post(text: str) -> bool:
    """True when a paragraph reads like the first of a new live-blog post."""
    if _NARRATION.match(text):
        return True
    subject = subject_kind(text)
    if subject is None:
        return False
    kind, verb = subject
    if text.rstrip().rstrip("\"'”’").endswith("?"):
        # A question put to the person already speaking stays with its answer.
        return False
    return kind == "full" or verb == "progress"
