"""One date's paragraphs as merging and ordering read them from the timeline (Row: an Item
with where it stands in its source), all of them or a few by id."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable

from liveline.ingest.events.items import Item
from liveline.ingest.events.order import LATE, Row

# A list of paragraph ids passed as one JSON parameter: no limit on how many.
ID_LIST = "(SELECT value FROM json_each(?))"


def id_list(ids: Iterable[int]) -> str:
    return json.dumps(sorted(ids))


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _speakers(conn: sqlite3.Connection, date: str, ids: str, params: list[object]) -> tuple[dict[int, set[int]], set[int]]:
    speakers: dict[int, set[int]] = defaultdict(set)
    quoted: set[int] = set()
    for paragraph_id, person_id, how in conn.execute(
        "SELECT ps.paragraph_id, ps.person_id, ps.how FROM paragraph_speakers ps "
        f"JOIN paragraphs pa ON pa.id = ps.paragraph_id WHERE pa.date = ?{ids}",
        [date, *params],
    ):
        speakers[paragraph_id].add(person_id)
        if how == "quote":
            quoted.add(paragraph_id)
    return speakers, quoted


def load_rows(conn: sqlite3.Connection, date: str, ids: Collection[int] | None = None, text: bool = True,
              since: int | None = None) -> list[Row]:
    """The date's paragraphs that merging and ordering see, in source order: all of them,
    those of `ids`, or (`since`) those from that place in the date's order on and those not
    ordered yet. Without `text`, only what ordering needs (no words, no speakers)."""
    where, params = ("", list[object]()) if ids is None else (f" AND pa.id IN {ID_LIST}", list[object]([id_list(ids)]))
    if since is not None:
        where, params = " AND (pa.sort_key >= ? OR pa.sort_key IS NULL)", [since]
    speakers, quoted = _speakers(conn, date, where, params) if text else ({}, set())
    copies = dict(conn.execute(
        "SELECT duplicate_of, COUNT(*) FROM paragraphs WHERE date = ? AND duplicate_of IS NOT NULL GROUP BY duplicate_of",
        (date,),
    )) if text else {}
    rows = []
    # A post's paragraphs share its times: each read once, and one object for all of them
    # (pickled once for a merge worker too).
    times: dict[str | None, dt.datetime | None] = {}

    def when(value: str | None) -> dt.datetime | None:
        if value not in times:
            times[value] = _parse(value)
        return times[value]

    for (pid, source_id, post_id, kind, words, part, stated, not_before, not_after, source_kind, chron,
         post_seq, seq, pinned) in conn.execute(
        f"""SELECT pa.id, pa.source_id, pa.post_id, p.kind, {'pa.text' if text else "''"}, pa.part, p.stated_at,
                  p.not_before, p.not_after, s.kind, COALESCE(p.chron, 0), p.seq, pa.seq, p.pinned
           FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
           WHERE pa.date = ? AND p.kind != 'header' AND pa.duplicate_of IS NULL{where}
           ORDER BY s.id, p.chron, pa.seq""",
        [date, *params],
    ):
        item = Item(
            paragraph_id=pid, source_id=source_id, post_id=post_id, post_kind="article" if source_kind == "article" else kind,
            text=words, part=part,
            speakers=frozenset(speakers.get(pid, ())), opens_quote=words[:1] in "“\"‘",
            earliest=when(stated or not_before), latest=when(stated or not_after), quote=pid in quoted,
            copies=copies.get(pid, 0), record=source_kind == "transcript",
        )
        time_key = LATE if source_kind == "article" else (stated or not_after or not_before or LATE)
        rows.append(Row(item, source_kind, chron, post_seq, seq, bool(pinned), time_key))
    return rows


def paragraph_stories(conn: sqlite3.Connection, date: str, ids: Collection[int] | None = None) -> dict[int, int | None]:
    """The story of each of the date's paragraphs (or of those of `ids`): merging never
    crosses stories."""
    where, params = ("", [date]) if ids is None else (f" AND id IN {ID_LIST}", [date, id_list(ids)])
    return dict(conn.execute(f"SELECT id, story_id FROM paragraphs WHERE date = ?{where}", params))
