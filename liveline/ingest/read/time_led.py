"""Lines of a copied live blog that open with a clock time ("4.12pm: The minister has sat
down.", "10.00am: Transport questions."): the time of the post they open, or an item of a
list inside a post.

A live blog marks its posts one way throughout. When a copy marks them otherwise ("Share"
or "Updated at" footers, a time standing alone over each post), a time leading a line is a
post's time only where a post begins: the first line of a block (under its headline at
most) and the only such line in it. Several in one block are a list inside one post (the
day's schedule, how an evening unfolded): a post is written at one time. A single one later
than its block's own update time is a plan, not the moment the post was written.

A copy with no other marker is a ticker, each time-led line a post, except a run of them
introduced by a line that announces a list (ending in a colon, or naming a schedule) whose
times run forward, as a schedule's do: that run is the list of the post that announces it,
the announcing line being a time-led post's own words or not.

Times read as text here are not post times, so they are no evidence of the blog's order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from liveline.ingest.model import ZONE_OFFSETS, Stamp

# Lines that mark posts, besides time-led ones (with the time lines standing alone). Two or
# more make the copy "marked": one may be a stray line that only looks like a marker.
_MARKS = ("end", "glued", "ago")
_MIN_MARKS = 2
# Furniture that cuts the copy into parts (the pinned top, the summary, the feed).
_BREAKS = ("divider", "edited_by", "pinned")
# Lines that are neither a post's words nor a marker of where posts start: a dropped line,
# and a "Key event" flag (which sits beside a post's time, in a block of its own or not).
_NOT_TEXT = ("drop", "key_event")
# What may stand above a post's time-led first line in its block: a headline and a byline.
_ABOVE_OPENING = ("headline", "name", "role")
# A time written with no zone is the page's wall time: GMT or BST on a UK page, so it can
# only be called later than a zoned time by more than the hour it may be off by.
_ZONE_DOUBT = 60
# A "later" time more than half a day ahead is more likely the day before (a post just
# before midnight updated just after it) than a plan.
_HALF_DAY = 12 * 60
# A line that announces a list under it: it ends in a colon, or names a schedule.
_ANNOUNCES_LIST = re.compile(
    r"[:：]\s*$|\b(?:agenda|schedule|timetable|coming\s+up|running\s+order|order\s+of\s+business|"
    r"the\s+day\s+ahead|key\s+timings|timeline)\b",
    re.I,
)

# An item of a schedule written with the hour alone ("2pm: Evidence session.", "11am - PMQs"):
# never read as a post's time, yet one more time-led line in its block, so the block is a list.
_HOUR_ITEM = re.compile(r"^\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)\s*[:–—-]\s*\S", re.I)

# A post's own words ending in a colon announce what comes right under them: the time-led
# lines after it start a run of their own (a schedule in that post, or not), while a post
# that only names a schedule in passing does not cut a ticker's run.
_ENDS_IN_COLON = re.compile(r"[:：]\s*$")


class CopyLine(Protocol):
    """A paragraph-sized unit of a copy, as text_copy classifies it."""

    line: int
    role: str
    stamp: Stamp | None

    @property
    def text(self) -> str: ...


def _is_mark(unit: CopyLine) -> bool:
    return unit.role in _MARKS or (unit.role == "stamp" and unit.stamp is not None)


def _is_header(unit: CopyLine) -> bool:
    """A line over a post that starts it: a time standing alone, a glued or relative time."""
    published = unit.role == "stamp" and unit.stamp is not None and unit.stamp.kind == "published"
    return published or unit.role in ("glued", "ago")


def _is_footer(unit: CopyLine, block: list[CopyLine]) -> bool:
    """ "Share", or "Updated at" under a post's text (right under its time it is a header)."""
    if unit.role == "end":
        return True
    updated = unit.role == "stamp" and unit.stamp is not None and unit.stamp.kind == "updated"
    return updated and _has_content(block)


def _has_content(block: list[CopyLine]) -> bool:
    return any(not _is_mark(u) and u.role not in _NOT_TEXT for u in block)


def _blocks(units: Sequence[CopyLine]) -> list[list[CopyLine]]:
    """The copy cut where its own post markers cut it."""
    blocks: list[list[CopyLine]] = [[]]
    after_footer = False
    for unit in units:
        if unit.role in _BREAKS:
            blocks.append([])
            after_footer = False
            continue
        footer = _is_footer(unit, blocks[-1])
        if (after_footer and not footer) or (_is_header(unit) and _has_content(blocks[-1])):
            blocks.append([])
        blocks[-1].append(unit)
        after_footer = footer
    return blocks


def _minutes(stamp: Stamp) -> int:
    return stamp.hour * 60 + stamp.minute


def _clearly_later(time: Stamp, than: Stamp) -> bool:
    """True when `time` is later in the day than `than`, whatever the zones they are written in."""
    gap = _minutes(time) - _minutes(than)
    if time.zone == than.zone:
        margin = 0
    elif time.zone is None or than.zone is None:
        margin = _ZONE_DOUBT
    else:
        gap -= 60 * (ZONE_OFFSETS[time.zone.lower()] - ZONE_OFFSETS[than.zone.lower()])
        margin = 0
    return margin < gap <= _HALF_DAY


def _settle_block(block: list[CopyLine]) -> None:
    leads = [i for i, unit in enumerate(block) if unit.role == "lead"]
    if not leads:
        return
    update = next((u.stamp for u in block if u.role == "stamp" and u.stamp and u.stamp.kind == "updated"), None)
    first = leads[0]
    above = [u for u in block[:first] if not _is_mark(u) and u.role not in _NOT_TEXT]
    opening = len(above) <= 1 and all(u.role in _ABOVE_OPENING for u in above)
    timed = any(_is_header(u) for u in block)
    stamp = block[first].stamp
    assert stamp is not None
    items = sum(1 for u in block if u.role == "body" and _HOUR_ITEM.match(u.text))
    if len(leads) == 1 and not items and opening and not timed and not (update and _clearly_later(stamp, update)):
        block[first].role = "stamp"
        return
    for i in leads:
        _as_text(block, i)


def _as_text(units: Sequence[CopyLine], i: int) -> None:
    """The whole line (kept on the lead unit) is text; the words after its time, read as
    units of their own, are dropped."""
    units[i].role, units[i].stamp = "body", None
    for unit in units[i + 1 :]:
        if unit.line != units[i].line:
            break
        unit.role = "drop"


def _settle_ticker(units: Sequence[CopyLine]) -> None:
    i = 0
    while i < len(units):
        if units[i].role != "lead":
            i += 1
            continue
        run = [i]
        while run[-1] + 2 < len(units) and units[run[-1] + 2].role == "lead" and not _ENDS_IN_COLON.search(units[run[-1] + 1].text):
            run.append(run[-1] + 2)
        before = next((u for u in reversed(units[:i]) if u.role not in _NOT_TEXT), None)
        times = [_minutes(stamp) for j in run if (stamp := units[j].stamp) is not None]
        # A schedule, or a list of what happened when, runs forward; a newest-first ticker
        # after an introduction runs back.
        forward = all(a <= b for a, b in pairwise(times))
        listed = forward and before is not None and bool(_ANNOUNCES_LIST.search(before.text))
        for j in run:
            if listed:
                _as_text(units, j)
            else:
                units[j].role = "stamp"
        i = run[-1] + 2


def settle_time_led(units: Sequence[CopyLine]) -> None:
    """Turn each "lead" unit (a time leading a line, followed by the unit of the line's
    words) into a post's "stamp", or into the "body" line it is part of."""
    if not any(u.role == "lead" for u in units):
        return
    if sum(1 for u in units if _is_mark(u)) >= _MIN_MARKS:
        for block in _blocks(units):
            _settle_block(block)
    else:
        _settle_ticker(units)
