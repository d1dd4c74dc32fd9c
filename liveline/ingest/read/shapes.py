"""The shape of a line: does it read like a headline, a person's name, a job title?

Pasted copies lose the page's markup; what is left is the typography of the text
itself. Headlines and summary bullets carry no final full stop, bylines are a bare
name, and a role line follows a byline.
"""

from __future__ import annotations

import re

_CLOSERS = "\"'”’)]»"
_SENTENCE_END = tuple(".!?:;,…")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z'’\-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z'’]+|Mc[A-Z][a-z]+|(?:de|van|von|der|al|bin|da|di|le|la))$")
# Capitalised words that are not names; keep a headline like "Live Updates" from reading as a byline.
_NOT_NAMES = {
    "the", "a", "an", "and", "of", "in", "on", "at", "to", "for", "with", "by", "from",
    "live", "news", "latest", "breaking", "update", "updates", "watch", "video", "audio",
    "key", "events", "summary", "analysis", "explainer", "recap", "today", "yesterday",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "what", "why", "how", "who", "when",
    "minister", "secretary", "government", "parliament", "police", "council", "court",
}
_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|editor|reporter|journalist|writer|presenter|producer|columnist|"
    r"analyst|commentator|staff|team|desk|news|bbc|guardian|live)\b",
    re.I,
)
# The most words a headline, a name and a role line have. A line is split at most one word
# past the limit: a long paragraph's words past it do not change the answer.
_HEADLINE_WORDS = 25
_NAME_WORDS = 4
_ROLE_WORDS_MAX = 7


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).rstrip().endswith(_SENTENCE_END)


def word_count(text: str) -> int:
    return len(text.split())


def looks_like_headline(text: str) -> bool:
    """Short, starts like a title, and has no sentence-final punctuation."""
    text = text.strip()
    if not text or ends_sentence(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"):
        return False
    return 1 <= len(text.split(None, _HEADLINE_WORDS)) <= _HEADLINE_WORDS


def looks_like_name(text: str) -> bool:
    """A bare personal name, as a byline: "Alex Forsyth", "Aletha Adu", "Jane M. Doe"."""
    tokens = text.strip().split(None, _NAME_WORDS)
    if not 2 <= len(tokens) <= _NAME_WORDS or not tokens[0][0].isupper() or not tokens[-1][0].isupper():
        return False
    if any(t.lower().strip(".") in _NOT_NAMES for t in tokens):
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens)


def looks_like_role(text: str) -> bool:
    """A byline's job line: "Political correspondent", "Social affairs editor"."""
    text = text.strip()
    if not text or ends_sentence(text) or not text[0].isupper():
        return False
    tokens = text.split(None, _ROLE_WORDS_MAX)
    if not 1 <= len(tokens) <= _ROLE_WORDS_MAX or looks_like_name(text):
        return False
    return bool(_ROLE_WORDS.search(text)) or (len(tokens) <= 3 and tokens[-1].islower())
