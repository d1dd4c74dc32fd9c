"""Settling a timeline after writes: speakers, events and the combined order of the dates
the writes touched (writer.py records them as dirty in the same transaction as the rows)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from liveline.ingest.events.combine import combine_dates, rank_timeline
from liveline.ingest.speakers.refresh import refresh_speakers
from liveline.ingest.writer import DIRTY_KEY, dirty_dates
from liveline.timeline.store import write_transaction


def settle(db: sqlite_utils.Database, db_path: Path | str, speakers: bool = True, merge: bool = True) -> list[str]:
    """Re-attribute speakers, then re-merge and re-order every date changed since the last settle.

    Returns the order conflicts it resolved (logged to the user as warnings). `speakers`
    and `merge` off are for the speed benchmark, which times each stage on its own.
    """
    log: list[str] = []
    with write_transaction(db, db_path) as conn:
        dates = dirty_dates(conn)
        if dates and speakers:
            refresh_speakers(conn)
        if merge:
            log += combine_dates(conn, sorted(dates))
        if dates and merge:
            rank_timeline(conn)
        conn.execute("DELETE FROM meta WHERE key = ?", (DIRTY_KEY,))
    return log
