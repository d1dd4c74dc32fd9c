"""A timeline connection of a worker thread's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from liveline.timeline.store import open_db


@contextmanager
def own_connection(path: Path) -> Iterator[sqlite_utils.Database]:
    """The timeline opened for the caller alone and closed after: an SQLite connection
    stays in the thread that opened it, so a worker thread cannot borrow the reader's."""
    db = open_db(path)
    try:
        yield db
    finally:
        db.conn.close()
