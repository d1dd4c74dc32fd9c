"""Live blogs and articles from HTML: schema.org JSON-LD first, the page's own markup to
check and complete it, parsed with selectolax (Lexbor), never with regexes over HTML.

Posts come from a LiveBlogPosting's liveBlogUpdate items. Real pages get that data
wrong in known ways (every update given the page's own time, or one author list
repeated on every update), so each update is matched by its id to the post in the
markup, and the markup's <time datetime> / data-*-time and byline win wherever the
JSON-LD is degenerate. A page without JSON-LD updates is read from the markup alone:
a post is the largest element around one post time, and posts are siblings. Article
pages (NewsArticle JSON-LD or meta tags) give one post of paragraphs. Outlet, title,
URL and date come from the page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmllib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveline.ingest.model import Paragraph, Post, Stamp
from liveline.timeline.marks import LONDON
from liveline.timeline.text import strip_controls

PARSER = "html/1"
_UTC = dt.UTC
_LIVE_TYPES = {"LiveBlogPosting"}
_ARTICLE_TYPES = {"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Article", "BlogPosting", "ReportageArticle"}
_TIME_ATTRIBUTE = re.compile(r"^data-[\w-]*(?:time|date|timestamp)[\w-]*$")
_UPDATED = re.compile(r"modif|updat|edit", re.I)
_SKIP_INSIDE = {"figure", "figcaption", "aside", "nav", "footer", "button", "script", "style", "noscript", "svg", "form", "header"}
_NAME = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\.?\s+){1,3}[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?$")
_BYLINE_SELECTOR = "[itemprop=author], [rel=author], [class*=byline], [class*=author], [class*=contributor]"


@dataclass
class HtmlReading:
    kind: str  # liveblog | article
    outlet: str | None
    title: str | None
    url: str | None
    published: dt.datetime | None  # the page's own publication time (UTC)
    posts: list[Post]
    warnings: list[str] = field(default_factory=list)
    source: str = "markup"  # json-ld | markup | json-ld+markup | article


@dataclass
class _Raw:
    key: str | None
    published: dt.datetime | None
    updated: dt.datetime | None
    headline: str | None
    author: str | None
    paragraphs: list[str]
    role: str | None = None


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<head" in head and "<body" in text[:200_000].lower())


def _clean(text: str | None) -> str:
    return " ".join(strip_controls(htmllib.unescape(text or "")).split())


def parse_time(value: object) -> dt.datetime | None:
    """ISO 8601 (with Z or an offset) or epoch seconds/milliseconds -> aware UTC; None if neither."""
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
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=LONDON)  # a wall time with no zone: the UK outlet's own
    return parsed.astimezone(_UTC)


# JSON-LD -----------------------------------------------------------------------------------
def _json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph and lists flattened; broken blocks skipped."""
    found: list[dict[str, Any]] = []

    def walk(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            found.append(value)
            walk(value.get("@graph"))

    for script in tree.css('script[type="application/ld+json"]'):
        try:
            walk(json.loads(script.text(deep=True) or "null"))
        except ValueError:
            continue
    return found


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    return set(kind) if isinstance(kind, list) else {str(kind)}


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _clean(name):
            names.append(_clean(name))
    return names


def _id_token(value: object) -> str | None:
    """The part of an update's @id or url that a page also uses as the post element's id."""
    if not isinstance(value, str) or not value:
        return None
    token = value.rsplit("#", 1)[-1] if "#" in value else value.rstrip("/").rsplit("/", 1)[-1]
    token = re.sub(r"^(?:block|post|entry|update)[-_]", "", token)
    return token or None


_MARKUP = re.compile(r"<(?:br|p|div|li|/p|/div|/li|a\s|/a|strong|/strong|em|/em|b|/b|i|/i|span|/span)\b[^>]*>", re.I)
_BREAKS = re.compile(r"<br\s*/?>|</?(?:p|div|li|h[1-6]|blockquote)\b[^>]*>", re.I)


def _body_paragraphs(body: str) -> list[str]:
    body = body or ""
    if _MARKUP.search(body):
        # Some pages put HTML in articleBody ("...police.<br><br>A man was..."): read it as
        # HTML, a line break or block being a paragraph break.
        node = LexborHTMLParser(f"<body>{_BREAKS.sub(chr(10), body)}</body>").body
        text = node.text(deep=True, separator="") if node is not None else ""
    else:
        text = htmllib.unescape(body)
    parts = re.split(r"\n\s*\n|\n", text)
    return [p for p in (_clean(part) for part in parts) if p]


def _ld_posts(update_items: list[dict[str, Any]]) -> tuple[list[_Raw], bool, bool]:
    """Posts from liveBlogUpdate, and whether its times and authors can be trusted."""
    raws = []
    for item in update_items:
        if not isinstance(item, dict):
            continue
        authors = _names(item.get("author"))
        raws.append(_Raw(
            key=_id_token(item.get("@id")) or _id_token(item.get("url")),
            published=parse_time(item.get("datePublished")),
            updated=parse_time(item.get("dateModified")),
            headline=_clean(item.get("headline")) or None,
            author=", ".join(authors) or None,
            paragraphs=_body_paragraphs(item.get("articleBody") or item.get("text") or ""),
        ))
    times = {r.published for r in raws if r.published}
    author_lists = {r.author for r in raws}
    # One time for every update (the page's own), or one author list on every update (the
    # page's byline), says nothing about each post.
    times_ok = len(raws) < 2 or len(times) > 1
    authors_ok = len(raws) < 2 or len(author_lists) > 1
    if len(raws) >= 2 and len({r.headline for r in raws}) == 1:
        for raw in raws:
            raw.headline = None  # the page's headline on every update
    return raws, times_ok, authors_ok


# Markup --------------------------------------------------------------------------------------
def _anchors(tree: LexborHTMLParser) -> list[tuple[LexborNode, dt.datetime, bool]]:
    """(element, time, is_update) for every machine-readable time in the body."""
    body = tree.body
    if body is None:
        return []
    found = []
    for node in body.css("*"):
        attributes = node.attributes
        if not attributes:
            continue
        for name, value in attributes.items():
            if name == "datetime" or _TIME_ATTRIBUTE.match(name):
                when = parse_time(value)
                if when is not None:
                    context = name if name != "datetime" else (node.text(deep=True) or "")
                    found.append((node, when, bool(_UPDATED.search(context))))
                    break
    return found


def _ancestors(node: LexborNode | None) -> list[LexborNode]:
    chain = []
    while node is not None and node.tag not in ("body", "html", "-document"):
        chain.append(node)
        node = node.parent
    return chain


def _containers(tree: LexborHTMLParser) -> list[tuple[LexborNode, LexborNode, dt.datetime, dt.datetime | None]]:
    """Post elements: around each post time the largest element holding no other post time;
    of those, the siblings (one list of posts) holding the most paragraph text."""
    every = _anchors(tree)
    anchors = [(n, t) for n, t, updated in every if not updated]
    updates = [(n, t) for n, t, updated in every if updated]
    anchor_ids = {n.mem_id for n, _ in anchors}
    # A time inside an element that carries a post time itself (data-post-time) is the same post's.
    anchors = [(n, t) for n, t in anchors if not any(a.mem_id in anchor_ids for a in _ancestors(n)[1:])]
    counts: dict[int, int] = {}
    chains = []
    for node, _ in anchors:
        chain = _ancestors(node)
        chains.append(chain)
        for ancestor in chain:
            counts[ancestor.mem_id] = counts.get(ancestor.mem_id, 0) + 1
    groups: dict[int, list[tuple[LexborNode, LexborNode, dt.datetime]]] = {}
    for (node, when), chain in zip(anchors, chains, strict=True):
        own = [a for a in chain if counts[a.mem_id] == 1]
        if not own:
            continue
        container = own[-1]
        if container.parent is not None:
            groups.setdefault(container.parent.mem_id, []).append((container, node, when))
    best, best_text = [], 0
    for members in groups.values():
        if len(members) < 2:
            continue
        text = sum(len(p.text(deep=True) or "") for container, _, _ in members for p in container.css("p"))
        if text > best_text:
            best, best_text = members, text
    result = []
    for container, anchor, when in best:
        inner = [t for n, t in updates if any(a.mem_id == container.mem_id for a in _ancestors(n))]
        modified = next((parse_time(v) for k, v in (container.attributes or {}).items() if _UPDATED.search(k) and parse_time(v)), None)
        updated = max([t for t in [*inner, modified] if t and t > when], default=None)
        result.append((container, anchor, when, updated))
    return result


def _inside_skipped(node: LexborNode, stop: LexborNode, skip: set[str] = _SKIP_INSIDE) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != stop.mem_id:
        if parent.tag in skip:
            return True
        parent = parent.parent
    return False


def _author(container: LexborNode, anchor: LexborNode) -> tuple[str | None, str | None]:
    """The post's (byline, role): a marked-up author, else a name standing alone near the
    post's time (outside the text), searched from the time outwards to the whole post."""
    for node in container.css(_BYLINE_SELECTOR):
        if _in_text(node, container):
            continue
        leaves = [_clean(n.text(deep=True)) for n in node.css("*") if next(n.iter(), None) is None]
        leaves = [t for t in leaves if t and len(t) <= 80]
        name = next((t for t in leaves if _NAME.match(re.sub(r"^by\s+", "", t, flags=re.I))), None)
        if name:
            role = next((t for t in leaves if t != name and not _NAME.match(t)), None)
            return re.sub(r"^by\s+", "", name, flags=re.I), role
    if anchor.mem_id == container.mem_id:
        anchor = container.css_first("time") or container
    level = anchor
    while True:
        for node in level.css("span, mark, strong, b, a, cite, div, address"):
            if node.css_first("p, h1, h2, h3, h4, div, li") is not None or _in_text(node, container):
                continue
            text = _clean(node.text(deep=True))
            if _NAME.match(text):
                return text, None
        if level.mem_id == container.mem_id or level.parent is None:
            return None, None
        level = level.parent


def _in_text(node: LexborNode, container: LexborNode) -> bool:
    """Whether a node is part of the post's prose (a name there is who it is about)."""
    parent: LexborNode | None = node
    while parent is not None and parent.mem_id != container.mem_id:
        if parent.tag in ("p", "blockquote", "li", "h1", "h2", "h3", "h4", "figure", "figcaption"):
            return True
        parent = parent.parent
    return False


def _markup_post(container: LexborNode, anchor: LexborNode, when: dt.datetime | None, updated: dt.datetime | None) -> _Raw:
    headline_node = next(
        (h for h in container.css("h1, h2, h3, h4")
         if not _inside_skipped(h, container, _SKIP_INSIDE - {"header"}) and _clean(h.text(deep=True))), None
    )
    headline = _clean(headline_node.text(deep=True)) if headline_node is not None else None
    paragraphs = []
    for node in container.css("p, li, blockquote"):
        if _inside_skipped(node, container):
            continue
        if node.tag == "blockquote" and node.css_first("p") is not None:
            continue  # its paragraphs are read one by one
        if node.tag == "li" and node.css_first("p") is not None:
            continue
        text = _clean(node.text(deep=True))
        if text:
            paragraphs.append(text)
    attributes = container.attributes or {}
    key = attributes.get("id") or attributes.get("data-id") or attributes.get("data-post-id")
    author, role = _author(container, anchor)
    return _Raw(key, when, updated, headline, author, paragraphs, role)


def _article_paragraphs(tree: LexborHTMLParser) -> list[str]:
    """An article's text: the <p>s of its <article> (or of the body), furniture left out."""
    root = tree.css_first("article") or tree.body
    if root is None:
        return []
    return [t for node in root.css("p") if not _inside_skipped(node, root) and (t := _clean(node.text(deep=True)))]


# The page ------------------------------------------------------------------------------------
def _meta(tree: LexborHTMLParser, name: str) -> str | None:
    node = tree.css_first(f'meta[property="{name}"]') or tree.css_first(f'meta[name="{name}"]')
    value = node.attributes.get("content") if node is not None else None
    return _clean(value) or None


def read_html(text: str, label: str, url: str | None = None) -> HtmlReading:
    tree = LexborHTMLParser(text)
    items = _json_ld(tree)
    live = next((i for i in items if _types(i) & _LIVE_TYPES), None)
    article = next((i for i in items if _types(i) & _ARTICLE_TYPES and "liveBlogUpdate" not in i), None)
    main = live or article or {}
    publisher = main.get("publisher")
    outlet = (
        _meta(tree, "og:site_name")
        or (_names(publisher)[0] if _names(publisher) else None)
        or (urlparse(url).hostname if url else None)
    )
    title_node = tree.css_first("title")
    title = _clean(main.get("headline")) or _meta(tree, "og:title") or _clean(title_node.text() if title_node is not None else "") or None
    canonical = tree.css_first('link[rel="canonical"]')
    page_url = (canonical.attributes.get("href") if canonical is not None else None) or _meta(tree, "og:url") or url
    published = parse_time(main.get("datePublished")) or parse_time(_meta(tree, "article:published_time"))
    page_authors = _names(main.get("author"))
    reading = HtmlReading("liveblog", outlet, title, page_url, published, [])

    markup = [_markup_post(c, anchor, when, updated) for c, anchor, when, updated in _containers(tree)]
    raws: list[_Raw] = []
    updates = live.get("liveBlogUpdate") if live else None
    if isinstance(updates, dict):
        updates = [updates]
    if updates:
        raws, times_ok, authors_ok = _ld_posts(updates)
        by_key = {m.key: m for m in markup if m.key}
        matched = 0
        for raw in raws:
            twin = next((m for k, m in by_key.items() if raw.key and (raw.key == k or raw.key in k)), None)
            if twin is not None:
                matched += 1
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
        if not times_ok:
            reading.warnings.append(f"{label}: the page's JSON-LD gives every update the same time; used the post markup's times")
        if not authors_ok:
            reading.warnings.append(f"{label}: the page's JSON-LD repeats one author list on every update; used the post markup's bylines")
        reading.source = "json-ld+markup" if matched else "json-ld"
    elif markup:
        raws = markup
    elif article is not None or _meta(tree, "og:type") == "article" or tree.css_first("article") is not None:
        body = _body_paragraphs(article.get("articleBody", "")) if article else []
        raws = [_Raw(None, None, None, title, ", ".join(page_authors) or None, _article_paragraphs(tree) or body)]
        reading.kind, reading.source = "article", "article"

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
