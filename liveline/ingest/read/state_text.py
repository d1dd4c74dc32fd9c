"""A post's fields in a page's embedded state, read as text: its rich text as lines, each
with what its block's type says it is (a headline, a byline, a time, plain text), and its
headline and author in the shapes CMSs keep them: a header's heading block, a contributor
object, a byline string, {"rendered": ...}. Values may be of any type: what cannot be read
as text is passed over. Every value visited is charged to the page's WorkBudget, and rich
text is walked without recursion, only so deep.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from liveline.ingest.read.json_ld import body_paragraphs
from liveline.ingest.read.markup_tree import WorkBudget
from liveline.ingest.read.post_markup import take_byline
from liveline.ingest.read.raw_post import clean
from liveline.ingest.read.script_json import MAX_DEPTH, MEMBER_WORK, VALUE_WORK, Json
from liveline.timeline.errors import LivelineError

Resolve = Callable[[Json], Json]  # follows a reference ({"__ref": "Author:5"}) to what it names
# Authors read per post: a byline names a few people; a list of thousands is not a byline.
MAX_AUTHORS = 10


def _ranked(*keys: str) -> dict[str, int]:
    return {key: rank for rank, key in enumerate(keys)}


# Field names, compared lower case without "_" and "-" (publishedAt, published_at, PUBLISHED-AT).
# A post's text: the first of these fields that gives paragraphs (a teaser's description last).
_TEXT_KEYS = _ranked("body", "bodyhtml", "bodytext", "postbody", "content", "contenthtml", "contentelements",
                     "contentblocks", "richtext", "html", "text", "blocks", "elements", "blockelements", "articlebody",
                     "message", "paragraphs", "description", "summary")
# In rich text, the one field of a block that holds its text, first found wins: a block often
# gives the same text twice ({"html": "<p>Hi</p>", "text": "Hi"}).
_BLOCK_KEYS = ("html", "bodyhtml", "content", "text", "value", "rendered", "body", "children", "blocks", "elements",
               "contentelements", "items", "nodes", "paragraphs", "model", "data")
_RUN_KEYS = ("children", "content", "nodes")  # where a paragraph keeps its inline pieces
_RUN_TEXT = ("text", "value")
_INLINE_TYPES = frozenset({"text", "span", "link", "hyperlink", "entryhyperlink", "a", "strong", "em", "b", "i", "u",
                           "bold", "italic", "mark", "code", "inline"})
_TYPE_KEYS = ("nodeType", "type", "_type")
# A post's headline: the first of these fields that gives a line; a header block last, as it
# may hold more than the headline (a kicker, a byline, a time).
_HEADLINE_KEYS = ("headline", "headlines", "title", "heading", "hed", "posttitle", "summarytitle", "header")
# Where a headline's or a name's text is: {"rendered": ...} (WordPress), {"basic": ...} (Arc), a header's blocks.
_LINE_KEYS = tuple(dict.fromkeys(("rendered", "basic", "text", "title", "headline", "heading", "name", *_BLOCK_KEYS)))
_AUTHOR_KEYS = ("author", "authors", "byline", "bylines", "authorname", "contributor", "contributors", "creator",
                "creators", "credits", "writer", "writers", "postedby")
_PERSON_NAME_KEYS = ("name", "displayname", "fullname", "byline", "title", "webtitle")
_PERSON_ROLE_KEYS = ("jobtitle", "role", "job", "position", "title", "description")
# What a block's type (normalised: "headerHeading", "post-title", "contributor") says it holds. A
# sub-heading inside a post's text is not its headline.
_HEADLINE_TYPE = re.compile(r"(?<!sub)(?:headline|heading|title)|^h[1-6]$")
_BYLINE_TYPE = re.compile(r"byline|contributor|author|creator|writer")
# A time or date shown beside the text ("10:32", "Posted 2 hours ago"): structure, never a paragraph or a headline.
_STAMP_TYPE = re.compile(r"^(?:time(?:stamp)?|date(?:time|line|stamp)?|lastupdated)$")
_PLAIN, _HEAD, _BY, _STAMP = "", "headline", "byline", "stamp"
# A headline is a line (two of a phone's screen at most), and a name or a role a short one (as
# the markup's bylines are held to in post_markup.py): longer text under such a key is a
# summary, a bio or a sentence.
MAX_HEADLINE = 300
MAX_NAME = 120
MAX_ROLE = 80


def normal(key: str) -> str:
    """A field name as compared: lower case without "_" and "-" (publishedAt, published_at, PUBLISHED-AT)."""
    return key.lower().replace("_", "").replace("-", "")


@dataclass(frozen=True)
class PostText:
    headline: str | None
    author: str | None
    role: str | None
    paragraphs: list[str]


def post_text(fields: dict[str, Json], resolve: Resolve, budget: WorkBudget, label: str) -> PostText | None:
    """A post object's text (`fields` keyed by normal()), or None when it has no paragraphs. The
    headline and byline are the post's structure: a text that opens with a block typed as its
    headline, or holds byline blocks, or repeats them, gives its paragraphs without them."""
    # The first text field that gives paragraphs: a "body" may hold only an editor's settings.
    named = sorted((_TEXT_KEYS[k], k) for k in fields if k in _TEXT_KEYS)
    texts = (_lines(fields[k], resolve, budget, label) for _, k in named if _has_text(fields[k]))
    lines = next((found for found in texts if any(kind != _STAMP for kind, _ in found)), None)
    if lines is None:
        return None
    headline, header_bylines = _headline(fields, resolve, budget, label)
    author, role = _author(fields, resolve, budget, label)
    if author is None:
        author, role = _byline([*header_bylines, *(text for kind, text in lines if kind == _BY)])
    kept = [(kind, text) for kind, text in lines if kind not in (_BY, _STAMP)]
    paragraphs = [text for _, text in kept]
    if headline is None and len(kept) > 1 and kept[0][0] == _HEAD:
        headline = paragraphs[0]  # the text opens with a block typed as its headline
    # The text repeats what the post has as structure (its headline, its byline) only when it has more.
    paragraphs = [text for text in paragraphs if not _repeats(text, headline, author)] or paragraphs
    return PostText(headline, author, role, paragraphs) if paragraphs else None  # not a post: only a byline


def _has_text(value: Json) -> bool:
    return bool(value.strip()) if isinstance(value, str) else isinstance(value, list | dict) and bool(value)


def _headline(fields: dict[str, Json], resolve: Resolve, budget: WorkBudget, label: str) -> tuple[str | None, list[str]]:
    """(the post's headline, the byline lines its header holds) from a string, {"rendered": ...}, or a
    header's blocks, where a block typed as a headline wins over the header's other lines."""
    bylines: list[str] = []
    for key in _HEADLINE_KEYS:
        if not isinstance(fields.get(key), str | dict):  # a list of strings is no headline
            continue
        lines = _lines(fields[key], resolve, budget, label, _LINE_KEYS)
        bylines += [text for kind, text in lines if kind == _BY]
        heads = [text for kind, text in lines if kind == _HEAD] or [text for kind, text in lines if kind == _PLAIN]
        if heads and len(heads[0]) <= MAX_HEADLINE:
            return heads[0], bylines
    return None, bylines


def _author(fields: dict[str, Json], resolve: Resolve, budget: WorkBudget, label: str) -> tuple[str | None, str | None]:
    """(the byline, the role of a single author) from a name, a person object, or a list of them."""
    for key in _AUTHOR_KEYS:
        if key not in fields:
            continue
        value = resolve(fields[key])
        if key == "credits" and isinstance(value, dict):
            value = value.get("by")  # Arc: {"by": [{"name": ...}]}
        entries = value[:MAX_AUTHORS] if isinstance(value, list) else [value]
        people = [(name, role) for entry in entries for name, role in [_person(resolve(entry), resolve, budget, label)] if name]
        if people:
            return ", ".join(name for name, _ in people), people[0][1] if len(people) == 1 else None
    return None, None


def _person(entry: Json, resolve: Resolve, budget: WorkBudget, label: str) -> tuple[str | None, str | None]:
    """(name, role) of a name ("Jane Doe", "By Jane Doe, reporter"), a person ({"displayName", "jobTitle"},
    {"firstName", "lastName"}), or a byline block without a name field (its lines: a name, then a role)."""
    if not isinstance(entry, dict):
        return _byline([clean(entry)]) if isinstance(entry, str) else (None, None)
    fields = {normal(k): v for k, v in entry.items()}
    key = next((k for k in _PERSON_NAME_KEYS if _line(fields.get(k), resolve, budget, label)), None)
    given = clean(" ".join(v for k in ("firstname", "lastname") if isinstance(v := fields.get(k), str)))
    if key is None and not given:
        return _byline([text for kind, text in _lines(entry, resolve, budget, label, _LINE_KEYS) if kind != _STAMP][:2])
    name, role = _byline([(_line(fields[key], resolve, budget, label) or "") if key else given])
    roles = (_line(fields.get(k), resolve, budget, label) for k in _PERSON_ROLE_KEYS if k != key)
    return name, role or next((found for found in roles if _is_role(found) and found != name), None)


def _byline(lines: list[str]) -> tuple[str | None, str | None]:
    """(name, role) from a byline's lines: "By Jane Doe, reporter", or a name then a role."""
    if not lines or not lines[0] or len(lines[0]) > MAX_NAME:
        return None, None
    name, role, _ = take_byline(lines[:1])
    if name is None:
        name = lines[0]
    if role is None and len(lines) > 1 and _is_role(lines[1]):
        role = lines[1]
    return name, role


def _is_role(text: str | None) -> bool:
    """A job title ("Sailing reporter"), not a bio: short, and no sentence."""
    return text is not None and 0 < len(text) <= MAX_ROLE and not text.endswith((".", "!", "?"))


def _line(value: Json, resolve: Resolve, budget: WorkBudget, label: str) -> str | None:
    """The first line of a name's or a role's field (a string, or an object holding one)."""
    lines = _lines(value, resolve, budget, label, _LINE_KEYS) if isinstance(value, str | dict) else []
    return lines[0][1] if lines else None


def _repeats(text: str, headline: str | None, author: str | None) -> bool:
    """Whether a paragraph is the post's headline, or its byline ("Jane Doe", "By Jane Doe")."""
    folded = text.casefold()
    named = (take_byline([text])[0] or text).casefold()
    return (headline is not None and folded == headline.casefold()) or (author is not None and named == author.casefold())


def _lines(value: Json, resolve: Resolve, budget: WorkBudget, label: str, keys: tuple[str, ...] = _BLOCK_KEYS) -> list[tuple[str, str]]:
    """The lines of a text field in order, each with what its block's type says it is (a
    headline, a byline, or plain text): a string (HTML or plain), or rich-text blocks whose
    text/html/content strings are the paragraphs and whose inline runs join into one."""
    found: list[tuple[str, str]] = []
    seen: set[int] = set()  # a block that holds itself (by Apollo reference, or in a Nuxt payload) is read once
    stack: list[tuple[Json, int, str]] = [(value, 0, _PLAIN)]
    while stack:
        item, depth, kind = stack.pop()
        if isinstance(item, str):
            found.extend((kind, text) for text in _string_paragraphs(item, budget, label))
            continue
        item = resolve(item)
        if depth > MAX_DEPTH or not isinstance(item, list | dict) or id(item) in seen:
            continue
        seen.add(id(item))
        budget.spend(VALUE_WORK + len(item) * MEMBER_WORK)
        if isinstance(item, list):
            stack.extend((part, depth + 1, kind) for part in reversed(item))
            continue
        kind = _block_kind(item) or kind
        run = _run(item)
        if run is not None:
            if clean(run):
                found.append((kind, clean(run)))
            continue
        fields = {normal(k): v for k, v in item.items() if isinstance(k, str)}
        text = next((fields[k] for k in keys if _has_text(fields.get(k))), None)
        if text is not None:
            stack.append((text, depth + 1, kind))
    return found


def _block_kind(block: dict[str, Json]) -> str | None:
    kind = normal(next((block[k] for k in _TYPE_KEYS if isinstance(block.get(k), str)), ""))
    if _BYLINE_TYPE.search(kind):
        return _BY
    return _HEAD if _HEADLINE_TYPE.search(kind) else _STAMP if _STAMP_TYPE.match(kind) else None


def _string_paragraphs(text: str, budget: WorkBudget, label: str) -> list[str]:
    budget.spend(len(text) + VALUE_WORK)
    try:
        return body_paragraphs(text, label)
    except LivelineError:
        return []  # HTML nested too deeply to parse (check_nesting): this text is not read


def _run(block: dict[str, Json]) -> str | None:
    """A paragraph's text when the block is one run of inline pieces (Portable Text's spans,
    Slate's leaves, Contentful's text nodes, a link holding some), else None."""
    pieces = next((block[k] for k in _RUN_KEYS if isinstance(block.get(k), list)), None)
    if not pieces:
        return None
    texts = []
    for piece in pieces:
        text = _leaf(piece)
        if text is None and isinstance(piece, dict) and _inline_type(piece):
            inner: list[Json] = next((piece[k] for k in _RUN_KEYS if isinstance(piece.get(k), list)), [])
            parts = [_leaf(part) for part in inner]
            text = "".join(p for p in parts if p is not None) if all(p is not None for p in parts) else None
        if text is None:
            return None
        texts.append(text)
    return "".join(texts)


def _leaf(piece: Json) -> str | None:
    """The text of an inline piece holding no other: {"text": "Hi", "marks": [...]}."""
    if not isinstance(piece, dict) or any(isinstance(piece.get(k), list) for k in _RUN_KEYS):
        return None
    return next((piece[k] for k in _RUN_TEXT if isinstance(piece.get(k), str)), None)


def _inline_type(piece: dict[str, Json]) -> bool:
    kind = next((piece[k] for k in _TYPE_KEYS if isinstance(piece.get(k), str)), "")
    return normal(kind) in _INLINE_TYPES
