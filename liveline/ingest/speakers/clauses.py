"""The phrase before a reporting verb: where its clause begins, the words between a subject
and its verb, appositions ("Jane Doe, the health secretary,"), and the role part of a
description. Plain string work on quote-masked text; no people are looked up here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from liveline.ingest.speakers.cue_patterns import BARE_FORMS, NAME_END, VERB
from liveline.ingest.speakers.names import FULL_NAME, NOT_GIVEN, ROLE_NOUNS, SURNAME_WORD, looks_like_person

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


def drop_relative_who(left: str) -> str:
    """`left` less a relative ", who" ending it. The pattern ends the text (or comes before
    its final newline), so a text not ending so is returned unread: most are not."""
    return RELATIVE_WHO.sub("", left) if left.endswith(("who", "who\n")) else left


def drop_parenthesis_end(left: str) -> str:
    """`left` less a parenthesis ending it ("Jane Doe (Rochdale)"); unread when it cannot
    end in one (see drop_relative_who)."""
    return PARENTHESIS_END.sub("", left) if left.endswith((")", ")\n")) else left
UNCLOSED_APPOSITION = re.compile(
    rf"(?:^|(?<=\s))(?P<name>{FULL_NAME}|{SURNAME_WORD}),\s+(?P<role>(?:the|a|an)\s+[^,;:«»()]{{2,80}})$"
)


# "Doe says the minister promised...", "Doe said that she had warned...": a speech verb in
# what somebody else is reported saying is part of their report, not a second speaker.
_REPORTED_IN = re.compile(rf"(?:{VERB.pattern})\s+\S")
_REPORTED_BEFORE = re.compile(rf"(?:{VERB.pattern})(?:\s+that)?\s+$")


# "Will she admit the target will be missed?": an auxiliary before the subject makes a
# question, asked of that person by somebody else.
_AUXILIARIES = {"will", "would", "does", "do", "did", "can", "could", "should", "shall", "is", "are", "has", "have", "must"}


# "Doe said the talks were over, Reuters reports": an agency credited at the end of a
# sentence that reports somebody else's words is the report's source, not a speaker.
_CREDIT = re.compile(r",\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s*$")
_FRONTED_PHRASE = re.compile(r"\s*(?:[A-Z][a-z]+(?:ed|ing)|Asked|After|Before|When|As|While|Despite|Following|In|On)\b")


_OPENS_SENTENCE = re.compile(r"(?:^|[.?!:«»]\s*)$")


def is_embedded(left: str) -> bool:
    """Whether the verb's clause is an object ("condemn what Doe said"), the content of
    another report ("Doe says Roe promised"), a question put to its subject ("Will she
    admit...") or the credit of a report of somebody else ("..., Reuters reports"), not a
    report of its own."""
    left = strip_filler(left)
    tail = clause_tail(left)
    if not tail:
        return False
    comma = left.rfind(",")
    credit = _CREDIT.match(left, comma) if comma >= 0 else None
    if credit:
        sentence = left[left.rfind(". ", 0, credit.start()) + 1 : credit.start() + 1]
        # "Asked about the failures reported earlier, Doe says": a fronted phrase, no credit.
        fronted = _FRONTED_PHRASE.match(sentence) and sentence.count(",") == 1
        if not fronted and VERB.search(sentence):
            return True
    head = left[: len(left) - len(tail)]
    # The word first: the search for the sentence's start reads all of `head`.
    if tail.split()[0].lower() in _AUXILIARIES and _OPENS_SENTENCE.search(head) is not None:
        return True
    words = [*head.split()[-1:], *tail.split()[:1]]
    if any(word.lower() in _WH_WORDS for word in words):
        return True
    return (_REPORTED_IN.search(tail) or _REPORTED_BEFORE.search(head[-32:])) is not None  # "...announced that "


# Words before a bare verb form that make it a verb: plural subjects ("Police warn", "They say").
_BARE_SUBJECTS = {"police", "they", "we", "i", "you", "staff", "people"}
_HEARSAY = {"believed", "said", "reported", "thought", "understood"}  # not "agreed to be"
_HEARSAY_INFINITIVE = re.compile(r"\s+to\s+(?:be|have)\b")
_BE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:[a-z]+ly\s+)?$")
_PARTICIPLES = {"told", "said", "written", "sent", "set out"}


def is_passive(masked: str, verb: re.Match[str]) -> bool:
    """Whether the verb form reports nobody's act of speech: a passive ("The minister was
    criticised (by...)", the subject is the one spoken of; a headline drops the "was":
    "Minister questioned by MPs"), or a bare form that is a noun here ("the housing pledge",
    "Power demand"): a bare form speaks only after a name, a plural or "police"/"they"."""
    word = verb.group()
    if " ".join(word.split()) in BARE_FORMS:
        before = strip_filler(masked[max(0, verb.start() - 80) : verb.start()]).split()[-1:] or [""]  # "Doe will say"
        prev = before[0].strip("'’\"“”")
        takes_bare = prev[:1].isupper() or prev.lower() in _BARE_SUBJECTS or (prev.islower() and prev.endswith("s"))
        return not takes_bare
    if not (word.endswith("ed") or word in _PARTICIPLES):
        return False
    if _BE_BEFORE.search(masked, 0, verb.start()) or masked.startswith(" by ", verb.end()):
        return True
    # "countries believed to be helping", "a man said to have": a reduced passive of hearsay.
    return word in _HEARSAY and _HEARSAY_INFINITIVE.match(masked, verb.end()) is not None


# "Avon and Somerset Police", "Devon and Cornwall Police": one body named after two places.
_PLACE_BODIES = {"police", "constabulary", "council", "councils", "trust", "fire", "service", "authority", "board"}
_PLACES_AND = re.compile(r"(?:^|(?<=\s))(?P<places>[A-Z][\w'’-]+)\s+and\s+$")
# "Police and Crime Commissioner", "Health and Social Care Secretary": capitalised words
# joined by "and" before an office are one title, and the "and" joins no two speakers.
_TITLE_AND = re.compile(r"(?:^|(?<=\s))(?P<first>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+and\s+$")
_OFFICE_END = re.compile(rf"(?i:\b(?:{ROLE_NOUNS}))$")
# "Reporters from the Gazette", "a spokesman for Kent Police", "the minister for coastal
# affairs": a speaker or an office, then for/from/at, then whom they speak for; and "for"
# between capitalised words inside one name ("Department for Transport", "Minister for
# Women"). The preposition bounds no clause there: the whole phrase is the subject.
_LINKED = re.compile(
    rf"(?i:\b(?:{ROLE_NOUNS}|reporters?|journalists?|staff|officials?|representatives?|officers?))\s+(?:for|from|at)\s+$"
)
_NAME_FOR = re.compile(r"\b[A-Z][\w'’-]*\s+for\s+$")


def subject_tail(left: str) -> str:
    """The verb's subject phrase: clause_tail, widened where a boundary word is inside one
    name or title ("Avon and Somerset Police", "Police and Crime Commissioner", "a
    spokesman for Kent Police")."""
    tail = clause_tail(left)
    words = tail.split()
    if not words:
        return tail
    before = left[: len(left) - len(tail)]
    joined_by = before[-6:].split()[-1:]  # the boundary word the tail was cut at
    if joined_by == ["and"] and words[0][:1].isupper():
        if words[-1].lower() in _PLACE_BODIES:
            m = _PLACES_AND.search(before)
            if m:
                return left[m.start("places") :]
        name = NAME_END.search(tail)
        office = tail[: name.start()].rstrip() if name and looks_like_person(name.group("name")) else tail
        if office and all(w[:1].isupper() for w in office.split()) and _OFFICE_END.search(office):
            m = _TITLE_AND.search(before)
            if m:
                return left[m.start("first") :]
    if joined_by in (["for"], ["from"], ["at"]) and (_LINKED.search(before) or (_NAME_FOR.search(before) and words[0][:1].isupper())):
        inner = before.rstrip()
        inner = inner[: inner.rfind(" ")].rstrip()  # less the preposition
        head = clause_tail(inner)
        # "Doe, the MP for Northfield said": an apposition to a name, left to the caller
        # ("Yesterday, the MP for Northfield said" is no apposition).
        prev = inner[: len(inner) - len(head)].rstrip()
        named = prev.endswith(",") and (prev[:-1].split() or [""])[-1][:1].isupper()
        if head and not (named and prev[:-1].split()[-1].lower() not in NOT_GIVEN):
            return left[len(inner) - len(head) :]
    return tail


def clause_tail(left: str) -> str:
    """The words after the last clause boundary: the phrase that can be a verb's subject."""
    words: list[str] = []
    for word in reversed(left[-200:].split()):
        if word.lower() in _BOUNDARY_WORDS:
            break
        if not word.isalpha() and _CLAUSE_PUNCTUATION.intersection(word):  # letters are never punctuation
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


@lru_cache(maxsize=1 << 14)  # a story's words are few and come back; the pattern is long
def _is_verb(word: str) -> bool:
    return VERB.fullmatch(word) is not None


def clean_role(words: str) -> str | None:
    """The role part of "...with child protection expert" -> "child protection expert"."""
    kept: list[str] = []
    split = words.split()
    for at in range(len(split) - 1, -1, -1):
        word = split[at]
        bare = word.lower().strip(",")
        # "Police and Crime Commissioner": an "and" between capitalised words is in the title.
        in_title = bare == "and" and kept and kept[-1][:1].isupper() and at > 0 and split[at - 1][:1].isupper()
        if not in_title and (bare in _ROLE_STOP or word.endswith((",", ":", ".", "!", "?", "”", '"')) or _is_verb(bare)):
            break  # a role never reaches back over a clause or a sentence
        kept.append(word)
    role = " ".join(reversed(kept)).strip()
    return role or None
