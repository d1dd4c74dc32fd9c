"""Writing parsed sources into the timeline: one transaction per source (write_counted), or
per group of sources in a batch (write_group); each source replaced or a no-op.

A source is identified by outlet + name. Identical content (same bytes, parser and
settings) is a no-op; a web page seen before is updated post by post (posts matched by
the page's ids, else a digest of their text: see `write_counted`); anything else replaces
that source's rows whole. The dates and stories a write touches are recorded as "dirty" in
the same transaction as the rows (dirty.py), so that settle.py recomputes them once per
batch, and an interrupted batch is repaired by the next write. A group writing many
paragraphs builds their full-text index in bulk, in its own transaction (bulk_index.py).

A source belongs to one story; its paragraphs carry the story too (a story filter is an
index on them). A source written again under another story is moved there whole, rows
kept, and both stories are settled again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import sqlite_utils

from liveline.ingest.bulk_index import BulkIndex, begin_bulk_index
from liveline.ingest.dirty import mark_dirty_dates, mark_dirty_posts, mark_dirty_stories
from liveline.ingest.model import ParsedSource, Post, blog_author_key
from liveline.timeline.marks import utc_iso
from liveline.timeline.store import TABLES, write_transaction
from liveline.timeline.text import strip_controls


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
        "tz": parsed.zone or "Europe/London",
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


def _post_row(post_id: int, source_id: int, seq: int, post: Post, date: str, chron: int | None = None) -> tuple[object, ...]:
    """A post's row; `chron` (default the post's own) is its place among the source's rows."""
    return (post_id, source_id, seq, post.chron if chron is None else chron, _inert(post.kind), int(post.pinned), _inert(post.headline),
            _inert(post.author), _inert(post.author_role), post.first_line, post.last_line, date,
            _iso(post.stated_at), _iso(post.updated_at), _iso(post.not_before),
            _iso(post.not_after), post.basis, _inert(post.key), _digest(post) if post.key else None, None)


_INSERT_POST = f"INSERT INTO posts ({', '.join(TABLES['posts'])}) VALUES ({', '.join('?' * len(TABLES['posts']))})"
_INSERT_PARAGRAPH = (
    "INSERT INTO paragraphs (id, post_id, source_id, seq, line, end_line, part, text, duplicate_of, date, story_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _paragraph_rows(post: Post, post_id: int, source_id: int, date: str, first_id: int, ids: dict[int, int],
                    story_id: int | None) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for pseq, paragraph in enumerate(post.paragraphs, 1):
        ids[id(paragraph)] = first_id + pseq - 1
        duplicate = ids.get(id(paragraph.duplicate_of)) if paragraph.duplicate_of else None
        rows.append((first_id + pseq - 1, post_id, source_id, pseq, paragraph.line, paragraph.end_line,
                     _inert(paragraph.part), _inert(paragraph.text), duplicate, date, story_id))
    return rows


@dataclass(frozen=True)
class Written:
    """What writing one source did. `ingest` shows `status`; `follow` shows the post counts
    (a source written for the first time counts every post as new)."""

    # "moved": the same source, unchanged, written under another story (it moved there)
    status: Literal["added", "replaced", "unchanged", "moved"]
    new: int = 0
    edited: int = 0  # rewritten in place (same post id); a removed post back on its page counts too
    removed: int = 0  # posts found gone from their page by this write, and marked removed
    matched: bool = True  # False: an existing source rewritten whole (another reader's version), not post by post


def write_source(db: sqlite_utils.Database, parsed: ParsedSource, db_path: Path | str, story_id: int | None = None) -> str:
    """Write one source in one transaction; returns 'added', 'replaced', 'moved' or 'unchanged'."""
    return write_counted(db, parsed, db_path, story_id=story_id).status


def write_counted(
    db: sqlite_utils.Database,
    parsed: ParsedSource,
    db_path: Path | str,
    meta: Mapping[str, str | None] | None = None,
    at: dt.datetime | None = None,
    story_id: int | None = None,
) -> Written:
    """Write one source in one transaction, with the `meta` entries given (None deletes
    one), so that what a follower remembers about a page commits with the page's rows.

    `story_id` is the source's story: needed for a new source; None keeps an existing
    source in its story; another story moves it there (its rows kept when unchanged).

    A web page seen before is matched post by post: new posts appended, edited posts
    rewritten in place, posts gone from the page kept and marked removed at `at` (the
    poll's time, default now), and a removed post that comes back unmarked."""
    with write_transaction(db, db_path) as conn:
        return _write(conn, parsed, meta, at, story_id, None)


# Sources written together in one transaction stop at this many paragraphs (the group is
# closed by the source that reaches it). Per-source commits cost 1.34 s of the 11.7 s of a
# 50k-paragraph ingest (1,635 commits); at 5,000 paragraphs a 50k batch commits ~10 times,
# and a group holds the write lock for about 0.1-0.3 s, so a `follow` writing to the same
# timeline still gets its turn within a fraction of a second. Ctrl-C keeps every
# committed group.
GROUP_PARAGRAPHS = 5000
# A transaction writing at least this many paragraphs builds its full-text index in bulk
# (bulk_index.py) rather than row by row. Measured per transaction on a timeline of 50k
# paragraphs: 30 paragraphs cost 3.5 ms with the trigger, 1.1 ms in bulk; 100 paragraphs
# 7.2 ms vs 2.2 ms; 1,000 paragraphs 90 ms vs 14 ms. Below this a write is a follower's
# poll (a few posts of a few paragraphs): the trigger costs it under 10 ms, and it is not
# worth changing the schema (which makes every open reader prepare its queries again).
BULK_INDEX_PARAGRAPHS = 100


def write_group(db: sqlite_utils.Database, group: Sequence[tuple[ParsedSource, int | None]], db_path: Path | str) -> list[Written]:
    """Write several sources (each with its story id, as for write_counted) in one
    transaction: all of them or, on any error or Ctrl-C, none."""
    with write_transaction(db, db_path) as conn:
        index = begin_bulk_index(conn) if sum(p.paragraph_count for p, _ in group) >= BULK_INDEX_PARAGRAPHS else None
        marks = _Marks(index)
        written = [_write(conn, parsed, None, None, story_id, marks) for parsed, story_id in group]
        if marks.whole:
            mark_dirty_stories(conn, marks.stories)
            mark_dirty_dates(conn, marks.dates)
        if index is not None:
            index.finish()
        return written


@dataclass
class _Marks:
    """What a group's whole-source writes touched, marked dirty once for the group (the
    same marks as one per source: a whole-source mark drops a follower's post list,
    whichever order the group's writes came in)."""

    index: BulkIndex | None
    whole: bool = False
    stories: set[int | None] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


def _write(
    conn: sqlite3.Connection,
    parsed: ParsedSource,
    meta: Mapping[str, str | None] | None,
    at: dt.datetime | None,
    story_id: int | None,
    group: _Marks | None,
) -> Written:
    """write_counted's work inside a transaction begun by the caller; in a `group`, the
    dirty marks are the caller's, and with its index set the paragraphs' full-text index
    is built in bulk by the caller too (bulk_index.py)."""
    index = group.index if group else None
    row = _source_row(parsed)
    # The blog's author is the source's too: kept, changed or dropped with its rows.
    meta = {**(meta or {}), blog_author_key(str(row["outlet"]), str(row["name"])): _inert(parsed.blog_author)}
    for key, value in meta.items():
        if value is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
    found = conn.execute(
        f"SELECT id, {', '.join(f'[{c}]' for c in _IDENTITY)}, story_id FROM sources WHERE outlet = ? AND name = ?",
        (row["outlet"], row["name"]),
    ).fetchone()
    existing, old_story = (found[:-1], found[-1]) if found else (None, None)
    if existing is None and story_id is None:
        raise ValueError(f"a new source needs a story: {row['outlet']} · {row['name']}")
    story = old_story if story_id is None else story_id
    stories = {old_story, story}
    moved = existing is not None and old_story != story
    if existing is not None and moved:
        _move(conn, existing[0], old_story, story)
    if existing and tuple(existing[1:]) == tuple(row[c] for c in _IDENTITY):
        return Written("moved" if moved else "unchanged")
    keyed = all(post.key for post in parsed.posts)
    if existing and keyed and existing[_IDENTITY.index("parser") + 1] == row["parser"]:
        written = _update_posts(conn, existing[0], parsed, row, utc_iso(at or dt.datetime.now(dt.UTC)), story, index)
        return Written("moved") if moved and written.status == "unchanged" else written
    row["story_id"] = story
    # Numbered before the old rows go: ids are never reused, so that a reader open on the
    # timeline counts every row written after it looked as news (tui/live.py).
    post_id, paragraph_id = _next_id(conn, "posts"), _next_id(conn, "paragraphs")
    if existing and index is not None:
        index.before_delete()
    dates = _delete_source(conn, existing[0]) if existing else set()
    columns = list(row)
    cursor = conn.execute(
        f"INSERT INTO sources ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})",
        [row[c] for c in columns],
    )
    source_id = cursor.lastrowid
    assert source_id is not None  # set by every INSERT
    post_rows, paragraph_rows = [], []
    ids: dict[int, int] = {}
    first_paragraph = paragraph_id
    for seq, post in enumerate(parsed.posts, 1):
        date = (post.date or parsed.date).isoformat()
        dates.add(date)
        post_rows.append(_post_row(post_id, source_id, seq, post, date))
        paragraph_rows += _paragraph_rows(post, post_id, source_id, date, paragraph_id, ids, story)
        paragraph_id += len(post.paragraphs)
        post_id += 1
    conn.executemany(_INSERT_POST, post_rows)
    conn.executemany(_INSERT_PARAGRAPH, paragraph_rows)
    if index is not None and paragraph_rows:
        index.written(first_paragraph, paragraph_id - 1)
    if group is None:
        mark_dirty_stories(conn, stories)
        mark_dirty_dates(conn, dates)  # a whole source written: a full settle
    else:
        group.whole = True
        group.stories |= stories
        group.dates |= dates
    if existing:
        return Written("replaced", new=len(parsed.timeline_posts), matched=False)
    return Written("added", new=len(parsed.timeline_posts))


def _move(conn: sqlite3.Connection, source_id: int, old: int | None, new: int | None) -> None:
    """A source's rows moved to another story: both stories' people and events are settled
    again in full (a follower's incremental settle works within one story)."""
    conn.execute("UPDATE sources SET story_id = ? WHERE id = ?", (new, source_id))
    conn.execute("UPDATE paragraphs SET story_id = ? WHERE source_id = ?", (new, source_id))
    dates = {r[0] for r in conn.execute("SELECT DISTINCT date FROM posts WHERE source_id = ?", (source_id,))}
    mark_dirty_stories(conn, {old, new})
    mark_dirty_dates(conn, dates)


@dataclass(frozen=True)
class _Stored:
    """A post of the page as the timeline holds it."""

    id: int
    digest: str | None
    date: str
    removed_at: str | None


def _rekey(conn: sqlite3.Connection, known: dict[str | None, _Stored], posts: list[Post]) -> None:
    """A post whose key changed while its words did not is the same post: a page's JSON-LD
    and markup name a post differently ("abc", "block-abc"), and a post first seen in one
    witness is later read from both. Its row takes the new key rather than being kept as
    removed beside a new copy of itself."""
    keys = {_inert(post.key) for post in posts}
    unseen = {stored.digest: key for key, stored in known.items() if key not in keys and stored.digest}
    for post in posts:
        key = _inert(post.key)
        old = unseen.pop(_digest(post), None) if key not in known else None
        if old is not None:
            stored = known.pop(old)
            known[key] = stored
            conn.execute("UPDATE posts SET key = ? WHERE id = ?", (key, stored.id))


def _interleave(page: list[int], page_rows: list[int | None], before: list[int], off_page: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Number the page's posts (indices into the page, in the page's order) and the rows off
    the page in one sequence from 1: a row off the page right after the row it followed
    `before` (the stored order) that is still on the page, or first if none was, so that it
    stays between its old neighbours and shares its number with no other post of the source.
    `page_rows` gives each page post's stored row (None: a new post). Returns the numbers
    of the page's posts by index, and of the rows off the page by id."""
    on_page = {page_rows[index] for index in page} - {None}
    following: dict[int | None, list[int]] = defaultdict(list)
    anchor: int | None = None
    for stored_id in before:
        if stored_id in on_page:
            anchor = stored_id
        elif stored_id in off_page:
            following[anchor].append(stored_id)
    page_numbers: dict[int, int] = {}
    off_numbers: dict[int, int] = {}

    def place_off_page(anchor: int | None) -> None:
        for stored_id in following.pop(anchor, []):
            off_numbers[stored_id] = len(page_numbers) + len(off_numbers) + 1

    place_off_page(None)
    for index in page:
        page_numbers[index] = len(page_numbers) + len(off_numbers) + 1
        if (row_id := page_rows[index]) is not None:
            place_off_page(row_id)
    return page_numbers, off_numbers


@dataclass(frozen=True)
class _Places:
    """Where every post of a followed source stands after a poll: the page's posts and the
    rows no longer on it numbered together, in page order (seq) and earliest first (chron)."""

    seq: dict[int, int]  # page index -> seq
    chron: dict[int, int]  # page index -> chron (page furniture has none)
    off_seq: dict[int, int]  # row id off the page -> seq
    off_chron: dict[int, int]  # row id off the page -> chron (one that had none keeps none)


def _places(conn: sqlite3.Connection, source_id: int, posts: list[Post], page_rows: list[int | None]) -> _Places:
    """The rows off the page (removed now or before) keep their places among the page's posts.
    Numbering only the page's posts 1..n would leave a removed post with its old number,
    shared with a post it never sat beside, and the reader would order the two as it pleased."""
    stored = conn.execute("SELECT id, seq, chron FROM posts WHERE source_id = ?", (source_id,)).fetchall()
    off_page = {row_id for row_id, _, _ in stored} - set(page_rows)
    by_seq = [row_id for row_id, _, _ in sorted(stored, key=lambda r: (r[1], r[0]))]
    # Rows written before removed posts kept their places may share a chron: page order breaks the tie.
    by_chron = [row_id for row_id, _, _ in sorted((r for r in stored if r[2] is not None), key=lambda r: (r[2], r[1], r[0]))]
    timeline = sorted((index for index, post in enumerate(posts) if post.chron is not None), key=lambda i: posts[i].chron or 0)
    seq, off_seq = _interleave(list(range(len(posts))), page_rows, by_seq, off_page)
    chron, off_chron = _interleave(timeline, page_rows, by_chron, off_page)
    return _Places(seq, chron, off_seq, off_chron)


def _update_posts(conn: sqlite3.Connection, source_id: int, parsed: ParsedSource, row: dict[str, object], now: str,
                  story_id: int | None, fts: BulkIndex | None = None) -> Written:
    """A page seen before (follow): new posts appended, edited posts rewritten in place,
    the rest untouched; a post that has left the page is kept and marked removed, in its
    place between the posts it sat between (see `_places`)."""
    known = {key: _Stored(pid, digest, date, removed_at) for pid, key, digest, date, removed_at in conn.execute(
        "SELECT id, key, digest, date, removed_at FROM posts WHERE source_id = ?", (source_id,))}
    _rekey(conn, known, parsed.posts)
    page_rows = [stored.id if (stored := known.get(_inert(post.key))) else None for post in parsed.posts]
    places = _places(conn, source_id, parsed.posts, page_rows)
    post_id, paragraph_id = _next_id(conn, "posts"), _next_id(conn, "paragraphs")
    dates: set[str] = set()
    new = edited = 0
    rewritten: list[int] = []  # posts whose rows are written anew: settle attributes and merges them
    ids: dict[int, int] = {}
    on_page: set[str | None] = set()
    for index, post in enumerate(parsed.posts):
        seq, chron = places.seq[index], places.chron.get(index)
        date = (post.date or parsed.date).isoformat()
        key = _inert(post.key)
        on_page.add(key)
        current = known.get(key) if key else None
        if current and current.digest == _digest(post):
            # Same words; its place among the page's posts may have moved, and it may be back.
            conn.execute(
                "UPDATE posts SET seq = ?, chron = ?, not_before = ?, not_after = ?, basis = ?, removed_at = NULL WHERE id = ?",
                (seq, chron, _iso(post.not_before), _iso(post.not_after), post.basis, current.id),
            )
            if current.removed_at:
                edited += 1
                dates.add(current.date)
            continue
        if current:
            edited += 1
            target = current.id
            dates.add(current.date)
            if fts is not None:
                fts.before_delete()
            _delete_posts(conn, "post", target)
        else:
            new += 1
            target = post_id
            post_id += 1
        dates.add(date)
        rewritten.append(target)
        conn.execute(_INSERT_POST, _post_row(target, source_id, seq, post, date, chron))
        conn.executemany(_INSERT_PARAGRAPH, _paragraph_rows(post, target, source_id, date, paragraph_id, ids, story_id))
        if fts is not None and post.paragraphs:
            fts.written(paragraph_id, paragraph_id + len(post.paragraphs) - 1)
        paragraph_id += len(post.paragraphs)
    conn.executemany("UPDATE posts SET seq = ?, chron = ? WHERE id = ?",
                     [(seq, places.off_chron.get(row_id), row_id) for row_id, seq in places.off_seq.items()])
    gone = [stored for key, stored in known.items() if key not in on_page and stored.removed_at is None]
    conn.executemany("UPDATE posts SET removed_at = ? WHERE id = ?", [(now, stored.id) for stored in gone])
    dates |= {stored.date for stored in gone}
    conn.execute(
        f"UPDATE sources SET {', '.join(f'[{c}] = ?' for c in row)} WHERE id = ?", [*row.values(), source_id]
    )
    if not (new or edited or gone):
        return Written("unchanged")
    mark_dirty_stories(conn, {story_id})
    mark_dirty_posts(conn, dates, rewritten)
    return Written("replaced", new=new, edited=edited, removed=len(gone))
