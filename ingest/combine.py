"""One date's combined timeline: events merged, then one total order for every paragraph.

The order is a topological merge of the sources' own sequences: each live blog's posts
in chronological order are edges, an event is one node (so its reports sit together),
and ready nodes come out earliest time first. Articles have no order of their own
(inverted pyramid): their paragraphs join the timeline through events, borrowing the
event's time; the rest follow the timed material in article order. When two sources'
orders and the events contradict each other (a cycle), the weakest merge is undone.
"""

from __future__ import annotations

import datetime as dt
import heapq
import multiprocessing
import os
import sqlite3
from collections import defaultdict, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from ingest.merging import TIME_SLACK, Event, Item, merge
from timeline.marks import utc_iso

_LATE = "~"  # sorts after every ISO time: untimed material goes last


@dataclass
class _Row:
    item: Item
    source_kind: str
    chron: int
    post_seq: int
    seq: int
    pinned: bool
    time_key: str


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _load(conn: sqlite3.Connection, date: str) -> list[_Row]:
    speakers: dict[int, set[int]] = defaultdict(set)
    quoted: set[int] = set()
    for paragraph_id, person_id, how in conn.execute(
        "SELECT ps.paragraph_id, ps.person_id, ps.how FROM paragraph_speakers ps "
        "JOIN paragraphs pa ON pa.id = ps.paragraph_id WHERE pa.date = ?",
        (date,),
    ):
        speakers[paragraph_id].add(person_id)
        if how == "quote":
            quoted.add(paragraph_id)
    copies = dict(conn.execute(
        "SELECT duplicate_of, COUNT(*) FROM paragraphs WHERE date = ? AND duplicate_of IS NOT NULL GROUP BY duplicate_of",
        (date,),
    ))
    rows = []
    for (pid, source_id, post_id, kind, text, part, stated, not_before, not_after, source_kind, chron,
         post_seq, seq, pinned) in conn.execute(
        """SELECT pa.id, pa.source_id, pa.post_id, p.kind, pa.text, pa.part, p.stated_at, p.not_before,
                  p.not_after, s.kind, COALESCE(p.chron, 0), p.seq, pa.seq, p.pinned
           FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id
           WHERE pa.date = ? AND p.kind != 'header' AND pa.duplicate_of IS NULL
           ORDER BY s.id, p.chron, pa.seq""",
        (date,),
    ):
        item = Item(
            paragraph_id=pid, source_id=source_id, post_id=post_id, post_kind="article" if source_kind == "article" else kind,
            text=text, part=part,
            speakers=frozenset(speakers.get(pid, ())), opens_quote=text[:1] in "“\"‘",
            earliest=_parse(stated or not_before), latest=_parse(stated or not_after), quote=pid in quoted,
            copies=copies.get(pid, 0),
        )
        time_key = _LATE if source_kind == "article" else (stated or not_after or not_before or _LATE)
        rows.append(_Row(item, source_kind, chron, post_seq, seq, bool(pinned), time_key))
    return rows


def _best_time(rows: list[_Row], members: list[int]) -> tuple[str | None, str]:
    stated = [rows[i].item.earliest for i in members if rows[i].item.earliest and rows[i].item.earliest == rows[i].item.latest]
    if stated:
        return utc_iso(min(stated)), "stated"
    upper = [rows[i].item.latest for i in members if rows[i].item.latest]
    if upper:
        return utc_iso(min(upper)), "bounded"
    lower = [rows[i].item.earliest for i in members if rows[i].item.earliest]
    if lower:
        return utc_iso(max(lower)), "bounded"
    return None, "unknown"


def _anchors(rows: list[_Row], members: list[int]) -> list[int]:
    """The members that place an event in time: each live blog's earliest report, and every
    article paragraph (articles have no order). A blog's later mention, or one whose clock
    cannot be near the event's first stated time, is a recap and keeps its own place."""
    stated = [rows[i].item.earliest for i in members if rows[i].item.earliest and rows[i].item.earliest == rows[i].item.latest]
    moment = min(stated) if stated else None
    earliest: dict[int, int] = {}
    anchors = []
    for i in members:
        row = rows[i]
        if row.source_kind == "article":
            anchors.append(i)
            continue
        item = row.item
        if moment and ((item.latest and item.latest < moment - TIME_SLACK) or (item.earliest and item.earliest > moment + TIME_SLACK)):
            continue
        current = earliest.get(row.item.source_id)
        if current is None or (row.chron, row.seq) < (rows[current].chron, rows[current].seq):
            earliest[row.item.source_id] = i
    return sorted(anchors + list(earliest.values()))


def _cyclic(successors: dict[int, set[int]], nodes: list[int]) -> set[int]:
    """Nodes on a cycle among `nodes` (strongly connected components of two or more)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    cyclic: set[int] = set()
    counter = 0
    allowed = set(nodes)
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(successors.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in allowed:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cyclic.update(component)
    return cyclic


def _order(rows: list[_Row], events: list[Event], log: list[str]) -> list[int]:
    """Row indices in combined order; undoes the weakest membership of events caught in a cycle."""
    sequences: dict[int, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row.source_kind != "article" and not row.pinned:
            sequences[row.item.source_id].append(i)
    for sequence in sequences.values():
        sequence.sort(key=lambda i: (rows[i].chron, rows[i].seq))
    while True:
        node_of = list(range(len(rows)))  # row -> node (an event's anchors share its first anchor's node)
        event_of_node: dict[int, Event] = {}
        for event in events:
            joined = _anchors(rows, [i for i, _ in event.members])
            if not joined:
                continue
            head = min(joined)
            event_of_node[head] = event
            for i in joined:
                node_of[i] = head
        members: dict[int, list[int]] = defaultdict(list)
        for i, node in enumerate(node_of):
            members[node].append(i)
        successors: dict[int, set[int]] = defaultdict(set)
        indegree: dict[int, int] = {node: 0 for node in members}
        for sequence in sequences.values():
            previous = None
            for i in sequence:
                node = node_of[i]
                if previous is not None and node != previous and node not in successors[previous]:
                    successors[previous].add(node)
                    indegree[node] += 1
                previous = node
        keys = {node: _node_key(rows, group) for node, group in members.items()}
        ready = [(keys[n], n) for n, d in indegree.items() if d == 0]
        heapq.heapify(ready)
        out: list[int] = []
        placed: set[int] = set()
        while ready:
            _, node = heapq.heappop(ready)
            placed.add(node)
            out.extend(sorted(members[node], key=lambda i: (rows[i].time_key, rows[i].item.source_id, rows[i].chron, rows[i].seq)))
            for successor in successors[node]:
                indegree[successor] -= 1
                if indegree[successor] == 0:
                    heapq.heappush(ready, (keys[successor], successor))
        if len(out) == len(rows):
            return out
        # Cycles: each event caught in one gives up its weakest anchoring member.
        cyclic = _cyclic(successors, [n for n in members if n not in placed])
        for node in sorted(cyclic):
            event = event_of_node.get(node)
            if event is None:
                continue
            anchors = set(_anchors(rows, [i for i, _ in event.members]))
            weakest = min((m for m in event.members if m[0] in anchors), key=lambda m: m[1])
            event.members.remove(weakest)
            log.append(
                f"order conflict: paragraph {rows[weakest[0]].item.paragraph_id} taken out of an event "
                f"(similarity {weakest[1]}) to keep every source's own order"
            )
        events[:] = [e for e in events if len(e.members) >= 2 and len({rows[i].item.post_id for i, _ in e.members}) >= 2]


def _node_key(rows: list[_Row], group: list[int]) -> tuple:
    """Earliest known time first; untimed material after, by source and position."""
    times = [rows[i].time_key for i in group if rows[i].time_key != _LATE]
    first = min(group, key=lambda i: (rows[i].item.source_id, rows[i].chron, rows[i].seq))
    return (min(times) if times else _LATE, rows[first].item.source_id, rows[first].chron, rows[first].seq)


def _speaker_words(conn: sqlite3.Connection) -> frozenset[str]:
    """Words of the story's people's names, lower-cased and stemmed like features."""
    from ingest.features import STOPWORDS, stem

    words = set()
    for (name,) in conn.execute("SELECT name FROM people WHERE kind IN ('person', 'journalist')"):
        for word in name.lower().replace("’", "'").split():
            word = word.strip(",.'")
            if word and word not in STOPWORDS:
                words.update({word, stem(word)})
    return frozenset(words)


def _label(rows: list[_Row], event: Event, names: dict[int, str]) -> str:
    item = rows[event.representative].item
    words = item.text.split()
    text = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    who = "; ".join(sorted(names[p] for p in item.speakers if p in names))
    return f"{who}: {text}" if who else text


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
    ignore = _speaker_words(conn)
    merged = _merged_in_parallel(conn, dates, ignore, workers) if workers > 1 else _merged_here(conn, dates, ignore)
    log: list[str] = []
    for date, rows, events in merged:
        log += [f"{date}: {line}" for line in _write_date(conn, date, rows, events)]
    return log


def _merged_here(
    conn: sqlite3.Connection, dates: list[str], ignore: frozenset[str]
) -> Iterator[tuple[str, list[_Row], list[Event]]]:
    for date in dates:
        rows = _load(conn, date)
        yield date, rows, merge([row.item for row in rows], ignore)


def _merged_in_parallel(
    conn: sqlite3.Connection, dates: list[str], ignore: frozenset[str], workers: int
) -> Iterator[tuple[str, list[_Row], list[Event]]]:
    """Each date handed to a worker as soon as it is read, and given back in order while
    later ones still merge: a few dates in memory at once, not the whole story. Where
    worker processes cannot be had, the dates merge here instead."""
    try:
        # spawn, not fork: the parent may hold threads (a follow loop) and an open database.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, NotImplementedError):  # no process semaphores in some sandboxes
        yield from _merged_here(conn, dates, ignore)
        return

    with pool:
        pending: deque[tuple[str, list[_Row], Future[list[Event]]]] = deque()
        for date in dates:
            rows = _load(conn, date)
            pending.append((date, rows, pool.submit(merge, [row.item for row in rows], ignore)))
            if len(pending) > workers:
                done, done_rows, future = pending.popleft()
                yield done, done_rows, future.result()
        while pending:
            done, done_rows, future = pending.popleft()
            yield done, done_rows, future.result()


def _write_date(conn: sqlite3.Connection, date: str, rows: list[_Row], events: list[Event]) -> list[str]:
    """Store one date's events and its combined order."""
    log: list[str] = []
    order = _order(rows, events, log)
    conn.execute("DELETE FROM event_members WHERE event_id IN (SELECT id FROM events WHERE date = ?)", (date,))
    conn.execute("DELETE FROM events WHERE date = ?", (date,))
    conn.execute("UPDATE paragraphs SET event_id = NULL WHERE date = ?", (date,))
    names = dict(conn.execute("SELECT id, name FROM people"))
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0]
    event_rows, member_rows, assignments = [], [], []
    for event_id, event in enumerate(events, next_id):
        members = [i for i, _ in event.members]
        if event.representative not in members:
            event.representative = members[0]
        best_at, basis = _best_time(rows, members)
        event_rows.append((event_id, date, best_at, basis, _label(rows, event, names),
                           rows[event.representative].item.paragraph_id,
                           len({rows[i].item.source_id for i in members})))
        member_rows += [(event_id, rows[i].item.paragraph_id, similarity) for i, similarity in event.members]
        assignments += [(event_id, rows[i].item.paragraph_id) for i in members]
    conn.executemany(
        "INSERT INTO events (id, date, best_at, basis, label, rep_paragraph_id, n_sources) VALUES (?, ?, ?, ?, ?, ?, ?)",
        event_rows,
    )
    conn.executemany("INSERT INTO event_members (event_id, paragraph_id, similarity) VALUES (?, ?, ?)", member_rows)
    conn.executemany("UPDATE paragraphs SET event_id = ? WHERE id = ?", assignments)
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
    conn.executemany(
        "UPDATE paragraphs SET sort_key = ? WHERE id = ?",
        [(rank, rows[i].item.paragraph_id) for rank, i in enumerate(order, 1)],
    )
    return log


def rank_timeline(conn: sqlite3.Connection) -> None:
    """Number every shown paragraph in each of the reader's four orders, densely from 1.

    rank/rrank: oldest/newest first; mrank/mrrank: the same with one entry per event (its
    first report). Readers then page any unfiltered view by key ranges and size it with
    MAX(), instead of counting and OFFSET-scanning 200k rows on every filter switch.
    Page furniture and copies get no rank: they are never shown.
    """
    conn.execute("DROP TABLE IF EXISTS temp.ranked")
    conn.execute(
        """CREATE TEMP TABLE ranked AS
           WITH shown AS (
             SELECT pa.id, pa.date, pa.sort_key, pa.event_id,
                    MIN(pa.sort_key) OVER (PARTITION BY pa.post_id) AS post_key,
                    pa.event_id IS NULL
                      OR ROW_NUMBER() OVER (PARTITION BY pa.event_id ORDER BY pa.date, pa.sort_key) = 1 AS lead
             FROM paragraphs pa JOIN posts p ON p.id = pa.post_id
             WHERE p.kind != 'header' AND pa.duplicate_of IS NULL AND pa.sort_key IS NOT NULL),
           ordered AS (
             SELECT id, lead,
                    ROW_NUMBER() OVER (ORDER BY date, sort_key) AS rank,
                    -- Newest first reverses the posts; each post still reads from the top.
                    ROW_NUMBER() OVER (ORDER BY date DESC, post_key DESC, sort_key) AS rrank
             FROM shown)
           SELECT id, rank, rrank,
                  CASE WHEN lead THEN ROW_NUMBER() OVER (PARTITION BY lead ORDER BY rank) END AS mrank,
                  CASE WHEN lead THEN ROW_NUMBER() OVER (PARTITION BY lead ORDER BY rrank) END AS mrrank
           FROM ordered"""
    )
    conn.execute("CREATE UNIQUE INDEX temp.ranked_id ON ranked (id)")
    conn.execute(
        """UPDATE paragraphs SET rank = NULL, rrank = NULL, mrank = NULL, mrrank = NULL
           WHERE rank IS NOT NULL AND id NOT IN (SELECT id FROM temp.ranked)"""
    )
    # Only rows whose numbers moved are written: a new post near the end touches few rows.
    conn.execute(
        """UPDATE paragraphs SET rank = r.rank, rrank = r.rrank, mrank = r.mrank, mrrank = r.mrrank
           FROM temp.ranked r
           WHERE paragraphs.id = r.id
             AND (paragraphs.rank IS NOT r.rank OR paragraphs.rrank IS NOT r.rrank
                  OR paragraphs.mrank IS NOT r.mrank OR paragraphs.mrrank IS NOT r.mrrank)"""
    )
    conn.execute("DROP TABLE temp.ranked")
