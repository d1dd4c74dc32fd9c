"""Schema.org JSON-LD on a page: the objects it holds, and the posts of a LiveBlogPosting.

JSON-LD is data from a stranger: any value may have any JSON type and blocks may nest to
any depth. So values are read through small typed accessors (a string or nothing, a list
of objects or nothing, a time); a value of the wrong type is ignored and named in one
warning, never a traceback, and nesting is walked without recursion and only so deep.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.nesting import check_nesting
from liveline.ingest.read.raw_post import RawPost, TimeReader, clean, embed_paragraphs, post_key

# The types of a page's own object: a live blog, or an article.
LIVE_TYPES = frozenset({"LiveBlogPosting"})
ARTICLE_TYPES = frozenset({"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Article", "BlogPosting", "ReportageArticle"})

# How deep @graph and lists inside lists are followed. Real pages use two levels (a list
# or @graph of objects); deeper objects are left out, with a warning.
MAX_NESTING = 16

# A tag inside articleBody; `[^<>]*` (not `[^>]*`) so that a body of a million "<p"s
# without a ">" is searched in one pass, not one pass per "<p".
_MARKUP = re.compile(r"<(?:br|p|blockquote|/blockquote|div|li|/p|/div|/li|a\s|/a|strong|/strong|em|/em|b|/b|i|/i|span|/span)\b[^<>]*>", re.I)
_QUOTE_TAGS = re.compile(r"(</?blockquote\b[^<>]*>)", re.I)
_BREAKS = re.compile(r"<br\s*/?>|</?(?:p|div|li|h[1-6]|blockquote)\b[^<>]*>", re.I)


class JsonLd:
    """Every JSON-LD object on a page, and the odd values met while reading them."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.objects: list[dict[str, Any]] = []  # @graph and lists flattened, in page order
        self.odd: set[str] = set()  # fields that held a value of the wrong type
        self.lost = 0  # updates left with nothing to read once those were ignored (set by the page reader)
        self.too_deep = False
        self.by_id: dict[str, dict[str, Any]] = {}  # objects by their @id, for references to them
        for script in tree.css('script[type="application/ld+json"]'):
            try:
                data = json.loads(script.text(deep=True) or "null")
            except ValueError:
                continue  # a broken block: the page's markup may still say it all
            except RecursionError:
                self.too_deep = True  # nested deeper than Python's parser goes
                continue
            self._flatten(data)

    def _flatten(self, data: object) -> None:
        stack: list[tuple[object, int]] = [(data, 0)]
        while stack:
            value, depth = stack.pop()
            if isinstance(value, list | dict) and depth > MAX_NESTING:
                self.too_deep = True
            elif isinstance(value, list):
                stack.extend((item, depth + 1) for item in reversed(value))
            elif isinstance(value, dict):
                self.objects.append(value)
                if isinstance(value.get("@id"), str) and not _is_reference(value):
                    self.by_id.setdefault(value["@id"], value)
                # A page's object may sit inside another (a WebPage's mainEntity): typed
                # objects there are the page's too. Read before the next sibling.
                for key in reversed(_HOLDING_KEYS):
                    held = value.get(key)
                    if isinstance(held, list) or (isinstance(held, dict) and "@type" in held):
                        stack.append((held, depth + 1))

    # Typed accessors -------------------------------------------------------------------------
    def text(self, item: dict[str, Any], key: str) -> str | None:
        """A string, or None (absent, or of another type: noted)."""
        value = item.get(key)
        if value is None or isinstance(value, str):
            return value
        self.odd.add(key)
        return None

    def items(self, item: dict[str, Any], key: str) -> list[dict[str, Any]]:
        """One object or a list of them, as a list; whatever else is there is noted and left out."""
        value = item.get(key)
        if value is None:
            return []
        if isinstance(value, dict):
            return [value]
        if not isinstance(value, list):
            self.odd.add(key)
            return []
        found = [entry for entry in value if isinstance(entry, dict)]
        if len(found) < len(value):
            self.odd.add(key)
        # {"@id": "#post-1"} stands for the object of that id elsewhere in the @graph; one
        # that names nothing on the page says nothing.
        return [self.by_id[entry["@id"]] if _is_reference(entry) and entry["@id"] in self.by_id else entry
                for entry in found if not _is_reference(entry) or entry.get("@id") in self.by_id]

    def when(self, item: dict[str, Any], key: str, read_time: TimeReader) -> dt.datetime | None:
        """A time given as text or epoch seconds/milliseconds, read by `read_time`."""
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return read_time(value)
        self.odd.add(key)
        return None

    def warnings(self, label: str) -> list[str]:
        found = []
        if self.odd:
            lost = f", and left out {self.lost} update(s) with nothing else to read" if self.lost else ""
            found.append(f"{label}: the page's JSON-LD has values of the wrong type ({', '.join(sorted(self.odd))}); ignored them{lost}")
        if self.too_deep:
            found.append(f"{label}: the page's JSON-LD nests deeper than {MAX_NESTING} levels; ignored what is below that")
        return found


# Keys under which JSON-LD holds whole objects of the page (@graph, and a WebPage's main entity).
_HOLDING_KEYS = ("@graph", "mainEntity", "hasPart")


def _is_reference(item: dict[str, Any]) -> bool:
    """An object that is only a pointer to another: {"@id": "..."} (and perhaps its @type)."""
    return isinstance(item.get("@id"), str) and set(item) <= {"@id", "@type"}


def types(item: dict[str, Any]) -> set[str]:
    """The @type names of an object (a name or a list of them; anything else names none)."""
    kind = item.get("@type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def names(value: object) -> list[str]:
    """Names from an author or publisher value: a name, an object with one, or a list of either."""
    entries = value if isinstance(value, list) else [value]
    found = []
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and clean(name):
            found.append(clean(name))
    return found


def id_token(value: object) -> str | None:
    """The part of an update's @id or url that a page also uses as the post element's id."""
    if not isinstance(value, str) or not value:
        return None
    token = value.rsplit("#", 1)[-1] if "#" in value else value.rstrip("/").rsplit("/", 1)[-1]
    return post_key(token)


def body_paragraphs(body: str, label: str) -> list[str]:
    """The paragraphs of an articleBody (plain text, or text with some HTML in it)."""
    body = body or ""
    if not _MARKUP.search(body):
        return _lines(htmllib.unescape(body))
    # Some pages put HTML in articleBody ("...police.<br><br>A man was..."): read it as
    # HTML, a line break or block being a paragraph break.
    check_nesting(f"<body>{_BREAKS.sub(chr(10), body)}</body>", f"{label} (an articleBody in its JSON-LD)")
    paragraphs: list[str] = []
    for markup, quoted in _quotes(body):
        node = LexborHTMLParser(f"<body>{_BREAKS.sub(chr(10), markup)}</body>").body
        lines = _lines(node.text(deep=True, separator="") if node is not None else "")
        paragraphs += embed_paragraphs(lines) if quoted else lines
    return paragraphs


def _lines(text: str) -> list[str]:
    return [p for p in (clean(part) for part in re.split(r"\n\s*\n|\n", text)) if p]


def _quotes(body: str) -> list[tuple[str, bool]]:
    """An articleBody's markup cut at its outermost <blockquote>s: (markup, whether it is a
    quote's). A quoted post keeps its credit line as a paragraph of its own
    (raw_post.embed_paragraphs), so the quote is read apart from the text around it."""
    pieces = _QUOTE_TAGS.split(body)
    segments: list[tuple[str, bool]] = []
    depth, start = 0, 0
    for n in range(1, len(pieces), 2):  # the odd pieces are the tags
        deeper = depth + (-1 if pieces[n].startswith("</") else 1)
        if (depth == 0) != (deeper <= 0):  # into or out of the outermost quote
            segments.append(("".join(pieces[start:n]), depth > 0))
            start = n + 1
        depth = max(deeper, 0)
    segments.append(("".join(pieces[start:]), depth > 0))
    return [(markup, quoted) for markup, quoted in segments if markup.strip()]


def update_posts(ld: JsonLd, updates: list[dict[str, Any]], read_time: TimeReader, label: str) -> tuple[list[RawPost], bool, bool]:
    """Posts from liveBlogUpdate, and whether its times and authors can be trusted."""
    raws = []
    for item in updates:
        authors = names(item.get("author"))
        raws.append(RawPost(
            key=id_token(item.get("@id")) or id_token(item.get("url")),
            published=ld.when(item, "datePublished", read_time),
            updated=ld.when(item, "dateModified", read_time),
            headline=clean(ld.text(item, "headline")) or None,
            author=", ".join(authors) or None,
            paragraphs=body_paragraphs(ld.text(item, "articleBody") or ld.text(item, "text") or "", label),
        ))
    times = {r.published for r in raws if r.published}
    author_lists = {r.author for r in raws}
    # One time for every update (the page's own), or one author list on every update (the
    # page's byline), says nothing about each post.
    times_ok = len(raws) < 2 or len(times) > 1
    # Updates that name no author at all repeat nothing.
    authors_ok = len(raws) < 2 or len(author_lists) > 1 or author_lists == {None}
    if len(raws) >= 2 and len({r.headline for r in raws}) == 1:
        for raw in raws:
            raw.headline = None  # the page's headline on every update
    return raws, times_ok, authors_ok
