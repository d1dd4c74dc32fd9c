"""Which posts a live page flags as its key events, so that a reader catching up on a long
day can see only those (the reader's `K`). Pages say it in a few general ways, and each
is a rule here, never an outlet's template:

1. the post's element says so in its attributes: a class token ("key-event", "is-key-event",
   "block--key-event"), a data attribute's value (data-type="key-event") or name
   (data-key-event="true");
2. a short label in the post's header or info line, outside its prose: an element whose
   whole text is "Key event", "Key update" or "Important" (<mark>KEY EVENT</mark>);
3. a key-events list elsewhere on the page (a container named or headed "Key events",
   made of links) linking to the post: href="...#block-<id>" or data-id="<id>";
4. a post object in the page's embedded state with a true "keyEvent" / "isKeyEvent" flag.

Text copies keep only the words: a line that is exactly "Key event" (rule 5, read by
text_copy.py with `is_key_event_line`).

Every rule reads each element once (one pass over the page, cached per page), so asking
it of every post stays linear in the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from liveline.ingest.read.markup_tree import MarkupTree
from liveline.ingest.read.raw_post import RawPost, clean, post_key

# A class token or one-word attribute value naming a key event: "key-event", "keyEvent",
# "key_event", "is-key-event", "isKeyEvent", or a modifier ending in it ("block--key-event",
# "post-key-event"); never a word that merely holds the letters ("monkey-event") nor the
# plural a key-events list is named with ("live-event-key-events").
_FLAG_TOKEN = re.compile(r"^(?:is|has)?[-_]?key[-_]?event$|[-_]key[-_]?event$", re.I)
# Values of a flag attribute (data-key-event="false") that say the post is not one.
_FALSE_VALUES = frozenset({"false", "0", "no", "off", "null", "undefined"})
# The whole text of a label element. "Important" counts only as a label (rule 2), never as
# a line of a text copy, where it may be a word of the story.
_LABEL = re.compile(r"^(?:key (?:event|update)|important)$", re.I)
_LINE = re.compile(r"^key (?:event|update)$", re.I)
# Labels are a word or two ("Important", "Key update"; "Key events" heading a list): text
# shorter or longer is not read for them (a sentence is never a label).
MIN_LABEL_TEXT = len("important")
MAX_LABEL_TEXT = 20
# Elements a label stands alone in; headings and paragraphs are the post's words.
_LABEL_TAGS = frozenset({"mark", "span", "strong", "b", "em", "i", "small", "label", "div", "abbr", "sup", "a"})
_PROSE = frozenset({"p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"})
# The name (id or class, lower case without "-" and "_") or heading of a key-events list.
_LIST_NAME = "keyevents"
_LIST_HEADING = re.compile(r"^key (?:events|updates)$", re.I)
# A heading names the list it stands over: the list is the first element this many levels
# up from the heading that holds links to posts.
MAX_LIST_CLIMB = 3
# A key-events list is links: at least this share of its text is link text. A part of the
# page that holds posts (their prose, and each post's permalink) is never taken for one.
MIN_LINKED_SHARE = 0.5
# Attributes a list's entry names its post by (Mirror's <a data-id="751101">).
_ID_ATTRIBUTES = ("data-id", "data-post-id", "data-block-id", "data-entry-id")


def is_flag_token(token: str) -> bool:
    """Whether a class token or a one-word attribute value names a key event (rule 1)."""
    return _FLAG_TOKEN.search(token) is not None


def flags_element(attributes: Mapping[str, str | None]) -> bool:
    """Whether an element's attributes flag it as a key event (rule 1): a class token, a
    data attribute whose one-word value names one (data-type="key-event"), or one whose
    name does (data-key-event) with any value but a false one."""
    for name, value in attributes.items():
        if "event" not in name and "event" not in (value or "").lower():
            continue  # most attributes of a page: not worth a pattern each
        if name == "class":
            if any(is_flag_token(token) for token in (value or "").split()):
                return True
        elif name.startswith("data-"):
            if is_flag_token(name[5:]):
                if (value or "").strip().lower() not in _FALSE_VALUES:
                    return True
            elif value and " " not in value.strip() and is_flag_token(value.strip()):
                return True
    return False


def is_label(text: str) -> bool:
    """Whether an element's whole text is a key-event label (rule 2)."""
    return len(text) <= MAX_LABEL_TEXT and _LABEL.fullmatch(clean(text)) is not None


def is_key_event_line(text: str) -> bool:
    """Whether a line of a copy (or a paragraph of a page) is a key-event marker, not words
    of the post: "Key event" / "Key update", in any case (rule 5)."""
    return len(text) <= MAX_LABEL_TEXT and _LINE.fullmatch(clean(text)) is not None


def state_flags(fields: Mapping[str, object]) -> bool:
    """Whether a post object of a page's embedded state flags it (rule 4): a true "keyEvent",
    "isKeyEvent" or "key_event" field (names as state_text.normal gives them: lower case,
    without "-" and "_"), in the object or one level down in a group of its settings
    (Guardian's {"attributes": {"keyEvent": true}}); or a type naming one ("type": "key-event")."""
    for group in (fields, *(value for name in _SETTING_GROUPS if isinstance(value := fields.get(name), dict))):
        for name, value in group.items():
            normal = name.lower().replace("_", "").replace("-", "")
            if normal in _STATE_FLAGS and _true(value):
                return True
            if normal in _STATE_TYPES and isinstance(value, str) and is_flag_token(value.strip()):
                return True
    return False


_STATE_FLAGS = frozenset({"keyevent", "iskeyevent"})
_STATE_TYPES = frozenset({"type", "kind", "posttype", "blocktype", "entrytype"})
# Where a state object keeps its settings, one level down (normalised names).
_SETTING_GROUPS = ("attributes", "flags", "meta", "metadata", "properties", "settings")


def _true(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return isinstance(value, int) and value == 1


@dataclass
class _PageFlags:
    """What the page flags, found in one pass over its elements."""

    flagged: list[int]  # elements whose attributes flag them (rule 1), in document order
    labels: list[int]  # label elements outside prose (rule 2), in document order
    listed: frozenset[str]  # post keys a key-events list links to (rule 3)


_FLAGS: WeakKeyDictionary[MarkupTree, _PageFlags] = WeakKeyDictionary()


def flagged_post(tree: MarkupTree | None, container: int) -> bool:
    """Whether the post held by element `container` is flagged by its own markup: the
    element itself or one inside it carries a flag (rule 1) or a label (rule 2)."""
    if tree is None or container < 0:
        return False
    flags = _page_flags(tree)
    return bool(tree.within(flags.flagged, container) or tree.within(flags.labels, container))


def listed_key_events(tree: MarkupTree | None) -> frozenset[str]:
    """The post keys (as post_key gives them) the page's key-events lists link to (rule 3)."""
    return _page_flags(tree).listed if tree is not None else frozenset()


def _page_flags(tree: MarkupTree) -> _PageFlags:
    if tree not in _FLAGS:
        _FLAGS[tree] = _read_flags(tree)
    return _FLAGS[tree]


def _read_flags(tree: MarkupTree) -> _PageFlags:
    size = len(tree)
    tree.visit(size * 2)
    tags = tree.tags
    in_prose = tree.below_tag(_PROSE)
    flagged: list[int] = []
    labels: list[int] = []
    named: list[int] = []  # elements named as a key-events list
    headings: list[int] = []  # elements whose text heads one
    linked = [0] * size  # link text inside each element
    targets = [False] * size  # whether it holds a link to a post (a fragment or a data id)
    for i in range(size):
        attributes = tree.nodes[i].attributes or {}
        if attributes:
            if flags_element(attributes):
                flagged.append(i)
            if any(_LIST_NAME in (attributes.get(name) or "").lower().replace("-", "").replace("_", "") for name in ("id", "class")):
                named.append(i)
            targets[i] = (tags[i] == "a" and "#" in (attributes.get("href") or "")) or any(name in attributes for name in _ID_ATTRIBUTES)
        if tags[i] == "a":
            linked[i] = tree.text_size[i]
        if MIN_LABEL_TEXT <= tree.text_size[i] <= MAX_LABEL_TEXT:
            text = clean(tree.text(i))
            if tags[i] in _LABEL_TAGS and not in_prose[i] and is_label(text):
                labels.append(i)
            if _LIST_HEADING.fullmatch(text):
                headings.append(i)
    for i in range(size - 1, 0, -1):  # children after their parents
        up = tree.parent[i]
        if tags[up] != "a":  # a link's text is counted once, as the link's
            linked[up] += linked[i]
        targets[up] = targets[up] or targets[i]

    def is_list(i: int) -> bool:
        return targets[i] and linked[i] >= MIN_LINKED_SHARE * tree.text_size[i]

    lists = {i for i in named if is_list(i)}
    for heading in headings:
        at = tree.parent[heading]
        for _ in range(MAX_LIST_CLIMB):
            if at < 0 or targets[at]:
                break
            at = tree.parent[at]
        if at >= 0 and is_list(at):
            lists.add(at)
    listed: set[str] = set()
    end = -1
    for top in sorted(lists):
        if top < end:
            continue  # inside a list already read
        end = tree.end[top]
        tree.visit(end - top)
        for i in range(top, end):
            if targets[i] and (key := _target(tree.nodes[i].attributes or {})):
                listed.add(key)
    return _PageFlags(flagged, labels, frozenset(listed))


def _target(attributes: Mapping[str, str | None]) -> str | None:
    """The post key a list entry points to: its link's fragment ("#block-abc") or its data id."""
    for name in _ID_ATTRIBUTES:
        if value := (attributes.get(name) or "").strip():
            return post_key(value)
    href = attributes.get("href") or ""
    return post_key(href.rsplit("#", 1)[1].strip()) if "#" in href else None


def take_key_events(raws: list[RawPost], listed: frozenset[str]) -> None:
    """Flag the posts a key-events list links to (rule 3), and those whose headline or first
    paragraph is a key-event label alone (a label the page wrote as a heading or a paragraph
    of its own): the label is the flag, not the post's words, so it is taken out."""
    for raw in raws:
        if raw.key and raw.key in listed:
            raw.key_event = True
        if raw.headline and is_key_event_line(raw.headline):
            raw.headline, raw.key_event = None, True
        if raw.paragraphs and is_key_event_line(raw.paragraphs[0]):
            raw.paragraphs, raw.key_event = raw.paragraphs[1:], True
