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
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.model import Paragraph, Post, Stamp
from liveline.ingest.read.article_text import article_paragraphs
from liveline.ingest.read.embedded_state import embedded_reading
from liveline.ingest.read.json_ld import ARTICLE_TYPES, LIVE_TYPES, JsonLd, body_paragraphs, names, types, update_posts
from liveline.ingest.read.key_events import listed_key_events, take_key_events
from liveline.ingest.read.ld_with_markup import read_ld_with_markup
from liveline.ingest.read.markup_tree import WorkBudget
from liveline.ingest.read.nesting import check_nesting
from liveline.ingest.read.page_byline import page_author
from liveline.ingest.read.page_clock import PageClock, meta_content, place_walls, read_page_clock
from liveline.ingest.read.post_markup import markup_posts, take_byline, without_stamp
from liveline.ingest.read.raw_post import RawPost, clean
from liveline.ingest.read.text_stamped import stamped_posts, untimed_posts
from liveline.ingest.read.wall_time import stamp_at_start
from liveline.ingest.read.witnesses import MANY_STAMPS, Choice, Witness, choose, fullest, ld_order_doubt
from liveline.ingest.read.zones import stored_zone_name, zone_key
from liveline.ingest.sources.addresses import host_of, public_url
from liveline.ingest.storable import storable_utc
from liveline.timeline.marks import LONDON
from liveline.timeline.text import strip_controls

# 2: post keys without a kind prefix in both witnesses; 3: every witness weighed (text
# stamps, embedded JSON, untimed blocks), JSON-LD times checked against the markup's.
PARSER = "html/4"
_UTC = dt.UTC
# Words a live page's title uses, in the languages live blogs are common in.
_LIVE_WORDS = re.compile(r"\b(?:live|liveblog|live-?ticker|ticker|en direct|in diretta|en vivo|en directo|na żywo|relacja na żywo)\b", re.I)
# An article page's state often lists a few related stories with dates and summaries;
# on a page that does not otherwise look live, fewer dated items than this are those.
MIN_STATE_POSTS = 5


@dataclass
class HtmlReading:
    kind: str  # liveblog | article
    outlet: str | None
    title: str | None
    url: str | None  # without credentials
    published: dt.datetime | None  # the page's own publication time (UTC)
    posts: list[Post]
    warnings: list[str] = field(default_factory=list)
    source: str = "markup"  # the witness the posts came from (witnesses.py), or "article"
    explanation: list[str] = field(default_factory=list)  # how the page was read, for --explain
    unplaced: int = 0  # posts whose written time could not be put on a day (the page states none)
    author: str | None = None  # the page's own byline: the blog's author (page_byline.py)
    zone: str | None = None  # the zone the page writes its times in, as stored (read/zones.py stored_zone_name)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<head" in head and "<body" in text[:200_000].lower())


def parse_time(value: object, zone: dt.tzinfo | None = None) -> dt.datetime | None:
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
        parsed = parsed.replace(tzinfo=zone or LONDON)  # a wall time with no zone: the page's own
    return storable_utc(parsed, "the page's time", text)


# The page ------------------------------------------------------------------------------------
def read_html(
    text: str, label: str, url: str | None = None, *, day: dt.date | None = None, zone: str | None = None
) -> HtmlReading:
    """Read a page; `day` and `zone` are the user's word (--date, --tz) for what it does not say."""
    check_nesting(text, label)  # before the parser, whose own time grows with the depth
    tree = LexborHTMLParser(text)
    budget = WorkBudget(label, len(text))
    ld = JsonLd(tree)
    canonical = tree.css_first('link[rel="canonical"]')
    page_url = (canonical.attributes.get("href") if canonical is not None else None) or meta_content(tree, "og:url") or url
    # The page's own address first: a saved copy's file name says nothing of its day.
    clock = read_page_clock(tree, page_url or url, ld, day, zone)
    read_time = _ZoneReader(clock.zone)
    live = next((i for i in ld.objects if types(i) & LIVE_TYPES), None)
    article = next((i for i in ld.objects if types(i) & ARTICLE_TYPES and "liveBlogUpdate" not in i), None)
    main = live or article or {}
    publisher = names(main.get("publisher"))
    outlet = meta_content(tree, "og:site_name") or (publisher[0] if publisher else None) or (host_of(url) if url else None)
    title_node = tree.css_first("title")
    title = clean(ld.text(main, "headline")) or meta_content(tree, "og:title") or clean(title_node.text() if title_node is not None else "") or None
    published = ld.when(main, "datePublished", read_time) or read_time(meta_content(tree, "article:published_time"))
    page_authors = names(main.get("author"))
    # The page's own address, without controls or a password (the page's or the user's).
    shown_url = public_url(strip_controls(page_url)) if page_url else None
    # A page with no machine publication time may still say its day (a dateline, its address).
    reading = HtmlReading("liveblog", outlet, title, shown_url, published or clock.anchor, [], zone=stored_zone_name(clock.zone))

    markup, body = markup_posts(tree, read_time, budget)
    witnesses: list[Witness] = []
    stamped, stamps_seen = stamped_posts(body)
    live_signs = [sign for sign, shown in (("a LiveBlogPosting", bool(live)), (f"{stamps_seen} text time stamps", stamps_seen >= MANY_STAMPS),
                                           ("a live title", bool(_LIVE_WORDS.search(title or "")))) if shown]
    looks_live = bool(live_signs)
    declared_article = article is not None or meta_content(tree, "og:type") == "article"
    # An article's headed sections are not a feed.
    untimed = untimed_posts(body) if looks_live or not declared_article else []
    updates = ld.items(live, "liveBlogUpdate") if live else []
    if updates:
        raws, times_ok, authors_ok = update_posts(ld, updates, read_time, label)
        # The updates' posts in the markup, as the markup reading that sees the most of them
        # finds them: by their time elements, else their written times, else their blocks.
        pool = fullest([markup, stamped, untimed])
        joined = read_ld_with_markup(raws, pool, times_ok, authors_ok, budget, clock.zone)
        disagreed = []
        if not times_ok:
            disagreed.append("the page's JSON-LD gives every update the same time; used the post markup's times")
        elif joined.disagreement:
            disagreed.append(f"{joined.disagreement}; used the post markup's times, not the JSON-LD's")
        elif not joined.matched and (doubt := ld_order_doubt(raws)):
            disagreed.append(doubt)
        if not authors_ok:
            disagreed.append("the page's JSON-LD repeats one author list on every update; used the post markup's bylines")
        reading.warnings += [f"{label}: {line}" for line in disagreed]
        reading.explanation += [f"disagreed: {line}" for line in disagreed]
        ld.lost = sum(1 for raw in raws if not raw.paragraphs and not raw.headline)
        found = f"{len(updates)} liveBlogUpdate items, {joined.matched} of them found in the markup"
        witnesses.append(Witness("JSON-LD" + (" with the markup" if joined.matched else ""), joined.posts, 0, found))
    witnesses.append(Witness("time elements", markup, 1, "<time datetime> / data-*-time in the markup"))
    embedded = embedded_reading(tree, read_time, budget, label)
    if looks_live or len(embedded.posts) >= MIN_STATE_POSTS:
        witnesses.append(Witness("embedded JSON", embedded.posts, 2, embedded.where or ""))
    witnesses.append(Witness("text stamps", stamped, 3, "times written at the start of blocks"))
    witnesses.append(Witness("repeated blocks", untimed, 4, "sibling blocks without times"))
    choice = choose(witnesses)
    raws = choice.witness.posts if choice.witness else []
    if choice.witness is not None:
        reading.source = choice.witness.name
        if choice.witness.posts is embedded.posts:
            reading.warnings += embedded.warnings(label)
    elif declared_article or tree.css_first("article") is not None or looks_live:
        stated = body_paragraphs(ld.text(article, "articleBody") or "", label) if article else []
        raws = [RawPost(None, None, None, title, ", ".join(page_authors) or None, article_paragraphs(tree, body, budget) or stated)]
        reading.kind, reading.source = "article", "article"
        if looks_live:
            reading.warnings.append(f"{label}: the page looks live ({', '.join(live_signs)}) but no posts could be told apart; read it as one article")
    reading.warnings += ld.warnings(label)
    reading.explanation += _clock_lines(clock)
    if reading.kind == "liveblog":
        _take_structure(raws)
        take_key_events(raws, listed_key_events(body))
        walls = [raw for raw in raws if raw.published is None and raw.wall is not None]
        reading.explanation += [f"written times: {note}" for note in place_walls(walls, clock)]
        reading.unplaced = sum(1 for raw in walls if raw.published is None)
        reading.warnings += [f"{label}: {doubt}" for doubt in clock.doubts]  # what the page leaves unsure
        _say_the_reading(reading, choice, clock, raws, len(walls), stamps_seen, label, read_time)

    seen: set[str] = set()
    # A post shown twice (a pinned copy above the feed, under an id of its own) is one
    # post, kept where the feed has it: the last of its copies on a page.
    last_copy = {_saying(raw): number for number, raw in enumerate(raws)}
    copies = {id(raw) for number, raw in enumerate(raws) if last_copy[_saying(raw)] != number}
    flagged = {_saying(raw) for raw in raws if raw.key_event}  # a copy the page flags flags the post
    ids = Counter(raw.key for raw in raws if raw.key and id(raw) not in copies)
    for position, raw in enumerate(raws, 1):
        if not raw.paragraphs and not raw.headline:
            continue
        if id(raw) in copies:
            continue
        post = Post(first_line=position, last_line=position, headline=raw.headline, author=raw.author, author_role=raw.role)
        if raw.headline and reading.kind == "liveblog":
            post.paragraphs.append(Paragraph(position, position, raw.headline, part="headline"))
        post.paragraphs += [Paragraph(position, position, text) for text in raw.paragraphs]
        if reading.kind == "liveblog":
            post.published = _stamp("published", raw.published)
            post.updated = _stamp("updated", raw.updated)
            if _saying(raw) in flagged:
                post.flag_key_event()
        # The page's id for the post, else what it says: stable across polls either way. An
        # id every post carries alike (id="post-container" on each) names none of them.
        key = raw.key if raw.key and ids[raw.key] == 1 else None
        post.key = key or hashlib.sha256("\n".join([raw.headline or "", *raw.paragraphs]).encode()).hexdigest()[:16]
        if post.key in seen:
            continue
        seen.add(post.key)
        reading.posts.append(post)
    reading.author = page_author(tree, main, any(post.author for post in reading.posts))
    return reading


def _saying(raw: RawPost) -> tuple[object, ...]:
    """What a post says and when: two posts alike in all of it are one post shown twice."""
    return raw.published, raw.wall, raw.headline, tuple(raw.paragraphs)


def _stamp(kind: str, when: dt.datetime | None) -> Stamp | None:
    """A machine-readable time, exact to the minute (seconds are dropped, never rounded up)."""
    if when is None:
        return None
    exact = when.astimezone(_UTC).replace(second=0, microsecond=0)
    local = exact.astimezone(LONDON)
    return Stamp(kind, local.hour, local.minute, None, day=local.date(), utc=exact)


# A machine time written without a zone ("2024-02-14 21:10:00"): the page's zone places it.
_ZONELESS = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")


class _ZoneReader:
    """parse_time in the page's zone, counting the times that needed the zone (when the
    zone is a guess, they are said to be unsure)."""

    def __init__(self, zone: dt.tzinfo) -> None:
        self.zone = zone
        self.zoneless = 0

    def __call__(self, value: object) -> dt.datetime | None:
        when = parse_time(value, self.zone)
        if when is not None and isinstance(value, str) and _ZONELESS.fullmatch(value.strip()):
            self.zoneless += 1
        return when


def _take_structure(raws: list[RawPost]) -> None:
    """What every witness's text may still carry that is structure: a time opening the
    headline ("19:02 (IST) Rain stops play": the post's time when no other witness gave
    one) and a byline paragraph ("By Jane Doe": the author)."""
    for raw in raws:
        if raw.headline and (words := without_stamp(raw.headline)) != raw.headline:
            found = stamp_at_start(raw.headline)
            if raw.published is None and raw.wall is None and found is not None:
                raw.wall = found[0]
            raw.headline = words
        if raw.author is None:
            raw.author, raw.role, raw.paragraphs = take_byline(raw.paragraphs)


# What the page's anchor says of its posts, as --explain puts it.
_ANCHOR_KINDS = {"start": "the earliest post is near it", "end": "the latest post is at or before it", "day": "the earliest post is on its day"}


def _clock_lines(clock: PageClock) -> list[str]:
    """--explain's lines on the page's zone and day, with their evidence."""
    if clock.anchor is None:
        date = "date: none stated on the page"
    else:
        date = f"date: {clock.anchor.isoformat(timespec='minutes')} ({clock.anchor_evidence}: {_ANCHOR_KINDS.get(clock.anchor_kind, clock.anchor_kind)})"
    return [f"zone: {zone_key(clock.zone)} ({clock.zone_evidence})", date, *(f"note: {note}" for note in clock.notes)]


def _say_the_reading(
    reading: HtmlReading, choice: Choice, clock: PageClock, raws: list[RawPost], walls: int, stamps_seen: int, label: str,
    read_time: _ZoneReader,
) -> None:
    """--explain's account of the reading, and the warnings for what it is unsure of."""
    posts = [raw for raw in raws if raw.paragraphs or raw.headline]
    timed = sum(1 for raw in posts if raw.published is not None)
    chosen = choice.witness
    lines = [f"posts: {len(posts)} from {reading.source}" + (f" ({chosen.detail})" if chosen and chosen.detail else "")]
    if choice.others:
        lines.append("other witnesses: " + "; ".join(f"{w.name} {len(w.readable)} posts ({w.timed} timed)" for w in choice.others))
    lines.append(f"text time stamps in the page: {stamps_seen}")
    lines.append(f"times: {timed} of {len(posts)} posts placed in UTC" + (f" ({walls} from text stamps)" if walls else ""))
    reading.explanation[:0] = lines
    if posts and timed == 0 and walls == 0:
        reading.warnings.append(f"{label}: no post on the page states its time; {len(posts)} posts kept in page order, their times unknown")
    if stamps_seen >= MANY_STAMPS and len(posts) * 2 < stamps_seen:
        reading.warnings.append(
            f"{label}: the page shows {stamps_seen} text time stamps but only {len(posts)} posts were read from it ({reading.source})"
        )
    if clock.assumed and (walls or read_time.zoneless):
        what = f"its {walls} written times" if walls else "its machine times that carry no zone"
        reading.warnings.append(f"{label}: the page does not say its time zone; read {what} as UK time (pass --tz ZONE)")
