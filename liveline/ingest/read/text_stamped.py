"""Posts a page marks with a time written in text rather than a machine-readable one: a
block opening with "16.25", a heading "11.04 Uhr: ...", "21:06 (IST) ...", each post
running to the next stamp when the page has no wrapper element; day headers between
them give the posts' days. Also posts in repeated sibling blocks that carry no time.

What a reader sees is what is read: the opening words of every block (a few text pieces,
gathered for all elements in one pass over the page's text), a time stamp there
(wall_time.stamp_at_start), and the same rule for posts as for machine times
(post_markup.post_containers): around each stamp the largest element holding no other,
the siblings holding the most prose. Where those elements are lines (a bold time and a
sentence, a stamped heading) rather than wrappers, a post runs on over the sibling blocks
that follow it, to the next stamp, day header or the end of the feed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from weakref import WeakKeyDictionary

from liveline.ingest.read.day_headers import feed_day_headers
from liveline.ingest.read.footer_stamps import entry_footer
from liveline.ingest.read.four_digits import MIN_POST_PROSE, MIN_REPEATED, FourDigits, four_digit_at_start, four_digit_stamps
from liveline.ingest.read.key_events import flagged_post
from liveline.ingest.read.listed_times import TextStamp, listed_stamps
from liveline.ingest.read.markup_tree import FURNITURE_TAGS, MarkupTree
from liveline.ingest.read.post_markup import (
    Member,
    anchor_counts,
    byline_of,
    post_author,
    post_containers,
    take_byline,
    without_stamp,
    written_as_stamp,
)
from liveline.ingest.read.raw_post import RawPost, clean, credit_line, post_key, split_credit
from liveline.ingest.read.stamp_lines import stamped_lines
from liveline.ingest.read.wall_time import dated_stamp_at_start, stamp_at_start, without_decoration

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARAGRAPHS = frozenset({"p", "li", "blockquote"})
_SEPARATORS = " :-–—|"  # between a stamp and the words after it
_CELLS = frozenset({"td", "th", "dd", "dt"})  # a line of text when no paragraph is inside
_P = frozenset({"p"})
# Blocks whose text a stamp may open (a post's line, its wrapper, a list item).
_BLOCKS = _HEADINGS | _PARAGRAPHS | frozenset({"div", "section", "article", "dd", "dt", "td", "main"})
_HOLDS_BLOCKS = _BLOCKS | frozenset({"ul", "ol", "table"})
# Page furniture, never a post's or a stamp's place; a <header> only outside a post (below).
_SKIP = FURNITURE_TAGS
_POST_LIKE = frozenset({"article", "li"})  # a <header> inside one of these is the post's own
# ... or inside a block of which the page has MIN_REPEATED side by side (the site's own
# header is one of a kind; a feed of two posts is rare, of three common).

# The opening of an element's text searched for a stamp: longer than any stamp with its
# zone and separator ("[10.32 p.m. BST]:", "Posted at 21:06 (IST)"), and at most a few
# pieces of text, so gathering it is a bounded step for every element.
LEAD_CHARS = 60
LEAD_PIECES = 4
# A loose block of text (a <div> with no paragraphs inside) is a paragraph when at least
# this long; shorter ones are labels ("Advertisement", "Share", "Read more").
MIN_LOOSE_TEXT = 40
# A feed whose blocks between stamps hold this share of its prose runs on past each stamped
# block even where the stamped blocks are wrappers (each paragraph wrapped in a <div>).
FOLLOWER_SHARE = 0.25
# Repeated blocks without times: at least this many make a feed (two are a pair of boxes),
# each with MIN_POST_PROSE of its own (not in links: a teaser is a link with a line).
MIN_UNTIMED_POSTS = 3

# A stamp that says when a post was changed, not when it was posted.
_UPDATE = re.compile(r"^\W*(?:updated?|last updated|aktualisiert|mis à jour|mise à jour|actualizado|aggiornato|bijgewerkt|zaktualizowano)\b", re.I)
# Where a sentence inside a paragraph may open with a time (confirmed by stamp_at_start).
_RUN_IN = re.compile(r"[.!?…]\s+(?=\[?\d{1,2}[:.]\d{2})")
_HOUR_ONLY = re.compile(r"[0-9]{1,2}\s?h(?:eures?)?\.?$", re.I)
_UPDATE_LINE = re.compile(_UPDATE.pattern + r".{0,40}\d", re.I)
# Class names of a feed's post blocks; a reader's comments are not the page's posts.
_POST_CLASS = re.compile(r"post|entry|update|event|tick|message|commentary", re.I)
_COMMENTS = re.compile(r"comment(?!ary)", re.I)
_BYLINE_CLASS = re.compile(r"byline|author|contributor", re.I)
_ARTICLE_PART = re.compile(r"section|chapter|paragraph|text|body|content|prose|part\b", re.I)


class _Page:
    """What both readings ask of the body, each answered for every element in one pass."""

    def __init__(self, tree: MarkupTree) -> None:
        self.tree = tree
        size = len(tree)
        tree.visit(size * 2)
        tags, parent = tree.tags, tree.parent
        self.skipped = [False] * size
        # A block repeated beside its like (same tag and class) is a feed's post, whatever
        # its tag: a <header> inside one holds the post's time, not the site's logo.
        kinds = [(parent[i], tags[i], (tree.nodes[i].attributes or {}).get("class") or "") for i in range(size)]
        siblings = Counter(kinds)
        post_like = [False] * size
        for i in range(size):
            up = parent[i]
            post_like[i] = up >= 0 and (post_like[up] or tags[up] in _POST_LIKE or siblings[kinds[up]] >= MIN_REPEATED)
            furniture = tags[i] in _SKIP and not (tags[i] == "header" and post_like[i])
            self.skipped[i] = furniture or (up >= 0 and self.skipped[up])
        # Prose: text neither in a link nor in furniture, summed up from each element's own text.
        own = list(tree.text_size)
        for i in range(1, size):
            own[parent[i]] -= tree.text_size[i]
        self.prose = [0] * size
        self.linked = [0] * size
        for i in range(size - 1, -1, -1):
            if tags[i] == "a":
                self.linked[i] = tree.text_size[i]
            if tags[i] == "a" or self.skipped[i]:
                self.prose[i] = 0
            else:
                self.prose[i] += own[i]
            if i > 0:
                self.prose[parent[i]] += self.prose[i]
                self.linked[parent[i]] += self.linked[i]
        self.has_block = tree.contains_tag(_HOLDS_BLOCKS)
        self.has_paragraph = tree.contains_tag(_PARAGRAPHS)
        self.has_p = tree.contains_tag(_P)

    def read(
        self, roots: list[int], stamp: tuple[int, str], headers: frozenset[int] = frozenset(), *, loose: bool = False, anchor: int = -1
    ) -> tuple[str | None, list[str], tuple[str, str | None] | None]:
        """(headline, paragraphs, byline) of a post made of `roots` (its element and the
        blocks that follow it); `stamp` is the block its stamp opens (read without the stamp)
        and the stamp as written, `anchor` the element holding the stamp's text; the byline is
        a line the page marks as one ("Anna Keller, economics editor")."""
        tree, items = self.tree, list[tuple[bool, str]]()
        stamped, written = stamp
        # A post block (<li>) opening with its stamp in an element of its own, then a heading
        # and paragraphs: its lines are read one by one, not run together as one text.
        boxed = (
            stamped >= 0 and anchor not in (-1, stamped) and self.has_block[stamped]
            and tree.text_size[anchor] <= LEAD_CHARS and written.startswith(clean(tree.text(anchor)))
        )
        byline = None
        for root in roots:
            end = tree.end[root]
            tree.visit(end - root)
            i = root
            tails: list[tuple[int, str]] = []  # quoted blocks' text after their paragraphs, where each ends
            while i < end:
                while tails and i >= tails[-1][0]:
                    items.append((False, tails.pop()[1]))
                tag = tree.tags[i]
                if self.skipped[i] or i in headers:
                    i = tree.end[i]
                    continue
                line = None
                if tag == "blockquote" and self.has_p[i] and i != stamped and (credit := credit_line(clean(tree.loose_text(i, self.has_p)))):
                    # A quoted post's credit line after its paragraphs is a paragraph of its
                    # own (post_markup reads quotes the same way).
                    tails.append((tree.end[i], credit))
                if i == stamped and boxed:
                    i += 1
                    continue
                if i == stamped and (tag in _HEADINGS or tag in _PARAGRAPHS or not self.has_block[i]):
                    if tag in _HEADINGS or tag in _PARAGRAPHS or i == root:
                        text = clean(tree.text(i))
                        line = without_decoration(written, text[len(written):].lstrip(_SEPARATORS)) if written and text.startswith(written) else text
                    else:
                        line = ""  # the stamp's own box (time, byline): not the post's words
                elif (tag in _HEADINGS and not self.has_paragraph[i]) or tag == "p" or (tag in _PARAGRAPHS | _CELLS and not self.has_p[i]):
                    line = clean(tree.text(i))
                elif loose and i == root and not self.has_block[i] and self.prose[i] >= MIN_LOOSE_TEXT:
                    line = clean(tree.text(i))
                if line is None:
                    i += 1
                    continue
                # A line all links is a share or "read more" bar, but a heading opening the post
                # is its headline, often a link to the post's own permalink (teasers never get
                # here: the untimed reader refuses blocks headed by a link).
                heads = tag in _HEADINGS and not items
                marked = _BYLINE_CLASS.search((tree.nodes[i].attributes or {}).get("class") or "")
                if marked and byline is None and line and (named := byline_of(line)):
                    byline = named
                elif line and (self.prose[i] or heads) and not (len(line) <= LEAD_CHARS and _UPDATE_LINE.match(line)):
                    items += [(tag in _HEADINGS, part) for part in (split_credit(line) if tag == "blockquote" else [line])]
                i = tree.end[i]
            items += [(False, tail) for _, tail in reversed(tails)]
        headline = without_stamp(items[0][1]) if items and items[0][0] else None
        return headline, [text for _, text in items[1 if headline else 0:]], byline


# Both readings of one page share what is asked of its body (asked once, charged once).
_PAGES: WeakKeyDictionary[MarkupTree, _Page] = WeakKeyDictionary()


def _page(tree: MarkupTree) -> _Page:
    if tree not in _PAGES:
        _PAGES[tree] = _Page(tree)
    return _PAGES[tree]


def _leads(page: _Page) -> tuple[list[list[str]], list[int]]:
    """For every element, the first pieces of its text (up to LEAD_CHARS / LEAD_PIECES) and
    the element holding the first piece (-1: no text), from one walk over the text.

    An element's pieces are its first few text nodes, so once an element has all it takes,
    every element above it does too: each walk up stops there, and the walks together take
    at most LEAD_PIECES steps per element.
    """
    tree = page.tree
    size = len(tree)
    pieces: list[list[str]] = [[] for _ in range(size)]
    first = [-1] * size
    length = [0] * size
    full = [False] * size
    steps = 0
    for node in tree.nodes[0].traverse(include_text=True):
        if node.tag != "-text":
            continue
        above = node.parent
        holder = tree.at.get(above.mem_id, -1) if above is not None else -1
        if holder < 0 or full[holder] or page.skipped[holder]:
            continue
        text = node.text_content or ""
        tree.budget.spend(len(text))
        piece = " ".join(text.split())[:LEAD_CHARS]
        if not piece:
            continue
        i = holder
        while i >= 0 and not full[i]:
            if first[i] < 0:
                first[i] = holder
            pieces[i].append(piece)
            length[i] += len(piece) + 1
            full[i] = length[i] >= LEAD_CHARS or len(pieces[i]) >= LEAD_PIECES
            i = tree.parent[i]
            steps += 1
    tree.visit(steps)
    return pieces, first


def _stamps(page: _Page) -> list[TextStamp]:
    """(anchor, stamped block or -1, the stamp, the stamp as written, the date without a
    year written before the time) for every post stamp opening a block's text (or standing
    alone in its own element), in document order."""
    tree = page.tree
    pieces, first = _leads(page)
    found: list[TextStamp] = []
    fours: list[tuple[int, int, FourDigits]] = []  # kept apart until the page shows they are times
    for holder in range(len(tree)):
        if first[holder] != holder:
            continue
        # The lowest block this text opens; each element is on one such walk at most.
        block, i = -1, holder
        while i >= 0 and first[i] == holder:
            if tree.tags[i] in _BLOCKS:
                block = i
                break
            i = tree.parent[i]
        lead = " ".join(pieces[block if block >= 0 else holder])
        opening = dated_stamp_at_start(pieces[holder][0])
        alone = opening is not None and not opening[2].strip()  # the stamp fills its element or line
        # The whole opening first (a zone in the next element: "21:06 <span>(IST)</span>", a
        # date and a time in two: "<span>05 novembre 2024</span> <span>15:30</span>"), else
        # the time alone in its own element ("<b>16.25</b> Polls close").
        stamp = dated_stamp_at_start(lead) or (opening if alone else None)
        if stamp is None:
            four = four_digit_at_start(pieces[holder][0])
            if four is not None and (block >= 0 or (not four.rest and tree.text_size[holder] <= LEAD_CHARS and len(pieces[holder]) == 1)):
                fours.append((holder, block, four))
            continue
        wall, partial, rest = stamp
        written = lead[: len(lead) - len(rest)] if stamp is not opening and lead.endswith(rest) else pieces[holder][0]
        if _UPDATE.match(written):
            continue
        if block < 0:
            if not (alone and tree.text_size[holder] <= LEAD_CHARS and len(pieces[holder]) == 1):
                continue
            if found and (last := found[-1])[1] >= 0 and holder < tree.end[last[1]] and last[3].endswith(written.strip()):
                continue  # the time after a date in its own element: read with the date, one stamp
        elif not (alone or tree.tags[block] in _HEADINGS or written_as_stamp(written)):
            continue
        found.append((holder, block, wall, written.strip(), partial))
    # An hour alone ("13h.", "10 heures.") is a stamp in a run of stamps with minutes, the
    # hours a ticker writes when the minute is round (no more than half its stamps); a page
    # of mostly bare hours is as likely a column of "2h." labels (two hours ago) or durations.
    hours = [stamp for stamp in found if _HOUR_ONLY.match(stamp[2].text)]
    if hours and len(hours) * 2 > len(found):
        found = [stamp for stamp in found if not _HOUR_ONLY.match(stamp[2].text)]
    return sorted(found + four_digit_stamps(tree, page.prose, fours, pieces), key=lambda stamp: stamp[0])


def stamped_posts(tree: MarkupTree | None) -> tuple[list[RawPost], int]:
    """Posts opened by text time stamps (each with `wall`, and `day` under a day header), and
    how many text time stamps the page shows in all (posts far fewer than stamps is a warning)."""
    if tree is None or len(tree) == 0:
        return [], 0
    page = _page(tree)
    stamps = _stamps(page)
    seen = len(stamps) + _run_in_stamps(page)  # a list's times too: the page shows them
    listed = listed_stamps(tree, page.skipped, page.has_block, stamps)  # the times of a list in a post
    stamps = [stamp for stamp in stamps if stamp[0] not in listed]
    anchors = [anchor for anchor, _, _, _, _ in stamps]
    counts = anchor_counts(tree, anchors)

    def followers(container: int, containers: set[int], headers: frozenset[int], holds_header: list[bool]) -> list[int]:
        """The sibling blocks after a stamped block, up to the next one (or a day header)."""
        found, i, end = [], tree.end[container], tree.end[tree.parent[container]]
        while i < end and i not in containers and i not in headers and not holds_header[i]:
            if counts[i] == 0 and not page.skipped[i]:
                found.append(i)
            i = tree.end[i]
        return found

    no_headers: list[bool] = [False] * len(tree)

    def prose(members: list[Member]) -> int:
        containers = {container for container, _ in members}
        return sum(page.prose[i] for c, _ in members for i in [c, *followers(c, containers, frozenset(), no_headers)])

    members = post_containers(tree, anchors, prose, counts=counts, cousins=True)
    if not members:
        return [], seen
    containers = {container for container, _ in members}
    headers, days, holds_header = feed_day_headers(tree, page.skipped, members)
    runs = {c: followers(c, containers, headers, holds_header) for c, _ in members}
    lines = sum(1 for c, _ in members if not page.has_paragraph[c])
    own = sum(page.prose[c] for c, _ in members)
    after = sum(page.prose[i] for run in runs.values() for i in run)
    flat = lines * 2 > len(members) or after >= FOLLOWER_SHARE * (own + after)
    of_anchor = {anchor: (block, wall, written, partial) for anchor, block, wall, written, partial in stamps}
    header_at = sorted(days)
    lined = stamped_lines(tree, {container: of_anchor[anchor][2] for container, anchor in members}, page.skipped)
    posts = []
    for container, anchor in members:
        block, wall, written_stamp, written_day = of_anchor[anchor]
        roots = [container, *runs[container]] if flat else [container]
        if lined is not None:
            headline, paragraphs, marked = None, lined[container], None
        else:
            headline, paragraphs, marked = page.read(roots, (block, written_stamp), headers, loose=flat, anchor=anchor)
        author, role = marked or ((None, None) if flat else post_author(tree, container, anchor))
        written, written_role, paragraphs = take_byline(paragraphs)
        attributes = tree.nodes[container].attributes or {}
        key = None if flat else post_key(attributes.get("id") or attributes.get("data-id") or attributes.get("data-post-id"))
        above = bisect.bisect_left(header_at, tree.end[container]) - 1
        day = days[header_at[above]] if above >= 0 else written_day
        # The stamped element's own flag or label; blocks running on after it may hold the next post's.
        posts.append(RawPost(key, None, None, headline, author or written, paragraphs, role or written_role, wall=wall, day=day,
                             key_event=flagged_post(tree, container)))
    return posts, seen


def _run_in_stamps(page: _Page) -> int:
    """Stamps opening sentences inside a paragraph ("... at the depot. 07:04 Union leader
    arrives."): posts run together, which the page shows but no block tells apart."""
    tree, count = page.tree, 0
    tree.visit(len(tree))
    for i in range(len(tree)):
        if tree.tags[i] != "p" or page.skipped[i] or tree.text_size[i] <= LEAD_CHARS:
            continue
        text = tree.text(i)
        for match in _RUN_IN.finditer(text):
            piece = text[match.end(): match.end() + LEAD_CHARS]
            found = stamp_at_start(piece)
            if found is not None and written_as_stamp(piece[: len(piece) - len(found[1])]):
                count += 1
    return count


def untimed_posts(tree: MarkupTree | None) -> list[RawPost]:
    """Posts in repeated sibling blocks that carry no time at all (a commentary feed): at
    least MIN_UNTIMED_POSTS siblings of one tag and class, each with paragraphs of its own
    prose, each marked as a post (an id, <article>, a post's class name) or shaped like one
    (a heading, two paragraphs) and not a part of an article (a wrapped paragraph, a
    <section>); of such groups, the most prose."""
    if tree is None or len(tree) == 0:
        return []
    page = _page(tree)
    heading = [-1] * len(tree)  # the first heading inside each element (or itself)
    paragraphs = [0] * len(tree)  # <p>s inside each element
    for i in range(len(tree) - 1, -1, -1):  # children after parents: the first child is seen last
        if tree.tags[i] in _HEADINGS:
            heading[i] = i
        if i > 0:
            paragraphs[tree.parent[i]] += paragraphs[i] + (tree.tags[i] == "p")
            if heading[i] >= 0:
                heading[tree.parent[i]] = heading[i]
    groups: dict[tuple[int, str, str], list[int]] = {}
    for i in range(1, len(tree)):
        if not page.skipped[i] and page.has_p[i]:
            attributes = tree.nodes[i].attributes or {}
            groups.setdefault((tree.parent[i], tree.tags[i], attributes.get("class") or ""), []).append(i)
    best: list[int] = []
    best_prose = 0
    for (_, _, kind), members in groups.items():
        if len(members) < MIN_UNTIMED_POSTS or _COMMENTS.search(kind):
            continue
        posts = [m for m in members if _is_post(page, m, paragraphs[m], heading[m], kind)]
        if len(posts) < MIN_UNTIMED_POSTS or len(posts) * 2 < len(members):
            continue
        prose = sum(page.prose[m] for m in posts)
        if prose > best_prose:
            best, best_prose = posts, prose
    # Entries closed by "Posted by X at 9:22 PM": most of the group, or a line of one kind
    # in an entry's text rather than the feed's way of dating its entries.
    footers = {member: footer for member in best if (footer := entry_footer(tree, member)) is not None}
    if len(footers) * 2 <= len(best):
        footers = {}
    headers, days, _ = feed_day_headers(tree, page.skipped, [(member, member) for member in best]) if footers else (frozenset(), {}, [])
    header_at, found = sorted(days), []
    for member in best:
        footer = footers.get(member)
        skip = headers | {footer[0]} if footer else headers
        headline, texts, marked = page.read([member], (-1, ""), skip)
        author, role = marked or post_author(tree, member, member)
        written, written_role, texts = take_byline(texts)
        key = post_key((tree.nodes[member].attributes or {}).get("id"))
        above = bisect.bisect_left(header_at, tree.end[member]) - 1
        day = days[header_at[above]] if above >= 0 else None
        # The footer names the entry's author plainly; a reading of the entry's markup for a
        # byline may take the footer's own words ("Veröffentlicht von ...") for the name.
        wall, signed = (footer[1], footer[2]) if footer else (None, None)
        found.append(RawPost(key, None, None, headline, signed or author or written, texts, role or written_role, wall=wall, day=day,
                             key_event=flagged_post(tree, member)))
    return found


def _is_post(page: _Page, member: int, paragraphs: int, heading: int, kind: str) -> bool:
    """Whether a repeated block reads as a post: prose of its own, not a teaser (mostly
    link text, or a linked heading), marked as a post (an id, <article>, a post's class) or
    shaped like one and not named as a part of an article."""
    tree = page.tree
    if page.prose[member] < MIN_POST_PROSE or page.linked[member] * 2 > tree.text_size[member]:
        return False
    if heading >= 0 and page.linked[heading] * 2 > tree.text_size[heading]:
        return False
    if (tree.nodes[member].attributes or {}).get("id") or tree.tags[member] == "article" or _POST_CLASS.search(kind):
        return True
    # Else shaped like a post (a heading, or two paragraphs), and not an article's part.
    return (heading >= 0 or paragraphs >= 2) and tree.tags[member] != "section" and not _ARTICLE_PART.search(kind)
