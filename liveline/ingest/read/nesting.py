"""How deeply a page's HTML nests, measured before it is parsed.

The HTML parser (lexbor) looks down its stack of open elements at many tags, so its own
time grows with the depth of the page times its size: 20,000 nested <div>s take it
1.5 s, 40,000 take 7 s. Real pages nest a few dozen elements deep (the saved Guardian
page 26, the Mirror 15); browsers stop nesting at 512. So a page deeper than MAX_DEPTH is
refused before it is parsed, in one pass over its tags.

The count follows the HTML rules that close elements without an end tag (a new <p>, <li>,
<td>, a block after an open <p>, an end tag closing what it holds) wherever they apply,
so a sloppy real page is not taken for a deep one; and it follows them only where they
apply, so tricks that keep the parser's stack deep (an end tag the parser ignores, a tag
breaking out of <svg>) do not hide depth from it. It also keeps the parser's list of
open formatting elements: a <b> left open in one paragraph is reopened in the next, so
20,000 paragraphs each leaving a different <b x=N> open make a tree 20,000 deep (and a
440 KB page of them takes the parser's memory past 20 GB).
"""

from __future__ import annotations

import functools
import re

from liveline.timeline.errors import LivelineError

# Deeper than browsers nest (Blink stops at 512), 20 times the real pages above; at this
# depth lexbor parses a 1.7 MB page of the worst shape in about 0.6 s.
MAX_DEPTH = 512

_TAG = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)|<!--|<[!?/]")
_SCOPE = frozenset({"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
                    "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"})
_SPECIAL = _SCOPE | frozenset({
    "address", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button",
    "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption",
    "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "menu", "meta", "nav",
    "noembed", "noframes", "noscript", "ol", "p", "param", "plaintext", "pre", "script", "search", "section",
    "select", "source", "style", "summary", "tbody", "textarea", "tfoot", "thead", "tr", "track", "ul", "wbr", "xmp",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CLOSES_P = _HEADINGS | frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
    "summary", "ul", "pre", "listing", "form", "li", "dd", "dt", "plaintext", "table", "hr", "xmp",
})
_NOT_PUSHED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "image", "input", "keygen", "link", "meta",
                         "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "html", "head", "body"})
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_FOREIGN = frozenset({"svg", "math"})
_BREAKS_OUT = _HEADINGS | frozenset({
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "head", "hr",
    "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
    "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font",
})
_TABLE_PARTS = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("tr",), "tbody": ("tbody", "thead", "tfoot"),
                "thead": ("tbody", "thead", "tfoot"), "tfoot": ("tbody", "thead", "tfoot")}
_TABLE_SCOPE = frozenset({"html", "table", "template"})
_TABLE_ONLY = frozenset({"caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"})
# A <font> with one of these attributes ends an <svg> too.
_FONT_BREAKS_OUT = re.compile(r"\s(?:color|face|size)\s*=", re.I)
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"})
# Elements that start a fresh list of formatting elements inside them.
_MARKERS = frozenset({"applet", "marquee", "object", "td", "th", "caption", "template"})
# Start tags before which the parser does not reopen formatting elements (the blocks that
# close a <p>, table parts, what belongs in <head>); before any other, and before text, it does.
_NO_REOPEN = (_CLOSES_P - {"xmp"}) | _TABLE_ONLY | frozenset({
    "html", "head", "body", "base", "basefont", "bgsound", "link", "meta", "script", "style", "title", "template",
    "textarea", "iframe", "noembed", "noframes", "frameset", "frame", "table",
})
# The parser keeps at most this many identical formatting elements (same tag and attributes) in its list.
_SAME_FORMATTING = 3


@functools.cache
def _categories(name: str) -> tuple[str, ...]:
    """The groups an open element belongs to, each a stack of positions (see _Stack)."""
    groups = [name]
    if name in _FOREIGN:
        groups.append(":foreign")
    if name in _SPECIAL:
        groups.append(":special")
        if name not in ("address", "div", "p", "li"):
            groups.append(":stops li")
        if name not in ("address", "div", "p", "dd", "dt"):
            groups.append(":stops dd")
    if name in _SCOPE:
        groups.append(":scope")
    if name in _SCOPE or name == "button":
        groups.append(":button scope")
    if name in _TABLE_SCOPE:
        groups.append(":table scope")
    if name in ("foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"):
        groups.append(":html inside")
    return tuple(groups)


class _Formatting:
    """An entry in the parser's list of formatting elements (None in that list is a marker)."""

    __slots__ = ("name", "open_at", "gone")

    def __init__(self, name: str) -> None:
        self.name = name
        self.open_at = -1  # its position in the stack while it is open
        self.gone = False  # taken out of the list


class _Stack:
    """The parser's stack of open elements (where the nearest of each name and group is,
    O(1) per question) and its list of formatting elements."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.held: list[_Formatting | None] = []
        self.where: dict[str, list[int]] = {}
        self.formatting: list[_Formatting | None] = []
        # Per stretch of the list after a marker: its live entries by name and by tag-and-attributes.
        self.by_name: list[dict[str, list[_Formatting]]] = [{}]
        self.by_tag: list[dict[str, list[_Formatting]]] = [{}]

    def nearest(self, *keys: str) -> int:
        """The position of the nearest open element of any of these names or groups, or -1."""
        if len(keys) == 1:
            found = self.where.get(keys[0])
            return found[-1] if found else -1
        best = -1
        for key in keys:
            found = self.where.get(key)
            if found and found[-1] > best:
                best = found[-1]
        return best

    def push(self, name: str, entry: _Formatting | None = None) -> None:
        at = len(self.names)
        for key in _categories(name):
            self.where.setdefault(key, []).append(at)
        self.names.append(name)
        self.held.append(entry)
        if entry is not None:
            entry.open_at = at
        if name in _MARKERS:
            self.formatting.append(None)
            self.by_name.append({})
            self.by_tag.append({})

    def pop_to(self, position: int) -> None:
        """Close the element at `position` and everything opened inside it."""
        while len(self.names) > position:
            name = self.names.pop()
            entry = self.held.pop()
            for key in _categories(name):
                self.where[key].pop()
            if entry is not None:
                entry.open_at = -1
            if name in _MARKERS:  # its formatting elements end with it
                while self.formatting and self.formatting.pop() is not None:
                    pass
                if len(self.by_name) > 1:
                    self.by_name.pop()
                    self.by_tag.pop()

    def add_formatting(self, name: str, tag: str) -> None:
        """Open a formatting element and list it; a fourth identical one drops the first."""
        same = [e for e in self.by_tag[-1].get(tag, []) if not e.gone]
        if len(same) >= _SAME_FORMATTING:
            same.pop(0).gone = True
        entry = _Formatting(name)
        self.by_tag[-1][tag] = [*same, entry]
        named = self.by_name[-1].setdefault(name, [])
        named.append(entry)
        self.formatting.append(entry)
        self.push(name, entry)

    def last_formatting(self, name: str) -> _Formatting | None:
        """The latest live list entry of that name since the last marker."""
        named = self.by_name[-1].get(name, [])
        while named and named[-1].gone:
            named.pop()
        return named[-1] if named else None

    def reopen_formatting(self) -> None:
        """Reopen the formatting elements closed since the last one still open (before text and
        inline tags, as the parser does)."""
        if not self.formatting or (last := self.formatting[-1]) is None or (last.open_at >= 0 and not last.gone):
            return  # nothing to reopen: the usual case, answered at once
        start = len(self.formatting)
        while start > 0 and (entry := self.formatting[start - 1]) is not None and (entry.gone or entry.open_at < 0):
            start -= 1
        if start == len(self.formatting):
            return
        tail = [e for e in self.formatting[start:] if e is not None and not e.gone]
        self.formatting[start:] = tail
        for entry in tail:
            self.push(entry.name, entry)


def check_nesting(html: str, label: str) -> None:
    """Refuse (LivelineError) HTML whose elements nest deeper than MAX_DEPTH."""
    if nesting_depth(html, MAX_DEPTH) > MAX_DEPTH:
        raise LivelineError(f"{label}: the page's HTML nests more than {MAX_DEPTH} elements deep; not read")


def nesting_depth(html: str, limit: int) -> int:
    """How deep the parser's stack of open elements gets, counting until it passes `limit`."""
    stack = _Stack()
    names = stack.names
    deepest = 0
    raw_ends: dict[str, re.Pattern[str]] = {}
    position = 0
    search = _TAG.search
    while deepest <= limit and (match := search(html, position)) is not None:
        start, after_name = match.span()
        if start > position and stack.formatting and not _in_foreign(stack):
            stack.reopen_formatting()  # text
            deepest = max(deepest, len(names))
        closing, name = match.groups()
        if name is None and html.startswith("<!--", start):
            position = _comment_end(html, after_name)
            continue
        end = html.find(">", after_name)
        if end < 0:
            break
        position = end + 1
        if name is None:
            continue  # a doctype or another declaration
        name = name.lower()
        if closing:
            _close(stack, name)
            continue
        in_foreign = _in_foreign(stack)
        if name == "font" and in_foreign and not _FONT_BREAKS_OUT.search(html, after_name, end):
            name = ":svg font"  # a <font> without these stays inside the <svg>
        if name in _RAW_TEXT and not in_foreign:
            pattern = raw_ends.setdefault(name, re.compile(rf"</{name}[\t\n\f\r />]", re.I))
            deepest = max(deepest, len(names) + 1)  # open until its end tag
            found = pattern.search(html, position)
            if found is None:
                break
            position = found.end()
            continue
        if name == "plaintext" and not in_foreign:
            break  # the rest of the page is text
        _open(stack, name, html[after_name:end].strip(), html[end - 1] == "/", in_foreign)
        if len(names) > deepest:
            deepest = len(names)
    return deepest


def _comment_end(html: str, start: int) -> int:
    """Where a comment opened just before `start` ends, as the parser reads it ("<!-->" is one)."""
    for abrupt in (">", "->"):
        if html.startswith(abrupt, start):
            return start + len(abrupt)
    ends = [at + len(mark) for mark in ("-->", "--!>") if (at := html.find(mark, start)) >= 0]
    return min(ends, default=len(html))


def _in_foreign(stack: _Stack) -> bool:
    """Inside <svg> or <math>, and not in a part of it that holds HTML again."""
    foreign = stack.where.get(":foreign")
    if not foreign:
        return False
    return foreign[-1] > stack.nearest(":html inside")


def _open(stack: _Stack, name: str, attributes: str, self_closing: bool, in_foreign: bool) -> None:
    """A start tag: close what it implies, then open it (unless it holds nothing)."""
    if in_foreign and name in _BREAKS_OUT:
        stack.pop_to(stack.nearest(":foreign"))  # an HTML tag inside <svg> ends the <svg>
        in_foreign = False
    if not in_foreign and name not in _NO_REOPEN:
        stack.reopen_formatting()
    if name in _NOT_PUSHED or (self_closing and in_foreign):
        return
    if name in _TABLE_ONLY and stack.nearest("table") < 0:
        return  # a cell or row outside a table is dropped
    if name == "select" and (select := stack.nearest("select")) > stack.nearest(":scope"):
        stack.pop_to(select)  # a <select> inside a <select> closes it
        return
    if name == "li" and (li := stack.nearest("li")) > stack.nearest(":stops li"):
        stack.pop_to(li)
    if name in ("dd", "dt") and (item := stack.nearest("dd", "dt")) > stack.nearest(":stops dd"):
        stack.pop_to(item)
    if name in _CLOSES_P and (p := stack.nearest("p")) > stack.nearest(":button scope"):
        stack.pop_to(p)
    if name in _TABLE_PARTS and (part := stack.nearest(*_TABLE_PARTS[name])) > stack.nearest(":table scope"):
        stack.pop_to(part)
    if name in _HEADINGS and stack.names and stack.names[-1] in _HEADINGS:
        stack.pop_to(len(stack.names) - 1)
    if name in ("option", "optgroup") and stack.names and stack.names[-1] == "option":
        stack.pop_to(len(stack.names) - 1)
    if name == "button" and (same := stack.nearest(name)) > stack.nearest(":scope"):
        stack.pop_to(same)  # a second <button> closes the first
    if name in _FORMATTING and not in_foreign:
        if name in ("a", "nobr") and (earlier := stack.last_formatting(name)) is not None:
            _close_formatting(stack, earlier)  # a second <a> closes the first
        stack.add_formatting(name, f"{name} {attributes}")
    else:
        stack.push(name)


def _close(stack: _Stack, name: str) -> None:
    """An end tag: close its element when the parser would (it ignores one it cannot reach)."""
    if name in _FORMATTING and (entry := stack.last_formatting(name)) is not None:
        _close_formatting(stack, entry)
        return
    open_at = stack.nearest(name)
    if open_at < 0:
        return
    if name in _TABLE_PARTS or name in ("table", "caption", "colgroup"):
        reachable = open_at >= stack.nearest(":table scope")
    elif name in _SCOPE:
        reachable = open_at >= stack.nearest(":scope")
    elif name == "li":
        reachable = open_at > stack.nearest(":scope", "ol", "ul")
    elif name == "p":
        reachable = open_at > stack.nearest(":button scope")
    elif name in _SPECIAL:
        reachable = open_at > stack.nearest(":scope")
    else:
        reachable = open_at > stack.nearest(":special")
    if reachable:
        stack.pop_to(open_at)


def _close_formatting(stack: _Stack, entry: _Formatting) -> None:
    """A formatting element's end: out of the list; off the stack when nothing but text-level
    elements were opened inside it (otherwise the parser moves those, and the depth stays)."""
    entry.gone = True
    if entry.open_at >= 0 and entry.open_at > stack.nearest(":special") and entry.open_at >= stack.nearest(":scope"):
        stack.pop_to(entry.open_at)
