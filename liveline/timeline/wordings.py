"""One event as each outlet worded it: what the reader shows when an entry is opened."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True, slots=True)
class Report:
    """One outlet's paragraph about the event."""

    outlet: str
    speakers: str | None  # names, asker first, joined by "; "
    text: str


@dataclass(frozen=True, slots=True)
class EventWordings:
    label: str
    reports: list[Report]  # in reading order (date, then place in the timeline); copies left out


def event_wordings(db: sqlite_utils.Database, event_id: int) -> EventWordings:
    """The event's label and every report of it."""
    rows = db.execute(
        """SELECT s.outlet, (SELECT GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps
                              JOIN people pe ON pe.id = ps.person_id WHERE ps.paragraph_id = pa.id), pa.text
           FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id JOIN sources s ON s.id = pa.source_id
           WHERE em.event_id = ? AND pa.duplicate_of IS NULL ORDER BY pa.date, pa.sort_key""",
        (event_id,),
    ).fetchall()
    label: str = db.execute("SELECT label FROM events WHERE id = ?", (event_id,)).fetchone()[0]
    return EventWordings(label, [Report(outlet, speakers, text) for outlet, speakers, text in rows])
