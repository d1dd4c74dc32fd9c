"""Plain-text live blogs and articles -> posts and paragraphs.

Works on copies of BBC-style pages (headline with a glued "published at" time, bylines
as a name line and a role line, summary bullets above "Edited by") and Guardian-style
pages (blocks ending in "Share", an "Updated at" line after it, pinned blocks above
"Key events"), pages that show "4 minutes ago" over each post, in one-line-per-paragraph
or blank-line layout, and on plain articles. Lines led by a clock time are settled by
time_led.py: a post's time, or an item of a list (a schedule) inside a post.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise

from liveline.ingest.clock.stamps import (
    ImpossibleTime,
    parse_ago_line,
    parse_stamp_line,
    split_date_prefix,
    split_glued_stamp,
    split_leading_stamp,
)
from liveline.ingest.model import Paragraph, Post, Stamp
from liveline.ingest.read import cues
from liveline.ingest.read.furniture import furniture_kind
from liveline.ingest.read.shapes import ends_sentence, looks_like_headline, looks_like_name, looks_like_role
from liveline.ingest.read.time_led import settle_time_led
from liveline.ingest.sources.loading import SourceText
from liveline.ingest.storable import UnstorableTime
from liveline.timeline.errors import LivelineError

PARSER = "text/2"
# Exact repeats shorter than this are too generic to call the same paragraph.
_MIN_DUPLICATE = 40
# A copy is laid out one paragraph per blank-separated block (rather than one per line)
# when at least this share of its lines is followed by a blank line: copies pasted from a
# browser keep the blanks between paragraphs, but not after every line, and a few
# single-line runs (a list, a timestamp over its post) stay well under half.
BLANK_LAYOUT_SHARE = 0.5
_BYLINE = re.compile(r"^by\s+(?P<name>.+?)(?:,\s*(?P<role>[^,]+))?$", re.I)
# A byline opens with "by" (no letter outside ASCII matches "b" under re.I: case_folds.py),
# so other units skip _BYLINE.
_BYLINE_FIRST = ("b", "B")
_SUMMARY = re.compile(
    r"^(?:a\s+|the\s+)?(?:summary|recap|round-?up|what\s+we\s+know|key\s+points|catch\s+up)\b|"
    r"\b(?:today'?s|the\s+day'?s)\s+(?:developments|key\s+points)\b",
    re.I,
)
# Headline-only posts in a row that make a list of links rather than posts (see _mark_link_lists).
_MIN_LINK_LIST = 3
_STRUCTURE = {"end", "divider", "edited_by", "pinned", "drop", "ago", "key_event"}
# Lines that say nothing about where a post's text goes: skipped when looking ahead.
_SILENT = ("drop", "key_event")


@dataclass
class Unit:
    """One paragraph-sized piece of the file and what it looks like."""

    line: int
    end_line: int
    text: str
    role: str  # body headline name role stamp lead glued ago end divider key_event edited_by pinned drop header
    stamp: Stamp | None = None
    ago: dt.timedelta | None = None  # an "ago" line's "4 minutes ago"


@dataclass
class Reading:
    posts: list[Post]
    kind: str
    stated_date: dt.date | None
    warnings: list[str]


def raw_units(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, text) per paragraph, honouring both layouts."""
    # Each line's words once, spaces collapsed: empty exactly when the line is blank.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    filled = [i for i, line in enumerate(lines) if line]
    followed_by_blank = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1])
    blank_layout = len(filled) >= 3 and followed_by_blank >= BLANK_LAYOUT_SHARE * len(filled)
    units: list[tuple[int, int, str]] = []
    prev_blank = True
    for i, stripped in enumerate(lines):
        if not stripped:
            prev_blank = True
            continue
        # Blank-line layout: a hard-wrapped paragraph continues on the next line.
        if (
            blank_layout
            and not prev_blank
            and units
            and not ends_sentence(units[-1][2])
            and stripped[0].islower()
        ):
            first, _, joined = units[-1]
            units[-1] = (first, i + 1, f"{joined} {stripped}")
        else:
            units.append((i + 1, i + 1, stripped))
        prev_blank = False
    return units


def _classify(raw: list[tuple[int, int, str]], year: int | None, label: str) -> tuple[list[Unit], dt.date | None, list[str]]:
    units: list[Unit] = []
    warnings: list[str] = []
    stated_date: dt.date | None = None
    first = 0
    try:
        for first, last, text in raw:
            dated = split_date_prefix(text)
            if dated:
                stated_date = stated_date or dated[0]
                text = dated[1]
                if not text:
                    continue
            furniture = furniture_kind(text)
            if furniture:
                units.append(Unit(first, last, text, furniture))
                continue
            ago = parse_ago_line(text)
            if ago is not None:
                units.append(Unit(first, last, text, "ago", ago=ago))
                continue
            try:
                stamp = parse_stamp_line(text, year)
                if stamp:
                    units.append(Unit(first, last, text, "stamp", stamp))
                    continue
                glued = split_glued_stamp(text)
                if glued:
                    units.append(Unit(first, last, glued[0], "glued", glued[1]))
                    continue
                leading = split_leading_stamp(text)
                if leading:
                    # A post's time or an item of a list in a post: time_led.py settles which.
                    units.append(Unit(first, last, text, "lead", leading[0]))
                    text = leading[1]
            except ImpossibleTime as exc:
                warnings.append(f"{label}:{first}: impossible time {str(exc)!r} ignored")
                if len(text.split()) <= 6:
                    units.append(Unit(first, last, text, "drop"))
                    continue
            byline = _BYLINE.match(text) if text[:1] in _BYLINE_FIRST else None
            if byline and looks_like_name(byline.group("name")):
                units.append(Unit(first, last, byline.group("name"), "name"))
                if byline.group("role"):
                    units.append(Unit(first, last, byline.group("role").strip(), "role"))
                continue
            if looks_like_name(text):
                units.append(Unit(first, last, text, "name"))
            elif units and units[-1].role == "name" and looks_like_role(text):
                units.append(Unit(first, last, text, "role"))
            elif looks_like_headline(text):
                units.append(Unit(first, last, text, "headline"))
            else:
                units.append(Unit(first, last, text, "body"))
    except UnstorableTime as exc:
        # A stated date liveline cannot store: refuse the text, naming the line.
        raise LivelineError(f"{label}:{first}: {exc}") from None
    return units, stated_date, warnings


def _mark_summary_bullets(units: list[Unit]) -> None:
    """Unpunctuated lines right above "Edited by" are the page's summary, not posts."""
    for i, unit in enumerate(units):
        if unit.role != "edited_by":
            continue
        j = i - 1
        while j >= 0 and units[j].role in ("headline", "body", "name") and not ends_sentence(units[j].text):
            units[j].role = "header"
            j -= 1


def _next_content(units: list[Unit], i: int) -> str | None:
    for unit in units[i + 1 :]:
        if unit.role not in _SILENT:
            return unit.role
    return None


def _is_liveblog(units: list[Unit]) -> bool:
    markers = sum(1 for u in units if u.role in ("end", "glued", "stamp", "ago", "divider", "edited_by"))
    bylines = sum(1 for a, b in pairwise(units) if a.role == "name" and b.role == "role")
    return markers + bylines >= 2


class _Builder:
    """The post-by-post state of a live-blog page, fed one unit at a time."""

    def __init__(self, delimited: bool) -> None:
        # Delimited pages ("Share" after every post, or a time on every post) are split
        # only at their delimiters; undelimited copies also split at writing cues.
        self.delimited = delimited
        self.posts: list[Post] = []
        self.current: Post | None = None
        self.closed: Post | None = None
        self.header: Post | None = None
        self.pin_next = False
        self.flag_next = False  # a "Key event" line flags the post the next line opens
        self.listing = False  # inside a list a colon announced
        self.seen: dict[str, tuple[Post, Paragraph]] = {}

    def open(self, line: int) -> Post:
        post = Post(first_line=line, last_line=line, pinned=self.pin_next)
        self.pin_next = False
        if self.flag_next:
            post.flag_key_event()
            self.flag_next = False
        self.posts.append(post)
        self.current = post
        return post

    def add(self, post: Post, unit: Unit, part: str, duplicate_of: Paragraph | None = None) -> None:
        paragraph = Paragraph(unit.line, unit.end_line, unit.text, part, duplicate_of)
        post.paragraphs.append(paragraph)
        post.touch(unit.line)
        if part == "body" and duplicate_of is None and len(unit.text) >= _MIN_DUPLICATE:
            self.seen.setdefault(unit.text, (post, paragraph))
        self.listing = part == "body" and (_announces(unit.text) or (self.listing and not ends_sentence(unit.text)))

    def set_headline(self, post: Post, unit: Unit) -> None:
        post.headline = unit.text if post.headline is None else f"{post.headline} / {unit.text}"
        if _SUMMARY.search(unit.text):
            post.kind = "summary"
        self.add(post, unit, "headline")

    def feed(self, units: list[Unit]) -> list[Post]:
        for i, unit in enumerate(units):
            if unit.role not in ("body", "headline", "role", "drop"):
                self.listing = False  # a post marker or a byline ends any list
            getattr(self, f"_on_{unit.role}")(unit, units, i)
            if unit.role not in _SILENT:
                self.flag_next = False  # a "Key event" line flags the post the line right after it opens, or none
        return [p for p in self.posts if p.paragraphs]

    def _on_header(self, unit: Unit, units: list[Unit], i: int) -> None:
        if self.header is None or self.posts[-1] is not self.header:
            self.header = Post(first_line=unit.line, last_line=unit.line, kind="header")
            self.posts.append(self.header)
        self.add(self.header, unit, "body")

    def _on_end(self, unit: Unit, units: list[Unit], i: int) -> None:
        if self.current is not None:
            self.closed = self.current
        self.current = None

    def _on_divider(self, unit: Unit, units: list[Unit], i: int) -> None:
        for post in self.posts:
            if post.in_timeline:
                post.pinned = True
        self.current = self.closed = None

    def _on_edited_by(self, unit: Unit, units: list[Unit], i: int) -> None:
        self.current = self.closed = None

    def _on_pinned(self, unit: Unit, units: list[Unit], i: int) -> None:
        self.pin_next = True
        self.current = None

    def _on_drop(self, unit: Unit, units: list[Unit], i: int) -> None:
        pass

    def _on_key_event(self, unit: Unit, units: list[Unit], i: int) -> None:
        # Under a post's time or byline (its post open, no words yet) it flags that post;
        # else it stands over the next post, and starts it: its time line, byline or first
        # words open a post (in `open`).
        post = self.current
        if post is not None and not post.has_body:
            post.flag_key_event()
        else:
            self.current = None  # the flag starts a post: the words after it are not the last post's
            self.flag_next = True

    def _on_stamp(self, unit: Unit, units: list[Unit], i: int) -> None:
        stamp = unit.stamp
        assert stamp is not None
        if stamp.kind == "updated":
            # "Updated at" follows the block it updates, after its "Share", and ends it (the
            # words after it are the next post's) unless it stands right under the post's time.
            target = self.current or self.closed
            if target is None or target.updated is not None:
                target = self.open(unit.line)
            target.updated = stamp
            target.touch(unit.line)
            if target.has_body:
                self.closed, self.current = target, None
            return
        post = self.current
        if post is None or post.has_body or post.published is not None:
            post = self.open(unit.line)
        post.published = stamp
        post.touch(unit.line)

    def _on_ago(self, unit: Unit, units: list[Unit], i: int) -> None:
        # A relative time heads its post as a time line does, beside it or alone; it orders,
        # it does not time.
        post = self.current
        if post is None or post.has_body or post.shown_ago is not None:
            post = self.open(unit.line)
        post.shown_ago = unit.ago
        post.touch(unit.line)

    def _on_glued(self, unit: Unit, units: list[Unit], i: int) -> None:
        post = self.current
        if post is None or not post.is_empty or post.published is not None:
            post = self.open(unit.line)
        post.published = unit.stamp
        self.set_headline(post, unit)

    def _on_name(self, unit: Unit, units: list[Unit], i: int) -> None:
        post = self.current
        if post is None or post.has_body or post.author is not None:
            post = self.open(unit.line)
        post.author = unit.text
        post.touch(unit.line)

    def _on_role(self, unit: Unit, units: list[Unit], i: int) -> None:
        post = self.current
        if post is not None and post.author and post.author_role is None and not post.has_body:
            post.author_role = unit.text
            post.touch(unit.line)
        else:
            self._on_body(unit, units, i)

    def _on_headline(self, unit: Unit, units: list[Unit], i: int) -> None:
        if _next_content(units, i) in (None, "end", "divider", "edited_by", "pinned"):
            return self._on_body(unit, units, i)  # a lone unpunctuated line is text
        post = self.current
        if post is not None and self.listing:
            self._on_body(unit, units, i)
        elif post is None or (post.has_body and not self.delimited):
            self.set_headline(self.open(unit.line), unit)
        elif not post.has_body and post.author is None:
            self.set_headline(post, unit)
        else:
            self._on_body(unit, units, i)

    def _on_body(self, unit: Unit, units: list[Unit], i: int) -> None:
        if len(unit.text) >= _MIN_DUPLICATE and unit.text in self.seen:
            post, original = self.seen[unit.text]
            self.add(post, unit, "body", duplicate_of=original)
            return
        current = self.current
        if current is None or (
            not self.delimited and current.has_body and not _announces(current.paragraphs[-1].text) and cues.opens_post(unit.text)
        ):
            current = self.open(unit.line)
        self.add(current, unit, "body")


def _mark_link_lists(posts: list[Post]) -> None:
    """A run of posts that are each a headline and nothing else is the page's list of links
    (its key events, related stories), not posts: a live post has text. One or two alone
    may be a picture or a video with its caption."""
    run: list[Post] = []
    for post in [*posts, None]:
        if post is not None and post.in_timeline and not post.has_body:
            run.append(post)
            continue
        if len(run) >= _MIN_LINK_LIST:
            for listed in run:
                listed.kind = "header"
        run = []


def _announces(text: str) -> bool:
    """A line ending in a colon announces what follows (a list, a quotation): the line after
    it is its post's, whatever it looks like, and so are the unpunctuated phrases of a list
    under it (which would otherwise read as headlines); a full sentence ends the list."""
    return text.rstrip().endswith((":", "："))


def _read_article(units: list[Unit]) -> list[Post]:
    if not units:
        return []  # a copy of nothing but its date line
    post = Post(first_line=units[0].line, last_line=units[0].line)
    seen: dict[str, Paragraph] = {}
    whole_line = 0  # a line led by a time, taken whole as text: its words after the time are in it
    for i, unit in enumerate(units):
        if unit.role in _STRUCTURE or unit.role == "header" or unit.line == whole_line:
            continue
        started = bool(post.paragraphs)
        if unit.role == "stamp" and not post.has_body:
            setattr(post, unit.stamp.kind, unit.stamp)  # type: ignore[union-attr]
            post.touch(unit.line)
        elif unit.role in ("name", "role") and not post.has_body:
            if unit.role == "name":
                post.author = unit.text
            else:
                post.author_role = unit.text
            post.touch(unit.line)
        elif unit.role in ("headline", "glued") and not started and _next_content(units, i):
            post.headline = unit.text
            post.paragraphs.append(Paragraph(unit.line, unit.end_line, unit.text, "headline"))
            post.touch(unit.line)
        else:
            if unit.role == "stamp":
                whole_line = unit.line
            original = seen.get(unit.text) if len(unit.text) >= _MIN_DUPLICATE else None
            post.paragraphs.append(Paragraph(unit.line, unit.end_line, unit.text, "body", original))
            post.touch(unit.line)
            if original is None:
                seen[unit.text] = post.paragraphs[-1]
    return [post] if post.paragraphs else []


def read_text(source: SourceText, label: str, kind: str | None, year: int | None) -> Reading:
    """Segment a plain-text source. `kind` None detects live blog vs article."""
    units, stated_date, warnings = _classify(raw_units(source.text), year, label)
    settle_time_led(units)
    _mark_summary_bullets(units)
    if kind is None:
        kind = "liveblog" if _is_liveblog(units) else "article"
    if kind == "article":
        posts = _read_article(units)
    else:
        # Footers ("Share", "Updated at") and times over posts both delimit; two footers or
        # three times make the pattern, fewer may be a line that merely looks like one.
        ends = sum(1 for u in units if u.role == "end" or (u.role == "stamp" and u.stamp and u.stamp.kind == "updated"))
        stamps = sum(1 for u in units if u.role in ("stamp", "glued", "ago") and (u.stamp is None or u.stamp.kind == "published"))
        posts = _Builder(delimited=ends >= 2 or stamps >= 3).feed(units)
        _mark_link_lists(posts)
    return Reading(posts=posts, kind=kind, stated_date=stated_date, warnings=warnings)
