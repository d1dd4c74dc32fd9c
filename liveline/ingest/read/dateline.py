"""A page's dateline: the date (and time) written in words near its headline ("Updated:
November 02, 2023 09:20 PM IST", "23 mars 2010 à 09:00 (mis à jour à 15:20)"), and the
labels that say whether it is the first publication or the last update."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveline.ingest.read.raw_post import WallTime, clean
from liveline.ingest.read.wall_time import stamp_at_start, stated_datetime

# A stated date ("Updated: 2 November 2023, 9.20pm") stands on its own line near the
# headline: the lines read are these many elements after the <h1> and before it, each
# line at most this long (a dateline is short; a paragraph of a post is not one).
DATELINE_AFTER = 40
DATELINE_BEFORE = 12
MAX_DATELINE_CHARS = 300
# An element's line is its text and its inline children's; an element with more children
# than this is a container, not a line.
MAX_LINE_PARTS = 40
_INLINE = frozenset({"-text", "span", "time", "b", "strong", "em", "i", "a", "abbr", "small", "br", "sup", "sub", "font", "bdi", "u"})
_UNREAD = frozenset({"script", "style", "noscript", "template", "svg", "nav", "button", "select"})
# Words that label a dateline as the last update ("Stand:" is German for "as of") or as
# the first publication, in the languages live blogs are common in.
UPDATED_WORDS = re.compile(
    r"\b(?:updated|last\s+modified|as\s+of|aktualisiert|aktualisierung|stand:|mis\s+à\s+jour|mise\s+à\s+jour|maj\b|aggiornat\w*|aggiornamento"
    r"|actualizad\w*|actualización|zaktualizowan\w*|aktualizacja|bijgewerkt|laatste\s+update)",
    re.I,
)
POSTED_WORDS = re.compile(
    r"\b(?:posted|published|veröffentlicht|erstellt|publiziert|publié|pubblicat\w*|publicad\w*|opublikowan\w*|publikacja|gepubliceerd|geplaatst)", re.I
)
# A date stated in words near the headline: the words, the date, and the time if stated.
Dateline = tuple[str, dt.date, WallTime | None]


# What may stand between an update label and its time: "mis à jour à 15:20", "Updated at 4.05pm".
_TO_UPDATE_TIME = re.compile(r"[\s:,.\-–—]*(?:(?:at|à|a|um|alle|ore|om|o|las|godz\.?|kl\.?|le|on)\s+){0,2}(?=\d)", re.I)


def read_dateline(tree: LexborHTMLParser) -> Dateline | None:
    """A date (and time) stated in words near the headline ("Updated: November 02, 2023
    09:20 PM IST"): the line, the date and the time. A line that says "Updated" or
    "Published" first, then any other (nearest the headline first)."""
    if tree.body is None:
        return None
    before: deque[LexborNode] = deque(maxlen=DATELINE_BEFORE)  # lines read only for the last few
    after: list[str] = []
    seen_headline = tree.css_first("h1") is None  # no headline: read from the top
    for node in tree.body.traverse():
        if node.tag in _UNREAD:
            continue
        if not seen_headline:
            seen_headline = node.tag == "h1"
            before.append(node)
        elif node.tag != "h1" and (line := _line(node)):
            after.append(line)
            if len(after) >= DATELINE_AFTER:
                break
    lines = [*after, *(line for node in reversed(before) if node.tag != "h1" and (line := _line(node)))]
    # From its first label on: "Written by Sports Desk | Updated: ..." says "Updated: ...";
    # but a line dated before its label ("23 mars 2010 à 09:00 (mis à jour à 15:20)") is read whole.
    labelled = [_from_label(line, labels) for line in lines if (labels := _labels(line))]
    for line in [*labelled, *lines]:
        if (found := stated_datetime(line)) is not None:
            wall = found[1]
            # A zone written once serves both times: "08:00 Updated: 15:05 IST".
            if wall is not None and not wall.zone and (update := update_part(line)) and update[1] and update[1].zone:
                wall = replace(wall, zone=update[1].zone)
            return line, found[0], wall
    return None


def _labels(line: str) -> list[re.Match[str]]:
    return [label for label in (UPDATED_WORDS.search(line), POSTED_WORDS.search(line)) if label is not None]


def _from_label(line: str, labels: list[re.Match[str]]) -> str:
    first = min(label.start() for label in labels)
    return line if stated_datetime(line[:first]) is not None else line[first:]


def _line(node: LexborNode) -> str:
    """An element's own line of text (its text and its inline children's, not its blocks');
    empty when it has none, or is too long to be a dateline."""
    parts: list[str] = []
    size = 0
    for count, child in enumerate(node.iter(include_text=True)):
        if count >= MAX_LINE_PARTS:
            return ""
        if child.tag in _INLINE:
            part = child.text(deep=child.tag != "-text") or ""
            size += len(part)
            if size > MAX_DATELINE_CHARS:
                return ""
            parts.append(part)
    return clean(" ".join(parts))


def update_part(text: str) -> tuple[dt.date | None, WallTime | None] | None:
    """What an update label in a dateline gives after it: a date and time ("Mis à jour le 18
    juillet 2019 à 16h40"), a date, or a time alone ("mis à jour à 15:20": date None)."""
    updated = UPDATED_WORDS.search(text)
    if updated is None:
        return None
    rest = text[updated.end() :]
    if (found := stated_datetime(rest)) is not None:
        return found
    if (lead := _TO_UPDATE_TIME.match(rest)) is not None and (stamp := stamp_at_start(rest[lead.end() :])) is not None:
        return None, stamp[0]
    return None
