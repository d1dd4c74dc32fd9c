"""Four digits set apart at the start of a block ("1032:", "<span>0926</span>"): an old
broadcaster's time stamp, or a year ("2015:") or a number, which only the page around them
tells apart: the digits are read here as a possible time (four_digit_at_start), and taken as
a feed's stamps only where the page repeats them in order across blocks of one shape, each
followed by a post's prose (four_digit_stamps)."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from liveline.ingest.read.markup_tree import MarkupTree
from liveline.ingest.read.raw_post import PartialDate, WallTime
from liveline.ingest.read.wall_time import STAMP_LOOK, ZONE_MARK, fold

# As text_stamped's feeds: a feed of two posts is rare, of three common; a post has this
# much prose of its own (a cell of numbers beside a name has less).
MIN_REPEATED = 3
MIN_POST_PROSE = 40


class FourDigits(NamedTuple):
    """Four digits set apart at the start of a text ("1032:", "0926" alone): an old
    broadcaster's time stamp, or a year ("2015:") or a number, which only the page around
    it tells apart (text_stamped.py: repeated in order across sibling posts)."""

    digits: str
    wall: WallTime | None  # None: no time of day ("1999": minute 99)
    rest: str  # the text after it, separators stripped


_FOUR_DIGITS = re.compile(r"\s{0,3}(?P<d>[0-9]{4})(?![0-9])")
_FOUR_DIGITS_END = re.compile(r"\s?:(?![0-9])")


def four_digit_at_start(text: str) -> FourDigits | None:
    """Four digits opening `text` with a colon after them ("1032: Polls close", "1032 GMT:")
    or nothing else in the text ("1032"); None for anything else ("1032 people", "1032pm",
    "2015-05-08"). The caller decides whether the page uses them as times."""
    window = fold(text[:STAMP_LOOK])
    found = _FOUR_DIGITS.match(window)
    if found is None:
        return None
    pos = found.end()
    zone: str | None = None
    if (mark := ZONE_MARK.match(window, pos)) is not None and not mark["named"]:
        zone, pos = mark["abbr"] + (mark["off"] or "").replace("−", "-"), mark.end()
    if (colon := _FOUR_DIGITS_END.match(window, pos)) is not None:
        rest = text[colon.end() :]
    elif text[pos:].strip():
        return None
    else:
        rest = ""
    digits = found["d"]
    hour, minute = int(digits[:2]), int(digits[2:])
    written = text[found.start("d") : pos].strip()
    wall = WallTime(hour, minute, zone, text=written) if hour <= 23 and minute <= 59 else None
    return FourDigits(digits, wall, rest.lstrip(" :-–—|·•"))


def in_running_order(walls: list[WallTime]) -> bool:
    """Whether times run one way down a page, newest first or oldest first, crossing
    midnight at most once (within one day: the last is not past the first again)."""
    minutes = [wall.hour * 60 + wall.minute for wall in walls]
    for way in (1, -1):
        back = sum(1 for a, b in itertools.pairwise(minutes) if (b - a) * way < 0)
        if back == 0 or (back == 1 and (minutes[-1] - minutes[0]) * way <= 0):
            return True
    return False


# Four digits that all read as years of the last two centuries ("2001:", "2005:", "2010:")
# are a timeline even in running order: a feed wholly within 19:00-20:59 is rarer than one.
_YEARS = re.compile(r"(?:19|20)[0-9]{2}")


def four_digit_stamps(
    tree: MarkupTree, prose: list[int], fours: list[tuple[int, int, FourDigits]], pieces: list[list[str]]
) -> list[tuple[int, int, WallTime, str, PartialDate | None]]:
    """The four-digit stamps ("<strong>1032:</strong>", "<span>0926</span>") of a feed: as
    a year or a number is written the same way, only where the page repeats them in blocks
    of one shape (at least MIN_REPEATED), each followed by a post's prose (a cell of numbers
    beside a name is not), every one a time of day, running in order down the page, and
    not all possibly years."""
    shapes: dict[tuple[str, ...], list[tuple[int, int, FourDigits]]] = {}
    for holder, block, four in fours:
        path, i = [tree.tags[holder]], holder
        while block >= 0 and i != block:
            i = tree.parent[i]
            path.append(tree.tags[i])
        path.append(tree.tags[tree.parent[i]] if i > 0 else "")
        shapes.setdefault(tuple(path), []).append((holder, block, four))
    found: list[tuple[int, int, WallTime, str, PartialDate | None]] = []
    for group in shapes.values():
        walls = [four.wall for _, _, four in group if four.wall is not None]
        if len(group) < MIN_REPEATED or len(walls) < len(group) or all(_YEARS.fullmatch(four.digits) for _, _, four in group):
            continue
        boxes = [block if block >= 0 else holder for holder, block, _ in group]
        after = [tree.end[box] if tree.end[box] < len(tree) and tree.parent[tree.end[box]] == tree.parent[box] else -1 for box in boxes]
        if in_running_order(walls) and all(prose[box] + (prose[n] if n >= 0 else 0) >= MIN_POST_PROSE for box, n in zip(boxes, after, strict=True)):
            found += [
                (holder, block, wall, pieces[holder][0][: len(pieces[holder][0]) - len(four.rest)].strip(), None)
                for (holder, block, four), wall in zip(group, walls, strict=True)
            ]
    return found
