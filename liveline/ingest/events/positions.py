"""The reader's dense positions: every shown paragraph numbered in each of its four orders,
for the whole timeline (a batch) or after only some dates changed (a follower's poll).

rank/rrank: oldest/newest first; mrank/mrrank: the same with one entry per event (its
first report). Readers then page any unfiltered view by key ranges and size it with
MAX(), instead of counting and OFFSET-scanning 200k rows on every filter switch. Page
furniture and copies get no position: they are never shown.

Dates are blocks in every order (oldest first, date by date; newest first, the reverse).
When only some dates' orders changed, those dates are numbered afresh (in Python, from
the order just worked out) and the other dates keep their numbers, shifted where a
changed date grew before them. Each date's block sizes are kept in meta (POSITIONS_KEY)
for that, and checked against the rows before they are trusted.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

POSITIONS_KEY = "positions"
_COLUMNS = ("rank", "rrank", "mrank", "mrrank")
Positions = tuple[int | None, int | None, int | None, int | None]
Starts = tuple[int, int, int, int]  # the number before a date's block, in each order

# Whether newest-first numbers start at 1. Then a new post at the top of the newest day takes
# number 1 and every other paragraph's newest-first numbers move down by one per new
# paragraph (160k rows, 0.6-1 s at 200k paragraphs: bench/HISTORY.md, "Live path"). False
# anchors them at the oldest entry instead: a new newest entry takes the number below the
# lowest (0, -1, ...) and nothing else moves; the reader reads an unfiltered view from its
# lowest number (liveline.timeline.queries.keys_where). A full settle numbers from 1 again.
NEWEST_FIRST_FROM_ONE = False


def rank_timeline(conn: sqlite3.Connection) -> None:
    """Number every shown paragraph in each of the reader's four orders, densely from 1."""
    conn.execute("DROP TABLE IF EXISTS temp.ranked")
    conn.execute(
        """CREATE TEMP TABLE ranked AS
           WITH shown AS (
             SELECT pa.id, pa.date, pa.sort_key, pa.event_id,
                    MIN(pa.sort_key) OVER (PARTITION BY pa.post_id) AS post_key,
                    pa.event_id IS NULL
                      OR ROW_NUMBER() OVER (PARTITION BY pa.event_id ORDER BY pa.date, pa.sort_key) = 1 AS lead
             FROM paragraphs pa JOIN posts p ON p.id = pa.post_id
             WHERE p.kind != 'header' AND pa.duplicate_of IS NULL AND pa.sort_key IS NOT NULL),
           ordered AS (
             SELECT id, date, lead,
                    ROW_NUMBER() OVER (ORDER BY date, sort_key) AS rank,
                    -- Newest first reverses the posts; each post still reads from the top.
                    ROW_NUMBER() OVER (ORDER BY date DESC, post_key DESC, sort_key) AS rrank
             FROM shown)
           SELECT id, date, rank, rrank,
                  CASE WHEN lead THEN ROW_NUMBER() OVER (PARTITION BY lead ORDER BY rank) END AS mrank,
                  CASE WHEN lead THEN ROW_NUMBER() OVER (PARTITION BY lead ORDER BY rrank) END AS mrrank
           FROM ordered"""
    )
    conn.execute("CREATE UNIQUE INDEX temp.ranked_id ON ranked (id)")
    conn.execute(
        """UPDATE paragraphs SET rank = NULL, rrank = NULL, mrank = NULL, mrrank = NULL
           WHERE rank IS NOT NULL AND id NOT IN (SELECT id FROM temp.ranked)"""
    )
    # Only rows whose numbers moved are written: a new post near the end touches few rows.
    conn.execute(
        """UPDATE paragraphs SET rank = r.rank, rrank = r.rrank, mrank = r.mrank, mrrank = r.mrrank
           FROM temp.ranked r
           WHERE paragraphs.id = r.id
             AND (paragraphs.rank IS NOT r.rank OR paragraphs.rrank IS NOT r.rrank
                  OR paragraphs.mrank IS NOT r.mrank OR paragraphs.mrrank IS NOT r.mrrank)"""
    )
    sizes = {date: (shown, leads) for date, shown, leads in
             conn.execute("SELECT date, COUNT(*), COUNT(mrank) FROM temp.ranked GROUP BY date")}
    _keep(conn, sizes, _totals(sizes))
    conn.execute("DROP TABLE temp.ranked")


def _totals(sizes: dict[str, tuple[int, int]]) -> tuple[int, int]:
    return sum(n for n, _ in sizes.values()), sum(m for _, m in sizes.values())


def _keep(conn: sqlite3.Connection, sizes: dict[str, tuple[int, int]], last: tuple[int, int]) -> None:
    """Each date's (shown paragraphs, entries merged), and the oldest entry's newest-first numbers."""
    kept = {"sizes": {date: list(size) for date, size in sorted(sizes.items()) if size[0]}, "last": list(last)}
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (POSITIONS_KEY, json.dumps(kept)))


def _kept(conn: sqlite3.Connection) -> tuple[dict[str, tuple[int, int]], tuple[int, int]] | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (POSITIONS_KEY,)).fetchone()
    try:
        value = json.loads(row[0]) if row else None
        if value is None:
            return None
        sizes = {str(date): (int(size[0]), int(size[1])) for date, size in value["sizes"].items()}
        return sizes, (int(value["last"][0]), int(value["last"][1]))
    except (ValueError, TypeError, AttributeError, IndexError, KeyError):  # written by something else
        return None


def _starts(sizes: dict[str, tuple[int, int]], last: tuple[int, int]) -> dict[str, Starts]:
    """Where each date's block starts: oldest first counts up from 0; newest first ends at
    `last` (the oldest entry's numbers)."""
    starts: dict[str, Starts] = {}
    shown = leads = 0
    for date in sorted(sizes):
        shown, leads = shown + sizes[date][0], leads + sizes[date][1]
        starts[date] = (shown - sizes[date][0], last[0] - shown, leads - sizes[date][1], last[1] - leads)
    return starts


def _in_place(conn: sqlite3.Connection, date: str, start: Starts) -> bool:
    """Whether a date the writes did not touch starts where the kept sizes say, in every order."""
    first = conn.execute(
        "SELECT rank, mrank FROM paragraphs WHERE date = ? AND sort_key IS NOT NULL ORDER BY sort_key LIMIT 1", (date,)
    ).fetchone()
    if first != (start[0] + 1, start[2] + 1):
        return False
    return all(
        conn.execute(f"SELECT date FROM paragraphs WHERE {column} = ? LIMIT 1", (start[k] + 1,)).fetchone() == (date,)
        for k, column in ((1, "rrank"), (3, "mrrank"))
    )


def _dates_shown(conn: sqlite3.Connection) -> list[str]:
    """Dates with an ordered paragraph, one index lookup each (a timeline has a few dates)."""
    dates: list[str] = []
    while True:
        after = dates[-1] if dates else ""
        row = conn.execute("SELECT MIN(date) FROM paragraphs WHERE date > ? AND sort_key IS NOT NULL", (after,)).fetchone()
        if row[0] is None:
            return dates
        dates.append(row[0])


@dataclass
class DateOrder:
    """A changed date's new combined order, for numbering it."""

    shown: list[tuple[int, int, int, int | None]]  # (paragraph, post, sort_key, event), in sort_key order
    current: dict[int, Positions]  # the numbers its paragraphs hold now


def _within(order: DateOrder) -> dict[int, Positions]:
    """Each shown paragraph's numbers within its date, from 1, as rank_timeline numbers them:
    newest first reverses the posts, each post still read from the top; an event is shown
    once, by its first report."""
    post_key: dict[int, int] = {}
    for _, post, key, _ in order.shown:
        post_key.setdefault(post, key)
    newest = sorted(order.shown, key=lambda row: (-post_key[row[1]], row[2]))
    told: set[int] = set()
    leads: set[int] = set()
    for pid, _, _, event in order.shown:
        if event is None or event not in told:
            leads.add(pid)
            if event is not None:
                told.add(event)
    rrank = {row[0]: n for n, row in enumerate(newest, 1)}
    mrrank = {pid: n for n, pid in enumerate((row[0] for row in newest if row[0] in leads), 1)}
    numbers: dict[int, Positions] = {}
    lead = 0
    for n, (pid, _, _, _) in enumerate(order.shown, 1):
        lead += pid in leads
        numbers[pid] = (n, rrank[pid], lead if pid in leads else None, mrrank.get(pid))
    return numbers


def rank_dates(conn: sqlite3.Connection, orders: dict[str, DateOrder]) -> None:
    """Positions after only these dates' combined orders changed: those dates numbered
    afresh, the others shifted where the changed dates grew before them. Falls back to
    numbering everything when the kept block sizes do not match the rows."""
    kept = _kept(conn)
    unchanged = [date for date in _dates_shown(conn) if date not in orders]
    if kept is None or sorted(unchanged) != sorted(date for date in kept[0] if date not in orders):
        rank_timeline(conn)
        return
    old, old_last = kept
    within = {date: _within(order) for date, order in orders.items()}
    new = {date: size for date, size in old.items() if date not in orders}
    new.update({date: (len(numbers), sum(n[2] is not None for n in numbers.values()))
                for date, numbers in within.items() if numbers})
    if NEWEST_FIRST_FROM_ONE:
        new_last = _totals(new)
    else:
        new_last = old_last
    old_starts, new_starts = _starts(old, old_last), _starts(new, new_last)
    if not all(_in_place(conn, date, old_starts[date]) for date in unchanged):
        rank_timeline(conn)
        return
    set_all = f"UPDATE paragraphs SET {', '.join(f'{c} = ?' for c in _COLUMNS)} WHERE id = ?"
    for date, numbers in within.items():
        start = new_starts.get(date, (0, 0, 0, 0))
        placed = {pid: _plus(n, start) for pid, n in numbers.items()}
        current = orders[date].current
        conn.executemany(set_all, [(*n, pid) for pid, n in placed.items() if current.get(pid) != n])
        conn.executemany(set_all, [(None, None, None, None, pid) for pid in current if pid not in placed])
    for date in unchanged:
        # Only the orders that moved: setting a column rewrites its index entries, moved or not.
        shift = {c: after - before for c, after, before in zip(_COLUMNS, new_starts[date], old_starts[date], strict=True)
                 if after != before}
        if shift:
            conn.execute(f"UPDATE paragraphs SET {', '.join(f'{c} = {c} + ?' for c in shift)} WHERE date = ? AND rank IS NOT NULL",
                         (*shift.values(), date))
    _keep(conn, new, new_last)


def _plus(numbers: Positions, start: Starts) -> Positions:
    rank, rrank, mrank, mrrank = numbers
    return (None if rank is None else rank + start[0], None if rrank is None else rrank + start[1],
            None if mrank is None else mrank + start[2], None if mrrank is None else mrrank + start[3])
