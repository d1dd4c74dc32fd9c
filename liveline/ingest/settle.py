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
  and renumbered, other dates shifted.
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
from liveline.ingest.speakers.kept import kept_registry
from liveline.ingest.speakers.linking import link_people
from liveline.ingest.speakers.new_posts import attribute_posts
from liveline.ingest.speakers.refresh import refresh_speakers
from liveline.ingest.stories.rows import drop_empty_stories
from liveline.timeline.store import write_transaction

# The most paragraphs of new or rewritten posts settled incrementally. A poll of a live
# page brings a post or a few (3 paragraphs each in the benchmark); a poll of 64 posts
# (192 paragraphs) still settles incrementally in 1.4 s at 200k paragraphs, where a full
# settle takes 23-27 s (bench/RESULTS.md, "Live path"). More than this is a backlog
# (a follower restarted after a long break), settled in full, which also re-reads later
# posts whose speakers the new ones could change.
INCREMENTAL_MAX_PARAGRAPHS = 200


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
