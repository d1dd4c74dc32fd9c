"""The phrase before a reporting verb: where its clause begins, the words between a subject
and its verb, appositions ("Jane Doe, the health secretary,"), and the role part of a
description. Plain string work on quote-masked text; no people are looked up here.
"""

from __future__ import annotations

import re

from liveline.ingest.speakers.cue_patterns import VERB
from liveline.ingest.speakers.registry import FULL_NAME, SURNAME_WORD

# Words that end the phrase before a verb: what stands left of them is another clause.
_BOUNDARY_WORDS = {
    "and", "but", "or", "as", "that", "while", "after", "before", "when", "because", "if", "though",
    "although", "so", "where", "whether", "which", "who", "whom", "then", "yet", "with", "for", "to",
    "by", "from", "-", "–", "—",
}
_CLAUSE_PUNCTUATION = set('.;:?!,()[]«»"“”')
# Words between a subject and its verb: "Doe has also just said", "Doe previously called".
_FILLER_WORDS = {
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "did", "does", "do", "also",
    "then", "later", "again", "further", "now", "just", "previously", "earlier", "today",
    "yesterday", "once", "not", "never", "already", "still",
}


def strip_filler(left: str) -> str:
    """The text before a verb less the words between the subject and the verb."""
    left = left.rstrip()
    while left:
        cut = left.rfind(" ")
        word = left[cut + 1 :]
        if word in _FILLER_WORDS or (len(word) > 4 and word.endswith("ly") and word.isalpha() and word.islower()):
            left = left[:cut].rstrip() if cut >= 0 else ""
        else:
            break
    return left


_WH_WORDS = {"what", "whatever", "how"}
RELATIVE_WHO = re.compile(r",\s+who$")
PARENTHESIS_END = re.compile(r"\s*\([^()]{1,60}\)$")  # "Jane Doe (Rochdale) said"
UNCLOSED_APPOSITION = re.compile(
    rf"(?:^|(?<=\s))(?P<name>{FULL_NAME}|{SURNAME_WORD}),\s+(?P<role>(?:the|a|an)\s+[^,;:«»()]{{2,80}})$"
)


def is_embedded(left: str) -> bool:
    """Whether the verb's clause is an object ("condemn what Doe said"), not a report."""
    left = strip_filler(left)
    tail = clause_tail(left)
    words = [*left[: len(left) - len(tail)].split()[-1:], *tail.split()[:1]]
    return bool(tail) and any(word.lower() in _WH_WORDS for word in words)


_BE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:[a-z]+ly\s+)?$")
_PARTICIPLES = {"told", "said", "written", "sent", "set out"}


def is_passive(masked: str, verb: re.Match[str]) -> bool:
    """"The minister was criticised (by...)": the subject is the one spoken of, not the speaker."""
    word = verb.group()
    return (word.endswith("ed") or word in _PARTICIPLES) and bool(_BE_BEFORE.search(masked, 0, verb.start()))


# "Avon and Somerset Police", "Devon and Cornwall Police": one body named after two places.
_PLACE_BODIES = {"police", "constabulary", "council", "councils", "trust", "fire", "service", "authority", "board"}
_PLACES_AND = re.compile(r"(?:^|(?<=\s))(?P<places>[A-Z][\w'’-]+)\s+and\s+$")


def subject_tail(left: str) -> str:
    """The verb's subject phrase: clause_tail, widened over "X and" when it names a place's body."""
    tail = clause_tail(left)
    words = tail.split()
    if words and words[0][:1].isupper() and words[-1].lower() in _PLACE_BODIES:
        m = _PLACES_AND.search(left, 0, len(left) - len(tail))
        if m:
            return left[m.start("places") :]
    return tail


def clause_tail(left: str) -> str:
    """The words after the last clause boundary: the phrase that can be a verb's subject."""
    words: list[str] = []
    for word in reversed(left[-200:].split()):
        if word.lower() in _BOUNDARY_WORDS:
            break
        if _CLAUSE_PUNCTUATION.intersection(word):
            # Punctuation ending this word closes the clause before it; opening ones start it.
            head = re.split(r"[.;:?!,()\[\]«»\"“”]", word)[-1]
            if head:
                words.append(head)
            break
        words.append(word)
    return " ".join(reversed(words))


def split_apposition(left: str) -> tuple[str, str | None]:
    """("Jane Doe", "the health secretary") for "Jane Doe, the health secretary,"; else (left, None)."""
    if left.endswith(","):
        before = left.rfind(",", 0, len(left) - 1)
        if before >= 0 and len(left) - before <= 142 and "«" not in left[before:]:
            return left[:before].rstrip(), left[before + 1 : -1].strip()
    elif left.endswith(("-", "–", "—")) and left[-2:-1] == " ":
        for dash in ("-", "–", "—"):
            before = left.rfind(f" {dash} ", 0, len(left) - 2)
            if before >= 0 and len(left) - before <= 164:
                return left[:before].rstrip(), left[before + 3 : -2].strip()
    return left, None


_ROLE_STOP = {
    "with", "from", "by", "to", "the", "a", "an", "as", "and", "in", "on", "at", "that", "after",
    "before", "following", "responding", "response", "of", "watch", "yet", "now", "but", "when",
    "while", "we", "they", "he", "she", "it", "i", "you", "our", "their", "his", "her", "its",
    "include", "includes", "including", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "wait", "waiting", "writes", "join", "joined", "also", "than", "like",
}


def clean_role(words: str) -> str | None:
    """The role part of "...with child protection expert" -> "child protection expert"."""
    kept: list[str] = []
    for word in reversed(words.split()):
        bare = word.lower().strip(",")
        if bare in _ROLE_STOP or word.endswith((",", ":", ".", "!", "?", "”", '"')) or VERB.fullmatch(bare):
            break  # a role never reaches back over a clause or a sentence
        kept.append(word)
    role = " ".join(reversed(kept)).strip()
    return role or None
