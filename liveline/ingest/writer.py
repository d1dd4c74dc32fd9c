"""Writing a parsed source into the timeline: one transaction, replace or no-op.

A source is identified by outlet + name. Identical content (same bytes, parser and
settings) is a no-op; anything else replaces that source's rows whole. The dates a write
touches are recorded as "dirty" in the same transaction as the rows, so that settle.py
recomputes them once per batch, and an interrupted batch is repaired by the next write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Literal

import sqlite_utils

from liveline.ingest.model import ParsedSource, Post
from liveline.timeline.marks import utc_iso
from liveline.timeline.store import TABLES, write_transaction
from liveline.timeline.text import strip_controls

DIRTY_KEY = "dirty_dates"


def _iso(value: dt.datetime | None) -> str | None:
    return utc_iso(value) if value else None


def _inert(text: str | None) -> str | None:
    """Text from a page, a file or a manifest as it is stored: without terminal controls,
    so that nothing read from the database can move a cursor or retitle a terminal."""
    return strip_controls(text) if text else text


def _source_row(parsed: ParsedSource) -> dict[str, object]:
    spec = parsed.spec
    row: dict[str, object] = {
        "name": spec.name,
        "outlet": spec.outlet,
        "kind": parsed.kind,
        "title": spec.title or _title(parsed),
        "url": spec.url,
        "date": parsed.date.isoformat(),
        "tz": "Europe/London",
        "order": parsed.order,
        "order_basis": parsed.order_basis,
        "path": str(spec.path) if spec.path else None,
        "sha256": parsed.sha256,
        "parser": parsed.parser,
        "ingested_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return {column: _inert(value) if isinstance(value, str) else value for column, value in row.items()}


def _title(parsed: ParsedSource) -> str | None:
    for post in parsed.timeline_posts:
        if post.headline:
            return post.headline
    return None


# What makes two ingests of a source the same: if all of these match, nothing is rewritten.
_IDENTITY = ("kind", "title", "url", "date", "order", "order_basis", "sha256", "parser")


def dirty_dates(conn: sqlite3.Connection) -> set[str]:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (DIRTY_KEY,)).fetchone()
    return set(json.loads(row[0])) if row else set()


def _set_dirty(conn: sqlite3.Connection, dates: set[str]) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (DIRTY_KEY, json.dumps(sorted(dates))),
    )


# The posts column and the paragraphs column that pick out one source's, or one post's, rows.
_OWNERS = {"source": ("source_id", "source_id"), "post": ("id", "post_id")}


def _delete_posts(conn: sqlite3.Connection, owner: Literal["source", "post"], owner_id: int) -> None:
    """Delete a source's posts, or one post, with their paragraphs and every row that names them."""
    post_column, paragraph_column = _OWNERS[owner]
    paragraphs = f"SELECT id FROM paragraphs WHERE {paragraph_column} = ?"
    conn.execute(f"DELETE FROM paragraph_speakers WHERE paragraph_id IN ({paragraphs})", (owner_id,))
    conn.execute(f"DELETE FROM event_members WHERE paragraph_id IN ({paragraphs})", (owner_id,))
    conn.execute(f"DELETE FROM paragraphs WHERE {paragraph_column} = ?", (owner_id,))
    conn.execute(f"DELETE FROM posts WHERE {post_column} = ?", (owner_id,))


def _delete_source(conn: sqlite3.Connection, source_id: int) -> set[str]:
    dates = {r[0] for r in conn.execute("SELECT DISTINCT date FROM posts WHERE source_id = ?", (source_id,))}
    _delete_posts(conn, "source", source_id)
    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
    return dates


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0])


def _digest(post: Post) -> str:
    said = [post.headline, post.author, post.author_role, post.kind, str(post.pinned), _iso(post.stated_at),
            _iso(post.updated_at), *(f"{p.part}:{p.text}" for p in post.paragraphs)]
    return hashlib.sha1("\x1f".join(x or "" for x in said).encode("utf-8")).hexdigest()


def _post_row(post_id: int, source_id: int, seq: int, post: Post, date: str) -> tuple[object, ...]:
    return (post_id, source_id, seq, post.chron, _inert(post.kind), int(post.pinned), _inert(post.headline),
            _inert(post.author), _inert(post.author_role), post.first_line, post.last_line, date,
            _iso(post.stated_at), _iso(post.updated_at), _iso(post.not_before),
            _iso(post.not_after), post.basis, _inert(post.key), _digest(post) if post.key else None, None)


_INSERT_POST = f"INSERT INTO posts ({', '.join(TABLES['posts'])}) VALUES ({', '.join('?' * len(TABLES['posts']))})"
_INSERT_PARAGRAPH = (
    "INSERT INTO paragraphs (id, post_id, source_id, seq, line, end_line, part, text, duplicate_of, date) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _paragraph_rows(post: Post, post_id: int, source_id: int, date: str, first_id: int, ids: dict[int, int]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for pseq, paragraph in enumerate(post.paragraphs, 1):
        ids[id(paragraph)] = first_id + pseq - 1
        duplicate = ids.get(id(paragraph.duplicate_of)) if paragraph.duplicate_of else None
        rows.append((first_id + pseq - 1, post_id, source_id, pseq, paragraph.line, paragraph.end_line,
                     _inert(paragraph.part), _inert(paragraph.text), duplicate, date))
    return rows


def write_source(db: sqlite_utils.Database, parsed: ParsedSource, db_path: Path | str) -> str:
    """Write one source in one transaction. Returns 'added', 'replaced', 'unchanged', or for a
    web page seen before, how many of its posts were new or edited."""
    row = _source_row(parsed)
    with write_transaction(db, db_path) as conn:
        existing = conn.execute(
            f"SELECT id, {', '.join(f'[{c}]' for c in _IDENTITY)} FROM sources WHERE outlet = ? AND name = ?",
            (row["outlet"], row["name"]),
        ).fetchone()
        if existing and tuple(existing[1:]) == tuple(row[c] for c in _IDENTITY):
            return "unchanged"
        keyed = all(post.key for post in parsed.posts)
        if existing and keyed and existing[_IDENTITY.index("parser") + 1] == row["parser"]:
            return _update_posts(conn, existing[0], parsed, row)
        dates = _delete_source(conn, existing[0]) if existing else set()
        columns = list(row)
        cursor = conn.execute(
            f"INSERT INTO sources ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})",
            [row[c] for c in columns],
        )
        source_id = cursor.lastrowid
        assert source_id is not None  # set by every INSERT
        post_rows, paragraph_rows = [], []
        post_id, paragraph_id = _next_id(conn, "posts"), _next_id(conn, "paragraphs")
        ids: dict[int, int] = {}
        for seq, post in enumerate(parsed.posts, 1):
            date = (post.date or parsed.date).isoformat()
            dates.add(date)
            post_rows.append(_post_row(post_id, source_id, seq, post, date))
            paragraph_rows += _paragraph_rows(post, post_id, source_id, date, paragraph_id, ids)
            paragraph_id += len(post.paragraphs)
            post_id += 1
        conn.executemany(_INSERT_POST, post_rows)
        conn.executemany(_INSERT_PARAGRAPH, paragraph_rows)
        _set_dirty(conn, dirty_dates(conn) | dates)
    return "replaced" if existing else "added"


def _update_posts(conn: sqlite3.Connection, source_id: int, parsed: ParsedSource, row: dict[str, object]) -> str:
    """A page seen before (follow): new posts appended, edited posts rewritten, the rest
    untouched; a post that has left the page is kept."""
    known = {key: (pid, digest, date) for pid, key, digest, date in conn.execute(
        "SELECT id, key, digest, date FROM posts WHERE source_id = ?", (source_id,))}
    post_id, paragraph_id = _next_id(conn, "posts"), _next_id(conn, "paragraphs")
    dates: set[str] = set()
    new = edited = 0
    ids: dict[int, int] = {}
    for seq, post in enumerate(parsed.posts, 1):
        date = (post.date or parsed.date).isoformat()
        current = known.get(_inert(post.key))
        if current and current[1] == _digest(post):
            # Same words; its place among the page's posts may have moved.
            conn.execute(
                "UPDATE posts SET seq = ?, chron = ?, not_before = ?, not_after = ?, basis = ? WHERE id = ?",
                (seq, post.chron, _iso(post.not_before), _iso(post.not_after), post.basis, current[0]),
            )
            continue
        if current:
            edited += 1
            target = current[0]
            dates.add(current[2])
            _delete_posts(conn, "post", target)
        else:
            new += 1
            target = post_id
            post_id += 1
        dates.add(date)
        conn.execute(_INSERT_POST, _post_row(target, source_id, seq, post, date))
        conn.executemany(_INSERT_PARAGRAPH, _paragraph_rows(post, target, source_id, date, paragraph_id, ids))
        paragraph_id += len(post.paragraphs)
    conn.execute(
        f"UPDATE sources SET {', '.join(f'[{c}] = ?' for c in row)} WHERE id = ?", [*row.values(), source_id]
    )
    if not (new or edited):
        return "unchanged"
    _set_dirty(conn, dirty_dates(conn) | dates)
    return f"{new} new, {edited} edited"
