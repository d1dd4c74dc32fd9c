"""Time marks: how a post's clock is shown, so a reader can tell stated from inferred.

`16:25` stated by the source, `≤16:25` / `≥15:10` bounded by neighbouring posts,
`≈16:20` borrowed from another outlet's report of the same event, `--:--` unknown.
Times are stored in UTC and shown as UK wall time, as the pages show them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dateutil import tz

LONDON = tz.gettz("Europe/London")
UTC = dt.UTC
UNKNOWN_MARK = "--:--"
# A stored time that does not read as one: a database written elsewhere is untrusted, and
# its reader says it cannot tell rather than failing on every screen that shows the entry.
UNREADABLE_MARK = "??:??"


@lru_cache(maxsize=1 << 12)  # a live blog's posts share a few hundred distinct times
def utc_iso(value: dt.datetime) -> str:
    """The storage form of a time: UTC, to the minute, ISO 8601 with Z."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def local_time(utc: str) -> dt.datetime:
    """A stored UTC ISO string as Europe/London wall time."""
    return dt.datetime.fromisoformat(utc.replace("Z", "+00:00")).astimezone(LONDON)


@lru_cache(maxsize=1 << 14)
def _hhmm(utc: str) -> str:
    # Timelines repeat the same few hundred times; converting each once keeps export fast.
    try:
        return local_time(utc).strftime("%H:%M")
    except (ValueError, OverflowError):
        return UNREADABLE_MARK


def day_heading(date: str) -> str:
    """A stored date as a day's heading ("Thursday 16 January 2025"); as stored when it is no date."""
    try:
        return dt.date.fromisoformat(date).strftime("%A %-d %B %Y")
    except ValueError:
        return date


def time_mark(
    stated_at: str | None,
    not_before: str | None = None,
    not_after: str | None = None,
    borrowed_at: str | None = None,
) -> str:
    """The six-character mark for a post's time; a bare time is always one the source stated."""
    if stated_at:
        return _hhmm(stated_at)
    if borrowed_at:
        return "≈" + _hhmm(borrowed_at)
    if not_after:
        return "≤" + _hhmm(not_after)
    if not_before:
        return "≥" + _hhmm(not_before)
    return UNKNOWN_MARK


def event_mark(best_at: str | None, basis: str) -> str:
    """An event's mark: its earliest stated time, else the bound its reports give it."""
    return time_mark(best_at) if basis == "stated" else time_mark(None, None, best_at)
