"""Stated times and dates in source text, and their conversion to UTC.

Only times a page states *as a post's time* count: a line that is a timestamp
("Updated at 18.27 GMT", "16:25 GMT", "4.25pm", an ISO datetime), a timestamp glued
to a headline ("...measurespublished at 16:25 Greenwich Mean Time"), or one leading a
line ("16.25 BST Cooper stands up"). Times inside prose ("at 3pm tomorrow") are not
post times and are never read here.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as date_parser

from liveline.ingest.clock.case_folds import may_hold
from liveline.ingest.model import Stamp
from liveline.ingest.storable import FIRST_DAY, UnstorableTime, storable_day, storable_utc

_ZONE = r"(?P<zone>GMT|BST|UTC|Greenwich\s+Mean\s+Time|British\s+Summer\s+Time)"
_CLOCK = r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*,?\s+)"
_DAY = (
    r"(?P<day>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?(?:\s+\d{4})?"
    r"|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2})"
)
_PREFIX = r"(?P<prefix>(?:last\s+)?(?:published|updated|posted|first\s+published|modified)(?:\s+at|\s+on|:)?)"
_ISO = re.compile(
    r"(?P<iso>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)"
)

# A whole line that is a timestamp, e.g. "Updated at 18.27 GMT", "16:25", "Thu 16 Jan 2025 16.25 GMT".
_STAMP_LINE = re.compile(
    rf"^\s*(?:{_PREFIX}\s*)?{_WEEKDAY}?(?:{_DAY},?\s+)?(?:at\s+)?{_CLOCK}\s*{_ZONE}?\s*$",
    re.IGNORECASE,
)
_ISO_LINE = re.compile(rf"^\s*(?:{_PREFIX}\s*)?{_ISO.pattern}\s*$", re.IGNORECASE)
# A timestamp glued to the end of a headline; the BBC copy loses the space before "published".
_GLUED = re.compile(
    rf"^(?P<head>.*?)\s*(?P<prefix>published|updated|posted)\s+at\s+{_CLOCK}\s*{_ZONE}?\s*$",
    re.IGNORECASE,
)
# A time leading a line of text; needs a zone or am/pm so "10 recommendations" is not a time.
_LEADING = re.compile(
    r"^\s*(?P<h>\d{1,2})[:.](?P<m>\d{2})\s*(?:(?P<ampm>[ap]m)|(?P<zone>GMT|BST|UTC))\b[\s:,\-–—]+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# " date 2025-01-16 Labour has ..." (a scraper's date line) or a line that is only a date.
_DATE_PREFIX = re.compile(r"^\s*date\s*[:=]?\s*(?P<date>\d{4}-\d{2}-\d{2})\b\s*(?P<rest>.*)$", re.IGNORECASE)
_DATE_LINE = re.compile(rf"^\s*(?:{_PREFIX}\s*)?{_WEEKDAY}?{_DAY}\s*$", re.IGNORECASE)
# A line that is only a relative time ("4 minutes ago", "Updated 2h ago", "just now"): how
# long before the copy was taken the post appeared. It orders posts but states no time, as
# the moment of copying is not in the copy.
_AGO_LINE = re.compile(
    rf"""^\s*(?:{_PREFIX}\s*)?(?:
        (?P<n>\d{{1,4}}|an?|one)\s*(?P<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s+ago
      | (?P<now>just\s+now|moments?\s+ago|less\s+than\s+a\s+minute\s+ago)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_AGO_UNIT = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# The year of a stated day as written, e.g. "0099" in "16 January 0099".
_WRITTEN_YEAR = re.compile(r"\b\d{4}\b")

# Pre-checks. Nearly every line of a copy is prose, and each test below rules out a regex
# above by what any line it matches must look like, so it skips only lines the regex would
# refuse (case_folds.py says why letters are tested through case_variants and may_hold).
#
# The last character (spaces aside) of a line that _STAMP_LINE, _ISO_LINE or _GLUED match:
# a clock's digit, "am"/"pm" ("m"), a zone (GMT, BST, UTC, "... Time") or ISO's "Z"; a
# final "." only after an "m" ("4.25 p.m."). Digits are tested with isdecimal, which is
# what \d matches in a str pattern.
_TIME_LAST = frozenset("mMtTcCeEzZ")
# Words _GLUED needs before its time.
_GLUED_WORDS = ("published", "updated", "posted")
# What every _AGO_LINE ends in.
_AGO_ENDS = ("ago", "now")
# The first character (spaces aside) of a line _DATE_PREFIX matches.
_DATE_FIRST = frozenset("dD")


def _may_end_in_time(line: str) -> bool:
    end = line.rstrip()[-2:]
    last = end[-1:]
    return last.isdecimal() or last in _TIME_LAST or (last == "." and end[:1] in ("m", "M"))


def _may_start_with(line: str, first: frozenset[str]) -> bool:
    """Whether the line's first character, leading spaces aside (\\s*), may be one of `first`."""
    head = line[:1]
    return head in first or head.isspace()


class ImpossibleTime(ValueError):
    """A timestamp-shaped text whose values cannot be a time (e.g. 25.61 GMT)."""


def _kind(prefix: str | None) -> str:
    return "updated" if prefix and re.search(r"updated|modified", prefix, re.I) else "published"


def _clock(h: str, m: str | None, ampm: str | None) -> tuple[int, int]:
    hour, minute = int(h), int(m or 0)
    if ampm:
        if not 1 <= hour <= 12:
            raise ImpossibleTime(f"{h}{'.' + m if m else ''}{ampm}")
        pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23 or minute > 59:
        raise ImpossibleTime(f"{h}.{m}" if m else h)
    return hour, minute


_ZONE_WORDS = {"greenwich mean time": "GMT", "british summer time": "BST"}


def _zone(value: str | None) -> str | None:
    if not value:
        return None
    key = " ".join(value.lower().split())
    return _ZONE_WORDS.get(key, key.upper())


def _day(text: str | None, default_year: int | None = None) -> dt.date | None:
    if not text:
        return None
    written = _WRITTEN_YEAR.search(text)
    if written and int(written.group()) < FIRST_DAY.year:
        # dateutil reads "0099" as 1999: a year written in four digits means what it says.
        raise UnstorableTime("date", text)
    try:
        default = dt.datetime(default_year or dt.date.today().year, 1, 1)
        return date_parser.parse(text, default=default, dayfirst=True).date()
    except (ValueError, OverflowError):
        return None


def _iso(text: str, prefix: str | None) -> Stamp:
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ImpossibleTime(text) from None
    day = storable_day(value.date(), "time", text)
    if value.tzinfo is None:
        return Stamp(_kind(prefix), value.hour, value.minute, None, day=day)
    utc = storable_utc(value, stated=text).replace(second=0, microsecond=0)
    return Stamp(_kind(prefix), value.hour, value.minute, None, day=day, utc=utc)


def parse_stamp_line(line: str, year: int | None = None) -> Stamp | None:
    """The stamp when the whole line is a timestamp; None when it is not one.

    Raises ImpossibleTime for a timestamp-shaped line with impossible values, and
    UnstorableTime for one whose date liveline cannot store.
    """
    if not _may_end_in_time(line):
        return None
    iso = _ISO_LINE.match(line)
    if iso:
        return _iso(iso.group("iso"), iso.group("prefix"))
    m = _STAMP_LINE.match(line)
    if not m:
        return None
    # A bare number ("2024", "7") is not a time: need minutes, am/pm or a zone.
    if not (m.group("m") or m.group("ampm") or m.group("zone")):
        return None
    hour, minute = _clock(m.group("h"), m.group("m"), m.group("ampm"))
    day = _day(m.group("day"), year)
    if day is not None:
        storable_day(day, "date", m.group("day"))
    return Stamp(_kind(m.group("prefix")), hour, minute, _zone(m.group("zone")), day=day)


def parse_ago_line(line: str) -> dt.timedelta | None:
    """How long ago a line like "4 minutes ago" or "just now" says its post appeared; None
    for any other line."""
    if line.rstrip()[-3:].lower() not in _AGO_ENDS:
        return None
    m = _AGO_LINE.match(line)
    if not m:
        return None
    if m.group("now"):
        return dt.timedelta(0)
    count = int(m.group("n")) if m.group("n").isdigit() else 1
    return dt.timedelta(**{_AGO_UNIT[m.group("unit")[0].lower()]: count})


def split_glued_stamp(line: str) -> tuple[str, Stamp] | None:
    """(headline, stamp) for a headline ending in "published at 16:25 ..."; None otherwise."""
    if not _may_end_in_time(line) or not may_hold(line, _GLUED_WORDS):
        return None
    m = _GLUED.match(line)
    if not m or not m.group("head").strip():
        return None
    if not (m.group("m") or m.group("ampm") or m.group("zone")):
        return None
    hour, minute = _clock(m.group("h"), m.group("m"), m.group("ampm"))
    return m.group("head").strip(), Stamp(_kind(m.group("prefix")), hour, minute, _zone(m.group("zone")))


def split_leading_stamp(line: str) -> tuple[Stamp, str] | None:
    """(stamp, rest) for "16.25 GMT Cooper stands up"; None otherwise."""
    # _LEADING opens with spaces or a digit.
    head = line[:1]
    if not (head.isdecimal() or head.isspace()):
        return None
    m = _LEADING.match(line)
    if not m:
        return None
    hour, minute = _clock(m.group("h"), m.group("m"), m.group("ampm"))
    return Stamp("published", hour, minute, _zone(m.group("zone"))), m.group("rest").strip()


def split_date_prefix(line: str) -> tuple[dt.date, str] | None:
    """(date, rest) for a scraper's " date 2025-01-16 ..." line or a line that is only a date.

    Raises UnstorableTime for a date liveline cannot store.
    """
    m = _DATE_PREFIX.match(line) if _may_start_with(line, _DATE_FIRST) else None
    if m:
        try:
            day = dt.date.fromisoformat(m.group("date"))
        except ValueError:
            return None
        return storable_day(day, "date", m.group("date")), m.group("rest").strip()
    # A date line that counts has a four-digit year (or is ISO), so it ends in a digit.
    if not line.rstrip()[-1:].isdecimal():
        return None
    m = _DATE_LINE.match(line)
    if m and re.search(r"\d{4}", m.group("day")):
        found = _day(m.group("day"))
        if found:
            return storable_day(found, "date", m.group("day")), ""
    return None
