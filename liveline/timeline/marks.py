"""Time marks: how a post's clock is shown, so a reader can tell stated from inferred.

`16:25` stated by the source, `≤16:25` / `≥15:10` bounded by neighbouring posts,
`≈16:20` borrowed from another outlet's report of the same event, `--:--` unknown.
Times are stored in UTC and shown as UK wall time, as the pages show them, unless the
reader asks for another zone (liveline.timeline.zones); a mark is HH:MM in any zone, and
the status line names the zone.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dateutil import tz


def _london() -> dt.tzinfo:
    zone = tz.gettz("Europe/London")
    if zone is None:  # dateutil carries its own zone data: only a broken install gets here
        raise RuntimeError("no time zone data for Europe/London")
    return zone


LONDON = _london()
UTC = dt.UTC
UNKNOWN_MARK = "--:--"
# A stored time that does not read as one: a database written elsewhere is untrusted, and
# its reader says it cannot tell rather than failing on every screen that shows the entry.
UNREADABLE_MARK = "??:??"


@lru_cache(maxsize=1 << 12)  # a live blog's posts share a few hundred distinct times
def utc_iso(value: dt.datetime) -> str:
    """The storage form of a time: UTC, to the minute, ISO 8601 with Z."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def local_time(utc: str, zone: dt.tzinfo = LONDON) -> dt.datetime:
    """A stored UTC ISO string as wall time in `zone` (UK time unless told)."""
    return dt.datetime.fromisoformat(utc.replace("Z", "+00:00")).astimezone(zone)


# Zones marks were asked in, by id: the cache is keyed by the id because dateutil's zones
# (LONDON among them) cannot be hashed; holding each zone keeps its id from being reused.
_ZONES: dict[int, dt.tzinfo] = {}
# A reader uses four or five zones; past this many, a caller is making a zone per call,
# and its marks are worked out each time rather than held for ever.
REMEMBERED_ZONES = 64


def _hhmm(utc: str, zone: dt.tzinfo = LONDON) -> str:
    if zone is LONDON:
        return _uk_hhmm(utc)  # every mark but the reader's other zones: the shortest way
    key = id(zone)
    if key not in _ZONES:
        if len(_ZONES) >= REMEMBERED_ZONES:
            return _hhmm_in(utc, zone)
        _ZONES[key] = zone
    return _cached_hhmm(utc, key)


@lru_cache(maxsize=1 << 14)
def _uk_hhmm(utc: str) -> str:
    # Timelines repeat the same few hundred times; converting each once keeps export fast.
    return _hhmm_in(utc, LONDON)


@lru_cache(maxsize=1 << 14)
def _cached_hhmm(utc: str, zone_key: int) -> str:
    return _hhmm_in(utc, _ZONES[zone_key])


def _hhmm_in(utc: str, zone: dt.tzinfo) -> str:
    try:
        return local_time(utc, zone).strftime("%H:%M")
    except (ValueError, OverflowError):
        return UNREADABLE_MARK


def day_heading(date: str, year: bool = True) -> str:
    """A stored date as a day's heading ("Thursday 16 January 2025", or without the year);
    as stored when it is no date."""
    try:
        return dt.date.fromisoformat(date).strftime("%A %-d %B %Y" if year else "%A %-d %B")
    except ValueError:
        return date


def time_mark(
    stated_at: str | None,
    not_before: str | None = None,
    not_after: str | None = None,
    borrowed_at: str | None = None,
    zone: dt.tzinfo = LONDON,
) -> str:
    """The six-character mark for a post's time in `zone` (UK time unless told); a bare
    time is always one the source stated."""
    if stated_at:
        return _hhmm(stated_at, zone)
    if borrowed_at:
        return "≈" + _hhmm(borrowed_at, zone)
    if not_after:
        return "≤" + _hhmm(not_after, zone)
    if not_before:
        return "≥" + _hhmm(not_before, zone)
    return UNKNOWN_MARK


def report_mark(
    stated_at: str | None, not_before: str | None, not_after: str | None, basis: str,
    event_at: str | None, event_basis: str | None, zone: dt.tzinfo = LONDON,
) -> str:
    """A paragraph's mark: its post's own time or bounds, else (an untimed post) what its
    event lends: a report's stated time as an estimate (≈), or, for an event known only by
    the bounds its reports give, that bound (≤), never an estimate it does not have."""
    if basis == "unknown" and event_at:
        if event_basis == "stated":
            return time_mark(None, None, None, event_at, zone)
        return time_mark(None, None, event_at, None, zone)
    return time_mark(stated_at, not_before, not_after, None, zone)


def event_mark(best_at: str | None, basis: str) -> str:
    """An event's mark: its earliest stated time, else the bound its reports give it."""
    return time_mark(best_at) if basis == "stated" else time_mark(None, None, best_at)
