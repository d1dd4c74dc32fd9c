"""Each date's vocabulary kept in the timeline: how many of its paragraphs hold each word.

Merging weighs words by how rare they are on the date (IDF). A full merge counts them as
it goes and keeps the counts here, so that a follower's new post can be weighed exactly
as a full merge would weigh it without reading the date's tens of thousands of paragraphs
again (attach.py). The new post's words are added as it is merged. A rewritten post's old
words stay counted until the next full merge of the date (a word's IDF off by one
paragraph in thousands), unless the rewrite changed how many paragraphs the date holds:
then the counts no longer add up and the date is counted afresh (events/placement.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

_PREFIX = "vocabulary:"


def keep_vocabulary(conn: sqlite3.Connection, date: str, vocabulary: tuple[int, Counter[str]]) -> None:
    n, df = vocabulary
    value = json.dumps({"n": n, "df": dict(sorted(df.items()))}, ensure_ascii=False, separators=(",", ":"))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (_PREFIX + date, value))


def kept_vocabulary(conn: sqlite3.Connection, date: str) -> tuple[int, Counter[str]] | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_PREFIX + date,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
        return int(value["n"]), Counter({str(k): int(v) for k, v in value["df"].items()})
    except (ValueError, KeyError, TypeError, AttributeError):  # written by something else: count again
        return None


def drop_vocabulary(conn: sqlite3.Connection, date: str) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (_PREFIX + date,))
