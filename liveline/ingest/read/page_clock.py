"""A page's clock: which zone its wall times are in and which day they fall on, each with
the evidence for it, and text times placed on days in UTC (midnight in either order).

The zone, strongest evidence first: the user's --tz; a sentence on the page ("All times
stated are UK time"); a zone mark beside the page's stated date ("Updated: ... 09:20 PM
IST"); a non-zero offset in the page's own machine timestamps; the zone of the page's
language and country (de-CH: Zurich); else UK time, assumed. An offset of zero says little
(servers write UTC whatever the newsroom's clock), so it yields to the page's country.

The day (the anchor): the user's --date; the page's published time (its first post is
near it); the date in its URL; its modified or "Updated" time (its last post is at or
before it); a dateline giving both ("23 mars 2010 à 09:00 (mis à jour à 15:20)") is a start
and an end (dateline.py reads it). Placing the posts is in wall_placing.py.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.dateline import POSTED_WORDS, UPDATED_WORDS, Dateline, read_dateline, update_part
from liveline.ingest.read.json_ld import ARTICLE_TYPES, LIVE_TYPES, JsonLd, types
from liveline.ingest.read.raw_post import RawPost, WallTime, clean
from liveline.ingest.read.wall_placing import Anchor, place
from liveline.ingest.read.wall_time import stated_datetime
from liveline.ingest.read.zones import (
    MarkReading,
    OffsetStamp,
    PlaceHint,
    check_zone_name,
    offset_text,
    place_hint,
    read_mark,
    stated_zone,
    zone_for_mark,
    zone_key,
)


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
    place: PlaceHint | None = None  # the page's language, country and their zone, for marks that depend on them
    offsets: tuple[OffsetStamp, ...] = ()  # the page's machine times with a non-zero offset, likewise
    doubts: list[str] = field(default_factory=list)  # notes on what the page leaves unsure: each is also a warning
    marks_said: set[str] = field(default_factory=set)  # ambiguous marks whose reading a note already gives
    zone_from_mark: bool = False  # the zone is a mark's reading (so no evidence for reading other marks)


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
    dateline = read_dateline(tree)
    clock = _zone(tree, hint, _offset_stamps(stamps), dateline, given_zone)
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
    No mark, or "Uhr" (German for o'clock), is the page's own zone. A mark several places
    write ("IST": India, Ireland, Israel) is read from the page's other evidence."""
    if not mark or mark.strip().upper() in ("UHR", "H"):
        return clock.zone
    reading = _mark_reading(mark, clock)
    return reading.zone if reading is not None else zone_for_mark(mark, clock.country)


def _mark_reading(mark: str, clock: PageClock) -> MarkReading | None:
    # The page's zone is evidence when the page (or --tz) gave it, not when it is assumed.
    home = None if clock.assumed or clock.zone_from_mark else (clock.zone, clock.zone_evidence)
    return read_mark(mark, clock.place or PlaceHint(None, "", clock.country), clock.offsets, home)


def _say_mark(mark: str, clock: PageClock, notes: list[str]) -> None:
    """A note on how an ambiguous mark was read (once a page), a doubt when unsure."""
    key = mark.strip().strip("()[]").upper()
    reading = _mark_reading(mark, clock)
    if reading is None or key in clock.marks_said:
        return
    clock.marks_said.add(key)
    notes.append(reading.evidence)
    if not reading.sure:
        clock.doubts.append(reading.evidence)


def place_walls(posts: list[RawPost], clock: PageClock) -> list[str]:
    """Give every post with a `wall` time (and `day` header) its `published` time in UTC,
    crossing midnight in the page's order; returns notes on what was assumed
    (wall_placing.py says how)."""
    unknown: set[str] = set()
    marks: set[str] = set()

    def zone_of(wall: WallTime) -> dt.tzinfo:
        zone = mark_zone(wall.zone, clock)
        if zone is None and wall.zone:
            unknown.add(wall.zone)
        if wall.zone:
            marks.add(wall.zone)
        return zone or clock.zone

    anchor = Anchor(clock.anchor, clock.anchor_kind, clock.anchor_evidence, clock.zone, clock.latest) if clock.anchor else None
    notes = place(posts, zone_of, anchor, doubts=clock.doubts)
    for mark in sorted(marks - unknown):
        _say_mark(mark, clock, notes)
    if unknown:
        notes.append(f"zone mark(s) {', '.join(sorted(unknown))} not known; read as the page's zone ({zone_key(clock.zone)})")
    return notes


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
        # A LiveBlogPosting's coverage times say when its posts run, where a page gives no other.
        for key, role in (("datePublished", "published"), ("dateModified", "modified"),
                          ("coverageStartTime", "published"), ("coverageEndTime", "modified")):
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
def _zone(tree: LexborHTMLParser, hint: PlaceHint, offsets: list[OffsetStamp], dateline: Dateline | None, given: str | None) -> PageClock:
    def clock(zone: dt.tzinfo, evidence: str, assumed: bool = False) -> PageClock:
        return PageClock(zone, evidence, None, "day", "none", assumed=assumed, country=hint.country, place=hint, offsets=tuple(offsets))

    if given is not None:
        return clock(check_zone_name(given, "--tz", hint.country), f"--tz {given}")
    text = _visible_text(tree)
    if stated := stated_zone(text, hint.country):
        return clock(stated[0], f'the page says "{stated[1]}"')
    if dateline is not None and dateline[2] is not None and dateline[2].zone and dateline[2].zone.upper() not in ("UHR", "H"):
        written = dateline[2].zone
        reading = read_mark(written, hint, offsets)
        mark = reading.zone if reading is not None else zone_for_mark(written, hint.country)
        if mark is not None:
            found = clock(mark, f'{written} in the page\'s "{dateline[0][:60]}"')
            found.zone_from_mark = True
            _say_mark(written, found, found.notes)
            return found
    by_offset = _zone_from_offsets(offsets, hint)
    if by_offset is not None:
        found = clock(*by_offset)
        if hint.zone is not None and by_offset[0] is not hint.zone:
            found.notes.append(f"the page's timestamps do not fit {hint.evidence} ({zone_key(hint.zone)}); used their offset")
        return found
    if hint.zone is not None:
        return clock(hint.zone, hint.evidence)
    return clock(UK_TIME, "assumed UK time", assumed=True)


def _offset_stamps(stamps: list[_Stamp]) -> list[OffsetStamp]:
    """The page's machine times that carry a non-zero offset (a zero offset says little:
    servers write UTC whatever the newsroom's clock), with where each is written."""
    seen: list[OffsetStamp] = []
    for stamp in stamps:
        when = _parse_iso(stamp.text)
        if when is not None and when.utcoffset():
            seen.append((when, stamp.source))
    return seen


def _zone_from_offsets(seen: list[OffsetStamp], hint: PlaceHint) -> tuple[dt.tzinfo, str] | None:
    """The zone the page's non-zero timestamp offsets show: its country's zone when that
    has those offsets on those dates (summer time then follows), else the offset itself."""
    if not seen:
        return None
    common, _ = Counter(when.utcoffset() for when, _ in seen).most_common(1)[0]
    assert common is not None  # every stamp here has an offset
    source = next(source for when, source in seen if when.utcoffset() == common)
    shown = offset_text(common)
    if hint.zone is not None and all(when.astimezone(hint.zone).utcoffset() == when.utcoffset() for when, _ in seen):
        return hint.zone, f"{shown} in {source}, {hint.evidence}"
    return dt.timezone(common), f"{shown} in {source}"


# The anchor -----------------------------------------------------------------------------------
def _anchor(clock: PageClock, stamps: list[_Stamp], url: str | None, dateline: Dateline | None, given: dt.date | None) -> None:
    zone = clock.zone
    # A date without a time ("DC.date.issued" 2019-07-18) is a day, not its midnight: a
    # time the page states on that day says more.
    dated = [stamp for stamp in stamps if stamp.role == "published" and _DATE_ONLY.fullmatch(stamp.text.strip())]
    published = [(stamp.source, when) for stamp in stamps if stamp.role == "published" and stamp not in dated and (when := iso_time(stamp.text, zone))]
    timed_days = {_day(when, zone) for _, when in published}
    dates_only = {stamp.source for stamp in dated}
    published += [(stamp.source, when) for stamp in dated if (when := iso_time(stamp.text, zone)) and _day(when, zone) not in timed_days]
    modified = [(stamp.source, when) for stamp in stamps if stamp.role == "modified" and (when := iso_time(stamp.text, zone))]
    # The earliest: a CMS may restamp "published" as the blog updates, never move it back.
    published.sort(key=lambda found: found[1])
    from_url = url_day(url)
    stated = _stated_anchor(dateline, clock)
    clock.latest = max((when for _, when in modified), default=None)
    if stated is not None and clock.latest is None:
        clock.latest = stated[0] if stated[1] == "end" else stated[3]
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
        source, when = published[0]
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = when, "day" if source in dates_only else "start", source
    elif from_url is not None:
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = dt.datetime.combine(from_url[0], dt.time(0), zone), "day", from_url[1]
    elif stated is not None and stated[1] != "end":
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = stated[:3]
    elif modified:
        source, when = max(modified, key=lambda found: found[1])
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = when, "end", source
    elif stated is not None:
        clock.anchor, clock.anchor_kind, clock.anchor_evidence = stated[:3]


# A machine date without a time of day.
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
def _stated_anchor(dateline: Dateline | None, clock: PageClock) -> tuple[dt.datetime, str, str, dt.datetime | None] | None:
    """The anchor a dateline gives, and the last update when it states one too: "Updated
    ..." an end, "Posted ..." a start, a bare date its day; a date written before an update
    label ("23 mars 2010 à 09:00 (mis à jour à 15:20)") is the start, the update the end."""
    if dateline is None:
        return None
    text, day, wall = dateline
    updated, posted = UPDATED_WORDS.search(text), POSTED_WORDS.search(text)
    update_first = updated is not None and (not posted or updated.start() < posted.start())
    dated_before_update = updated is not None and stated_datetime(text[: updated.start()]) is not None
    kind = "end" if update_first and not dated_before_update else "start" if posted or dated_before_update else "day"
    evidence = f'the page\'s "{text[:60]}"'
    end = _update_time(text, day, wall, clock) if kind != "end" else None
    if wall is None:
        # No time: an update is by the end of its day; otherwise the day is the first post's.
        if kind == "end":
            return dt.datetime.combine(day, dt.time(23, 59), clock.zone), "end", evidence, None
        return dt.datetime.combine(day, dt.time(0), clock.zone), "day", evidence, end
    zone = mark_zone(wall.zone, clock) or clock.zone
    return dt.datetime.combine(day, dt.time(wall.hour, wall.minute), zone), kind if kind != "day" else "start", evidence, end


def _update_time(text: str, day: dt.date, start: WallTime | None, clock: PageClock) -> dt.datetime | None:
    """The last update a dateline states after its published date; a time alone is on the
    published day (the next day when it is earlier than the published time)."""
    update = update_part(text)
    if update is None:
        return None
    on, wall = update
    if wall is None:
        return dt.datetime.combine(on or day, dt.time(23, 59), clock.zone)
    if on is None:
        on = day + dt.timedelta(days=start is not None and (wall.hour, wall.minute) < (start.hour, start.minute))
    zone = mark_zone(wall.zone, clock) or clock.zone
    return dt.datetime.combine(on, dt.time(wall.hour % 24, wall.minute % 60), zone)


def url_day(url: str | None) -> tuple[dt.date, str] | None:
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
