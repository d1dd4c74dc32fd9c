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


@dataclass
class RawPost:
    key: str | None
    published: dt.datetime | None
    updated: dt.datetime | None
    headline: str | None
    author: str | None
    paragraphs: list[str]
    role: str | None = None


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
