"""Live blogs and articles from HTML: schema.org JSON-LD first, the page's own markup to
check and complete it, parsed with selectolax (Lexbor), never with regexes over HTML.

Posts come from a LiveBlogPosting's liveBlogUpdate items (json_ld.py). Real pages get
that data wrong in known ways (every update given the page's own time, or one author
list repeated on every update), so each update is matched by its id to the post in the
markup, and the markup's <time datetime> / data-*-time and byline win wherever the
JSON-LD is degenerate. A page without JSON-LD updates is read from the markup alone
(post_markup.py): a post is the largest element around one post time, and posts are
siblings. Article pages (NewsArticle JSON-LD or meta tags) give one post of paragraphs.
Outlet, title, URL and date come from the page.

A page is a stranger's: its JSON-LD may hold any type anywhere, and its markup is read in
time linear in its size, under a work budget (markup_tree.py) that refuses a page built
to make it slow.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.model import Paragraph, Post, Stamp
from liveline.ingest.read.json_ld import JsonLd, body_paragraphs, names, types, update_posts
from liveline.ingest.read.markup_tree import WorkBudget
from liveline.ingest.read.nesting import check_nesting
from liveline.ingest.read.post_markup import article_paragraphs, markup_posts
from liveline.ingest.read.raw_post import RawPost, clean
from liveline.ingest.sources.addresses import host_of, public_url
from liveline.ingest.storable import storable_utc
from liveline.timeline.marks import LONDON
from liveline.timeline.text import strip_controls

PARSER = "html/2"  # 2: post keys without a kind prefix in both witnesses
_UTC = dt.UTC
_LIVE_TYPES = {"LiveBlogPosting"}
_ARTICLE_TYPES = {"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Article", "BlogPosting", "ReportageArticle"}


@dataclass
class HtmlReading:
    kind: str  # liveblog | article
    outlet: str | None
    title: str | None
    url: str | None  # without credentials
    published: dt.datetime | None  # the page's own publication time (UTC)
    posts: list[Post]
    warnings: list[str] = field(default_factory=list)
    source: str = "markup"  # json-ld | markup | json-ld+markup | article


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<head" in head and "<body" in text[:200_000].lower())


def parse_time(value: object) -> dt.datetime | None:
    """ISO 8601 (with Z or an offset) or epoch seconds/milliseconds -> aware UTC; None if neither.

    A time outside the dates liveline can store refuses the page (UnstorableTime): it
    says the page's times are broken, and dropping it quietly would hide that. The one
    exception is the zero time of .NET and Go (0001-01-01T00:00:00, in UTC or no zone):
    that is how their page templates write a time nobody set, so it states nothing.
    """
    if value is None:
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?", text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, _UTC)
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.replace(tzinfo=None) == dt.datetime.min and parsed.utcoffset() in (None, dt.timedelta(0)):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=LONDON)  # a wall time with no zone: the UK outlet's own
    return storable_utc(parsed, "the page's time", text)


# JSON-LD updates matched to the markup's posts -------------------------------------------
def _twins(markup: list[RawPost], budget: WorkBudget) -> Callable[[str | None], RawPost | None]:
    """Finds an update's post in the markup: the one whose id is the update's, else the first
    whose id holds it (the markup's "block-abc" for the JSON-LD's "#abc")."""
    by_key = {m.key: m for m in markup if m.key}
    keys = list(by_key)
    # All ids in one string: one C-speed search per update instead of a loop over the ids.
    joined = "\0".join(keys)
    starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0))

    def find(key: str | None) -> RawPost | None:
        if not key or not keys:
            return None
        if key in by_key:
            return by_key[key]
        if "\0" in key:
            return None
        budget.spend(len(joined))
        at = joined.find(key)
        return by_key[keys[bisect_right(starts, at) - 1]] if at >= 0 else None

    return find


def _complete_from_markup(
    raws: list[RawPost], markup: list[RawPost], times_ok: bool, authors_ok: bool, budget: WorkBudget
) -> list[RawPost | None]:
    """Each update takes its twin post's markup times, byline and paragraphs where it has a
    twin, and drops what the JSON-LD cannot be trusted for where not; returns each update's twin."""
    twin_of = _twins(markup, budget)
    twins: list[RawPost | None] = []
    for raw in raws:
        twin = twin_of(raw.key)
        twins.append(twin)
        if twin is not None:
            raw.published = twin.published if (twin.published or not times_ok) else raw.published
            raw.updated = twin.updated or (raw.updated if times_ok else None)
            raw.author = twin.author or (raw.author if authors_ok else None)
            raw.role = twin.role
            raw.paragraphs = twin.paragraphs or raw.paragraphs
            raw.headline = raw.headline or twin.headline
            raw.key = twin.key
        else:
            if not times_ok:
                raw.published = raw.updated = None  # never the page's time passed off as the post's
            if not authors_ok:
                raw.author = None
    return twins


def _with_markup_only_posts(raws: list[RawPost], twins: list[RawPost | None], markup: list[RawPost]) -> list[RawPost]:
    """The updates, and in their places among them the markup's posts that no update is:
    on a live page the markup often shows the newest post before the JSON-LD does.

    An update is the markup post found by its id (its twin) or, with no id to match by,
    the one saying a paragraph it says. Markup posts count only once the two witnesses
    are seen to list the same posts (one update was found in the markup), and only when
    like the posts matched: with a post time (every markup post has one: that is how they
    are found, among siblings, so furniture is never one) and an id when the matched ones
    were found by theirs.
    """
    by_id = {id(twin) for twin in twins if twin is not None}
    free = [post for post in markup if id(post) not in by_id]
    saying: dict[str, RawPost] = {}
    for post in free:
        for text in post.paragraphs:
            saying.setdefault(text, post)
    placed = [
        twin if twin is not None else next((saying[text] for text in raw.paragraphs if text in saying), None)
        for raw, twin in zip(raws, twins, strict=True)
    ]
    found = {id(post) for post in placed if post is not None}
    pending = [
        post for post in free
        if id(post) not in found and post.paragraphs and post.published is not None and (post.key or not by_id)
    ]
    if not found or not pending:
        return raws  # nothing to add, or nothing shows that the markup's posts are the JSON-LD's
    place = {id(post): number for number, post in enumerate(markup)}
    merged: list[RawPost] = []
    taken = 0  # pending posts placed so far
    for raw, twin in zip(raws, placed, strict=True):
        if twin is not None:  # the markup posts above this one's place go before it
            while taken < len(pending) and place[id(pending[taken])] < place[id(twin)]:
                merged.append(pending[taken])
                taken += 1
        merged.append(raw)
    return merged + pending[taken:]


# The page ------------------------------------------------------------------------------------
def _meta(tree: LexborHTMLParser, name: str) -> str | None:
    node = tree.css_first(f'meta[property="{name}"]') or tree.css_first(f'meta[name="{name}"]')
    value = node.attributes.get("content") if node is not None else None
    return clean(value) or None


def read_html(text: str, label: str, url: str | None = None) -> HtmlReading:
    check_nesting(text, label)  # before the parser, whose own time grows with the depth
    tree = LexborHTMLParser(text)
    budget = WorkBudget(label, len(text))
    ld = JsonLd(tree)
    live = next((i for i in ld.objects if types(i) & _LIVE_TYPES), None)
    article = next((i for i in ld.objects if types(i) & _ARTICLE_TYPES and "liveBlogUpdate" not in i), None)
    main = live or article or {}
    publisher = names(main.get("publisher"))
    outlet = _meta(tree, "og:site_name") or (publisher[0] if publisher else None) or (host_of(url) if url else None)
    title_node = tree.css_first("title")
    title = clean(ld.text(main, "headline")) or _meta(tree, "og:title") or clean(title_node.text() if title_node is not None else "") or None
    canonical = tree.css_first('link[rel="canonical"]')
    page_url = (canonical.attributes.get("href") if canonical is not None else None) or _meta(tree, "og:url") or url
    published = ld.when(main, "datePublished", parse_time) or parse_time(_meta(tree, "article:published_time"))
    page_authors = names(main.get("author"))
    # The page's own address, without controls or a password (the page's or the user's).
    shown_url = public_url(strip_controls(page_url)) if page_url else None
    reading = HtmlReading("liveblog", outlet, title, shown_url, published, [])

    markup, body = markup_posts(tree, parse_time, budget)
    raws: list[RawPost] = []
    updates = ld.items(live, "liveBlogUpdate") if live else []
    if updates:
        raws, times_ok, authors_ok = update_posts(ld, updates, parse_time, label)
        twins = _complete_from_markup(raws, markup, times_ok, authors_ok, budget)
        matched = sum(1 for twin in twins if twin is not None)
        if not times_ok:
            reading.warnings.append(f"{label}: the page's JSON-LD gives every update the same time; used the post markup's times")
        if not authors_ok:
            reading.warnings.append(f"{label}: the page's JSON-LD repeats one author list on every update; used the post markup's bylines")
        reading.source = "json-ld+markup" if matched else "json-ld"
        ld.lost = sum(1 for raw in raws if not raw.paragraphs and not raw.headline)
        raws = _with_markup_only_posts(raws, twins, markup)
    elif markup:
        raws = markup
    elif article is not None or _meta(tree, "og:type") == "article" or tree.css_first("article") is not None:
        stated = body_paragraphs(ld.text(article, "articleBody") or "", label) if article else []
        raws = [RawPost(None, None, None, title, ", ".join(page_authors) or None, article_paragraphs(tree, body, budget) or stated)]
        reading.kind, reading.source = "article", "article"
    reading.warnings += ld.warnings(label)

    seen: set[str] = set()
    for position, raw in enumerate(raws, 1):
        if not raw.paragraphs and not raw.headline:
            continue
        post = Post(first_line=position, last_line=position, headline=raw.headline, author=raw.author, author_role=raw.role)
        if raw.headline and reading.kind == "liveblog":
            post.paragraphs.append(Paragraph(position, position, raw.headline, part="headline"))
        post.paragraphs += [Paragraph(position, position, text) for text in raw.paragraphs]
        if reading.kind == "liveblog":
            post.published = _stamp("published", raw.published)
            post.updated = _stamp("updated", raw.updated)
        # The page's id for the post, else what it says: stable across polls either way.
        post.key = raw.key or hashlib.sha256("\n".join([raw.headline or "", *raw.paragraphs]).encode()).hexdigest()[:16]
        if post.key in seen:
            continue
        seen.add(post.key)
        reading.posts.append(post)
    return reading


def _stamp(kind: str, when: dt.datetime | None) -> Stamp | None:
    """A machine-readable time, exact to the minute (seconds are dropped, never rounded up)."""
    if when is None:
        return None
    exact = when.astimezone(_UTC).replace(second=0, microsecond=0)
    local = exact.astimezone(LONDON)
    return Stamp(kind, local.hour, local.minute, None, day=local.date(), utc=exact)
