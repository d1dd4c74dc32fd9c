"""Random access to a view's entries, a page at a time, for a reader that never loads them all.

The reader asks for entry N; the pager fetches the page holding it (PAGE_SIZE entries)
with the shared view query and keeps the most recent pages in an LRU cache. Counting,
searching (FTS5) and jumping to a time are single SQL queries over the same view.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

import sqlite_utils

from timeline.errors import LivelineError
from timeline.marks import LONDON, utc_iso
from timeline.queries import Entry, count_where, entries_where, positions_where
from timeline.view import ResolvedView, View, resolve, view_conditions

PAGE_SIZE = 200
CACHED_PAGES = 64


class Pager:
    def __init__(self, db: sqlite_utils.Database, view: View) -> None:
        self.db = db
        self.resolved: ResolvedView = resolve(db, view)
        self.view = view
        self.where, self.params = view_conditions(db, self.resolved)
        self.count = count_where(db, self.where, self.params)
        self._pages: OrderedDict[int, list[Entry]] = OrderedDict()

    def entry(self, index: int) -> Entry | None:
        if not 0 <= index < self.count:
            return None
        number = index // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = list(entries_where(self.db, self.where, self.params, self.view.newest_first,
                                      limit=PAGE_SIZE, offset=number * PAGE_SIZE))
            self._pages[number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = index - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def search(self, text: str) -> list[int]:
        """Positions of entries containing the words typed (full-text, any order of case)."""
        words = " ".join(f'"{word.replace(chr(34), "")}"' for word in text.split() if word.replace('"', ""))
        if not words:
            return []
        return positions_where(
            self.db, self.where, self.params,
            "pa.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)", [words],
            self.view.newest_first,
        )

    def time_position(self, hhmm: str, date: str | None = None) -> int | None:
        """The first entry at or after a UK time (on `date`, else the first date shown)."""
        try:
            hour, minute = (int(x) for x in hhmm.replace(".", ":").split(":"))
            clock = dt.time(hour, minute)
        except ValueError:
            raise LivelineError(f"{hhmm!r} is not a time HH:MM") from None
        first = self.entry(0)
        if first is None:
            return None
        day = dt.date.fromisoformat(date or first.date)
        target = utc_iso(dt.datetime.combine(day, clock).replace(tzinfo=LONDON))
        known = "COALESCE(p.stated_at, e.best_at, p.not_after, p.not_before)"
        comparison = "<=" if self.view.newest_first else ">="
        hits = positions_where(
            self.db, self.where, self.params, f"pa.date = ? AND {known} {comparison} ?", [day.isoformat(), target],
            self.view.newest_first,
        )
        return hits[0] if hits else None
