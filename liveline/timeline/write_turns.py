"""Writers taking turns: one that finds the timeline busy waits (saying so when the wait
is long) instead of failing, and one about to write lets a waiting one go first.

SQLite's own busy handler only polls, every 100 ms at most; a long ingest commits
source after source with gaps of a fraction of a millisecond between, which a waiting
`follow` would almost never hit. So a waiting writer queues, by holding a shared lock
on a small file beside the database (FILE-writers, made on the first wait), and a
writer about to begin a transaction first waits for that queue to empty. Where file
locks do not exist (Windows), writers still wait and retry, without that fairness.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# Silence longer than this looks like a hang: say who we are waiting for.
NOTICE_AFTER = 1.0
# How long SQLite's busy handler waits per attempt before we look at the clock again.
_ATTEMPT = 0.25
# How often a writer checks whether the queue ahead of it has emptied.
_QUEUE_POLL = 0.02
# The longest a writer defers to queued ones. A queued writer takes the free lock at its
# busy handler's next retry (within 0.1 s), so this is ample even on a loaded machine,
# and a waiter that was stopped (Ctrl-Z) holds the others up no longer than this.
_COURTESY = 5.0


def queue_path(path: Path) -> Path:
    return Path(f"{path}-writers")


def begin_write(conn: sqlite3.Connection, path: Path, budget: float, on_wait: Callable[[str], None] | None) -> None:
    """BEGIN IMMEDIATE, waiting up to `budget` seconds for other writers; lets the
    sqlite3.OperationalError (busy) through when the budget runs out."""
    started = time.monotonic()
    deadline = started + budget
    told = False

    def waiting() -> None:
        nonlocal told
        if not told and on_wait and time.monotonic() - started >= NOTICE_AFTER:
            on_wait(f"waiting for another liveline writing to {path} (Ctrl-C stops)")
            told = True

    (usual,) = conn.execute("PRAGMA busy_timeout").fetchone()
    with ExitStack() as stack:
        stack.callback(conn.execute, f"PRAGMA busy_timeout = {int(usual)}")
        _after_queued_writers(path, min(deadline, started + _COURTESY), waiting)
        queued = False
        attempt = 0.0  # the first try does not wait: a busy timeline puts us in the queue at once
        while True:
            conn.execute(f"PRAGMA busy_timeout = {int(attempt * 1000)}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                return  # leaving the queue, if we were in it
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() >= deadline:
                    raise
            if not queued:
                stack.enter_context(_place_in_queue(path))
                queued = True
            waiting()
            attempt = max(0.0, min(_ATTEMPT, deadline - time.monotonic()))


def _busy(exc: sqlite3.OperationalError) -> bool:
    return (exc.sqlite_errorcode & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _after_queued_writers(path: Path, deadline: float, waiting: Callable[[], None]) -> None:
    """Return once no writer is queued for this timeline, or at `deadline` (the lock
    itself then decides)."""
    if fcntl is None:
        return
    try:
        fd = os.open(queue_path(path), os.O_RDONLY)
    except OSError:
        return  # no queue file: no writer has ever had to wait here
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return  # closing the file below releases the lock at once
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                return
            waiting()
            time.sleep(_QUEUE_POLL)
    finally:
        os.close(fd)


@contextmanager
def _place_in_queue(path: Path) -> Iterator[None]:
    """Hold a place in the queue (a shared lock) until the caller has the write lock."""
    fd = None
    if fcntl is not None:
        try:
            fd = os.open(queue_path(path), os.O_RDWR | os.O_CREAT, 0o666)
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            pass  # a folder we cannot write: the write itself will say so
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)

