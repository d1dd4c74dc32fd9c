"""Settling a timeline after writes: speakers, events and the combined order of the dates
the writes touched (the writer records them as dirty in the same transaction as the rows,
dirty.py).

Two ways, one result where it matters:
- full, for batches (whole sources written, the repair after an interrupted batch, any
  doubt): every paragraph of each story written to attributed, every dirty date merged
  afresh (each story's paragraphs on their own), the whole timeline numbered, people
  linked across stories, and stories emptied by moves dropped;
- incremental, for a follower's poll (a few posts added or rewritten in pages already
  settled, all of one story): only those posts attributed, against the registry the last
  settle kept for their story and their page's earlier posts; their paragraphs placed
  among their story's events of their date by merging's own rules; that date re-ordered
  and renumbered, other dates shifted;
- a new source, for a follower's first poll of a page or a small ingest into a settled
  story (only whole new sources written since, all of one story): attributed against the
  story's kept registry, with only the earlier sources it can change read again
  (speakers/new_posts.attribute_sources, which says when a full settle is needed
  instead); its dates merged as a poll's posts are when small, else afresh (a date is
  bounded by its day, not by the story).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from liveline.ingest.dirty import clear_dirty, dirty_dates, dirty_posts, dirty_stories
from liveline.ingest.events.combine import combine_dates, rank_timeline, speaker_words
from liveline.ingest.events.placement import place_new_paragraphs
from liveline.ingest.events.positions import DateOrder, rank_dates
from liveline.ingest.events.reorder import date_places, update_date
from liveline.ingest.events.rows import ID_LIST, id_list
from liveline.ingest.speakers.kept import Settled, kept_registry, kept_state, registry_key, unchanged_since
from liveline.ingest.speakers.linking import link_people
from liveline.ingest.speakers.new_posts import attribute_posts, attribute_sources
from liveline.ingest.speakers.refresh import refresh_speakers
from liveline.ingest.stories.rows import drop_empty_stories
from liveline.timeline.store import write_transaction

# The most paragraphs of new or rewritten posts settled incrementally. A poll of a live
# page brings a post or a few (3 paragraphs each in the benchmark); a poll of 64 posts
# (192 paragraphs) still settles incrementally in 1.4 s at 200k paragraphs, where a full
# settle takes 23-27 s (bench/HISTORY.md, "Live path"). More than this is a backlog
# (a follower restarted after a long break), settled in full, which also re-reads later
# posts whose speakers the new ones could change.
INCREMENTAL_MAX_PARAGRAPHS = 200
# The most paragraphs a new source (with the earlier sources it makes read again) may have
# to be settled on its own. Attribution reads ~6k paragraphs/s (bench.speed's speakers
# stage: 52k in 8.3 s), so 2,000 cost about 0.3 s, where a full settle re-reads the whole
# story: 12 s at 100k and 19 s at 200k for one 68-line blog (issue 20). Past this, a batch
# rather than a page: settled in full.
NEW_SOURCE_MAX_PARAGRAPHS = 2000


def settle(db: sqlite_utils.Database, db_path: Path | str, speakers: bool = True, merge: bool = True) -> list[str]:
    """Attribute speakers, then merge, order and number every date changed since the last
    settle: incrementally when only a few posts of settled pages changed, else in full.

    Returns the order conflicts it resolved (logged to the user as warnings). `speakers`
    and `merge` off are for the speed benchmark, which times each stage on its own (and
    always settle in full).
    """
    log: list[str] = []
    with write_transaction(db, db_path) as conn:
        dates, stories = dirty_dates(conn), dirty_stories(conn)
        posts = dirty_posts(conn) if speakers and merge else None
        story = _one_story(conn, posts, stories) if dates and posts is not None and _small(conn, posts) else None
        if story is not None and (registry := kept_registry(conn, story)) is not None:
            assert posts is not None  # a story is only found for a poll's posts
            attribute_posts(conn, registry, _existing(conn, posts), story)
            log += settle_posts(conn, dates, posts, story)
        elif dates and posts is None and speakers and merge and (new := _new_sources(conn, dates, stories)) is not None:
            log += new
        else:
            if dates and speakers:
                # Dates dirty with no story said (marked by an older liveline, or by hand):
                # every story is attributed again.
                refresh_speakers(conn, stories or None)
                link_people(conn)
            if merge:
                log += combine_dates(conn, sorted(dates))
            if dates and merge:
                rank_timeline(conn)
            if dates:
                drop_empty_stories(conn)
        clear_dirty(conn)
    return log


def _new_sources(conn: sqlite3.Connection, dates: set[str], stories: set[int]) -> list[str] | None:
    """Settle whole new sources of one settled story on their own; None, having written
    nothing, when the writes since the last settle were anything else or need a full settle."""
    if len(stories) != 1:
        return None
    (story,) = stories
    kept = kept_state(conn, story)
    if kept is None:
        found = _new_story(conn, story, dates)
        if found is None:
            return None
        # A story of its own: reading it whole is reading just the new sources.
        refresh_speakers(conn, [story])
        posts, paragraphs = found
        sources = {source for (source,) in conn.execute("SELECT id FROM sources WHERE story_id = ?", (story,))}
    else:
        registry, settled = kept
        if settled is None:  # kept by an older liveline
            return None
        written = _written_since(conn, story, settled, dates)
        if written is None:
            return None
        sources, posts, paragraphs = written
        if not attribute_sources(conn, registry, sources, story, NEW_SOURCE_MAX_PARAGRAPHS):
            return None
    link_people(conn)
    if len(sources) == 1 and paragraphs <= INCREMENTAL_MAX_PARAGRAPHS:
        # One new page is placed as a poll's posts are. Several pages at once (a new story's
        # batch) are merged as a batch is: placing a story's reports one page after another
        # finds fewer of its events (ruling-day's merge recall 0.45 -> 0.33).
        return settle_posts(conn, dates, posts, story)
    log = combine_dates(conn, sorted(dates))
    rank_timeline(conn)
    return log


def _new_story(conn: sqlite3.Connection, story: int, dates: set[str]) -> tuple[set[int], int] | None:
    """(its posts, its paragraphs' count) when the story is new since the last settle (no
    registry, people, events or positions of it yet) and small, its dates all that is dirty."""
    if conn.execute("SELECT 1 FROM meta WHERE key = ?", (registry_key(story),)).fetchone() is not None:
        return None  # a registry that no longer matches its people: learned again, in full
    for settled in ("SELECT 1 FROM people WHERE story_id = ?", "SELECT 1 FROM events WHERE story_id = ?",
                    "SELECT 1 FROM paragraphs WHERE story_id = ? AND rank IS NOT NULL"):
        if conn.execute(f"{settled} LIMIT 1", (story,)).fetchone() is not None:
            return None
    rows = conn.execute(
        """SELECT p.id, p.date, (SELECT COUNT(*) FROM paragraphs pa WHERE pa.post_id = p.id)
           FROM posts p JOIN sources s ON s.id = p.source_id WHERE s.story_id = ?""", (story,)).fetchall()
    paragraphs = sum(count for _, _, count in rows)
    if not rows or paragraphs > NEW_SOURCE_MAX_PARAGRAPHS or {date for _, date, _ in rows} != dates:
        return None
    return {post for post, _, _ in rows}, paragraphs


def _written_since(conn: sqlite3.Connection, story: int, settled: Settled, dates: set[str]
                   ) -> tuple[set[int], set[int], int] | None:
    """(sources, their posts, their paragraphs' count) when all the story's writes since
    its registry was kept are whole new sources on `dates`, the rows before them untouched."""
    if not unchanged_since(conn, settled, story):
        return None
    new = {source: (first, count) for source, first, count in conn.execute(
        "SELECT source_id, MIN(id), COUNT(*) FROM paragraphs WHERE story_id = ? AND id > ? GROUP BY source_id",
        (story, settled.paragraphs_through))}
    if not new:
        return None
    sources = set(new)
    rows = conn.execute(
        f"SELECT id, date, (SELECT COUNT(*) FROM paragraphs pa WHERE pa.post_id = p.id AND pa.id <= ?) FROM posts p WHERE source_id IN {ID_LIST}",
        (settled.paragraphs_through, id_list(sources))).fetchall()
    (later,) = conn.execute(
        "SELECT COUNT(*) FROM posts p JOIN sources s ON s.id = p.source_id WHERE s.story_id = ? AND p.id > ?",
        (story, settled.posts_through)).fetchone()
    if any(post <= settled.posts_through or old for post, _, old in rows) or later != len(rows):
        return None  # posts added to a page already read, or a page rewritten
    if {date for _, date, _ in rows} != dates:
        return None  # something else written since, on other dates
    return sources, {post for post, _, _ in rows}, sum(count for _, count in new.values())


def _small(conn: sqlite3.Connection, posts: set[int]) -> bool:
    (count,) = conn.execute(f"SELECT COUNT(*) FROM paragraphs WHERE post_id IN {ID_LIST}", (id_list(posts),)).fetchone()
    return int(count) <= INCREMENTAL_MAX_PARAGRAPHS


def _one_story(conn: sqlite3.Connection, posts: set[int], stories: set[int]) -> int | None:
    """The one story a poll's posts (and every write since the last settle) are of; None
    when they span several, which is settled in full."""
    found = stories | {story for (story,) in conn.execute(
        f"SELECT DISTINCT s.story_id FROM posts p JOIN sources s ON s.id = p.source_id WHERE p.id IN {ID_LIST}",
        (id_list(posts),))}
    return next(iter(found)) if len(found) == 1 and None not in found else None


def _existing(conn: sqlite3.Connection, posts: set[int]) -> set[int]:
    return {post for (post,) in conn.execute(f"SELECT id FROM posts WHERE id IN {ID_LIST}", (id_list(posts),))}


def settle_posts(conn: sqlite3.Connection, dates: set[str], posts: set[int], story_id: int | None = None) -> list[str]:
    """Merge the posts' paragraphs (already attributed) into their story's events of their
    dates, re-order those dates and renumber the timeline around them."""
    ignore = speaker_words(conn, story_id)
    log: list[str] = []
    orders: dict[str, DateOrder] = {}
    for date in sorted(dates):
        new = dict(conn.execute(
            f"SELECT id, post_id FROM paragraphs WHERE date = ? AND post_id IN {ID_LIST}", (date, id_list(posts))
        ).fetchall())
        places = date_places(conn, date)
        placement = place_new_paragraphs(conn, date, set(new), len(places), ignore)
        conflicts, orders[date] = update_date(conn, date, placement, set(new.values()), places)
        log += [f"{date}: {line}" for line in conflicts]
    rank_dates(conn, orders)
    return log
