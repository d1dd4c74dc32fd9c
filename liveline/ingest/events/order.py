"""One date's combined order, worked out from its rows and events, and what the reader shows
of an event (its time and label). Pure: `combine` loads the rows and stores the result.

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
from collections import defaultdict
from dataclasses import dataclass

from liveline.ingest.events.items import Event, Item
from liveline.ingest.events.thresholds import TIME_SLACK
from liveline.timeline.marks import utc_iso

LATE = "~"  # sorts after every ISO time: untimed material goes last
LABEL_WORDS = 14  # words of the representative paragraph an event's label shows


@dataclass(slots=True)
class Row:
    """One paragraph of a date, with where it stands in its source."""

    item: Item
    source_kind: str
    chron: int
    post_seq: int
    seq: int
    pinned: bool
    time_key: str


def _stated(rows: list[Row], members: list[int]) -> list[dt.datetime]:
    """The times members' posts state (their clock's earliest and latest agree); only the
    record's when it states one: the official record is the authority on when something
    was said in the chamber, a live blog's post time is when it was written up."""
    stated = [(rows[i].item.record, t) for i in members if (t := rows[i].item.earliest) and t == rows[i].item.latest]
    recorded = [t for record, t in stated if record]
    return recorded or [t for _, t in stated]


def best_time(rows: list[Row], members: list[int]) -> tuple[str | None, str]:
    """An event's time and its basis: the earliest stated time (the record's, when it
    states one), else the tightest bound."""
    stated = _stated(rows, members)
    if stated:
        return utc_iso(min(stated)), "stated"
    upper = [t for i in members if (t := rows[i].item.latest)]
    if upper:
        return utc_iso(min(upper)), "bounded"
    lower = [t for i in members if (t := rows[i].item.earliest)]
    if lower:
        return utc_iso(max(lower)), "bounded"
    return None, "unknown"


def _anchors(rows: list[Row], members: list[int]) -> list[int]:
    """The members that place an event in time: each live blog's earliest report, and every
    article paragraph (articles have no order). A blog's later mention, or one whose clock
    cannot be near the event's first stated time, is a recap and keeps its own place."""
    stated = _stated(rows, members)
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


@dataclass
class _Graph:
    """The date's order constraints: rows grouped into nodes (an event's anchors are one
    node), and each live blog's sequence as edges between nodes."""

    node_of: list[int]  # row -> node (an event's anchors share its first anchor's node)
    event_of_node: dict[int, Event]
    members: dict[int, list[int]]
    successors: dict[int, set[int]]


def _graph(rows: list[Row], sequences: dict[int, list[int]], events: list[Event]) -> _Graph:
    node_of = list(range(len(rows)))
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
    for sequence in sequences.values():
        previous = None
        for i in sequence:
            node = node_of[i]
            if previous is not None and node != previous:
                successors[previous].add(node)
            previous = node
    return _Graph(node_of, event_of_node, members, successors)


def _topological(rows: list[Row], graph: _Graph) -> tuple[list[int], set[int]]:
    """Rows in order, ready nodes earliest first; and the nodes placed (all, unless a cycle)."""
    indegree: dict[int, int] = {node: 0 for node in graph.members}
    for targets in graph.successors.values():
        for node in targets:
            indegree[node] += 1
    keys = {node: _node_key(rows, group) for node, group in graph.members.items()}
    ready = [(keys[n], n) for n, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    out: list[int] = []
    placed: set[int] = set()
    while ready:
        _, node = heapq.heappop(ready)
        placed.add(node)
        out.extend(sorted(graph.members[node], key=lambda i: (rows[i].time_key, rows[i].item.source_id, rows[i].chron, rows[i].seq)))
        for successor in graph.successors[node]:
            indegree[successor] -= 1
            if indegree[successor] == 0:
                heapq.heappush(ready, (keys[successor], successor))
    return out, placed


def combined_order(rows: list[Row], events: list[Event], log: list[str]) -> list[int]:
    """Row indices in combined order; undoes the weakest report of an event caught in a cycle,
    one at a time, until none is left."""
    sequences: dict[int, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row.source_kind != "article" and not row.pinned:
            sequences[row.item.source_id].append(i)
    for sequence in sequences.values():
        sequence.sort(key=lambda i: (rows[i].chron, rows[i].seq))
    while True:
        graph = _graph(rows, sequences, events)
        out, placed = _topological(rows, graph)
        if len(out) == len(rows):
            return out
        cyclic = _cyclic(graph.successors, [n for n in graph.members if n not in placed])
        _undo_one_report(rows, sequences, events, graph, cyclic, log)
        events[:] = [e for e in events if len(e.members) >= 2 and len({rows[i].item.post_id for i, _ in e.members}) >= 2]


# A cycle is broken by undoing one live-blog post's report of one event: the weakest of the
# cycle's reports that leaves fewest nodes on cycles. Only posts of live blogs order
# anything (an article's paragraphs borrow the event's place), and a post's paragraphs
# hold one place, so undoing one of them (a headline that followed its post, similarity 0)
# and keeping another changes nothing: the old rule took such members out of every event in
# the cycle until the culprit (one outlet's early background paragraph matched with another's
# late recap) went too. The development stories' cycles each had one culprit among the two
# weakest reports; trying the weakest ORDER_TRIALS keeps the work bounded on a date with many.
ORDER_TRIALS = 8


def _undo_one_report(rows: list[Row], sequences: dict[int, list[int]], events: list[Event], graph: _Graph,
                     cyclic: set[int], log: list[str]) -> None:
    reports: list[tuple[float, int, int]] = []  # (strength, event node, post)
    for node in sorted(cyclic):
        caught = graph.event_of_node.get(node)
        if caught is None:
            continue
        posts = {rows[i].item.post_id for i in _anchors(rows, [i for i, _ in caught.members])
                 if rows[i].source_kind != "article" and not rows[i].pinned}
        for post in sorted(posts):
            reports.append((max(similarity for i, similarity in caught.members if rows[i].item.post_id == post), node, post))
    reports.sort()

    def left_on_cycles(report: tuple[float, int, int]) -> int:
        _, node, post = report
        trial = [Event(members=[m for m in e.members if rows[m[0]].item.post_id != post]) if e is graph.event_of_node[node]
                 else e for e in events]
        after = _graph(rows, sequences, trial)
        return len(_cyclic(after.successors, list(after.members)))

    _, node, post = min(reports[:ORDER_TRIALS], key=lambda report: (left_on_cycles(report), report))
    caught = graph.event_of_node[node]
    for member in [m for m in caught.members if rows[m[0]].item.post_id == post]:
        caught.members.remove(member)
        log.append(
            f"order conflict: paragraph {rows[member[0]].item.paragraph_id} taken out of an event "
            f"(similarity {member[1]}) to keep every source's own order"
        )


def _node_key(rows: list[Row], group: list[int]) -> tuple[str, int, int, int]:
    """Earliest known time first (an event's record time, when the record states one, as
    `best_time` shows it); untimed material after, by source and position."""
    recorded = _stated(rows, [i for i in group if rows[i].item.record])
    times = [utc_iso(min(recorded))] if recorded else [rows[i].time_key for i in group if rows[i].time_key != LATE]
    first = min(group, key=lambda i: (rows[i].item.source_id, rows[i].chron, rows[i].seq))
    return (min(times) if times else LATE, rows[first].item.source_id, rows[first].chron, rows[first].seq)


def event_label(rows: list[Row], event: Event, names: dict[int, str]) -> str:
    """Who said it and the opening words of the event's representative paragraph."""
    item = rows[event.representative].item
    words = item.text.split()
    text = " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")
    who = "; ".join(sorted(names[p] for p in item.speakers if p in names))
    return f"{who}: {text}" if who else text
