"""One date's combined timeline in the database: its paragraphs loaded, merged into events
(in worker processes when it pays), ordered (`order`), and the events, order and the
reader's dense ranks written back.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from liveline.ingest.events.features import STOPWORDS, stem
from liveline.ingest.events.items import Event, Item
from liveline.ingest.events.merging import merge
from liveline.ingest.events.order import LATE, Row, best_time, combined_order, event_label


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _load(conn: sqlite3.Connection, date: str) -> list[Row]:
    speakers: dict[int, set[int]] = defaultdict(set)
    quoted: set[int] = set()
    for paragraph_id, person_id, how in conn.execute(
        "SELECT ps.paragraph_id, ps.person_id, ps.how FROM paragraph_speakers ps "
        "JOIN paragraphs pa ON pa.id = ps.paragraph_id WHERE pa.date = ?",
        (date,),
    ):
        speakers[paragraph_id].add(person_id)
        if how == "quote":
            quoted.add(paragraph_id)
    copies = dict(conn.execute(
        "SELECT duplicate_of, COUNT(*) FROM paragraphs WHERE date = ? AND duplicate_of IS NOT NULL GROUP BY duplicate_of",
        (date,),
    ))
    rows = []
    for (pid, source_id, post_id, kind, text, part, stated, not_before, not_after, source_kind, chron,
         post_seq, seq, pinned) in conn.execute(
        """SELECT pa.id, pa.source_id, pa.post_id, p.kind, pa.text, pa.part, p.stated_at, p.not_before,
                  p.not_after, s.kind, COALESCE(p.chron, 0), p.seq, pa.seq, p.pinned
           FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
           WHERE pa.date = ? AND p.kind != 'header' AND pa.duplicate_of IS NULL
           ORDER BY s.id, p.chron, pa.seq""",
        (date,),
    ):
        item = Item(
            paragraph_id=pid, source_id=source_id, post_id=post_id, post_kind="article" if source_kind == "article" else kind,
            text=text, part=part,
            speakers=frozenset(speakers.get(pid, ())), opens_quote=text[:1] in "“\"‘",
            earliest=_parse(stated or not_before), latest=_parse(stated or not_after), quote=pid in quoted,
            copies=copies.get(pid, 0),
        )
        time_key = LATE if source_kind == "article" else (stated or not_after or not_before or LATE)
        rows.append(Row(item, source_kind, chron, post_seq, seq, bool(pinned), time_key))
    return rows


def _speaker_words(conn: sqlite3.Connection) -> frozenset[str]:
    """Words of the story's people's names, lower-cased and stemmed like features."""
    words = set()
    for (name,) in conn.execute("SELECT name FROM people WHERE kind IN ('person', 'journalist')"):
        for word in name.lower().replace("’", "'").split():
            word = word.strip(",.'")
            if word and word not in STOPWORDS:
                words.update({word, stem(word)})
    return frozenset(words)


# Merging is pure CPU work on one date's paragraphs; dates are independent, so with more
# than one to do and enough paragraphs to repay starting processes, they merge in
# parallel (the 200k-paragraph benchmark halves on two cores). Small ingests stay in
# this process.
PARALLEL_MIN_PARAGRAPHS = 20_000


def combine_dates(conn: sqlite3.Connection, dates: list[str], workers: int | None = None) -> list[str]:
    """Re-merge and re-order these dates; returns the conflicts resolved, each with its date.

    `workers` None picks one process per core when it pays; 1 merges in this process."""
    if workers is None:
        (total,) = conn.execute(
            f"SELECT COUNT(*) FROM paragraphs WHERE date IN ({','.join('?' * len(dates))})", dates
        ).fetchone()
        workers = min(len(dates), os.cpu_count() or 1) if total >= PARALLEL_MIN_PARAGRAPHS else 1
    ignore = _speaker_words(conn)
    merged = _merged_in_parallel(conn, dates, ignore, workers) if workers > 1 else _merged_here(conn, dates, ignore)
    log: list[str] = []
    for date, rows, events in merged:
        log += [f"{date}: {line}" for line in _write_date(conn, date, rows, events)]
    return log


def _merged_here(
    conn: sqlite3.Connection, dates: list[str], ignore: frozenset[str]
) -> Iterator[tuple[str, list[Row], list[Event]]]:
    for date in dates:
        rows = _load(conn, date)
        yield date, rows, merge([row.item for row in rows], ignore)


def _merged_in_parallel(
    conn: sqlite3.Connection, dates: list[str], ignore: frozenset[str], workers: int
) -> Iterator[tuple[str, list[Row], list[Event]]]:
    """Each date handed to a worker as soon as it is read, and given back in order while
    later ones still merge: a few dates in memory at once, not the whole story. Where
    worker processes cannot be had, the dates merge here instead."""
    try:
        # spawn, not fork: the parent may hold threads (a follow loop) and an open database.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_die_with_parent, initargs=(os.getpid(),))
    except (OSError, NotImplementedError):  # no process semaphores in some sandboxes
        yield from _merged_here(conn, dates, ignore)
        return

    with pool:
        pending: deque[tuple[str, list[Row], Future[list[Event]]]] = deque()
        for date in dates:
            rows = _load(conn, date)
            pending.append((date, rows, pool.submit(merge, [row.item for row in rows], ignore)))
            if len(pending) > workers:
                done, done_rows, future = pending.popleft()
                yield done, done_rows, future.result()
        while pending:
            done, done_rows, future = pending.popleft()
            yield done, done_rows, future.result()


# Linux's prctl option: the kernel signals this process when its parent dies.
_PR_SET_PDEATHSIG = 1
# How often a worker without that option looks whether its parent is still there.
_PARENT_CHECK_SECONDS = 1.0


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the ingest that started it dies. A parent
    killed with kill -9 never closes the pool, and its workers would wait on their pipe
    forever, each holding its memory. (Linux signals when the *thread* that started the
    worker ends: the pool is made and shut down within one call, in one thread.)"""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            armed = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(1)


def _write_date(conn: sqlite3.Connection, date: str, rows: list[Row], events: list[Event]) -> list[str]:
    """Store one date's events and its combined order."""
    log: list[str] = []
    order = combined_order(rows, events, log)
    conn.execute("DELETE FROM event_members WHERE event_id IN (SELECT id FROM events WHERE date = ?)", (date,))
    conn.execute("DELETE FROM events WHERE date = ?", (date,))
    conn.execute("UPDATE paragraphs SET event_id = NULL WHERE date = ?", (date,))
    names = dict(conn.execute("SELECT id, name FROM people"))
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0]
    event_rows, member_rows, assignments = [], [], []
    for event_id, event in enumerate(events, next_id):
        members = [i for i, _ in event.members]
        if event.representative not in members:
            event.representative = members[0]
        best_at, basis = best_time(rows, members)
        event_rows.append((event_id, date, best_at, basis, event_label(rows, event, names),
                           rows[event.representative].item.paragraph_id,
                           len({rows[i].item.source_id for i in members})))
        member_rows += [(event_id, rows[i].item.paragraph_id, similarity) for i, similarity in event.members]
        assignments += [(event_id, rows[i].item.paragraph_id) for i in members]
    conn.executemany(
        "INSERT INTO events (id, date, best_at, basis, label, rep_paragraph_id, n_sources) VALUES (?, ?, ?, ?, ?, ?, ?)",
        event_rows,
    )
    conn.executemany("INSERT INTO event_members (event_id, paragraph_id, similarity) VALUES (?, ?, ?)", member_rows)
    conn.executemany("UPDATE paragraphs SET event_id = ? WHERE id = ?", assignments)
    # A copy repeating a paragraph of its page belongs to the same event as the original.
    conn.execute(
        """UPDATE paragraphs SET event_id = (SELECT o.event_id FROM paragraphs o WHERE o.id = paragraphs.duplicate_of)
           WHERE date = ? AND duplicate_of IS NOT NULL""",
        (date,),
    )
    conn.execute(
        """INSERT INTO event_members (event_id, paragraph_id, similarity)
           SELECT event_id, id, 1.0 FROM paragraphs WHERE date = ? AND duplicate_of IS NOT NULL AND event_id IS NOT NULL""",
        (date,),
    )
    conn.executemany(
        "UPDATE paragraphs SET sort_key = ? WHERE id = ?",
        [(rank, rows[i].item.paragraph_id) for rank, i in enumerate(order, 1)],
    )
    return log


def rank_timeline(conn: sqlite3.Connection) -> None:
    """Number every shown paragraph in each of the reader's four orders, densely from 1.

    rank/rrank: oldest/newest first; mrank/mrrank: the same with one entry per event (its
    first report). Readers then page any unfiltered view by key ranges and size it with
    MAX(), instead of counting and OFFSET-scanning 200k rows on every filter switch.
    Page furniture and copies get no rank: they are never shown.
    """
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
             SELECT id, lead,
                    ROW_NUMBER() OVER (ORDER BY date, sort_key) AS rank,
                    -- Newest first reverses the posts; each post still reads from the top.
                    ROW_NUMBER() OVER (ORDER BY date DESC, post_key DESC, sort_key) AS rrank
             FROM shown)
           SELECT id, rank, rrank,
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
    conn.execute("DROP TABLE temp.ranked")
