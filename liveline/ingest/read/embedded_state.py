"""Posts a page holds only in embedded JSON state (`<script id="__NEXT_DATA__">`,
`window.__INITIAL_STATE__ = {...}` and the like), as single-page apps render them.

The state is what script_json.py finds in the page's scripts (JSON scripts, Nuxt's
payload, JSON assigned to a global). In it, the posts are the list (or the dict of dicts
keyed by ids, as Apollo's normalised cache holds them) whose members mostly look like
posts: a time of their own and some text. The list with the most such posts wins, so a
box of two teaser cards never outweighs a ticker of forty updates. A post's text, headline
and author are read by state_text.py.

The state is a stranger's: any value may have any type, so fields are read through
accessors that ignore what they cannot use; it is walked without recursion, only so
deep, and every value visited is charged to the page's WorkBudget.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.key_events import state_flags
from liveline.ingest.read.markup_tree import ELEMENT_WORK, WorkBudget
from liveline.ingest.read.raw_post import RawPost, TimeReader, post_key
from liveline.ingest.read.script_json import MAX_DEPTH, MEMBER_WORK, VALUE_WORK, Json, script_values
from liveline.ingest.read.state_text import Resolve, normal, post_text
from liveline.timeline.errors import LivelineError

# A list needs this many posts to be read as a live page's posts: a single dated object
# with text is what every article's state holds (the article itself).
MIN_POSTS = 2
# ... and posts must be at least this share of its objects: an article's body blocks with
# two embedded tweets (a time and text each) are not a list of posts.
MIN_POST_SHARE = 0.5
# Reading a time costs more than visiting a value (a parse).
TIME_WORK = 6 * ELEMENT_WORK

Path = tuple["Path", str | int] | None  # where a value sits: (the path of its container, its key)

# Field names are compared as state_text.normal() gives them (publishedAt, published_at -> publishedat).
_ID_KEYS = ("id", "uuid", "postid", "blockid", "entryid", "guid", "slug", "key")
_WRAPPER_KEYS = ("node", "post", "item", "entry", "update")  # GraphQL edges: [{"node": {...post}, "cursor": ...}]
_TIME_VALUE_KEYS = ("iso", "value", "utc", "date", "datetime", "timestamp", "$date")
# Words naming a post's own time, and how strongly (0 first): "blockFirstPublished" before
# "datePublished" before "createdAt" before "date"; and words naming other times.
# (Keys are read lower case, not otherwise changed: the work is done only for objects with a time.)
_TIME_RANK = {"firstpublish": 0, "displaydate": 1, "publish": 1, "posted": 2, "created": 3, "date": 4, "time": 4}
_TIME_WORDS = re.compile("first[_-]?publish|display[_-]?date|publish|posted|created|date|time")
_NOT_POST_TIME = re.compile("updat|modif|edited|expir|start|end|schedul|embargo|birth|zone|reading|duration|ttl|cache")
_UPDATED_WORDS = re.compile("updat|modif|edited")
_DAY_ONLY = re.compile(r"\d{4}-\d\d-\d\d")  # a day, not a post's time
_ZONED = re.compile(r"(?:[zZ]|[+-]\d\d:?\d\d)$")
_ID_LIKE = re.compile(r"[\d:]")  # "LiveBlogPost:123", "post-8841": keys of a dict of posts, unlike "article"


@dataclass(frozen=True)
class EmbeddedReading:
    """The posts found in a page's embedded state, and where and how they were found (for --explain)."""

    posts: list[RawPost]
    where: str | None = None  # 'script#__NEXT_DATA__ props.pageProps.liveBlog.posts'
    lists: int = 0  # lists in the state that held posts, the chosen one included
    runner_up: int = 0  # posts in the best list not chosen
    left_out: int = 0  # objects of the chosen list not read as posts (no time of their own, or no text)
    sources: int = 0  # JSON values decoded from the page's scripts
    too_deep: bool = False

    def warnings(self, label: str) -> list[str]:
        found = []
        if self.posts and self.left_out:
            found.append(f"{label}: {self.left_out} item(s) of the page's embedded post list ({self.where}) have no time "
                         "or no text of their own; left them out")
        if self.too_deep:
            found.append(f"{label}: the page's embedded state nests deeper than {MAX_DEPTH} levels; ignored what is below that")
        return found


def embedded_posts(page: LexborHTMLParser, read_time: TimeReader, budget: WorkBudget, label: str) -> list[RawPost]:
    """The largest list of post-like objects in the page's embedded JSON, as posts (page order)."""
    return embedded_reading(page, read_time, budget, label).posts


@dataclass
class _Candidate:
    where: str
    members: list[tuple[str | None, Json]]  # (the key it is held under in a dict of posts, the object)
    is_list: bool
    resolve: Resolve


def embedded_reading(page: LexborHTMLParser, read_time: TimeReader, budget: WorkBudget, label: str) -> EmbeddedReading:
    """The posts of the best post list in the page's embedded state, and where it was found."""
    lists: list[tuple[tuple[int, int, bool], str, list[RawPost], int]] = []
    sources = 0
    too_deep = False
    for name, data, shared in script_values(page, budget):
        sources += 1
        candidates, deep = _candidates(data, name, budget, shared)
        too_deep = too_deep or deep
        for candidate in candidates:
            posts, objects = _read(candidate, read_time, budget, label)
            if len(posts) >= MIN_POSTS and len(posts) >= MIN_POST_SHARE * objects:
                # Most posts first; then most text; then a list over a dict of posts (the
                # same posts in Apollo's cache, whose order is not the page's).
                rank = (len(posts), sum(len(p) for post in posts for p in post.paragraphs), candidate.is_list)
                lists.append((rank, candidate.where, posts, objects - len(posts)))
    if not lists:
        return EmbeddedReading([], sources=sources, too_deep=too_deep)
    _, where, posts, left_out = max(lists, key=lambda found: found[0])  # the first of equals
    chosen = _sameness(posts)
    others = [found[2] for found in lists if _sameness(found[2]) != chosen]  # the same posts held twice count once
    if len({post.headline for post in posts}) == 1:
        for post in posts:
            post.headline = None  # the page's headline on every post
    return EmbeddedReading(posts, where, len(others) + 1, max(map(len, others), default=0), left_out, sources, too_deep)


def _sameness(posts: list[RawPost]) -> frozenset[tuple[object, str]]:
    return frozenset((post.published, post.paragraphs[0]) for post in posts)


# JSON values -> candidate lists ----------------------------------------------------------
def _candidates(data: Json, source: str, budget: WorkBudget, shared: bool) -> tuple[list[_Candidate], bool]:
    """The lists and dicts of objects in `data` (walked without recursion), and whether it went too deep.
    `shared`: a value may be held in several places, or hold itself (a Nuxt payload): each is visited once."""
    found: list[tuple[Path, list[tuple[str | None, Json]], bool]] = []
    table: dict[str, Json] = {}  # Apollo's normalised cache, where {"__ref": "Author:5"} points
    too_deep = False
    seen: set[int] = set()
    stack: list[tuple[Json, int, Path]] = [(data, 0, None)] if isinstance(data, dict | list) else []
    while stack:
        value, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            too_deep = True
            continue
        if shared:
            if id(value) in seen:
                continue
            seen.add(id(value))
        budget.spend(VALUE_WORK + len(value) * MEMBER_WORK)
        children: Iterable[tuple[str | int, Json]]
        if isinstance(value, list):
            objects: list[tuple[str | None, Json]] = [(None, item) for item in value if isinstance(item, dict) and item]
            if len(objects) >= MIN_POSTS:
                found.append((path, objects, True))
            children = enumerate(value)
        else:
            if "ROOT_QUERY" in value and not table:
                table = value
            groups: dict[str, list[tuple[str | None, Json]]] = {}
            for key, item in value.items():
                if isinstance(item, dict) and item and _ID_LIKE.search(key):
                    kind = key.split(":", 1)[0] if ":" in key else item.get("__typename")
                    groups.setdefault(kind if isinstance(kind, str) else "", []).append((key, item))
            found.extend(((path, f"{kind}:*" if kind else "*"), members, False)
                         for kind, members in groups.items() if len(members) >= MIN_POSTS)
            children = value.items()
        inside = [(item, depth + 1, (path, key)) for key, item in children if isinstance(item, dict | list) and item]
        inside.reverse()  # popped in page order
        stack.extend(inside)
    resolve = _resolver(table)
    return [_Candidate(f"{source} {_path_text(path)}".rstrip(), members, is_list, resolve)
            for path, members, is_list in found], too_deep


def _resolver(table: dict[str, Json]) -> Resolve:
    """Follows Apollo's references ({"__ref": "Post:1"}, or Apollo 2's {"type": "id", "id": ..., "generated": ...,
    "typename": ...}) into its cache."""

    def resolve(value: Json) -> Json:
        if not table or not isinstance(value, dict) or len(value) > 4:
            return value
        ref = value.get("__ref") if "__ref" in value else value.get("id") if value.get("type") == "id" else None
        target = table.get(ref) if isinstance(ref, str) else None
        return target if isinstance(target, dict) else value

    return resolve


def _path_text(path: Path) -> str:
    keys = []
    while path is not None:
        path, key = path
        keys.append(key)
    return ".".join(str(key) for key in reversed(keys))


# Candidate objects -> posts --------------------------------------------------------------
def _read(candidate: _Candidate, read_time: TimeReader, budget: WorkBudget, label: str) -> tuple[list[RawPost], int]:
    """The posts among a candidate's objects, and how many objects it has."""
    posts = []
    for key, member in candidate.members:
        post = _post(key, candidate.resolve(member), read_time, candidate.resolve, budget, label)
        if post is None and isinstance(member, dict):
            for wrapper in _WRAPPER_KEYS:
                if wrapper in member:
                    post = _post(key, candidate.resolve(member[wrapper]), read_time, candidate.resolve, budget, label)
                    break
        if post is not None:
            posts.append(post)
    return posts, len(candidate.members)


def _post(key: str | None, item: Json, read_time: TimeReader, resolve: Resolve, budget: WorkBudget, label: str) -> RawPost | None:
    """A post from an object with a time of its own and text; None for anything else."""
    if not isinstance(item, dict) or not item:
        return None
    budget.spend(VALUE_WORK + len(item) * MEMBER_WORK)
    published = _time(item, read_time, budget, updated=False)
    if published is None:
        return None
    fields = {normal(k): v for k, v in item.items()}
    text = post_text(fields, resolve, budget, label)
    if text is None:
        return None
    ident = next((fields[k] for k in _ID_KEYS if isinstance(fields.get(k), str | int) and not isinstance(fields[k], bool)), None)
    token = str(ident) if ident is not None else key.rsplit(":", 1)[-1] if key else None
    return RawPost(post_key(token), published, _time(item, read_time, budget, updated=True), text.headline, text.author,
                   text.paragraphs, text.role, key_event=state_flags(fields))


def _time(item: dict[str, Json], read_time: TimeReader, budget: WorkBudget, *, updated: bool) -> dt.datetime | None:
    """The object's own publication (or update) time: the strongest-named field that reads as one.
    A group of times ("dates": {"firstPublished": ..., "lastUpdated": ...}) holds the object's own."""
    entries = list(item.items())
    for name, value in item.items():
        if isinstance(value, dict) and _TIME_WORDS.search(name.lower()):
            budget.spend(VALUE_WORK + len(value) * MEMBER_WORK)
            entries.extend(value.items())
    named = []
    for name, value in entries:
        key = name.lower()
        if updated:
            if _UPDATED_WORDS.search(key):
                named.append((0, key, value))
        elif not _NOT_POST_TIME.search(key) and (words := _TIME_WORDS.findall(key)):
            named.append((min(_TIME_RANK[normal(word)] for word in words), key, value))
    # Of equally named fields, one that says it is UTC (WordPress's date_gmt beside its local date).
    for _, key, value in sorted(named, key=lambda entry: (entry[0], not entry[1].endswith(("gmt", "utc")))):
        budget.spend(TIME_WORK)
        when = _read_time(key, value, read_time)
        if when is not None:
            return when
    return None


def _read_time(key: str, value: Json, read_time: TimeReader) -> dt.datetime | None:
    if isinstance(value, dict):  # {"iso": "..."}, {"$date": ...}: the field's own value, one level in
        value = next((value[k] for k in _TIME_VALUE_KEYS if isinstance(value.get(k), str | int | float)), None)
    if isinstance(value, float) and math.isfinite(value):
        value = int(value)  # epoch seconds with a fraction
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    if isinstance(value, str):
        value = value.strip()
        if _DAY_ONLY.fullmatch(value):
            return None
        if key.endswith(("gmt", "utc")) and "T" in value.replace(" ", "T") and not _ZONED.search(value):
            value += "+00:00"  # WordPress's date_gmt: UTC without saying so
    try:
        return read_time(value)
    except LivelineError:
        return None  # a time outside what liveline stores: this object is not read as a post
