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


def clean(text: str | None) -> str:
    """Page text as one line: entities decoded, controls removed, whitespace collapsed."""
    return " ".join(strip_controls(htmllib.unescape(text or "")).split())


# Prefixes pages put before a post's own id in one place and not the other (the markup's
# "block-abc" for the JSON-LD's "#abc"): without them a post keeps one key whichever
# witness it is read from, poll after poll.
_KEY_PREFIX = re.compile(r"^(?:block|post|entry|update)[-_]")


def post_key(token: str | None) -> str | None:
    """A post's id as liveline keeps it: the page's id without a kind prefix."""
    return (_KEY_PREFIX.sub("", token) or None) if token else None
