"""The reader's activity strip: how many entries each outlet shows per ten minutes."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

# A time is an ISO UTC minute, "2025-01-06T16:25Z": its first 15 characters,
# "2025-01-06T16:2", name the ten minutes it falls in.
_SLOT = "substr(COALESCE(p.stated_at, p.not_after, p.not_before), 1, 15)"


@dataclass(frozen=True, slots=True)
class OutletActivity:
    """One outlet's shown, timed entries per ten minutes, oldest first (empty slots are left out)."""

    outlet: str
    counts: tuple[int, ...]


def busiest_outlets(db: sqlite_utils.Database, limit: int) -> list[OutletActivity]:
    """Entries per ten minutes for the `limit` busiest outlets (timed posts only), busiest first;
    outlets as busy as each other keep the order of their first entry."""
    rows = db.execute(
        f"""SELECT s.outlet, {_SLOT} AS slot, COUNT(*)
           FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
           WHERE pa.rank IS NOT NULL AND COALESCE(p.stated_at, p.not_after, p.not_before) IS NOT NULL
           GROUP BY s.outlet, slot ORDER BY slot"""
    ).fetchall()
    per_outlet: dict[str, dict[str, int]] = {}
    for outlet, slot, count in rows:
        per_outlet.setdefault(outlet, {})[slot] = count
    busiest = sorted(per_outlet, key=lambda o: -sum(per_outlet[o].values()))[:limit]
    return [OutletActivity(o, tuple(n for _, n in sorted(per_outlet[o].items()))) for o in busiest]
