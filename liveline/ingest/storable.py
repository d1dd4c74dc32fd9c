"""The dates and times liveline can store: one check for every path that turns a stated
time into UTC (text stamps, page times, the given or stated day).

A time is stored as "YYYY-MM-DDTHH:MMZ" text that the timeline sorts as text and reads
back with `fromisoformat`, both of which need a four-digit year; and the clock and the
merge step move times by up to a day (a wall time past midnight is the next day, two
reports are compared within an hour and a half). So a time must stay a day inside the
years 1000-9999, or a database takes it and then fails on every later read.

It sits beside model.py, not in clock/, because sources/ (the given date) and model.py
(Stamp.to_utc) use it too, and clock/ builds on model.py, which builds on sources/.
"""

from __future__ import annotations

import datetime as dt

from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import UTC

# A day's margin inside the four-digit years: the most the clock moves a day (a wall time
# past midnight) and more than the merge step's slack, so no arithmetic leaves the range.
FIRST_DAY = dt.date(1000, 1, 2)
LAST_DAY = dt.date(9999, 12, 30)
_EARLIEST = dt.datetime.combine(FIRST_DAY, dt.time.min, UTC)
_LATEST = dt.datetime.combine(LAST_DAY, dt.time.max, UTC)
_RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


class UnstorableTime(LivelineError):
    """A date or time outside the range liveline can store; names the value as stated."""

    def __init__(self, what: str, value: object) -> None:
        super().__init__(f"{what} {str(value)!r} is outside the dates liveline can store ({_RANGE})")


def storable_day(day: dt.date, what: str = "date", stated: object = None) -> dt.date:
    """`day` when liveline can store it; UnstorableTime naming `stated` (or the day) otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UnstorableTime(what, day.isoformat() if stated is None else stated)
    return day


def storable_utc(value: dt.datetime, what: str = "time", stated: object = None) -> dt.datetime:
    """An aware time in UTC when liveline can store it; UnstorableTime naming `stated`
    (or the time) otherwise, also when the conversion itself leaves the calendar."""
    shown = value.isoformat() if stated is None else stated
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise UnstorableTime(what, shown) from None
    if not _EARLIEST <= utc <= _LATEST:
        raise UnstorableTime(what, shown)
    return utc
