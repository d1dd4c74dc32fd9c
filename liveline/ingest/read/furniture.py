"""Page furniture: lines a copied live page carries that are not anybody's post.

Generic to live pages (share buttons, "Key events", "Edited by", script warnings),
never to one story.
"""

from __future__ import annotations

import re

from liveline.ingest.clock.case_folds import case_variants
from liveline.ingest.read.key_events import is_key_event_line

# Lines that close a post on Guardian-style pages.
_END = re.compile(r"^(?:share(?: this(?: post| entry| update)?)?|copy link|link copied)$", re.I)
# "Key events" separates pinned posts above it from the feed below it.
_DIVIDER = re.compile(r"^key events$", re.I)
# "Edited by ..." closes the summary block at the top of BBC-style pages.
_EDITED_BY = re.compile(r"^(?:edited|curated|compiled|presented|produced) by\s+\S", re.I)
_PINNED = re.compile(r"^pinned(?: post)?$", re.I)
_DROP = re.compile(
    r"""^(?:
        source\s+link
      | please\s+(?:turn\s+on|enable)\s+javascript\b.*
      | (?:update|read\s+more|related|more\s+on\s+this\s+story)\s*:?.*\b(?:full\s+story|read\s+more|here)\b\.?
      | advertisement | skip\s+(?:past|to)\b.* | view\s+image\s+in\s+full\s*screen
      | reuse\s+this\s+content | show\s+key\s+events\s+only | live(?:\s+reporting|\s+feed)?
      | (?:facebook|twitter|x|email|whatsapp|linkedin|messenger)
      | previous | next | load\s+more(?:\s+updates)? | get\s+(?:the\s+)?updates\b.*
    )$""",
    re.I | re.X,
)
# Pre-checks (case_folds.py): nearly every line is prose, and these skip only what a regex
# above would refuse. _END, _DIVIDER and _PINNED match fixed words, none longer than
# "share this update"; _EDITED_BY and _DROP open with one of a few letters.
_LONGEST_MARK = len("share this update")
_EDITED_BY_FIRST = case_variants("ecp")
_DROP_FIRST = case_variants("spurmavlftxewng")


def furniture_kind(line: str) -> str | None:
    """'end', 'divider', 'key_event', 'edited_by', 'pinned' or 'drop' for furniture; None for content."""
    text = line.strip()
    short = len(text) <= _LONGEST_MARK
    if short and _END.match(text):
        return "end"
    if short and _DIVIDER.match(text):
        return "divider"
    if is_key_event_line(text):
        return "key_event"  # "Key event" over, under or opening a post: its flag, not its words
    if short and _PINNED.match(text):
        return "pinned"
    first = text[:1]
    if len(text) < 160 and first in _EDITED_BY_FIRST and _EDITED_BY.match(text) and not text.endswith((".", '"', "”")):
        return "edited_by"
    if len(text) < 200 and first in _DROP_FIRST and _DROP.match(text):
        return "drop"
    return None
