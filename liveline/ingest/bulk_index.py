"""The full-text index of a big write built in bulk, inside the write's own transaction.

The schema keeps `paragraphs_fts` up to date with a trigger per inserted paragraph, which
costs about four times what the rows themselves cost (measured on the 50k corpus: 4.2-5.2 s
of CPU with the trigger, 0.9-1.6 s with the index built by one INSERT ... SELECT per
transaction). So a transaction writing many paragraphs drops the insert trigger, writes,
indexes the ranges of ids it wrote in one statement each, and creates the trigger again,
all before it commits. SQLite's DDL is transactional: a write interrupted at any point
rolls back with its trigger, and a committed one has indexed every row it wrote, so the
index is never behind the rows across a commit and there is nothing to repair.

Deleting a paragraph fires the delete trigger, which takes its words out of the index: a
row written in this transaction and not yet indexed would be taken out without ever having
been put in (corrupting the index), so `before_delete` indexes what is pending first.
"""

from __future__ import annotations

import sqlite3

# The trigger sqlite-utils made for the schema (store._create_schema): its SQL is read from
# the file and run again unchanged, so that a file made by any version keeps its own.
INSERT_TRIGGER = "paragraphs_ai"
_INDEX_RANGE = "INSERT INTO paragraphs_fts (rowid, text) SELECT id, text FROM paragraphs WHERE id BETWEEN ? AND ?"


class BulkIndex:
    """Paragraphs written in one transaction, indexed together before it commits."""

    def __init__(self, conn: sqlite3.Connection, trigger_sql: str) -> None:
        self._conn = conn
        self._trigger_sql = trigger_sql
        self._pending: list[list[int]] = []  # [first id, last id], in the order written

    def written(self, first_id: int, last_id: int) -> None:
        """Paragraphs with ids first_id..last_id were inserted (not yet indexed)."""
        if self._pending and self._pending[-1][1] + 1 == first_id:
            self._pending[-1][1] = last_id
        else:
            self._pending.append([first_id, last_id])

    def before_delete(self) -> None:
        """Index what is pending, so that a delete takes out only words that were put in."""
        self._conn.executemany(_INDEX_RANGE, [tuple(span) for span in self._pending])
        self._pending.clear()

    def finish(self) -> None:
        """Index what is pending and put the row-by-row trigger back (before the commit)."""
        self.before_delete()
        self._conn.execute(self._trigger_sql)


def begin_bulk_index(conn: sqlite3.Connection) -> BulkIndex | None:
    """Inside a write transaction: drop the insert trigger and return the index to fill,
    or None when the file has no such trigger (then nothing is indexed row by row either)."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)).fetchone()
    if row is None or not row[0]:
        return None
    conn.execute(f"DROP TRIGGER [{INSERT_TRIGGER}]")
    return BulkIndex(conn, str(row[0]))
