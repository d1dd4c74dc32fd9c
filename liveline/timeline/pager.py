"""Random access to a view's entries, a page at a time, for a reader that never loads them all.

A view is first reduced to its keys: the ascending position numbers (rank columns) of the
entries it shows, an array of ints, or a plain range when nothing is filtered. Entry N is
keys[N]; its page is fetched by key (keyset, never OFFSET) and kept in an LRU cache.
Search matches (one at a time, see liveline.timeline.matches) and time jumps are found by
key and placed by bisection.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import OrderedDict

import sqlite_utils

from liveline.timeline.marks import LONDON
from liveline.timeline.matches import count_holding, first_holding, fts_words, hits_reach, keys_holding
from liveline.timeline.queries import Entry, entries_where, keys_where
from liveline.timeline.time_jump import Jump, jump_to_time
from liveline.timeline.view import ResolvedView, View, resolve, select
from liveline.timeline.zones import ZoneChoice

# Entries fetched at once: a screen or two. A page of 200 cost 5.0 ms (merged 6.6) at 200k,
# one of 100 2.2 ms (3.4), and a filter switch waits for the page it lands on.
PAGE_SIZE = 100
CACHED_PAGES = 128
# Words fewer paragraphs hold than this are looked for from the FTS index's hits, and the
# count comes with them: "carnstart" (768 hits at 200k) takes 4 ms, raw or merged. Commoner
# words are met by walking the view (see matches.py).
RARE_HITS = 1000
# Entries asked of the FTS index one by one before the hits are gathered for a walk: "the"
# (98k hits at 200k) is met within a row or two, "government" (32k) within a few; a row asked
# costs ~20 µs (a merged entry, every report of its event, up to ~170 µs), while gathering the
# hits costs 2 ms ("government") to 19 ms ("the"), then under 0.1 µs a row (merged ~2.5 µs).
WALK = 64
WALK_MERGED = 16


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
        self._common_words: dict[str, bool] = {}  # FTS query -> whether RARE_HITS paragraphs hold it
        self._matches: dict[str, list[int]] = {}  # FTS query -> every position holding it (rare words only)

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

    def next_match(self, text: str, after: int, step: int = 1) -> int | None:
        """The position of the first entry holding the words typed (full-text, any order, any
        case) after position `after` in the view's order (before it, `step` -1), round past
        the end to the start (or the start to the end); `after` -1 looks from the start (or,
        backwards, from the end). None when no entry holds them. In a merged view an event is
        found by the words of any outlet's report of it."""
        words = fts_words(text)
        if words is None or not self.count:
            return None
        forward = step > 0
        if not 0 <= after < self.count:
            after = -1 if forward else self.count
        if not self._common(words):
            hits = self._all_matches(words)
            if not hits:
                return None
            if forward:
                at = bisect_right(hits, after)
                return hits[at] if at < len(hits) else hits[0]
            at = bisect_left(hits, after)
            return hits[at - 1] if at else hits[-1]
        # On to the end, then round from the other end back to `after` itself.
        if forward:
            spans = [(after + 1, self.count - 1), (0, min(after, self.count - 1))]
        else:
            spans = [(after - 1, 0), (self.count - 1, max(after, 0))]
        for start, end in spans:
            found = self._first_in(words, start, end, forward)
            if found is not None:
                return found
        return None

    def match_count(self, text: str) -> int | None:
        """How many entries hold the words, when that is known without asking SQL again
        (rare words: every match was placed); else None: ask count_matches."""
        words = fts_words(text)
        if words is None:
            return 0
        if not self.count or not self._common(words):
            return len(self._all_matches(words)) if self.count else 0
        return None

    def count_matches(self, text: str, db: sqlite_utils.Database | None = None) -> int:
        """How many entries hold the words, asked of SQL in full (tens of ms for a common word
        at 200k: a reader asks it on `db`, a worker thread's own connection, off screen)."""
        words = fts_words(text)
        if words is None:
            return 0
        selection = self.selection
        return count_holding(db or self.db, selection.where, selection.params, self.key, words, self.view.merged)

    def _common(self, words: str) -> bool:
        if words not in self._common_words:
            self._common_words[words] = hits_reach(self.db, words, RARE_HITS)
        return self._common_words[words]

    def _all_matches(self, words: str) -> list[int]:
        """Every matching position, for words few enough paragraphs hold (see RARE_HITS)."""
        if words not in self._matches:
            # From the hits themselves, whatever the view: its keys say which of them it shows.
            keys = keys_holding(self.db, [], [], self.key, words, self.view.merged)
            self._matches = {words: [p for key in keys if (p := self._position(key)) is not None]}
        return self._matches[words]

    def _first_in(self, words: str, start: int, end: int, forward: bool) -> int | None:
        """The first matching position from `start` to `end` (inclusive) going up (or down):
        the next few entries asked of the FTS index one by one, then a walk past them against
        the hits gathered once (a word may be absent from a stretch of the timeline)."""
        if (start > end) if forward else (start < end):
            return None
        walk = WALK_MERGED if self.view.merged else WALK
        stop = min(start + walk - 1, end) if forward else max(start - walk + 1, end)
        low, high = min(start, stop), max(start, stop)
        key = first_holding(self.db, self.keys[low:high + 1], self.key, words, self.view.merged, descending=not forward)
        if key is not None:
            return self._position(key)
        if stop == end:
            return None
        rest = (stop + 1, end) if forward else (end, stop - 1)
        selection = self.selection
        for key in keys_holding(
            self.db, selection.row_conditions, selection.params, self.key, words, self.view.merged,
            low=self.keys[rest[0]], high=self.keys[rest[1]], descending=not forward, walk=True,
        ):
            if (found := self._position(key)) is not None:
                return found
        return None

    def time_position(self, hhmm: str, date: str | None = None, zone: dt.tzinfo = LONDON) -> int | None:
        """The first entry at or after a time read in `zone` (at or before, newest first), on
        `date`, else the first date shown; None when there is none (see jump_to_time)."""
        jump = jump_to_time(self, hhmm, date, zone=zone)
        return jump.position if jump.exact else None

    def jump_to_time(self, hhmm: str, date: str | None = None, choice: ZoneChoice = ZoneChoice.UK) -> Jump:
        """Where `t` goes for a time read under `choice`, and one line saying what it did:
        the entry at the time, else the day's nearest timed entry (see time_jump)."""
        return jump_to_time(self, hhmm, date, choice)
