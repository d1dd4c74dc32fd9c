"""One date's combined timeline in the database: its paragraphs loaded, merged into events
(in worker processes when it pays), ordered (`order`), and the events, order and the
reader's dense ranks written back.

Merging never crosses stories: each story's paragraphs of the date are merged on their
own (with its own people's names ignored), and the events of all of them are then
ordered together, one combined order per date for the whole library.

Memory is bounded by a date, not by the timeline: the parent holds at most `workers` dates'
rows (one being written, one merging), each worker one date's merge. Measured as the whole
process tree's PSS (parent and workers, /proc/PID/smaps_rollup every 50 ms) on the
synthetic corpus, ~24,000 merged paragraphs a date, two workers: 302 MB at 50k paragraphs
(parent 93, workers 212) and 339 MB at 200k (parent 106, workers 234); the code before
this bound, 319 MB at 50k (443 MB at 200k as issue 20 measured it). More paragraphs a
date, or more cores, raise it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from liveline.ingest.events.features import STOPWORDS, stem
from liveline.ingest.events.items import Event
from liveline.ingest.events.merging import merge_counted
from liveline.ingest.events.order import Row, best_time, combined_order, event_label
from liveline.ingest.events.positions import rank_timeline as rank_timeline  # the batch's numbering, from here as ever
from liveline.ingest.events.rows import load_rows, paragraph_stories
from liveline.ingest.events.vocabulary import drop_vocabulary, keep_vocabulary

# What a worker runs for one date: its events and its vocabulary. Named `merge` because
# that is the seam the tests replace (a merge that stalls, to kill an ingest mid-merge).
merge = merge_counted
Merged = tuple[list[Event], tuple[int, Counter[str]]]
# One story's paragraphs of a date: the story, and the indices of its rows among the date's.
Part = tuple[int | None, list[int]]


def speaker_words(conn: sqlite3.Connection, story_id: int | None = None) -> frozenset[str]:
    """Words of the names of the story's people (None: of every story's), lower-cased and
    stemmed like features."""
    where, params = ("", ()) if story_id is None else (" AND story_id = ?", (story_id,))
    words = set()
    for (name,) in conn.execute(f"SELECT name FROM people WHERE kind IN ('person', 'journalist'){where}", params):
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
    ignore = _Ignored(conn)
    merged = _merged_in_parallel(conn, dates, ignore, workers) if workers > 1 else _merged_here(conn, dates, ignore)
    log: list[str] = []
    for date, rows, parts, results in merged:
        events, vocabulary = _joined(parts, results)
        stories = {rows[i].item.paragraph_id: story for story, indices in parts for i in indices}
        log += [f"{date}: {line}" for line in _write_date(conn, date, rows, events, stories)]
        if rows:
            keep_vocabulary(conn, date, vocabulary)
        else:
            drop_vocabulary(conn, date)
        # Let the date go before the next one is read (the loop would hold it until then).
        del rows, parts, results, events, vocabulary, stories
    return log


class _Ignored:
    """Each story's speaker words, read once per combine."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.words: dict[int | None, frozenset[str]] = {}

    def __call__(self, story: int | None) -> frozenset[str]:
        if story not in self.words:
            self.words[story] = speaker_words(self.conn, story)
        return self.words[story]


def _load(conn: sqlite3.Connection, date: str) -> tuple[list[Row], list[Part]]:
    """The date's rows, and how they divide into stories (in story order)."""
    rows = load_rows(conn, date)
    story_of = paragraph_stories(conn, date)
    parts: dict[int | None, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        parts[story_of.get(row.item.paragraph_id)].append(index)
    return rows, sorted(parts.items(), key=lambda part: -1 if part[0] is None else part[0])


def _joined(parts: list[Part], results: list[Merged]) -> tuple[list[Event], tuple[int, Counter[str]]]:
    """The stories' events of a date as events of the date's rows, and the date's vocabulary. The vocabulary stays one per date, all stories counted: a
    follower's new post is weighed by it (placement.py), and a word's rarity on the day
    is much the same measured in its story's paragraphs or in all of them."""
    events: list[Event] = []
    n, df = 0, Counter[str]()
    for (_, indices), (found, (count, frequencies)) in zip(parts, results, strict=True):
        for event in found:
            event.members = [(indices[i], similarity) for i, similarity in event.members]
            event.representative = indices[event.representative]
            events.append(event)
        n += count
        df.update(frequencies)
    return events, (n, df)


def _merged_here(
    conn: sqlite3.Connection, dates: list[str], ignore: _Ignored
) -> Iterator[tuple[str, list[Row], list[Part], list[Merged]]]:
    for date in dates:
        rows, parts = _load(conn, date)
        yield date, rows, parts, [merge([rows[i].item for i in indices], ignore(story)) for story, indices in parts]


def _merged_in_parallel(
    conn: sqlite3.Connection, dates: list[str], ignore: _Ignored, workers: int
) -> Iterator[tuple[str, list[Row], list[Part], list[Merged]]]:
    """Each date handed to a worker as soon as it is read, and given back in order while
    later ones still merge: at most `workers` dates in this process at once (a 24,000-paragraph
    date's items alone are some 30 MB), not the whole story. Where worker processes
    cannot be had, the dates merge here instead."""
    try:
        # spawn, not fork: the parent may hold threads (a follow loop) and an open database.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_die_with_parent, initargs=(os.getpid(),))
    except (OSError, NotImplementedError):  # no process semaphores in some sandboxes
        yield from _merged_here(conn, dates, ignore)
        return

    with pool:
        pending: deque[tuple[str, list[Row], list[Part], list[Future[Merged]]]] = deque()
        for date in dates:
            rows, parts = _load(conn, date)
            futures = [pool.submit(merge, [rows[i].item for i in indices], ignore(story)) for story, indices in parts]
            pending.append((date, rows, parts, futures))
            del rows, parts, futures
            # Written before the next date is read: one date fewer in memory, at the cost of
            # a worker idle while this one is written (CPU time is the same).
            if len(pending) >= workers:
                yield _collect(pending.popleft())
        while pending:
            yield _collect(pending.popleft())


def _collect(
    pending: tuple[str, list[Row], list[Part], list[Future[Merged]]],
) -> tuple[str, list[Row], list[Part], list[Merged]]:
    date, rows, parts, futures = pending
    return date, rows, parts, [future.result() for future in futures]


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


def event_row(event_id: int, date: str, rows: list[Row], event: Event, names: dict[int, str],
              story_id: int | None = None) -> tuple[object, ...]:
    """An event's row in `events`: its time, label, representative, number of outlets and story."""
    members = [i for i, _ in event.members]
    if event.representative not in members:
        event.representative = members[0]
    best_at, basis = best_time(rows, members)
    return (event_id, date, best_at, basis, event_label(rows, event, names),
            rows[event.representative].item.paragraph_id, len({rows[i].item.source_id for i in members}), story_id)


def _write_date(conn: sqlite3.Connection, date: str, rows: list[Row], events: list[Event],
                stories: dict[int, int | None]) -> list[str]:
    """Store one date's events and its combined order (`stories`: each paragraph's story)."""
    log: list[str] = []
    order = combined_order(rows, events, log)
    conn.execute("DELETE FROM event_members WHERE event_id IN (SELECT id FROM events WHERE date = ?)", (date,))
    conn.execute("DELETE FROM events WHERE date = ?", (date,))
    conn.execute("UPDATE paragraphs SET event_id = NULL WHERE date = ?", (date,))
    names = dict(conn.execute("SELECT id, name FROM people"))
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0]
    event_rows, member_rows, assignments = [], [], []
    for event_id, event in enumerate(events, next_id):
        # Merging never crosses stories: an event's story is any member's.
        story = stories.get(rows[event.members[0][0]].item.paragraph_id)
        event_rows.append(event_row(event_id, date, rows, event, names, story))
        member_rows += [(event_id, rows[i].item.paragraph_id, similarity) for i, similarity in event.members]
        assignments += [(rows[i].item.paragraph_id, event_id) for i, _ in event.members]
    conn.executemany(
        "INSERT INTO events (id, date, best_at, basis, label, rep_paragraph_id, n_sources, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        event_rows,
    )
    conn.executemany("INSERT INTO event_members (event_id, paragraph_id, similarity) VALUES (?, ?, ?)", member_rows)
    # Each paragraph's event and place written in one statement (the event's index is over
    # both): one pass over the date's rows, not two.
    event_of = dict(assignments)
    ordered = [(event_of.pop(rows[i].item.paragraph_id, None), rank, rows[i].item.paragraph_id)
               for rank, i in enumerate(order, 1)]
    conn.executemany("UPDATE paragraphs SET event_id = ?, sort_key = ? WHERE id = ?", ordered)
    conn.executemany("UPDATE paragraphs SET event_id = ? WHERE id = ?", [(e, pid) for pid, e in event_of.items()])
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
    return log
