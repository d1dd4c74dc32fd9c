"""SQLite connections that report a damaged file in one line, wherever it shows.

Damaged pages surface in the middle of a query, as rows are stepped through, in any
command; so the connection's cursors turn SQLite's "corrupt" and "not a database"
codes into a LivelineError naming the file, and every other error passes unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Self

from liveline.timeline.errors import LivelineError

# The result codes of a file whose pages cannot be read as a database.
_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# Rows a `for` loop takes from SQLite at a time: one Python-level step per batch rather
# than per row keeps iteration as fast as a plain cursor's (a 200k-row export).
_BATCH = 512


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose every step reports damage through its connection."""

    connection: GuardedConnection

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            self.connection.check(exc)
            raise

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Self:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.DatabaseError as exc:
            self.connection.check(exc)
            raise

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            self.connection.check(exc)
            raise

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.DatabaseError as exc:
            self.connection.check(exc)
            raise

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            self.connection.check(exc)
            raise

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        # Rows are taken a batch ahead: a loop that stops early leaves them unread.
        while rows := self.fetchmany(_BATCH):
            yield from rows

    def __next__(self) -> Any:
        row = self.fetchone()
        if row is None:
            raise StopIteration
        return row


class GuardedConnection(sqlite3.Connection):
    """A connection that names its file (`label`) when SQLite finds it damaged, and
    carries where a writer waiting for the lock says so (`on_wait`)."""

    label = "the timeline"
    on_wait: Callable[[str], None] | None = None

    def check(self, exc: sqlite3.DatabaseError) -> None:
        """Raise a one-line error when `exc` says the file is damaged."""
        # Python's own "Could not decode to UTF-8" carries no SQLite code: text no writer of
        # liveline stored, so damage as well.
        code = getattr(exc, "sqlite_errorcode", None)
        if (code is None and "decode" in str(exc)) or (code is not None and (code & 0xFF) in _DAMAGE_CODES):
            raise LivelineError(
                f"{self.label} is damaged: {exc}; restore a copy, or build a new timeline from its sources"
            ) from exc

    def cursor(self, factory: Any = GuardedCursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        cursor: GuardedCursor = self.cursor()
        return cursor.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> GuardedCursor:
        cursor: GuardedCursor = self.cursor()
        return cursor.executemany(sql, parameters)

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.DatabaseError as exc:
            self.check(exc)
            raise
