"""Jumping to a typed time: where to go in a view, and one line that says what was done.

The time is read in the zone the reader shows (under "page zones", each entry's page's
own), and an entry counts by the time its mark shows: stated, else borrowed from its event
when it has no time of its own, else its bound (`≤` before `≥`), as Entry.mark reads them.
Entries with no time at all (`--:--`) are never landed on by time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import sqlite_utils

from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import day_heading, utc_iso
from liveline.timeline.queries import Entry
from liveline.timeline.view import View
from liveline.timeline.zones import ZoneChoice, abbreviation, source_zones, zone_for


class Pager(Protocol):
    """What a jump needs of liveline.timeline.pager.Pager (which calls it)."""

    db: sqlite_utils.Database
    view: View
    key: str

    def entry(self, index: int) -> Entry | None: ...

    def position_of_key(self, key: int) -> int | None: ...

# The time an entry's mark shows (Entry.mark_in): the two must agree, or a jump lands on an
# entry whose mark contradicts the words that announce it (tests/test_reader_zones.py).
MARK_TIME_SQL = (
    "COALESCE(NULLIF(p.stated_at, ''), CASE WHEN p.basis = 'unknown' THEN NULLIF(e.best_at, '') END,"
    " NULLIF(p.not_after, ''), NULLIF(p.not_before, ''))"
)


@dataclass(frozen=True)
class Jump:
    """Where a time jump goes and what it tells the reader."""

    position: int | None  # the entry to move to; None: stay where you are
    said: str  # one line for the notification
    exact: bool  # an entry at (newest first: at or before) the time was found; else a nearest or nothing


def read_clock(hhmm: str) -> dt.time:
    """A typed time, "16:25" or "16.25"; LivelineError for anything else."""
    try:
        hour, minute = (int(x) for x in hhmm.strip().replace(".", ":").split(":"))
        return dt.time(hour, minute)
    except ValueError:
        raise LivelineError(f"{hhmm!r} is not a time HH:MM") from None


def jump_to_time(pager: Pager, hhmm: str, date: str | None = None, choice: ZoneChoice = ZoneChoice.UK,
                 zone: dt.tzinfo | None = None) -> Jump:
    """The first entry at or after `hhmm` (newest first: at or before) on `date` (else the
    first day the view shows), the time read under `choice` (or in `zone` when given)."""
    clock = read_clock(hhmm)
    first = pager.entry(0)
    if first is None:
        return Jump(None, "nothing to jump in: this view shows no entries", False)
    try:
        day = dt.date.fromisoformat(date or first.date)
    except ValueError:
        raise LivelineError(f"{date or first.date!r} is not a day to jump in") from None
    newest_first = pager.view.newest_first
    when = f"{clock:%H:%M} on {day_heading(day.isoformat(), year=False)}, {_zone_words(choice, zone, day)}"
    comparison = "<=" if newest_first else ">="
    found = next(_positions(pager, day, _sources_by_target(pager, day, clock, choice, zone), comparison), None)
    if found is not None:
        which = "the latest entry at or before" if newest_first else "the first entry at or after"
        return Jump(found, f"{_mark(pager, found, choice, zone)}: {which} {when}", True)
    # Nothing on that side of the time: the day's nearest timed entry, last in view order
    # (oldest first, the day's latest; newest first, its earliest).
    nearest = next(_positions(pager, day, EVERY_TIMED_ENTRY, "IS NOT", reverse=True), None)
    side = "at or before" if newest_first else "at or after"
    if nearest is None:
        return Jump(None, f"nothing {side} {when}: no entry shown that day has a time", False)
    which = "the first entry that day" if newest_first else "the last entry that day"
    return Jump(nearest, f"nothing {side} {when}; {which} is at {_mark(pager, nearest, choice, zone)}", False)


def _zone_words(choice: ZoneChoice, zone: dt.tzinfo | None, day: dt.date) -> str:
    if zone is not None:
        return f"{abbreviation(zone, day)} time"
    if choice is ZoneChoice.PAGE:
        return "each page's own time"
    label = choice.label(day)
    return label.replace("local (", "local time (") if choice is ZoneChoice.LOCAL else label


def _mark(pager: Pager, position: int, choice: ZoneChoice, zone: dt.tzinfo | None) -> str:
    entry = pager.entry(position)
    if entry is None:
        return "--:--"
    return entry.mark_in(zone or zone_for(choice, source_zones(pager.db).get(entry.source_id)))


# A UTC instant an entry's mark's time is compared with, and the sources whose entries it
# is compared for (None: every source); the instant None compares with no time at all.
Targets = list[tuple[str | None, list[int] | None]]
EVERY_TIMED_ENTRY: Targets = [(None, None)]


def _sources_by_target(pager: Pager, day: dt.date, clock: dt.time, choice: ZoneChoice, zone: dt.tzinfo | None) -> Targets:
    """The typed time as the UTC instant it means, for the sources it means it for."""
    if zone is not None or choice is not ZoneChoice.PAGE:
        return [(_instant(day, clock, zone or zone_for(choice)), None)]
    # Each page's entries are read in its own zone: one instant per distinct zone.
    grouped: defaultdict[str, list[int]] = defaultdict(list)
    for source_id, name in source_zones(pager.db).items():
        grouped[_instant(day, clock, zone_for(choice, name))].append(source_id)
    return [(target, sources) for target, sources in grouped.items()]


def _instant(day: dt.date, clock: dt.time, zone: dt.tzinfo) -> str:
    return utc_iso(dt.datetime.combine(day, clock).replace(tzinfo=zone))


def _positions(pager: Pager, day: dt.date, targets: Targets, comparison: str, reverse: bool = False) -> Iterator[int]:
    """Positions in this view of the day's entries whose mark's time compares with a target
    (`IS NOT` None: every timed entry), in view order (or reversed)."""
    if not targets:
        return
    tests: list[str] = []
    params: list[object] = [day.isoformat()]
    for target, sources in targets:
        test = f"{MARK_TIME_SQL} {comparison} ?"
        params.append(target)
        if sources is not None:
            test += f" AND pa.source_id IN ({', '.join('?' * len(sources))})"
            params += sources
        tests.append(f"({test})")
    key = pager.key
    rows = pager.db.execute(
        f"""SELECT pa.{key} FROM paragraphs pa JOIN posts p ON p.id = pa.post_id
            LEFT JOIN events e ON e.id = pa.event_id
            WHERE pa.{key} IS NOT NULL AND pa.date = ? AND ({' OR '.join(tests)})
            ORDER BY pa.{key} {'DESC' if reverse else 'ASC'}""",
        params,
    )
    # Hits come in view order; only those this view shows (its filters) count.
    for (found,) in rows:
        if (position := pager.position_of_key(found)) is not None:
            yield position
