"""What the open reader learns while another process writes to its timeline: entries
written since the user last looked, events that gained outlets, a watched speaker heard
anew, and where the reader's place went when the timeline was renumbered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from liveline.timeline.changes import (
    data_version,
    event_keys,
    heard_after,
    keys_for_place,
    keys_of_text,
    keys_written_and_rewritten_after,
    newest_shown,
    outlets_gained_after,
)
from liveline.timeline.pager import Pager
from liveline.timeline.queries import Entry


@dataclass(frozen=True)
class News:
    """What a view shows that is new since the user last looked (or pressed `u`)."""

    new: list[int] = field(default_factory=list)  # positions of entries written since
    updated: list[int] = field(default_factory=list)  # positions of entries edited, or whose event gained outlets
    gained: dict[int, int] = field(default_factory=dict)  # event id -> outlets gained

    @property
    def first(self) -> int | None:
        return min(self.new + self.updated, default=None)

    @property
    def count(self) -> int:
        return len(self.new) + len(self.updated)

    def words(self) -> str:
        """"2 new, 1 updated"; empty for nothing new."""
        parts = [f"{len(self.new)} new"] if self.new else []
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        return ", ".join(parts)

    def chip(self) -> str | None:
        """The status line's chip: " 2 new, 1 updated (u) ", or None for nothing new."""
        return f" {self.words()} (u) " if self.count else None


def _positions(pager: Pager, keys: Sequence[int]) -> list[int]:
    return sorted({p for k in keys if (p := pager.position_of_key(k)) is not None})


class Tracker:
    """The reader's marks in the timeline: the data version it last read, the newest
    paragraph the user has seen, and the newest a watch has rung for."""

    def __init__(self, db: sqlite_utils.Database, seen: tuple[int, int] | None = None) -> None:
        """`seen`: the newest rows the user saw when they last read this timeline
        (liveline.timeline.reading_marks); rows above it count as news. Default: the newest
        now, as for a first visit."""
        self.db = db
        self.version = data_version(db)
        self.latest = newest_shown(db)  # the newest when news was last counted
        # Paragraphs above the first are news: edits in posts up to the second, else new.
        self.seen = self.latest if seen is None else seen
        # The bell is for what arrives while the reader is open, never for a backlog.
        self.heard = self.latest[0]  # paragraphs above it have not been watched for yet

    def moved(self) -> bool:
        """Whether another connection has committed since the last call."""
        version = data_version(self.db)
        moved, self.version = version != self.version, version
        return moved

    def news(self, pager: Pager) -> News:
        self.latest = newest_shown(self.db)
        paragraph, post = self.seen
        new_keys, edited_keys = keys_written_and_rewritten_after(self.db, paragraph, post, pager.key)
        gained = outlets_gained_after(self.db, paragraph, post) if pager.view.merged else {}
        updated = _positions(pager, [*edited_keys, *event_keys(self.db, list(gained), pager.key)])
        # An event told before is updated, even when its new report now leads it.
        told = set(updated)
        return News([p for p in _positions(pager, new_keys) if p not in told], updated, gained)

    def heard_anew(self, person_ids: Sequence[int]) -> list[int]:
        """Paragraphs by these people written since the last call (each is told once)."""
        latest = newest_shown(self.db)[0]
        heard = [pid for pid in heard_after(self.db, self.heard, person_ids) if pid <= latest]
        self.heard = max(self.heard, latest)
        return heard

    def caught_up(self) -> None:
        """The user has looked at everything counted so far."""
        self.seen = self.latest

    def reached(self, news: News, position: int) -> bool:
        """The user moved the cursor to `position` of the view `news` was counted for (call it
        for the user's moves, not for the reader placing the cursor itself): at or past the
        last new or updated entry, the user has read through the news and is caught up
        (True: the caller clears its chip, as `u` does).

        Why "the last one": the seen mark is one id, so it cannot hold "read some of the
        news"; leaving it until the whole run was passed means a reader who stops half way
        is told again next time, never told too little. A view that shows none of it
        (a filter) does not count it as read.
        """
        last = max(news.new + news.updated, default=None)
        if last is None or position < last:
            return False
        self.caught_up()
        return True


def place_in(db: sqlite_utils.Database, pager: Pager, entry: Entry | None) -> int:
    """Where an entry read before other writes renumbered the timeline is now in `pager`'s
    view: the same paragraph, else its event, its post, or its words from its outlet."""
    if entry is None:
        return 0
    found = _first_shown(pager, keys_for_place(db, entry.paragraph_id, entry.post_id, pager.key))
    if found is None:  # asked only then: it reads every paragraph's words
        found = _first_shown(pager, keys_of_text(db, entry.outlet, entry.text, pager.key))
    return found if found is not None else pager.position_of(entry)  # gone: near where its old number puts it


def _first_shown(pager: Pager, keys: Sequence[int]) -> int | None:
    return next((p for k in keys if (p := pager.position_of_key(k)) is not None), None)
