"""Times and authors a blog entry writes in a line at its foot rather than at its head:
"Posted by Ray Cohn at 9:22 PM | Comments (3)", "Posted at 21:06 by Ray Cohn", "Publié par
Marie Dubois à 21h06", "Geplaatst door Sanne de Vries om 21:06", "Pubblicato da Luca Rossi
alle 21:06", "Veröffentlicht von Hans Muster um 21:06 Uhr".

The time part is read by wall_time's own stamp rule (so "9:22 PM", "21h06" and "21.06 Uhr"
mean what they mean at the head of a post); the name must read as a byline's name.
"""

from __future__ import annotations

import re

from liveline.ingest.read.markup_tree import MarkupTree
from liveline.ingest.read.post_markup import byline_of
from liveline.ingest.read.raw_post import WallTime, clean
from liveline.ingest.read.wall_time import fold, stamp_at_start

# A footer line is short: the name, the time and a few links ("Comments (3) | Permalink").
MAX_FOOTER = 200
# A wrapper at an entry's foot holding more than a footer is walked into, this many levels
# at most (a footer sits in a box or two, never deep in the entry's body).
MAX_FOOTER_DEPTH = 3

# Folded text (accents dropped): "posted by NAME at", "publie par NAME a", ...
_NAME = r"(?P<name>[^|\d:;]{2,60}?)"
_BY_NAME_AT = re.compile(
    r"^\W{0,3}(?:posted|published|written|publie|publicado|pubblicato|veroffentlicht|geplaatst|gepubliceerd)\s{1,3}"
    r"(?:by|par|por|da|von|door)\s{1,3}" + _NAME + r",?\s{1,3}"
    r"(?:at|@|a|a\slas|alle|ore|um|om)\s{1,3}(?=\d)",
    re.I,
)
# "Posted at 9:22 PM by NAME": the stamp's prefix is wall_time's; the name follows it.
_AT_THEN_BY = re.compile(r"^(?:posted|published|publie|pubblicato|veroffentlicht|geplaatst)\s{1,3}(?:at|a|alle|um|om)\s", re.I)
_BY_AFTER = re.compile(r"^(?:by|par|por|da|von|door)\s{1,3}" + _NAME + r"\s*(?:[|·•,(]|$)", re.I)


def footer_stamp(line: str) -> tuple[WallTime, str] | None:
    """(the time, the author's name) a footer line gives, or None when it is not one."""
    if len(line) > MAX_FOOTER:
        return None
    folded = fold(line)
    if (match := _BY_NAME_AT.match(folded)) is not None:
        stamp = stamp_at_start(line[match.end():])
        name = line[match.start("name"): match.end("name")]
    elif _AT_THEN_BY.match(folded) and (stamp := stamp_at_start(line)) is not None:
        after = _BY_AFTER.match(fold(stamp[1]))
        if after is None:
            return None
        name = stamp[1][after.start("name"): after.end("name")]
    else:
        return None
    if stamp is None or (named := byline_of(name.strip())) is None:
        return None
    return stamp[0], named[0]


def entry_footer(tree: MarkupTree, entry: int) -> tuple[int, WallTime, str] | None:
    """(the element, the time, the author) of the footer line closing an entry: its last
    element with text, or the last one inside that when it holds more than a footer."""
    at, depth = entry, 0
    while depth <= MAX_FOOTER_DEPTH:
        last, i = -1, at + 1
        while i < tree.end[at]:  # the children of `at`, to the last one holding text
            if tree.text_size[i] > 0:
                last = i
            i = tree.end[i]
        tree.visit(tree.end[at] - at)
        if last < 0:
            return None
        if tree.text_size[last] <= MAX_FOOTER:
            found = footer_stamp(clean(tree.text(last)))
            return (last, *found) if found else None
        at, depth = last, depth + 1
    return None
