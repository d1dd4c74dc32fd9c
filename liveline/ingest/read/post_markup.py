"""Posts from a page's own markup: a post is the largest element around one post time
(<time datetime> or a data-*-time attribute) holding no other, and the posts are the
siblings holding the most paragraph text. Also an article's paragraphs.

Every question about the tree is asked of a MarkupTree (markup_tree.py), in one pass over
the elements rather than a walk per element, so the reading is linear in the page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.markup_tree import STOP_TAGS, MarkupTree, WorkBudget
from liveline.ingest.read.raw_post import RawPost, TimeReader, clean, post_key

_TIME_WORDS = ("time", "date")  # "timestamp" holds "time"
_WORDY = re.compile(r"[\w-]*")
_UPDATED = re.compile(r"modif|updat|edit", re.I)
_SKIP_INSIDE = frozenset({"figure", "figcaption", "aside", "nav", "footer", "button", "script", "style", "noscript", "svg", "form", "header"})
_SKIP_BUT_HEADER = _SKIP_INSIDE - {"header"}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_PARAGRAPHS = frozenset({"p", "li", "blockquote"})
_P = frozenset({"p"})
_TIME = frozenset({"time"})
# Elements of the post's prose: a name there is who the post is about, not its author.
_TEXT = frozenset({"p", "blockquote", "li", "h1", "h2", "h3", "h4", "figure", "figcaption"})
# Elements a byline may stand alone in, and the blocks such an element may not hold.
_NAME_HOLDERS = frozenset({"span", "mark", "strong", "b", "a", "cite", "div", "address"})
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "div", "li"})
_NAME = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\.?\s+){1,3}[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?$")
_BY = re.compile(r"^by\s+", re.I)
_BYLINE_SELECTOR = "[itemprop=author], [rel=author], [class*=byline], [class*=author], [class*=contributor]"
# A byline's parts are short; longer text near a post time is prose.
_MAX_BYLINE_PART = 80
# Text longer than this (as the page has it, spaces and all) is never a byline's part or a
# bare name, so it is not read: a name nested in a thousand spans is not read a thousand times.
_MAX_NAME_TEXT = 200

Container = tuple[int, int, dt.datetime, dt.datetime | None]  # (post element, its time's element, time, updated)


def _is_time_attribute(name: str) -> bool:
    """data-*time*, data-*date*, data-*timestamp* (what `^data-[\\w-]*(time|date)[\\w-]*$`
    says, without a regex that backtracks over a long attribute name)."""
    if not name.startswith("data-"):
        return False
    rest = name[5:]
    return any(word in rest for word in _TIME_WORDS) and _WORDY.fullmatch(rest) is not None


def markup_posts(page: LexborHTMLParser, read_time: TimeReader, budget: WorkBudget) -> tuple[list[RawPost], MarkupTree | None]:
    """The posts the page's markup holds (and the indexed body, for reading an article)."""
    if page.body is None:
        return [], None
    tree = MarkupTree(page.body, budget)
    posts = [_markup_post(tree, *found) for found in _containers(tree, read_time)]
    return posts, tree


def _anchors(tree: MarkupTree, read_time: TimeReader) -> list[tuple[int, dt.datetime, bool]]:
    """(element, time, is_update) for every machine-readable time in the body."""
    found = []
    for i, node in enumerate(tree.nodes):
        attributes = node.attributes
        if not attributes:
            continue
        for name, value in attributes.items():
            if name == "datetime" or _is_time_attribute(name):
                when = read_time(value)
                if when is not None:
                    context = name if name != "datetime" else tree.text(i)
                    found.append((i, when, bool(_UPDATED.search(context))))
                    break
    return found


def _containers(tree: MarkupTree, read_time: TimeReader) -> list[Container]:
    """Post elements: around each post time the largest element holding no other post time;
    of those, the siblings (one list of posts) holding the most paragraph text."""
    every = _anchors(tree, read_time)
    size = len(tree)
    is_anchor = [False] * size
    for i, _, is_update in every:
        is_anchor[i] = is_anchor[i] or not is_update
    # A time inside an element that carries a post time itself (data-post-time) is the same post's.
    nested = [False] * size
    for i in range(size):
        up = tree.up(i)
        nested[i] = up >= 0 and tree.tags[i] not in STOP_TAGS and (nested[up] or is_anchor[up])
    anchors = [(i, when) for i, when, is_update in every if not is_update and not nested[i] and tree.tags[i] not in STOP_TAGS]
    updates = [(i, when) for i, when, is_update in every if is_update]
    # How many post times each element holds, counted up from the times in one pass.
    counts = [0] * size
    for i, _ in anchors:
        counts[i] += 1
    for i in range(size - 1, 0, -1):
        up = tree.up(i)
        if up >= 0 and tree.tags[i] not in STOP_TAGS:
            counts[up] += counts[i]
    groups: dict[int, list[tuple[int, int, dt.datetime]]] = {}
    for anchor, when in anchors:
        # Up while the element holds this time only; those elements belong to this time
        # alone, so all these walks together visit each element at most once.
        container = anchor
        while (up := tree.up(container)) >= 0 and counts[up] == 1:
            container = up
        if tree.parent[container] >= 0:
            groups.setdefault(tree.parent[container], []).append((container, anchor, when))
    best: list[tuple[int, int, dt.datetime]] = []
    best_text = 0
    for members in groups.values():
        if len(members) < 2:
            continue
        text = sum(len(tree.text(p)) for container, _, _ in members for p in tree.of_tags(container, _P))
        if text > best_text:
            best, best_text = members, text
    if not best:
        return []
    # The post (if any) around each element, passed down from the posts in one pass.
    post_of = [-1] * size
    for number, (container, _, _) in enumerate(best):
        post_of[container] = number
    for i in range(size):
        up = tree.up(i)
        if post_of[i] < 0 and up >= 0 and tree.tags[i] not in STOP_TAGS:
            post_of[i] = post_of[up]
    inner: list[list[dt.datetime]] = [[] for _ in best]
    for i, when in updates:
        if tree.tags[i] not in STOP_TAGS and post_of[i] >= 0:
            inner[post_of[i]].append(when)
    result = []
    for (container, anchor, when), times in zip(best, inner, strict=True):
        attributes = tree.nodes[container].attributes or {}
        modified = next((read_time(v) for k, v in attributes.items() if _UPDATED.search(k) and read_time(v)), None)
        updated = max([t for t in [*times, modified] if t and t > when], default=None)
        result.append((container, anchor, when, updated))
    return result


def _markup_post(tree: MarkupTree, container: int, anchor: int, when: dt.datetime | None, updated: dt.datetime | None) -> RawPost:
    skipped = tree.between(container, _SKIP_INSIDE)
    skipped_but_header = tree.between(container, _SKIP_BUT_HEADER)
    headline = None
    for i in tree.of_tags(container, _HEADINGS):
        if not skipped_but_header[i - container] and (text := clean(tree.text(i))):
            headline = text
            break
    has_p = tree.contains_tag(_P)
    paragraphs = []
    for i in tree.of_tags(container, _PARAGRAPHS):
        if skipped[i - container]:
            continue
        if tree.tags[i] in ("blockquote", "li") and has_p[i]:
            continue  # its paragraphs are read one by one
        text = clean(tree.text(i))
        if text:
            paragraphs.append(text)
    attributes = tree.nodes[container].attributes or {}
    key = post_key(attributes.get("id") or attributes.get("data-id") or attributes.get("data-post-id"))
    author, role = _author(tree, container, anchor)
    return RawPost(key, when, updated, headline, author, paragraphs, role)


def _author(tree: MarkupTree, container: int, anchor: int) -> tuple[str | None, str | None]:
    """The post's (byline, role): a marked-up author, else a name standing alone near the
    post's time (outside the text), searched from the time outwards to the whole post."""
    in_text = _in_text(tree, container)
    for byline in tree.within(tree.matching(_BYLINE_SELECTOR), container):
        if in_text[byline - container]:
            continue
        tree.visit(tree.end[byline] - byline)
        short = [i for i in range(byline, tree.end[byline]) if tree.childless[i] and tree.text_size[i] <= _MAX_NAME_TEXT]
        leaves = [clean(tree.text(i)) for i in short]
        leaves = [t for t in leaves if t and len(t) <= _MAX_BYLINE_PART]
        name = next((t for t in leaves if _NAME.match(_BY.sub("", t))), None)
        if name:
            role = next((t for t in leaves if t != name and not _NAME.match(t)), None)
            return _BY.sub("", name), role
    if anchor == container:
        anchor = next(iter(tree.of_tags(container, _TIME)), container)
    holds_block = tree.contains_tag(_BLOCKS)
    level, searched = anchor, -1
    while True:
        # The level's elements in document order; those inside the level below were
        # searched there already (and what fails there fails here: the test is the same).
        if searched < 0:
            spans = [range(level, tree.end[level])]
        else:
            spans = [range(level, searched), range(tree.end[searched], tree.end[level])]
        tree.visit(sum(len(span) for span in spans))
        for i in itertools.chain(*spans):
            if tree.tags[i] not in _NAME_HOLDERS or tree.tags[i] in _BLOCKS or holds_block[i] or in_text[i - container]:
                continue
            if tree.text_size[i] > _MAX_NAME_TEXT:
                continue
            text = clean(tree.text(i))
            if _NAME.match(text):
                return text, None
        if level == container or tree.parent[level] < 0:
            return None, None
        level, searched = tree.parent[level], level


def _in_text(tree: MarkupTree, container: int) -> list[bool]:
    """For each element of the post (from the container): whether it is part of the post's prose."""
    end = tree.end[container]
    flags = [False] * (end - container)
    for i in range(container + 1, end):
        flags[i - container] = tree.tags[i] in _TEXT or flags[tree.parent[i] - container]
    return flags


def article_paragraphs(page: LexborHTMLParser, body: MarkupTree | None, budget: WorkBudget) -> list[str]:
    """An article's text: the <p>s of its <article> (or of the body), furniture left out."""
    root = page.css_first("article") or page.body
    if root is None:
        return []
    tree, top = body, body.at.get(root.mem_id) if body is not None else None
    if tree is None or top is None:
        tree, top = MarkupTree(root, budget), 0
    skipped = tree.between(top, _SKIP_INSIDE)
    return [t for i in tree.of_tags(top, _P) if i != top and not skipped[i - top] and (t := clean(tree.text(i)))]
