"""Random access to a view's entries, a page at a time, for a reader that never loads them all.

A view is first reduced to its keys: the ascending position numbers (rank columns) of the
entries it shows, an array of ints, or a plain range when nothing is filtered. Entry N is
keys[N]; its page is fetched by key (keyset, never OFFSET) and kept in an LRU cache.
Search hits and time jumps are found by key and placed by bisection.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import OrderedDict

import sqlite_utils

from liveline.timeline.marks import LONDON
from liveline.timeline.queries import Entry, entries_where, keys_where
from liveline.timeline.time_jump import Jump, jump_to_time
from liveline.timeline.view import ResolvedView, View, resolve, select
from liveline.timeline.zones import ZoneChoice

PAGE_SIZE = 200
CACHED_PAGES = 64


class Pager:
    def __init__(self, db: sqlite_utils.Database, view: View) -> None:
        self.db = db
        self.view = view
        self.resolved: ResolvedView = resolve(db, view)
        self.selection = select(db, self.resolved)
        self.key = self.selection.key
        self.keys = keys_where(db, self.selection.where, self.selection.params, self.key)
        self.count = len(self.keys)
        self._pages: OrderedDict[int, list[Entry]] = OrderedDict()

    def entry(self, index: int) -> Entry | None:
        if not 0 <= index < self.count:
            return None
        number = index // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number)
            self._pages[number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = index - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _fetch(self, number: int) -> list[Entry]:
        wanted = self.keys[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
        # The keys already carry the view's filters: the page is just those rows.
        where = f"pa.{self.key} IN ({', '.join('?' * len(wanted))})"
        return list(entries_where(self.db, [where], list(wanted), key=self.key))

    def position_of_key(self, key: int) -> int | None:
        """The position of the entry whose `self.key` column is `key`, if this view shows it."""
        return self._position(key)

    def _position(self, key: int) -> int | None:
        at = bisect_left(self.keys, key)
        return at if at < self.count and self.keys[at] == key else None

    def position_of(self, entry: Entry | None) -> int:
        """Where a paragraph from another view sits in this one: itself if shown, else the
        next entry after it in this view's order (a reader keeps its place across filters)."""
        if entry is None or not self.count:
            return 0
        own = getattr(entry, self.key)
        if own is not None and (found := self._position(own)) is not None:
            return found
        if self.view.merged and entry.event_id is not None:
            # Switching to merged: the entry of the event the paragraph belongs to, not the
            # next event after it (an exchange's later report is told under its first one).
            for (key,) in self.db.execute(
                f"SELECT {self.key} FROM paragraphs WHERE event_id = ? AND {self.key} IS NOT NULL ORDER BY {self.key}",
                (entry.event_id,),
            ):
                if (found := self._position(key)) is not None:
                    return found
        base = "rrank" if self.view.newest_first else "rank"
        value = getattr(entry, base)
        if value is None:
            return 0
        if self.key != base:
            # A merged view numbered on its own: the first event at or after the paragraph.
            row = self.db.execute(
                f"SELECT MIN({self.key}) FROM paragraphs WHERE {self.key} IS NOT NULL AND {base} >= ?", (value,)
            ).fetchone()
            value = row[0] if row[0] is not None else self.keys[-1]
        return min(bisect_left(self.keys, value), self.count - 1)

    def search(self, text: str) -> list[int]:
        """Positions of entries containing the words typed (full-text, any order of case).
        In a merged view an event is found by the words of any outlet's report of it."""
        words = " ".join(f'"{word.replace(chr(34), "")}"' for word in text.split() if word.replace('"', ""))
        if not words:
            return []
        hits = "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
        sql = f"SELECT pa.{self.key} FROM paragraphs pa WHERE pa.{self.key} IS NOT NULL AND pa.id IN ({hits})"
        params = [words]
        if self.view.merged:
            sql += (
                f" UNION SELECT m.{self.key} FROM paragraphs hit JOIN paragraphs m ON m.event_id = hit.event_id"
                f" WHERE m.{self.key} IS NOT NULL AND hit.id IN ({hits})"
            )
            params.append(words)
        rows = self.db.execute(sql, params)
        return sorted({p for (key,) in rows if (p := self._position(key)) is not None})

    def time_position(self, hhmm: str, date: str | None = None, zone: dt.tzinfo = LONDON) -> int | None:
        """The first entry at or after a time read in `zone` (at or before, newest first), on
        `date`, else the first date shown; None when there is none (see jump_to_time)."""
        jump = jump_to_time(self, hhmm, date, zone=zone)
        return jump.position if jump.exact else None

    def jump_to_time(self, hhmm: str, date: str | None = None, choice: ZoneChoice = ZoneChoice.UK) -> Jump:
        """Where `t` goes for a time read under `choice`, and one line saying what it did:
        the entry at the time, else the day's nearest timed entry (see time_jump)."""
        return jump_to_time(self, hhmm, date, choice)
