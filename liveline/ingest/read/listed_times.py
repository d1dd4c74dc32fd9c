"""Times that open lines of an HTML page's text without marking posts: the day ahead listed
in a post ("9.30am: Questions to the home secretary.", a paragraph or a list item each).

A page's lines are read as a text copy's are, and time_led.py settles them by the same rule:
a time in an element of its own ("<b>8.47am</b> Good morning") or opening a heading marks a
post, like a time standing alone over a copy's post; a time opening a line's own text is a
post's time only where it opens a post alone (or, on a page with no other marks, unless a
run of them running forward follows a line that announces a list). A list is inside a post:
a reading that would leave the page no post at all has taken the feed for a list, so then
every stamp is kept.
"""

from __future__ import annotations

import bisect

from liveline.ingest.model import Stamp
from liveline.ingest.read.markup_tree import MarkupTree
from liveline.ingest.read.raw_post import PartialDate, WallTime, clean
from liveline.ingest.read.time_led import settle_time_led

# (anchor, stamped block or -1, the stamp, the stamp as written, the date written with it)
TextStamp = tuple[int, int, WallTime, str, PartialDate | None]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that are a line of text when no block is inside them.
_LINES = _HEADINGS | frozenset({"p", "li", "blockquote", "div", "section", "article", "main", "dd", "dt", "td", "th"})
_SEPARATORS = " :-–—|"
# A time in an element of its own is no longer than the stamp as written with its zone
# and separator; text_stamped reads a stamp's opening within this many characters too.
_OWN_ELEMENT_CHARS = 60


class _Line:
    """A line of the page (or a stamp in an element of its own) as time_led reads a copy's."""

    def __init__(self, tree: MarkupTree, line: int, role: str, stamp: Stamp | None = None) -> None:
        self.tree, self.line, self.role, self.stamp = tree, line, role, stamp

    @property
    def text(self) -> str:
        # Read only where time_led asks whether a line announces a list: read lazily, so
        # a page of many stamps is not read twice over.
        return clean(self.tree.text(self.line))


def _marks_post(tree: MarkupTree, stamp: TextStamp) -> bool:
    """A time in an element of its own, or opening a heading: the page's mark of a post."""
    anchor, block, _, written, _ = stamp
    if block >= 0 and tree.tags[block] in _HEADINGS:
        return True
    own = clean(tree.text(anchor)).rstrip(_SEPARATORS) if tree.text_size[anchor] <= _OWN_ELEMENT_CHARS else ""
    return bool(own) and written.startswith(own)


def listed_stamps(tree: MarkupTree, skipped: list[bool], has_block: list[bool], stamps: list[TextStamp]) -> set[int]:
    """The anchors of `stamps` (in document order) that are items of a list inside a post."""
    marks = {stamp[0]: _marks_post(tree, stamp) for stamp in stamps}
    if all(marks.values()):
        return set()
    anchors = [stamp[0] for stamp in stamps]
    walls = {stamp[0]: stamp[2] for stamp in stamps}

    def stamp(anchor: int) -> Stamp:
        return Stamp("published", walls[anchor].hour, walls[anchor].minute, None)

    def header(anchor: int) -> _Line:
        return _Line(tree, anchor, "stamp", stamp(anchor))

    units: list[_Line] = []
    leads: dict[int, _Line] = {}
    i, size = 0, len(tree)
    tree.visit(size)
    while i < size:
        if skipped[i]:
            i = tree.end[i]
            continue
        if tree.tags[i] not in _LINES or has_block[i]:
            if i in marks:  # a stamp in an element of its own, outside any line
                units.append(header(i))
            i += 1
            continue
        inside = anchors[bisect.bisect_left(anchors, i) : bisect.bisect_left(anchors, tree.end[i])]
        if len(inside) == 1 and not marks[inside[0]]:
            leads[inside[0]] = _Line(tree, i, "lead", stamp(inside[0]))
            units += [leads[inside[0]], _Line(tree, i, "body")]
        else:
            units += [header(anchor) for anchor in inside]
            if tree.text_size[i] > sum(tree.text_size[anchor] for anchor in inside):  # words besides the times
                units.append(_Line(tree, i, "body"))
        i = tree.end[i]
    settle_time_led(units)
    listed = {anchor for anchor, unit in leads.items() if unit.role != "stamp"}
    return set() if len(listed) == len(stamps) else listed
