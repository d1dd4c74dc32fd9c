"""The zone a reader reads times in: UK time (as the pages liveline was made for show them),
UTC, the machine's own zone, or each page's own zone.

Times are stored in UTC; only their showing changes. A page's zone is `sources.tz`, a name
stored by whoever wrote the database: it is untrusted, and anything that does not name a
zone reads as UK time rather than failing, or reading a file it names.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import warnings
import zoneinfo
from functools import lru_cache

import sqlite_utils
from dateutil import tz

from liveline.timeline.marks import LONDON, UTC

# An abbreviation longer than this is no abbreviation (a TZ rule such as "ABCDEFGHIJK+3"
# names its zone as it likes): cut, so the status line keeps its room.
ABBREVIATION_WIDTH = 6
# IANA names are at most a few dozen characters ("America/Argentina/ComodRivadavia", 32);
# a longer stored name is none, and is not worth a lookup.
ZONE_NAME_WIDTH = 64
# A fixed offset as a zone may be stored ("+05:30", "UTC-03:00"), as liveline's ingest names
# a zone that has no IANA name; beyond 14 hours no place on Earth keeps its clocks.
_OFFSET = re.compile(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?")
_MAX_OFFSET_HOURS = 14


class ZoneChoice(enum.Enum):
    """The zones `z` cycles through, in that order."""

    UK = "uk"
    UTC = "utc"
    LOCAL = "local"
    PAGE = "page"

    def label(self, day: str | dt.date | None = None) -> str:
        """The status line's words for the zone times are shown in: "UK time (GMT)",
        "UTC", "local (CET)", "page zones"; GMT/BST and the local abbreviation as on `day`
        (today when no day is given or it is no date)."""
        if self is ZoneChoice.UTC:
            return "UTC"
        if self is ZoneChoice.PAGE:
            return "page zones"
        zone = LONDON if self is ZoneChoice.UK else local_zone()
        name = abbreviation(zone, day)
        return f"UK time ({name})" if self is ZoneChoice.UK else f"local ({name})"


def next_zone(choice: ZoneChoice) -> ZoneChoice:
    """The zone after `choice` in `z`'s cycle: UK, UTC, local, page, UK again."""
    order = list(ZoneChoice)
    return order[(order.index(choice) + 1) % len(order)]


def zone_for(choice: ZoneChoice, source_tz: object = None) -> dt.tzinfo:
    """The zone to show an entry's times in under `choice`; `source_tz` is its source's
    stored zone name (sources.tz), which only the page choice reads."""
    if choice is ZoneChoice.UTC:
        return UTC
    if choice is ZoneChoice.LOCAL:
        return local_zone()
    if choice is ZoneChoice.PAGE:
        return stored_zone(source_tz)
    return LONDON


def source_zones(db: sqlite_utils.Database) -> dict[int, str | None]:
    """Each source's stored zone name, by source id (None where it holds none, or no text)."""
    return {source_id: name if isinstance(name, str) and name else None
            for source_id, name in db.execute("SELECT id, tz FROM sources")}


def stored_zone(name: object) -> dt.tzinfo:
    """The zone a stored name means: an IANA name or a fixed offset; UK time for anything
    else (nothing, a garbled name, a path)."""
    if not isinstance(name, str):
        return LONDON
    return _zone_named(name.strip())


@lru_cache(maxsize=256)  # a timeline has a few sources' zones; each is looked up once
def _zone_named(name: str) -> dt.tzinfo:
    if not name or len(name) > ZONE_NAME_WIDTH:
        return LONDON
    if name == "Europe/London":
        return LONDON  # the same object the rest of liveline shows UK time in
    if offset := _OFFSET.fullmatch(name):
        sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
        if hours > _MAX_OFFSET_HOURS or minutes > 59:
            return LONDON
        delta = dt.timedelta(hours=hours, minutes=minutes) * (-1 if sign == "-" else 1)
        return dt.timezone(delta)
    try:
        # zoneinfo refuses absolute paths and "..": a stored name cannot make it read a file
        # outside the zone database.
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return LONDON


def local_zone() -> dt.tzinfo:
    """The machine's zone: $TZ when it names one, else the system's."""
    return _local_zone(os.environ.get("TZ"))


@lru_cache(maxsize=8)  # keyed on $TZ, so a changed TZ is read anew and /etc/localtime only once
def _local_zone(tz_variable: str | None) -> dt.tzinfo:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil warns of TZ values that name files
        try:
            zone = tz.gettz(tz_variable) if tz_variable else tz.gettz()
        except (ValueError, OSError):
            zone = None
    return zone or tz.tzlocal()


def abbreviation(zone: dt.tzinfo, day: str | dt.date | None = None) -> str:
    """The zone's short name at noon on `day` ("GMT", "BST", "CET"), as the zone gives it."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            day = None
    noon = dt.datetime.combine(day or dt.date.today(), dt.time(12), tzinfo=zone)
    name = noon.tzname() or ""
    if name.startswith("UTC") and len(name) > len("UTC"):
        name = name[len("UTC"):]  # a fixed offset: "+05:30" says it in fewer letters
    return name[:ABBREVIATION_WIDTH] or "?"
