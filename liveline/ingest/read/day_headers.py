"""Day headers between a feed's posts ("Donnerstag, 18. 7.", "Thursday 18 July 2019"): the
day of the posts under each, up to the next."""

from __future__ import annotations

from liveline.ingest.read.markup_tree import MarkupTree
from liveline.ingest.read.post_markup import Member
from liveline.ingest.read.raw_post import PartialDate, clean
from liveline.ingest.read.wall_time import day_header

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARAGRAPHS = frozenset({"p", "li", "blockquote"})
# Where a day header may stand: a short block, or an inline element alone in a feed (not in a sentence).
_DAY_BLOCKS = _HEADINGS | frozenset({"p", "div", "li", "dt", "dd", "section", "header"})
_DAY_INLINE = frozenset({"span", "strong", "b", "time", "em"})
_IN_SENTENCE = _HEADINGS | _PARAGRAPHS | frozenset({"a", "span", "strong", "b", "em", "i"})
# A day header is a short line ("Donnerstag, 18. 7.", "Thursday 18 July 2019").
MAX_DAY_HEADER = 60


def feed_day_headers(tree: MarkupTree, skipped: list[bool], members: list[Member]) -> tuple[frozenset[int], dict[int, PartialDate], list[bool]]:
    """The day headers in the feed (the smallest element holding all its posts): their
    positions, the day each names, and for every element whether it holds one."""
    first, last = members[0][0], members[-1][0]
    region = tree.parent[first]
    while region > 0 and tree.end[region] < tree.end[last]:
        region = tree.parent[region]
    region = max(region, 0)
    days: dict[int, PartialDate] = {}
    i, end = region, tree.end[region]
    tree.visit(end - region)
    while i < end:
        size, tag, up = tree.text_size[i], tree.tags[i], tree.parent[i]
        if skipped[i] or size == 0:
            i = tree.end[i]
            continue
        standing = tag in _DAY_BLOCKS or (tag in _DAY_INLINE and up >= 0 and tree.tags[up] not in _IN_SENTENCE)
        if size > MAX_DAY_HEADER or not standing:
            i += 1
            continue
        if (named := day_header(clean(tree.text(i)))) is not None:
            days[i] = named
        i = tree.end[i]
    holds = [False] * len(tree)
    for header in days:
        i = header
        while i >= 0 and not holds[i]:
            holds[i] = True
            i = tree.parent[i]
    return frozenset(days), days, holds
