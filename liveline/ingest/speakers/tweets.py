"""Tweets quoted in a post: the signature that credits them, where their text starts, and
the account that speaks them.

A copy of a page keeps an embedded tweet in its no-script form: the tweet's text
paragraphs, then one credit line, "— Display Name (@handle) Month D, YYYY" (the dash may
be a hyphen or an en dash, the date may be missing, the name may carry letters after it,
"Jane Doe MP"). The credit line names nobody speaking; the text above it is the account's
own words, whatever the post around it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liveline.ingest.speakers.registry import POSTNOMINAL, Person, Registry, looks_like_person
from liveline.ingest.speakers.story import Attribution, Para

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{4}})"
# The em or en dash of an embed's credit, the date optional; a hyphen only with the date,
# as a hyphen also bullets a list ("- Jane Doe (@janedoe)").
_SIGNATURE = re.compile(
    rf"^(?:[—–]\s*(?P<name>[^()@\n]{{1,80}}?)\s*\(@(?P<handle>\w{{1,15}})\)(?:\s+(?:on\s+)?{_DATE})?"
    rf"|-\s*(?P<hname>[^()@\n]{{1,80}}?)\s*\(@(?P<hhandle>\w{{1,15}})\)\s+(?:on\s+)?{_DATE})\s*$"
)
# Twitter's limit on a tweet's text: 280 characters since November 2017 (140 before, so
# an older tweet fits too). Twitter does not count attached media (pic.twitter.com) and
# shortens every link, so links are left out of the count. Longer "posts" exist for paying
# accounts; their text is then left to the ordinary rules rather than guessed at.
TWEET_MAX_CHARS = 280
# A tweet's words are the account's by its own credit line, as sure as a paraphrase cue.
TWEET_CONFIDENCE = 0.9
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")
# A paragraph that is only hashtags or mentions ("#FF", "#TBT") is the blog's label above
# an embed, not the tweet's text.
_LABEL = re.compile(r"^(?:[#@]\w+[\s,.;:!]*)+$")


@dataclass(frozen=True)
class Signature:
    """A tweet's credit line: who posted it."""

    name: str
    handle: str


def signature(text: str) -> Signature | None:
    """The credit line of a quoted tweet, or None for any other paragraph."""
    m = _SIGNATURE.match(text.strip())
    if m is None:
        return None
    name = (m.group("name") or m.group("hname")).strip(" \t-–—|·:")
    while POSTNOMINAL.search(name):  # "Jane Doe MP" is Jane Doe
        name = POSTNOMINAL.sub("", name)
    name = re.sub(r"^[^\w@]+|[^\w'’.)]+$", "", name)  # emoji and flags around the name
    return Signature(name, m.group("handle") or m.group("hhandle")) if name else None


def _chars(text: str) -> int:
    return len(_LINK.sub("", text).strip())


def tweet_start(paras: list[Para], signed_at: int) -> int:
    """Index of the first paragraph of the tweet whose credit line is paras[signed_at];
    signed_at itself when no paragraph above can be its text.

    Walks up from the credit line while the text still fits in one tweet, and never past
    the post's headline, another credit line, a label or a paragraph ending in a colon
    (the blog's introduction of the tweet: "Jane Doe posted:"). The caller also stops at a
    paragraph that names its own speaker (tweets.py knows no cues)."""
    start, length = signed_at, 0
    for index in range(signed_at - 1, -1, -1):
        para = paras[index]
        text = para.text.strip()
        if para.part != "body" or signature(text) or _LABEL.match(text) or text.endswith(":"):
            break
        length += _chars(text) + (1 if start < signed_at else 0)  # a line break is a character
        if length > TWEET_MAX_CHARS:
            break
        start = index
    return start


def account(registry: Registry, signed: Signature) -> Person:
    """The account that posted a tweet: somebody already in the story under that name or
    handle, else a new person when the name is a person's (and the handle bears their
    surname, as personal handles do: "@JaneDoeMP"), else an organisation ("Harbour Buses
    (@harbourbus)")."""
    handle = f"@{signed.handle}"
    person = registry.find_alias(handle) or registry.find_alias(signed.name)
    personal = looks_like_person(signed.name) and signed.name.split()[-1].lower() in signed.handle.lower()
    if person is None and personal:
        person = registry.find_full(signed.name)
    if person is None:
        person = registry.learn_person(signed.name) if personal else registry.learn_organisation(signed.name)
    registry.alias(person, handle)
    registry.alias(person, signed.name)
    return person


def tweet_text(registry: Registry, paras: list[Para], signed_at: int, signature: Signature, named: set[int]
               ) -> tuple[list[Para], list[Attribution]]:
    """The paragraphs of the tweet credited at paras[signed_at] and the account speaking
    them; the tweet starts after the last paragraph (in `named`) that names its own speaker,
    the blog's introduction ("In a post, Jane Doe said:")."""
    start = max([tweet_start(paras, signed_at), *(i + 1 for i in named if i < signed_at)])
    if start == signed_at:
        known = registry.find_alias(signature.name)
        if known is not None:  # quoted under "From Jane Doe:": her words, and her handle
            registry.alias(known, f"@{signature.handle}")
        return [], []
    return paras[start:signed_at], [Attribution(account(registry, signature), "quote", TWEET_CONFIDENCE)]
