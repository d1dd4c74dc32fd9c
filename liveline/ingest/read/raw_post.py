"""A post as a web page gives it, before it becomes a model Post, and the cleaning every
piece of page text gets: the JSON-LD reader and the markup reader both make these."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from collections.abc import Callable
from dataclasses import dataclass

from liveline.timeline.text import strip_controls

# Reads a page's machine-readable time (html_page.parse_time); passed in, because the page
# module imports the readers that need it.
TimeReader = Callable[[object], dt.datetime | None]


@dataclass(frozen=True)
class WallTime:
    """A time of day as a page writes it in its text ("16.25", "4.25pm", "11.04 Uhr",
    "21:06 (IST)"), before it is placed on a day and in a zone (page_clock.py)."""

    hour: int
    minute: int
    zone: str | None = None  # the zone mark written beside it, upper case ("BST", "IST", "CEST"); None: the page's own
    day: dt.date | None = None  # a full date written with it ("2 November 2023, 21:06")
    text: str = ""  # the stamp as written, for --explain
    days_back: int | None = None  # a day word written with it: 0 "today, 08:51", 1 "yesterday, 23:30" (the page's days)


@dataclass(frozen=True)
class PartialDate:
    """A day as a day header writes it, perhaps without its year ("Donnerstag, 18. 7.")."""

    month: int
    day: int
    year: int | None = None


@dataclass
class RawPost:
    key: str | None
    published: dt.datetime | None
    updated: dt.datetime | None
    headline: str | None
    author: str | None
    paragraphs: list[str]
    role: str | None = None
    wall: WallTime | None = None  # a time read from the page's text, placed later (published stays None until then)
    day: PartialDate | None = None  # the day header above the post, if the page has them
    key_event: bool = False  # the page flags the post as a key event (key_events.py)


def clean(text: str | None) -> str:
    """Page text as one line: entities decoded, controls removed, whitespace collapsed."""
    return " ".join(strip_controls(htmllib.unescape(text or "")).split())


# Prefixes pages put before a post's own id in one place and not the other (the markup's
# "block-abc" for the JSON-LD's "#abc"): without them a post keeps one key whichever
# witness it is read from, poll after poll.
_KEY_PREFIX = re.compile(r"^(?:block|post|entry|update)[-_]")


# The credit line of an embedded social post ("&mdash; Jane Doe (@janedoe) May 5, 2024"):
# the dash that opens it (an em or en dash, or a hyphen or two), the account's name and
# its handle in brackets, then whatever date the embed shows. Without the dash only with
# a year after the handle: "Follow us (@desk) for more" is the blog's own line.
_ACCOUNT = r"[^()@\n—–]{1,80}?\s*\(@\w{1,30}\)"
_CREDIT = re.compile(
    rf"^(?:(?:[—–―]|-{{1,3}})\s*(?P<dashed>{_ACCOUNT}(?:\s+[^()@\n]{{0,40}})?)|(?P<dated>{_ACCOUNT}\s+[^()@\n]{{0,36}}\d{{4}}))$"
)
# The same credit run into the end of the quoted text when the embed keeps no paragraph of
# its own ("Stuck again — A Commuter (@commuter) June 5, 2024"): only after a dash, so a
# sentence that merely names an account is left whole.
_GLUED_CREDIT = re.compile(rf"\s+(?=[—–―]\s*{_ACCOUNT}(?:\s+[^()@\n—–]{{0,40}})?$)")


def credit_line(text: str) -> str | None:
    """An embed's credit line as a copy of the page writes it, "— Name (@handle) date"
    (pages write the dash as an entity, a hyphen or not at all, and space it either way);
    None for text that is no credit."""
    m = _CREDIT.match(text.strip())
    return f"— {(m.group('dashed') or m.group('dated')).strip()}" if m else None


def split_credit(text: str) -> list[str]:
    """A quoted embed's text and its credit line as two paragraphs, the credit being the
    account's signature rather than part of what it said; [text] when it has none."""
    parts = _GLUED_CREDIT.split(text.strip(), maxsplit=1)
    credit = credit_line(parts[1]) if len(parts) == 2 and parts[0] else None
    return [parts[0], credit] if credit else [text]


def embed_paragraphs(paragraphs: list[str]) -> list[str]:
    """The paragraphs of a quoted block (a <blockquote>, as social embeds are) with its
    closing credit line, if it has one, made a paragraph of its own in one form."""
    if not paragraphs:
        return paragraphs
    last = credit_line(paragraphs[-1])
    return [*paragraphs[:-1], *([last] if last else split_credit(paragraphs[-1]))]


def post_key(token: str | None) -> str | None:
    """A post's id as liveline keeps it: the page's id without a kind prefix."""
    return (_KEY_PREFIX.sub("", token) or None) if token else None
