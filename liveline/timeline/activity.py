"""The reader's activity strip: how many entries each outlet shows per ten minutes, over
one day (`day_activity`): the day read, never several mixed on one axis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from liveline.timeline.marks import LONDON


@dataclass(frozen=True, slots=True)
class OutletActivity:
    """One outlet's shown, timed entries per ten minutes, oldest first (empty slots are left out)."""

    outlet: str
    counts: tuple[int, ...]


# A strip's buckets: ten minutes, as fine as a live page's posts come and as coarse as
# still shows a day's rhythm in the few dozen cells a strip has.
BUCKET = dt.timedelta(minutes=10)
# A live blog's day runs past midnight either side (a late sitting, an early briefing):
# times this far beyond the day still count; a stored time farther out is no time of it
# (a database may come from elsewhere) and would stretch the axis over days of nothing.
DAY_SLACK = dt.timedelta(hours=12)
_AT = "COALESCE(p.stated_at, p.not_after, p.not_before)"


@dataclass(frozen=True, slots=True)
class DayActivity:
    """One day's shown, timed entries per ten minutes: every outlet's counts cover the same
    buckets, `start` (the first bucket's start) to `end` (the last one's end)."""

    day: dt.date
    start: dt.datetime  # in the zone asked for
    end: dt.datetime
    outlets: tuple[OutletActivity, ...]  # busiest first; empty buckets count 0


def latest_day(db: sqlite_utils.Database) -> dt.date | None:
    """The last day the timeline shows entries for (None when it shows none, or its dates
    are no dates)."""
    row = db.execute("SELECT MAX(date) FROM paragraphs WHERE rank IS NOT NULL").fetchone()
    return _as_date(row[0] if row else None)


def _as_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def day_activity(
    db: sqlite_utils.Database, day: dt.date | str | None = None, limit: int = 6, zone: dt.tzinfo = LONDON
) -> DayActivity | None:
    """Entries per ten minutes on `day` (a date, or "YYYY-MM-DD" as entries carry it; the
    latest day when None or no date) for its `limit` busiest outlets, buckets shown in
    `zone` (UK time unless told). None when the day has no timed entry."""
    wanted = (_as_date(day) if not isinstance(day, dt.date) else day) or latest_day(db)
    if wanted is None:
        return None
    rows = db.execute(
        f"""SELECT s.outlet, {_AT} AS at, COUNT(*)
           FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
           WHERE pa.rank IS NOT NULL AND pa.date = ? AND {_AT} IS NOT NULL
           GROUP BY s.outlet, at""",
        (wanted.isoformat(),),
    ).fetchall()
    midnight = dt.datetime.combine(wanted, dt.time(), tzinfo=zone)
    earliest, latest = midnight - DAY_SLACK, midnight + dt.timedelta(days=1) + DAY_SLACK
    per_outlet: dict[str, dict[dt.datetime, int]] = {}
    for outlet, at, count in rows:
        when = _utc_minute(at)
        if when is None or not earliest <= when < latest:
            continue
        bucket = when - dt.timedelta(minutes=when.minute % 10)
        slots = per_outlet.setdefault(outlet, {})
        slots[bucket] = slots.get(bucket, 0) + count
    if not per_outlet:
        return None
    start = min(min(slots) for slots in per_outlet.values())
    end = max(max(slots) for slots in per_outlet.values()) + BUCKET
    buckets = [start + BUCKET * n for n in range((end - start) // BUCKET)]
    # Busiest first; as busy as each other, the one heard first.
    busiest = sorted(per_outlet, key=lambda o: (-sum(per_outlet[o].values()), min(per_outlet[o]), o))[:limit]
    return DayActivity(
        wanted, start.astimezone(zone), end.astimezone(zone),
        tuple(OutletActivity(o, tuple(per_outlet[o].get(b, 0) for b in buckets)) for o in busiest),
    )


def _utc_minute(at: str) -> dt.datetime | None:
    """A stored UTC minute ("2025-01-16T16:25Z") as a time; None when it is none."""
    try:
        when = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return when.astimezone(dt.UTC) if when.tzinfo else None
