"""The entries of a view that hold some words, asked of SQL a few at a time.

A reader's search wants the next match after its cursor, not every match: placing every
one of 98,000 hits of "the" in a 200,000-paragraph timeline took 211 ms, most of it in
Python. These are the questions it asks instead, each answered in SQL:

- how common the words are (a bounded FTS probe), which decides how to look;
- which of a run of the view's keys hold them (a walk, each row asked of the FTS index by
  rowid: a common word is met within a few rows, whatever the size of the timeline);
- which keys hold them, from the FTS index's hits (few for a rare word);
- how many entries hold them (for the status line; a worker may ask it, off screen).

In a merged view an entry holds the words when any outlet's report of its event does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sqlite_utils

from liveline.timeline.queries import JOINED_FROM, KEYS, NEEDS_JOIN, where_sql

# Paragraphs that hold the words, by rowid: one FTS probe per row walked (about 15 µs at 200k).
_HOLDS = "EXISTS (SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? AND rowid = {row})"
# The FTS index's hits, for SQLite to gather once.
_HITS = "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
# SQLite's default limit on the variables of one statement is 32,766; a walk asks far fewer.
MAX_KEYS_ASKED = 1000


def fts_words(text: str) -> str | None:
    """The words typed as an FTS5 query: each one quoted (so none is read as an operator),
    all of them required, in any order; None when nothing is left to look for."""
    words = [word.replace('"', "") for word in text.split()]
    return " ".join(f'"{word}"' for word in words if word) or None


def hits_reach(db: sqlite_utils.Database, words: str, count: int) -> bool:
    """Whether at least `count` paragraphs hold the words (stops reading at `count`)."""
    row = db.execute(f"SELECT COUNT(*) FROM ({_HITS} LIMIT ?)", (words, count)).fetchone()
    return bool(row[0] >= count)


def _held(merged: bool) -> tuple[str, int]:
    """SQL on a row `pa` that holds the words, and how many times it takes them."""
    if not merged:
        return _HOLDS.format(row="pa.id"), 1
    return (
        f"({_HOLDS.format(row='pa.id')} OR (pa.event_id IS NOT NULL AND EXISTS (SELECT 1 FROM paragraphs m "
        f"WHERE m.event_id = pa.event_id AND {_HOLDS.format(row='m.id')})))"
    ), 2


def first_holding(
    db: sqlite_utils.Database, keys: Sequence[int], key: str, words: str, merged: bool, descending: bool = False
) -> int | None:
    """The first of `keys` (ascending keys of a view; a range when they are dense) whose entry
    holds the words, walking them up (or down), in `key` order."""
    if key not in KEYS:
        raise ValueError(f"not a position column: {key}")
    if not keys:
        return None
    held, times = _held(merged)
    order = "DESC" if descending else ""
    if isinstance(keys, range) and keys.step == 1:
        among, params = f"pa.{key} BETWEEN ? AND ?", [keys[0], keys[-1]]
    else:
        if len(keys) > MAX_KEYS_ASKED:
            raise ValueError(f"ask at most {MAX_KEYS_ASKED} keys at once")
        among, params = f"pa.{key} IN ({', '.join('?' * len(keys))})", list(keys)
    row = db.execute(
        f"SELECT pa.{key} FROM paragraphs pa WHERE {among} AND {held} ORDER BY pa.{key} {order} LIMIT 1",
        [*params, *[words] * times],
    ).fetchone()
    return None if row is None else int(row[0])


def _matching_sql(conditions: list[str], key: str, merged: bool, walk: bool) -> str:
    """The rows passing `conditions` whose entry holds the words (merged: or any report of its
    event does). `walk`: SQLite walks the rows in `key` order and looks each up among the
    hits, gathered once (the hits' ids only: 31k of "government" in 2 ms at 200k, and a row of
    the position index in under 0.1 µs); else it starts from each hit's row (about 1 µs a
    hit at 200k: for rare words)."""
    if key not in KEYS:
        raise ValueError(f"not a position column: {key}")
    mark = "+" if walk else ""  # a unary + keeps SQLite from starting at the hits
    held = f"{mark}pa.id IN ({_HITS})"
    if merged and walk:
        held = (f"({held} OR (pa.event_id IS NOT NULL AND EXISTS (SELECT 1 FROM paragraphs m "
                f"WHERE m.event_id = pa.event_id AND +m.id IN ({_HITS}))))")
    elif merged:
        held = f"({held} OR pa.event_id IN (SELECT hit.event_id FROM paragraphs hit WHERE hit.id IN ({_HITS})))"
    source = JOINED_FROM if NEEDS_JOIN.search(" ".join(conditions)) else "FROM paragraphs pa"
    return f"{source} WHERE pa.{key} IS NOT NULL AND {where_sql(conditions)} AND {held}"


def keys_holding(
    db: sqlite_utils.Database, conditions: list[str], params: list[object], key: str, words: str, merged: bool,
    low: int | None = None, high: int | None = None, descending: bool = False, walk: bool = False,
) -> Iterator[int]:
    """The `key` of each row passing `conditions` whose entry holds the words, between `low`
    and `high` (inclusive, when given), in `key` order (or its reverse). `walk`: for common
    words, the first rows come without every hit's row being read (see _matching_sql)."""
    sql = f"SELECT pa.{key} {_matching_sql(conditions, key, merged, walk)}"
    bounds: list[object] = []
    if low is not None:
        sql += f" AND pa.{key} >= ?"
        bounds.append(low)
    if high is not None:
        sql += f" AND pa.{key} <= ?"
        bounds.append(high)
    sql += f" ORDER BY pa.{key} {'DESC' if descending else ''}"
    hits = [words] * (2 if merged else 1)
    return (int(row[0]) for row in db.execute(sql, [*params, *hits, *bounds]))


def count_holding(
    db: sqlite_utils.Database, conditions: list[str], params: list[object], key: str, words: str, merged: bool
) -> int:
    """How many entries of the view (`conditions` as select() gives them) hold the words."""
    hits = [words] * (2 if merged else 1)
    sql = f"SELECT COUNT(*) {_matching_sql(conditions, key, merged, walk=True)}"
    return int(db.execute(sql, [*params, *hits]).fetchone()[0])
