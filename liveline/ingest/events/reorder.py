"""One date's events and combined order brought up to date after a follower's new posts were
placed (placement.py), writing only what moved.

The date's order is worked out whole, by the same `combined_order` a full merge uses (it
is a topological merge of every page's sequence: a new post can move what follows it),
but from the rows' places and times only, never their words. Events are rebuilt from the
stored memberships plus the placement; an event left with fewer than two members or one
post (a rewritten post's old paragraphs are gone) is undone. Only events whose members
changed get a new representative and label; every event's time and outlet count are
checked, since a new post can tighten its neighbours' clocks.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from liveline.ingest.events.combine import event_row
from liveline.ingest.events.items import Event
from liveline.ingest.events.merging import is_event, representative
from liveline.ingest.events.order import LATE, Row, best_time, combined_order
from liveline.ingest.events.placement import Placement
from liveline.ingest.events.positions import DateOrder, Positions
from liveline.ingest.events.rows import ID_LIST, id_list, load_rows, paragraph_stories

_EVENT_COLUMNS = "id, date, best_at, basis, label, rep_paragraph_id, n_sources, story_id"


@dataclass
class _Stored:
    """A paragraph of the date as the timeline holds it."""

    event: int | None
    similarity: float
    sort_key: int | None


def _stored(conn: sqlite3.Connection, ids: set[int]) -> dict[int, _Stored]:
    """These paragraphs as the timeline holds them, by id."""
    rows = conn.execute(
        f"""SELECT pa.id, pa.event_id, em.similarity, pa.sort_key
           FROM paragraphs pa LEFT JOIN event_members em ON em.paragraph_id = pa.id AND em.event_id = pa.event_id
           WHERE pa.id IN {ID_LIST}""",
        (id_list(ids),),
    )
    return {pid: _Stored(event, similarity or 0.0, sort_key) for pid, event, similarity, sort_key in rows}


def _stale_events(conn: sqlite3.Connection, date: str) -> set[int]:
    """The date's events a rewritten post took members from: no longer two members from two
    posts, or their representative or outlet count gone with it."""
    return {event for (event,) in conn.execute(
        """SELECT e.id FROM events e WHERE e.date = ? AND (
             (SELECT COUNT(DISTINCT pa.post_id) FROM paragraphs pa WHERE pa.event_id = e.id AND pa.duplicate_of IS NULL) < 2
             OR e.n_sources != (SELECT COUNT(DISTINCT pa.source_id) FROM paragraphs pa
                                WHERE pa.event_id = e.id AND pa.duplicate_of IS NULL)
             OR NOT EXISTS (SELECT 1 FROM paragraphs pa WHERE pa.id = e.rep_paragraph_id AND pa.event_id = e.id))""",
        (date,),
    )}


# A row's place in time for ordering (order.Row.time_key), in SQL.
_TIME_KEY = f"CASE WHEN s.kind = 'article' THEN '{LATE}' ELSE COALESCE(p.stated_at, p.not_after, p.not_before, '{LATE}') END"


@dataclass
class Place:
    """Where one paragraph of the date stands: what re-ordering and renumbering it need."""

    post: int
    source: int
    sort_key: int | None
    event: int | None
    time_key: str
    article: bool
    unstated: bool
    chron: int | None
    pinned: bool
    positions: Positions


def date_places(conn: sqlite3.Connection, date: str) -> dict[int, Place]:
    """The date's paragraphs that merging and ordering see (page furniture and copies aside), by id."""
    rows = conn.execute(
        f"""SELECT pa.id, pa.post_id, p.source_id, pa.sort_key, pa.event_id, {_TIME_KEY}, s.kind = 'article',
                   p.stated_at IS NULL, p.chron, p.pinned, pa.rank, pa.rrank, pa.mrank, pa.mrrank
            FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
            WHERE pa.date = ? AND p.kind != 'header' AND pa.duplicate_of IS NULL""",
        (date,),
    )
    return {pid: Place(post, source, key, event, time, bool(article), bool(unstated), chron, bool(pinned), (a, b, c, d))
            for pid, post, source, key, event, time, article, unstated, chron, pinned, a, b, c, d in rows}


def _first_movable(places: dict[int, Place], posts: set[int], events: set[int], partners: set[int]) -> int:
    """The first place in the date's order (sort_key) that the new posts can move.

    The combined order is a topological merge, taking the earliest-timed node that is free
    to go. Before the place returned, nothing changes: no row there is in a post, event or
    page sequence the new posts touch, every node there has an earlier time than anything
    that changed (so nothing that changed would come out first), and no event is split
    across it (an event's reports come out together). Articles, pinned posts and a page's
    first post on the date re-order the whole date."""
    by_post: dict[int, list[Place]] = defaultdict(list)
    for place in places.values():
        by_post[place.post].append(place)
    changed = [pid for pid, place in places.items()
               if place.post in posts or place.event in events or pid in partners]
    starts: list[int] = []
    for post in posts & set(by_post):
        new = by_post[post][0]
        before = [p for p in places.values() if p.source == new.source and p.post not in posts
                  and p.chron is not None and new.chron is not None and p.chron < new.chron]
        if new.article or new.pinned or new.chron is None or not before:
            return 1
        previous = max(p.chron for p in before if p.chron is not None)
        starts += [p.sort_key for p in before if p.chron == previous and p.sort_key is not None]
        # A post without a stated time is placed by its neighbours', which the new post can move.
        changed += [pid for pid, p in places.items() if p.source == new.source and p.unstated]
    starts += [key for pid in changed if (key := places[pid].sort_key) is not None]
    # A paragraph comes out at its own time, or with its event's first reports: an article's
    # (which has no time) at the time of one of the event's live-page reports, no later than
    # the latest of them.
    event_time: dict[int, str] = {}
    for place in places.values():
        if place.event is not None and not place.article:
            event_time[place.event] = max(event_time.get(place.event, ""), place.time_key)

    def latest_time(place: Place) -> str:
        return event_time.get(place.event, LATE) if place.article and place.event is not None else place.time_key

    earliest = min((latest_time(places[pid]) for pid in changed), default=LATE)
    starts += [p.sort_key for p in places.values() if p.sort_key is not None and latest_time(p) >= earliest]
    since = min(starts, default=1)
    span: dict[int, tuple[int, int]] = {}
    for place in places.values():
        if place.event is not None and place.sort_key is not None:
            low, high = span.get(place.event, (place.sort_key, place.sort_key))
            span[place.event] = (min(low, place.sort_key), max(high, place.sort_key))
    while True:
        lowest = min((low for low, high in span.values() if high >= since), default=since)
        if lowest >= since:
            return max(1, since)
        since = lowest


def update_date(conn: sqlite3.Connection, date: str, placement: Placement, posts: set[int],
                places: dict[int, Place]) -> tuple[list[str], DateOrder]:
    """Store the date's events and order with `placement` applied, for the new `posts`
    (`places`: the date as it stands). Returns the order conflicts resolved, and the date's
    new order for numbering (positions.py)."""
    touched = {event for event, _ in placement.values() if event > 0} | _stale_events(conn, date)
    since = _first_movable(places, posts, touched, set(placement))
    rows = load_rows(conn, date, text=False, since=since)
    stored = _stored(conn, {row.item.paragraph_id for row in rows})
    members: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for index, row in enumerate(rows):
        pid = row.item.paragraph_id
        event, similarity = placement[pid] if pid in placement else (stored[pid].event, stored[pid].similarity)
        if event is not None:
            members[event].append((index, similarity))
    items = [row.item for row in rows]
    events = {key: Event(members=found) for key, found in members.items() if is_event(items, [i for i, _ in found])}
    log: list[str] = []
    order = combined_order(rows, list(events.values()), log)
    # An order conflict takes members out of events, and may leave one no event at all.
    events = {key: event for key, event in events.items() if is_event(items, [i for i, _ in event.members])}
    ids = _write_events(conn, date, rows, events, stored, set(members) | touched)
    event_of = _write_members(conn, rows, events, ids, stored)
    sort_key = {rows[i].item.paragraph_id: key for key, i in enumerate(order, since)}
    conn.executemany("UPDATE paragraphs SET sort_key = ? WHERE id = ?",
                     [(key, pid) for pid, key in sort_key.items() if stored[pid].sort_key != key])
    shown = sorted((key, pid, place.post, event_of.get(pid, place.event)) for pid, place in places.items()
                   if (key := sort_key.get(pid, place.sort_key)) is not None)
    return log, DateOrder([(pid, post, key, event) for key, pid, post, event in shown],
                          {pid: place.positions for pid, place in places.items() if place.positions[0] is not None})


def _write_events(conn: sqlite3.Connection, date: str, rows: list[Row], events: dict[int, Event],
                  stored: dict[int, _Stored], relevant: set[int]) -> dict[int, int]:
    """Insert, update and delete the rows of the `relevant` events (those of the rows
    re-ordered, and new ones); returns event key -> stored id."""
    kept = {row[0]: row for row in conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id IN {ID_LIST}",
                                                (id_list(key for key in relevant if key > 0),))}
    was: dict[int, set[int]] = defaultdict(set)
    for pid, paragraph in stored.items():
        if paragraph.event is not None:
            was[paragraph.event].add(pid)
    now = {key: {rows[i].item.paragraph_id for i, _ in event.members} for key, event in events.items()}
    # Events whose members changed (or that are new) are shown afresh: representative and label.
    changed = {key for key in events if key not in kept or now[key] != was[key] or kept[key][5] not in now[key]}
    worded = {row.item.paragraph_id: row for row in load_rows(conn, date, ids=set().union(*(now[k] for k in changed)))}
    names = dict(conn.execute("SELECT id, name FROM people"))
    # An event's story is its members' (merging never crosses stories): its representative's.
    story_of = paragraph_stories(conn, date, set().union(*now.values()))
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0]
    ids: dict[int, int] = {}
    for key, event in events.items():
        ids[key] = key if key in kept else next_id
        next_id += key not in kept
        if key in changed:
            local = [worded[rows[i].item.paragraph_id] for i, _ in event.members]
            shown = Event(members=[(n, similarity) for n, (_, similarity) in enumerate(event.members)])
            shown.representative = representative([row.item for row in local], list(range(len(local))))
            values = event_row(ids[key], date, local, shown, names, story_of.get(local[shown.representative].item.paragraph_id))
        else:
            best_at, basis = best_time(rows, [i for i, _ in event.members])
            sources = len({rows[i].item.source_id for i, _ in event.members})
            values = (key, date, best_at, basis, kept[key][4], kept[key][5], sources, story_of.get(kept[key][5]))
        if kept.get(key) != values:
            conn.execute(f"INSERT OR REPLACE INTO events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
    gone = id_list(key for key in kept if key not in events)
    conn.execute(f"DELETE FROM event_members WHERE event_id IN {ID_LIST}", (gone,))
    conn.execute(f"DELETE FROM events WHERE id IN {ID_LIST}", (gone,))
    return ids


def _write_members(conn: sqlite3.Connection, rows: list[Row], events: dict[int, Event], ids: dict[int, int],
                   stored: dict[int, _Stored]) -> dict[int, int | None]:
    """Each paragraph whose event or similarity changed, with its copies (a copy repeating a
    paragraph of its page belongs to the same event as the original). Returns each row's event."""
    after: dict[int, tuple[int | None, float]] = {row.item.paragraph_id: (None, 0.0) for row in rows}
    for key, grouped in events.items():
        for i, similarity in grouped.members:
            after[rows[i].item.paragraph_id] = (ids[key], similarity)
    moved = {pid: (event_id, similarity) for pid, (event_id, similarity) in after.items()
             if (event_id, similarity if event_id else 0.0) != (stored[pid].event, stored[pid].similarity if stored[pid].event else 0.0)}
    copies: dict[int, list[int]] = defaultdict(list)
    sources = {row.item.source_id for row in rows if row.item.paragraph_id in moved}
    for copy, original in conn.execute(  # a copy is of its own page: found through the page's index
        f"SELECT id, duplicate_of FROM paragraphs WHERE source_id IN {ID_LIST} AND duplicate_of IN {ID_LIST}",
        (id_list(sources), id_list(moved)),
    ):
        copies[original].append(copy)
    for pid, (event_id, similarity) in moved.items():
        written = [pid, *copies[pid]]
        conn.execute(f"DELETE FROM event_members WHERE paragraph_id IN {ID_LIST}", (id_list(written),))
        conn.execute(f"UPDATE paragraphs SET event_id = ? WHERE id IN {ID_LIST}", (event_id, id_list(written)))
        if event_id is not None:
            conn.executemany("INSERT INTO event_members (event_id, paragraph_id, similarity) VALUES (?, ?, ?)",
                             [(event_id, copy, similarity if copy == pid else 1.0) for copy in written])
    return {pid: event_id for pid, (event_id, _) in after.items()}
