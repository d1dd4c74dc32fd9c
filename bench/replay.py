"""Replay saved live pages as if they were live, for tests and demos of `liveline follow`.

    python -m bench.replay PAGE [PAGE ...] [--manifest FILE] [--port N] [--every SECONDS]
                           [--first N] [--posts N] [--outlet NAME] [--date YYYY-MM-DD]

Each PAGE (a saved .html page, or a text copy with --outlet and --date; or every live blog
of a manifest) is read with liveline's own reader, and its posts are published again, at
http://127.0.0.1:PORT/<outlet>.html, as a live page in one canonical markup: a JSON-LD
LiveBlogPosting whose liveBlogUpdate items carry ids, datePublished and dateModified,
and the same posts as <article id=...> with a <time datetime>, newest first. The page
grows a step at a time: the first few posts, then one more per step, then one post
edited, one deleted, and one published late (its time earlier than posts already shown).
The server answers conditional requests (ETag / If-None-Match, Last-Modified /
If-Modified-Since) with 304 while a page is unchanged.

A post the saved page gave no time is published at the bound liveline inferred for it
(the latest it can have been published, else the earliest): every update has a time.

Tests drive it without a clock: `Replay(pages).start()` returns the base URL, `.step()`
publishes one step and says what it published, `.stop()` ends the server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import hashlib
import html
import json
import re
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from liveline.ingest.model import ParsedSource, Post
from liveline.ingest.pipeline import parse_source
from liveline.ingest.sources.manifest import read_manifest
from liveline.ingest.sources.spec import SourceSpec, parse_date
from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import LONDON

# Posts on the page before the first step: enough for a reader to have something to read.
FIRST_POSTS = 3
# Seconds between steps on the command line: a follower at `--every 5` sees each one.
DEFAULT_EVERY = 30.0
EDIT_NOTE = "Update: this post was corrected after it was first published."


@dataclass
class ReplayPost:
    """One post as the replay publishes it."""

    key: str
    at: dt.datetime  # UTC: the post's time (stated, else the bound liveline inferred)
    headline: str | None
    author: str | None
    paragraphs: list[str]
    modified: dt.datetime | None = None  # set when the replay edits the post


@dataclass
class ReplayPage:
    """A saved page's posts (oldest first) and what the replay has published of them."""

    slug: str
    outlet: str
    title: str
    posts: list[ReplayPost]
    plan: list[tuple[str, list[int]]] = field(default_factory=list)  # (action, post indexes)
    shown: list[int] = field(default_factory=list)  # indexes of the posts on the page
    done: int = 0  # plan actions carried out


def _post_time(post: Post, previous: dt.datetime | None, day: dt.date) -> dt.datetime:
    when = post.stated_at or post.not_after or post.not_before or previous
    if when is None:
        when = dt.datetime.combine(day, dt.time(12, 0), LONDON)
    return when.astimezone(dt.UTC)


def _slug(outlet: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") or "page"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def page_from_source(source: ParsedSource, slug: str, first: int = FIRST_POSTS, limit: int | None = None) -> ReplayPage:
    """The replay of one read source: its posts in the order they were published (only
    the `limit` oldest, when given: a short replay for a test)."""
    posts: list[ReplayPost] = []
    previous: dt.datetime | None = None
    for post in sorted((p for p in source.posts if p.is_feed_post and p.has_body), key=lambda p: p.chron or 0):
        previous = _post_time(post, previous, source.date)
        body = [p.text for p in post.paragraphs if p.part == "body" and p.duplicate_of is None]
        posts.append(ReplayPost(f"u{len(posts) + 1:04d}", previous, post.headline, post.author, body))
    posts = posts[:limit]
    title = source.spec.title or f"{source.spec.outlet} – live"
    page = ReplayPage(slug, source.spec.outlet, title, posts)
    page.plan = _plan(len(posts), first)
    return page


def _plan(count: int, first: int) -> list[tuple[str, list[int]]]:
    """The steps: publish the first posts, then one per step, then edit the newest shown,
    delete the one before it, and publish late the post held back (the second oldest)."""
    late = 1 if count >= 4 else None  # held back: once published it is older than most shown
    order = [i for i in range(count) if i != late]
    first = max(1, min(first, len(order)))
    plan: list[tuple[str, list[int]]] = [("publish", order[:first])] if order else []
    plan += [("publish", [i]) for i in order[first:]]
    if len(order) >= 1:
        plan.append(("edit", [order[-1]]))
    if len(order) >= 2:
        plan.append(("delete", [order[-2]]))
    if late is not None:
        plan.append(("late", [late]))
    return plan


def read_pages(paths: Sequence[Path], manifest: Path | None = None, outlet: str | None = None,
               date: dt.date | None = None, first: int = FIRST_POSTS,
               limit: int | None = None) -> tuple[list[ReplayPage], list[str]]:
    """Every saved page (and every live blog of the manifest) read with liveline's reader;
    also the notes on what was left out (articles: they are not live)."""
    specs = [SourceSpec(path=Path(p), outlet=outlet or "", name=Path(p).stem, date=date) for p in paths]
    if manifest is not None:
        specs += read_manifest(manifest)
    pages: list[ReplayPage] = []
    notes: list[str] = []
    taken: set[str] = set()
    for spec in specs:
        source = parse_source(spec)
        if source.kind != "liveblog":
            notes.append(f"{spec.label}: left out (kind {source.kind}, not a live page)")
            continue
        page = page_from_source(source, _slug(source.spec.outlet, taken), first, limit)
        if not page.posts:
            notes.append(f"{spec.label}: left out (no posts)")
            continue
        pages.append(page)
    if not pages:
        raise LivelineError("no live page to replay among the pages given")
    return pages, notes


# The page as served -----------------------------------------------------------------------------
def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _script_json(data: object) -> str:
    """JSON that cannot end its <script> element early, whatever the posts say."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(page: ReplayPage, url: str) -> bytes:
    """The page as it stands: JSON-LD and markup holding the same posts, newest first."""
    shown = sorted((page.posts[i] for i in page.shown), key=lambda p: p.at, reverse=True)
    updates = []
    articles = []
    for post in shown:
        modified = post.modified or post.at
        update: dict[str, object] = {
            "@type": "BlogPosting", "@id": f"{url}#{post.key}", "url": f"{url}#{post.key}",
            "datePublished": _iso(post.at), "dateModified": _iso(modified), "articleBody": "\n\n".join(post.paragraphs),
        }
        if post.headline:
            update["headline"] = post.headline
        if post.author:
            update["author"] = {"@type": "Person", "name": post.author}
        updates.append(update)
        local = post.at.astimezone(LONDON)
        parts = [f'<article id="{post.key}" class="live-post"><header>',
                 f'<time datetime="{_iso(post.at)}">{local:%H:%M}</time>']
        if post.headline:
            parts.append(f"<h2>{html.escape(post.headline)}</h2>")
        if post.author:
            parts.append(f'<span class="byline">By {html.escape(post.author)}</span>')
        if post.modified:
            parts.append(f'<time class="updated" datetime="{_iso(post.modified)}">Updated {post.modified.astimezone(LONDON):%H:%M}</time>')
        parts.append("</header>")
        parts += [f"<p>{html.escape(text)}</p>" for text in post.paragraphs]
        parts.append("</article>")
        articles.append("".join(parts))
    started = min((p.at for p in page.posts), default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    data = {
        "@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": page.title, "url": url,
        "datePublished": _iso(started), "coverageStartTime": _iso(started),
        "publisher": {"@type": "Organization", "name": page.outlet}, "liveBlogUpdate": updates,
    }
    title = html.escape(page.title)
    document = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{html.escape(page.outlet)}">
<meta property="og:title" content="{title}">
<link rel="canonical" href="{html.escape(url)}">
<script type="application/ld+json">{_script_json(data)}</script>
</head><body><main><h1>{title}</h1>
<div class="live-posts">
{chr(10).join(articles)}
</div></main></body></html>
"""
    return document.encode("utf-8")


def _advance(page: ReplayPage) -> str | None:
    """Carry out the page's next planned action; what it did, or None when all are done."""
    if page.done >= len(page.plan):
        return None
    action, indexes = page.plan[page.done]
    page.done += 1
    posts = [page.posts[i] for i in indexes]
    named = ", ".join(f"{_name(p)} ({p.at.astimezone(LONDON):%H:%M})" for p in posts)
    if action in ("publish", "late"):
        page.shown += indexes
        if action == "late":
            return f"published late {named}"
        return f"published {len(posts)} post{'s' if len(posts) != 1 else ''}: {named}"
    if action == "edit":
        post = posts[0]
        newest = max(page.posts[i].at for i in page.shown)
        post.modified = max(newest, post.at) + dt.timedelta(minutes=1)
        post.paragraphs = [*post.paragraphs, EDIT_NOTE]
        return f"edited {named}"
    page.shown = [i for i in page.shown if i not in indexes]
    return f"deleted {named}"


def _name(post: ReplayPost) -> str:
    text = post.headline or (post.paragraphs[0] if post.paragraphs else post.key)
    return repr(text if len(text) <= 50 else text[:49] + "…")


# The server -------------------------------------------------------------------------------------
@dataclass
class _Served:
    body: bytes
    etag: str
    modified: int  # seconds since the epoch, the Last-Modified of this version


class Replay:
    """A local HTTP server publishing live pages step by step (see the module's help)."""

    def __init__(self, pages: Sequence[ReplayPage], host: str = "127.0.0.1", port: int = 0) -> None:
        self.pages = list(pages)
        self._lock = threading.Lock()
        self._served: dict[str, _Served] = {}
        self._server = ThreadingHTTPServer((host, port), _handler(self))
        self._server.daemon_threads = True
        self.base = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="replay", daemon=True)
        self.steps = 0  # steps taken since the first publication
        # What each page holds before any step (its first posts).
        self.opening: list[str] = []
        for page in self.pages:
            self.opening.append(f"{page.outlet}: {_advance(page)} at {self.url(page)}")
            self._publish(page)

    @property
    def urls(self) -> dict[str, str]:
        """Each page's address, by its slug (the outlet's name in the address)."""
        return {page.slug: self.url(page) for page in self.pages}

    def url(self, page: ReplayPage) -> str:
        return f"{self.base}/{page.slug}.html"

    @property
    def finished(self) -> bool:
        return all(page.done >= len(page.plan) for page in self.pages)

    def start(self) -> str:
        self._thread.start()
        return self.base

    def step(self) -> list[str]:
        """Publish one more step on every page that has one; one line per page saying what."""
        said = []
        for page in self.pages:
            did = _advance(page)
            if did is not None:
                self._publish(page)
            said.append(f"{page.outlet}: {did or 'unchanged (all published)'}")
        self.steps += 1
        return said

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def _publish(self, page: ReplayPage) -> None:
        body = render(page, self.url(page))
        with self._lock:
            old = self._served.get(page.slug)
            # Strictly later than the version it replaces: two steps within a second must
            # not look unchanged to a client comparing If-Modified-Since.
            modified = max(int(time.time()), old.modified + 1 if old else 0)
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            self._served[page.slug] = _Served(body, etag, modified)

    def served(self, path: str) -> _Served | None:
        with self._lock:
            return self._served.get(path.split("?", 1)[0].strip("/").removesuffix(".html"))


def _not_modified(served: _Served, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110: If-None-Match decides when present; else If-Modified-Since."""
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or served.etag in tags
    if if_modified_since is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    return served.modified <= since.timestamp()


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(body=True)

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            if self.path in ("/", "/index.html"):
                links = "".join(f'<li><a href="{replay.url(p)}">{html.escape(p.outlet)}</a></li>' for p in replay.pages)
                self._send(200, f"<!doctype html><title>replay</title><ul>{links}</ul>".encode(), {}, body)
                return
            served = replay.served(self.path)
            if served is None:
                self._send(404, b"no such page\n", {"Content-Type": "text/plain"}, body)
                return
            headers = {"ETag": served.etag, "Last-Modified": email.utils.formatdate(served.modified, usegmt=True),
                       "Cache-Control": "no-cache"}
            if _not_modified(served, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")):
                self._send(304, b"", headers, False)
                return
            self._send(200, served.body, headers, body)

        def _send(self, status: int, data: bytes, headers: dict[str, str], body: bool) -> None:
            self.send_response(status)
            for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass  # the replay prints its own steps

    return Handler


# The command ------------------------------------------------------------------------------------
def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not 0 < number <= 86400:
        raise argparse.ArgumentTypeError(f"{value!r} is not between 0 and 86400 seconds")
    return number


def _say(lines: list[str]) -> None:
    for line in lines:
        print(f"{time.strftime('%H:%M:%S')} {line}", flush=True)


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of posts (1 or more)")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.replay", description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, metavar="PAGE", help="a saved .html page or a text copy")
    parser.add_argument("--manifest", type=Path, help="also replay every live blog of this manifest")
    parser.add_argument("--port", type=int, default=8765, help="port to serve on (default 8765; 0 picks one)")
    parser.add_argument("--every", type=_positive, default=DEFAULT_EVERY, help="seconds between steps (default 30)")
    parser.add_argument("--first", type=_count, default=FIRST_POSTS, help="posts on the page at the start (default 3)")
    parser.add_argument("--posts", type=_count, help="replay only each page's N oldest posts")
    parser.add_argument("--outlet", help="who published a text copy (HTML pages name themselves)")
    parser.add_argument("--date", help="the day of a text copy that does not state it (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    if not args.pages and args.manifest is None:
        parser.error("give at least one PAGE or --manifest")
    try:
        date = parse_date(args.date, "--date") if args.date else None
        pages, notes = read_pages(args.pages, args.manifest, args.outlet, date, args.first, args.posts)
        replay = Replay(pages, port=args.port)
    except (LivelineError, OSError) as exc:
        print(f"replay: error: {exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"replay: {note}", file=sys.stderr)
    replay.start()
    _say(replay.opening)
    try:
        while not replay.finished:
            time.sleep(args.every)
            _say(replay.step())
        _say(["every step published; still serving (Ctrl-C stops)"])
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        replay.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
