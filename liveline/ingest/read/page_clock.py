"""A page's clock: which zone its wall times are in and which day they fall on, each with
the evidence for it, and text times placed on days in UTC (midnight in either order).

The zone, strongest evidence first: the user's --tz; a sentence on the page ("All times
stated are UK time"); a zone mark beside the page's stated date ("Updated: ... 09:20 PM
IST"); a non-zero offset in the page's own machine timestamps; the zone of the page's
language and country (de-CH: Zurich); else UK time, assumed. An offset of zero says little
(servers write UTC whatever the newsroom's clock), so it yields to the page's country.

The day (the anchor): the user's --date; the page's published time (its first post is
near it); the date in its URL; its modified or "Updated" time (its last post is at or
before it). Placing the posts is in wall_placing.py.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveline.ingest.read.json_ld import ARTICLE_TYPES, LIVE_TYPES, JsonLd, types
from liveline.ingest.read.raw_post import RawPost, WallTime, clean
from liveline.ingest.read.wall_placing import Anchor, place
from liveline.ingest.read.wall_time import stated_datetime
from liveline.ingest.read.zones import PlaceHint, check_zone_name, place_hint, stated_zone, zone_for_mark, zone_key


@dataclass
class PageClock:
    zone: dt.tzinfo  # the page's zone, for wall times and ISO times without an offset
    zone_evidence: str  # "html lang de-CH", "+02:00 in article:published_time", "--tz", "assumed UK time"
    anchor: dt.datetime | None  # aware; where the page says its posts are in time
    anchor_kind: str  # start: the earliest post is near it | end: the latest is at or before it | day: the earliest is on its day
    anchor_evidence: str  # "meta article:published_time", "the URL's /2014/jun/12/", "--date", ...
    assumed: bool = False  # the zone is a guess, not evidence: --explain and a warning say so
    notes: list[str] = field(default_factory=list)
    country: str | None = None  # the page's country (ISO code), for marks that depend on it ("IST")
    latest: dt.datetime | None = None  # the page's modified time when known: no post should be after it


# The zone assumed when a page says nothing of its own (liveline shows UK time).
UK_TIME = zoneinfo.ZoneInfo("Europe/London")
# The JSON-LD objects whose datePublished is the page's own (not an image's or a post's).
_PAGE_TYPES = LIVE_TYPES | ARTICLE_TYPES
# Dates before the web had news pages, or far ahead, are a template's placeholder.
_FIRST_YEAR, _LAST_YEAR = 1990, 2100
# Two of the page's dates further apart than this disagree (a live blog runs over a day
# or so; its URL's date and its published date are the same day in the page's zone).
DISAGREEMENT = dt.timedelta(days=1)
# A published date this long after the URL's date is a republication (a site moved to a
# new system restamps every page; the URL keeps the day the page was made).
REPUBLISHED = dt.timedelta(days=30)
# A stated date ("Updated: 2 November 2023, 9.20pm") stands on its own line near the
# headline: the lines read are these many elements after the <h1> and before it, each
# line at most this long (a dateline is short; a paragraph of a post is not one).
DATELINE_AFTER = 40
DATELINE_BEFORE = 12
MAX_DATELINE_CHARS = 300
# An element's line is its text and its inline children's; an element with more children
# than this is a container, not a line.
MAX_LINE_PARTS = 40
_INLINE = frozenset({"-text", "span", "time", "b", "strong", "em", "i", "a", "abbr", "small", "br", "sup", "sub", "font", "bdi", "u"})
_UNREAD = frozenset({"script", "style", "noscript", "template", "svg", "nav", "button", "select"})
# Words that label a dateline as the last update ("Stand:" is German for "as of") or as
# the first publication, in the languages live blogs are common in.
_UPDATED_WORDS = re.compile(
    r"\b(?:updated|last\s+modified|as\s+of|aktualisiert|aktualisierung|stand:|mis\s+à\s+jour|mise\s+à\s+jour|maj\b|aggiornat\w*|aggiornamento"
    r"|actualizad\w*|actualización|zaktualizowan\w*|aktualizacja|bijgewerkt|laatste\s+update)",
    re.I,
)
_POSTED_WORDS = re.compile(
    r"\b(?:posted|published|veröffentlicht|erstellt|publiziert|publié|pubblicat\w*|publicad\w*|opublikowan\w*|publikacja|gepubliceerd|geplaatst)", re.I
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)/([a-z]{3})[a-z]*/(\d{1,2})(?:/|$)", re.I),  # /2014/jun/12/
    re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)"),  # /2014/06/12/
    re.compile(r"/((?:19|20)\d\d)-(\d\d)-(\d\d)(?:/|$|[-_])"),  # /2014-06-12/
    re.compile(r"[-/_]((?:19|20)\d\d)(\d\d)(\d\d)(?:/|$|[-_.?#])"),  # -20140612, /20140612/
)


def read_page_clock(tree: LexborHTMLParser, url: str | None, ld: JsonLd, given_day: dt.date | None = None, given_zone: str | None = None) -> PageClock:
    """The page's zone and anchor from its own evidence (or the user's --date / --tz).
    An unknown --tz is a LivelineError."""
    root = tree.css_first("html")
    lang = (root.attributes.get("lang") or root.attributes.get("xml:lang")) if root is not None else None
    hint = place_hint(lang or meta_content(tree, "content-language"), meta_content(tree, "og:locale"), url)
    stamps = _machine_times(tree, ld)
    dateline = _dateline(tree)
    clock = _zone(tree, hint, stamps, dateline, given_zone)
    _anchor(clock, stamps, url, dateline, given_day)
    return clock


# Elements whose text a reader never sees: a page's scripts can be most of its text (the
# Mirror's: 850,000 of 885,000 characters), and searching them for "All times are..." took
# half a second for nothing.
_UNSEEN = frozenset({"script", "style", "noscript", "template"})


def _visible_text(tree: LexborHTMLParser) -> str:
    """The body's text as a reader sees it, without scripts and styles."""
    if tree.body is None:
        return ""
    return " ".join(
        node.text_content or "" for node in tree.body.traverse(include_text=True)
        if node.tag == "-text" and node.parent is not None and node.parent.tag not in _UNSEEN
    )


def mark_zone(mark: str | None, clock: PageClock) -> dt.tzinfo | None:
    """The zone a written mark ("BST", "IST", "CEST", "Uhr", "ET") means on this page; None if unknown.
    No mark, or "Uhr" (German for o'clock), is the page's own zone."""
    if not mark or mark.strip().upper() in ("UHR", "H"):
        return clock.zone
    return zone_for_mark(mark, clock.country or _ZONE_COUNTRIES.get(zone_key(clock.zone)))


# An "IST" on a page whose zone is Ireland's or Israel's is theirs, not India's.
_ZONE_COUNTRIES = {"Europe/Dublin": "IE", "Asia/Jerusalem": "IL"}


def place_walls(posts: list[RawPost], clock: PageClock) -> list[str]:
    """Give every post with a `wall` time (and `day` header) its `published` time in UTC,
    crossing midnight in the page's order; returns notes on what was assumed
    (wall_placing.py says how)."""
    unknown: set[str] = set()

    def zone_of(wall: WallTime) -> dt.tzinfo:
        zone = mark_zone(wall.zone, clock)
        if zone is None and wall.zone:
            unknown.add(wall.zone)
        return zone or clock.zone

    anchor = Anchor(clock.anchor, clock.anchor_kind, clock.anchor_evidence, clock.zone, clock.latest) if clock.anchor else None
    notes = place(posts, zone_of, anchor)
    if unknown:
        notes.append(f"zone mark(s) {', '.join(sorted(unknown))} not known; read as the page's zone ({zone_key(clock.zone)})")
    return notes


# A date stated in words near the headline: the words, the date, and the time if stated.
_Dateline = tuple[str, dt.date, WallTime | None]


# The page's machine-readable times -------------------------------------------------------
@dataclass(frozen=True)
class _Stamp:
    source: str  # "meta article:published_time", "JSON-LD datePublished", "<time datetime>"
    role: str  # published | modified | other
    text: str


def meta_content(tree: LexborHTMLParser, name: str) -> str | None:
    """A meta tag's content, by property, name or http-equiv (names in any case: "DC.date")."""
    node = (tree.css_first(f'meta[property="{name}" i]') or tree.css_first(f'meta[name="{name}" i]')
            or tree.css_first(f'meta[http-equiv="{name}" i]'))
    value = node.attributes.get("content") if node is not None else None
    return clean(value) or None


# The meta tags publishers date a page with: Open Graph's, then the older names CMSs and
# search engines used (Dublin Core, Parse.ly, Sailthru, plain `date`), the first of a
# role that reads as a time being taken.
_META_TIMES = (
    ("article:published_time", "published"), ("article:modified_time", "modified"), ("og:updated_time", "modified"),
    ("date", "published"), ("pubdate", "published"), ("publishdate", "published"), ("publish-date", "published"),
    ("dc.date", "published"), ("dc.date.issued", "published"), ("dcterms.created", "published"), ("dcterms.issued", "published"),
    ("parsely-pub-date", "published"), ("sailthru.date", "published"), ("datePublished", "published"),
    ("last-modified", "modified"), ("dcterms.modified", "modified"), ("dc.date.modified", "modified"), ("dateModified", "modified"),
)


def _machine_times(tree: LexborHTMLParser, ld: JsonLd) -> list[_Stamp]:
    """Every time the page states for machines, the page's own first (published, then modified)."""
    found: list[_Stamp] = []
    for name, role in _META_TIMES:
        if value := meta_content(tree, name):
            found.append(_Stamp(f"meta {name}", role, value))
    # The page's own object: its LiveBlogPosting, else its first article (others may be
    # related stories, with their own older dates).
    own = next((i for i in ld.objects if "LiveBlogPosting" in types(i)), None) or next((i for i in ld.objects if types(i) & _PAGE_TYPES), None)
    for item in ld.objects:
        for key, role in (("datePublished", "published"), ("dateModified", "modified")):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                page_own = item is own
                found.append(_Stamp(f"JSON-LD {key}" + (f" of the {_type_name(item)}" if page_own else ""), role if page_own else "other", value))
    for key, role in (("datePublished", "published"), ("dateModified", "modified")):
        for node in tree.css(f'[itemprop="{key}"]'):
            value = node.attributes.get("content") or node.attributes.get("datetime")
            if value:
                found.append(_Stamp(f"itemprop {key}", role, value))
    for node in tree.css("time[datetime]"):
        if value := node.attributes.get("datetime"):
            found.append(_Stamp("<time datetime>", "other", value))
    order = {"published": 0, "modified": 1, "other": 2}
    return sorted(found, key=lambda stamp: order[stamp.role])


def _type_name(item: dict[str, Any]) -> str:
    return sorted(types(item) & _PAGE_TYPES)[0]


def _parse_iso(text: str) -> dt.datetime | None:
    """A machine time as written: aware when it states an offset (or is epoch seconds), else naive."""
    text = text.strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?", text):
        return dt.datetime.fromtimestamp(int(text) / (1000 if len(text) == 13 else 1), dt.UTC)
    text = re.sub(r"\s+(?=[+-]\d\d:?\d\d$)", "", text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if _FIRST_YEAR <= parsed.year <= _LAST_YEAR else None


def iso_time(text: str, zone: dt.tzinfo) -> dt.datetime | None:
    """A machine time ("2023-11-02T21:06:00+05:30", "...Z", epoch seconds) as an aware time;
    one without an offset is in `zone`. None for anything else, or a placeholder year."""
    parsed = _parse_iso(text)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


# The zone -------------------------------------------------------------------------------------
def _zone(tree: LexborHTMLParser, hint: PlaceHint, stamps: list[_Stamp], dateline: _Dateline | None, given: str | None) -> PageClock:
    def clock(zone: dt.tzinfo, evidence: str, assumed: bool = False) -> PageClock:
        return PageClock(zone, evidence, None, "day", "none", assumed=assumed, country=hint.country)

    if given is not None:
        return clock(check_zone_name(given, "--tz", hint.country), f"--tz {given}")
    text = _visible_text(tree)
    if stated := stated_zone(text, hint.country):
        return clock(stated[0], f'the page says "{stated[1]}"')
    if dateline is not None and dateline[2] is not None and dateline[2].zone:
        mark = zone_for_mark(dateline[2].zone, hint.country)
        if mark is not None and dateline[2].zone not in ("UHR", "H"):
            return clock(mark, f'{dateline[2].zone} in the page\'s "{dateline[0][:60]}"')
    by_offset = _zone_from_offsets(stamps, hint)
    if by_offset is not None:
        found = clock(*by_offset)
        if hint.zone is not None and by_offset[0] is not hint.zone:
            found.notes.append(f"the page's timestamps do not fit {hint.evidence} ({zone_key(hint.zone)}); used their offset")
        return found
    if hint.zone is not None:
        return clock(hint.zone, hint.evidence)
    return clock(UK_TIME, "assumed UK time", assumed=True)


def _zone_from_offsets(stamps: list[_Stamp], hint: PlaceHint) -> tuple[dt.tzinfo, str] | None:
    """The zone the page's non-zero timestamp offsets show: its country's zone when that
    has those offsets on those dates (summer time then follows), else the offset itself."""
    seen: list[tuple[_Stamp, dt.datetime, dt.timedelta]] = []
    for stamp in stamps:
        when = _parse_iso(stamp.text)
        offset = when.utcoffset() if when is not None else None
        if when is not None and offset:  # a zero offset says little: servers write UTC
            seen.append((stamp, when, offset))
    if not seen:
        return None
    common, _ = Counter(offset for _, _, offset in seen).most_common(1)[0]
    stamp = next(stamp for stamp, _, offset in seen if offset == common)
    shown = _offset_text(common)
    if hint.zone is not None and all(when.astimezone(hint.zone).utcoffset() == offset for _, when, offset in seen):
        return hint.zone, f"{shown} in {stamp.source}, {hint.evidence}"
    return dt.timezone(common), f"{shown} in {stamp.source}"


def _offset_text(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# The anchor -----------------------------------------------------------------------------------
def _dateline(tree: LexborHTMLParser) -> _Dateline | None:
    """A date (and time) stated in words near the headline ("Updated: November 02, 2023
    09:20 PM IST"): the line, the date and the time. A line that says "Updated" or
    "Published" first, then any other (nearest the headline first)."""
    if tree.body is None:
        return None
    before: deque[LexborNode] = deque(maxlen=DATELINE_BEFORE)  # lines read only for the last few
    after: list[str] = []
    seen_headline = tree.css_first("h1") is None  # no headline: read from the top
    for node in tree.body.traverse():
        if node.tag in _UNREAD:
            continue
        if not seen_headline:
            seen_headline = node.tag == "h1"
            before.append(node)
        elif node.tag != "h1" and (line := _line(node)):
            after.append(line)
            if len(after) >= DATELINE_AFTER:
                break
    lines = [*after, *(line for node in reversed(before) if node.tag != "h1" and (line := _line(node)))]
    # From its first label on: "Written by Sports Desk | Updated: ..." says "Updated: ...".
    labelled = [line[min(label.start() for label in labels) :] for line in lines if (labels := _labels(line))]
    for line in [*labelled, *lines]:
        if (found := stated_datetime(line)) is not None:
            return line, found[0], found[1]
    return None


def _labels(line: str) -> list[re.Match[str]]:
    return [label for label in (_UPDATED_WORDS.search(line), _POSTED_WORDS.search(line)) if label is not None]


def _line(node: LexborNode) -> str:
    """An element's own line of text (its text and its inline children's, not its blocks');
    empty when it has none, or is too long to be a dateline."""
    parts: list[str] = []
    size = 0
    for count, child in enumerate(node.iter(include_text=True)):
        if count >= MAX_LINE_PARTS:
            return ""
        if child.tag in _INLINE:
            part = child.text(deep=child.tag != "-text") or ""
            size += len(part)
            if size > MAX_DATELINE_CHARS:
                return ""
            parts.append(part)
    return clean(" ".join(parts))


def _anchor(clock: PageClock, stamps: list[_Stamp], url: str | None, dateline: _Dateline | None, given: dt.date | None) -> None:
    zone = clock.zone
    published = [(stamp.source, when) for stamp in stamps if stamp.role == "published" and (when := iso_time(stamp.text, zone))]
    modified = [(stamp.source, when) for stamp in stamps if stamp.role == "modified" and (when := iso_time(stamp.text, zone))]
    # The earliest: a CMS may restamp "published" as the blog updates, never move it back.
    published.sort(key=lambda found: found[1])
    from_url = _url_day(url)
    stated = _stated_anchor(dateline, clock)
    clock.latest = max((when for _, when in modified), default=None)
    if stated is not None and stated[1] == "end" and clock.latest is None:
        clock.latest = stated[0]
    if published and abs(published[-1][1] - published[0][1]) > DISAGREEMENT:
        (source, when), (other, then) = published[0], published[-1]
        clock.notes.append(f"{source} ({_day(when, zone)}) and {other} ({_day(then, zone)}) disagree; used the earlier")
    if published and from_url is not None:
        day = published[0][1].astimezone(zone).date()
        if abs(day - from_url[0]) > DISAGREEMENT:
            clock.notes.append(f"{published[0][0]} ({day}) and {from_url[1]} ({from_url[0]}) disagree")
            if day - from_url[0] > REPUBLISHED:
                clock.notes.append(f"the page looks republished; used {from_url[1]}")
                published = []
    if given is not None:
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = dt.datetime.combine(given, dt.time(0), zone), "day", "--date"
    elif published:
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = published[0][1], "start", published[0][0]
    elif from_url is not None:
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = dt.datetime.combine(from_url[0], dt.time(0), zone), "day", from_url[1]
    elif stated is not None and stated[1] != "end":
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = stated
    elif modified:
        source, when = max(modified, key=lambda found: found[1])
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = when, "end", source
    elif stated is not None:
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = stated


def _stated_anchor(dateline: _Dateline | None, clock: PageClock) -> tuple[dt.datetime, str, str] | None:
    """The anchor a dateline gives: "Updated ..." an end, "Posted ..." a start, a bare date its day."""
    if dateline is None:
        return None
    text, day, wall = dateline
    updated, posted = _UPDATED_WORDS.search(text), _POSTED_WORDS.search(text)
    kind = "end" if updated and (not posted or updated.start() < posted.start()) else "start" if posted else "day"
    evidence = f'the page\'s "{text[:60]}"'
    if wall is None:
        # No time: an update is by the end of its day; otherwise the day is the first post's.
        if kind == "end":
            return dt.datetime.combine(day, dt.time(23, 59), clock.zone), "end", evidence
        return dt.datetime.combine(day, dt.time(0), clock.zone), "day", evidence
    zone = mark_zone(wall.zone, clock) or clock.zone
    return dt.datetime.combine(day, dt.time(wall.hour, wall.minute), zone), kind if kind != "day" else "start", evidence


def _url_day(url: str | None) -> tuple[dt.date, str] | None:
    """The date in a URL's path (/2014/jun/12/, /2014/06/12/, -20140612), and how it was written."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url or "", flags=re.I)[:2000]
    for pattern in _URL_DATES:
        for found in pattern.finditer(path):
            year, month, day = found.groups()
            number = _MONTHS.get(month[:3].lower()) if month.isalpha() else int(month)
            try:
                date = dt.date(int(year), number or 0, int(day))
            except ValueError:
                continue
            if _FIRST_YEAR <= date.year <= _LAST_YEAR:
                return date, f"the URL's {found.group(0).rstrip('?#.')}"
    return None


def _day(when: dt.datetime, zone: dt.tzinfo) -> dt.date:
    return when.astimezone(zone).date()
