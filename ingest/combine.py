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
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from ingest.merging import Event, Item, merge
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
            paragraph_id=pid, source_id=source_id, post_id=post_id, post_kind=kind, text=text, part=part,
            speakers=frozenset(speakers.get(pid, ())), opens_quote=text[:1] in "“\"‘",
            earliest=_parse(stated or not_before), latest=_parse(stated or not_after), quote=pid in quoted,
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
    article paragraph (articles have no order). A blog's later mention is a recap and keeps
    its own place."""
    earliest: dict[int, int] = {}
    anchors = []
    for i in members:
        row = rows[i]
        if row.source_kind == "article":
            anchors.append(i)
            continue
        current = earliest.get(row.item.source_id)
        if current is None or (row.chron, row.seq) < (rows[current].chron, rows[current].seq):
            earliest[row.item.source_id] = i
    return sorted(anchors + list(earliest.values()))


def _order(rows: list[_Row], events: list[Event], log: list[str]) -> list[int]:
    """Row indices in combined order; detaches the weakest event member to break any cycle."""
    while True:
        node_of = list(range(len(rows)))  # row -> node id (an event's rows share its first row's node)
        for event in events:
            joined = _anchors(rows, [i for i, _ in event.members])
            head = min(joined)
            for i in joined:
                node_of[i] = head
        members: dict[int, list[int]] = defaultdict(list)
        for i, node in enumerate(node_of):
            members[node].append(i)
        successors: dict[int, set[int]] = defaultdict(set)
        indegree: dict[int, int] = {node: 0 for node in members}
        sequences: dict[int, list[int]] = defaultdict(list)
        for i, row in enumerate(rows):
            if row.source_kind != "article" and not row.pinned:
                sequences[row.item.source_id].append(i)
        for sequence in sequences.values():
            sequence.sort(key=lambda i: (rows[i].chron, rows[i].seq))
            previous = None
            for i in sequence:
                node = node_of[i]
                if previous is not None and node != previous and node not in successors[previous]:
                    successors[previous].add(node)
                    indegree[node] += 1
                previous = node

        def key(node: int) -> tuple:
            group = members[node]
            times = [rows[i].time_key for i in group if rows[i].time_key != _LATE]
            first = min(group, key=lambda i: (rows[i].item.source_id, rows[i].chron, rows[i].seq))
            return (min(times) if times else _LATE, rows[first].item.source_id, rows[first].chron, rows[first].seq)

        ready = [(key(n), n) for n, d in indegree.items() if d == 0]
        heapq.heapify(ready)
        out: list[int] = []
        while ready:
            _, node = heapq.heappop(ready)
            group = sorted(members[node], key=lambda i: (rows[i].time_key, rows[i].item.source_id, rows[i].chron, rows[i].seq))
            out.extend(group)
            for successor in successors[node]:
                indegree[successor] -= 1
                if indegree[successor] == 0:
                    heapq.heappush(ready, (key(successor), successor))
        if len(out) == len(rows):
            return out
        # A cycle: undo the weakest membership among the events still waiting.
        placed = set(out)
        stuck = [e for e in events if any(i not in placed for i, _ in e.members) and len(_anchors(rows, [i for i, _ in e.members])) > 1]
        event = min(stuck, key=lambda e: min(s for i, s in e.members if i in _anchors(rows, [j for j, _ in e.members])))
        anchors = _anchors(rows, [i for i, _ in event.members])
        weakest = min((m for m in event.members if m[0] in anchors), key=lambda m: m[1])
        event.members.remove(weakest)
        log.append(
            f"order conflict: paragraph {rows[weakest[0]].item.paragraph_id} taken out of an event "
            f"(similarity {weakest[1]}) to keep every source's own order"
        )
        events[:] = [e for e in events if len(e.members) >= 2 and len({rows[i].item.post_id for i, _ in e.members}) >= 2]


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


def combine_date(conn: sqlite3.Connection, date: str) -> list[str]:
    """Re-merge and re-order one date; returns the conflicts it had to resolve."""
    log: list[str] = []
    rows = _load(conn, date)
    events = merge([row.item for row in rows], _speaker_words(conn))
    order = _order(rows, events, log)
    conn.execute("DELETE FROM event_members WHERE event_id IN (SELECT id FROM events WHERE date = ?)", (date,))
    conn.execute("DELETE FROM events WHERE date = ?", (date,))
    conn.execute("UPDATE paragraphs SET event_id = NULL WHERE date = ?", (date,))
    names = dict(conn.execute("SELECT id, name FROM people"))
    for event in events:
        member_rows = [i for i, _ in event.members]
        if event.representative not in member_rows:
            event.representative = member_rows[0]
        best_at, basis = _best_time(rows, member_rows)
        cursor = conn.execute(
            "INSERT INTO events (date, best_at, basis, label, rep_paragraph_id, n_sources) VALUES (?, ?, ?, ?, ?, ?)",
            (date, best_at, basis, _label(rows, event, names), rows[event.representative].item.paragraph_id,
             len({rows[i].item.source_id for i in member_rows})),
        )
        event_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO event_members (event_id, paragraph_id, similarity) VALUES (?, ?, ?)",
            [(event_id, rows[i].item.paragraph_id, similarity) for i, similarity in event.members],
        )
        conn.executemany(
            "UPDATE paragraphs SET event_id = ? WHERE id = ?", [(event_id, rows[i].item.paragraph_id) for i in member_rows]
        )
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
