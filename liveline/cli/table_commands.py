"""The commands that print the timeline as tables: `sources`, `posts`, `speakers`, `events`, and `print`.

Rich is imported inside each command so that `liveline --help` and `export` do not load it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from liveline.timeline.store import open_db

if TYPE_CHECKING:
    import sqlite_utils


def story_ids(db: sqlite_utils.Database, args: argparse.Namespace) -> list[int]:
    """The ids of the stories named with --story (none: every story)."""
    from liveline.timeline.stories import find_stories

    ids: list[int] = []
    for query in getattr(args, "story", []):
        ids += [story.id for story in find_stories(db, query) if story.id not in ids]
    return ids


def cmd_sources(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from liveline.timeline.queries import source_summaries
    from liveline.timeline.render import sources_table

    db = open_db(db_path)
    Console().print(sources_table(source_summaries(db, story_ids(db, args))))
    return 0


def cmd_posts(args: argparse.Namespace, db_path: Path) -> int:
    """Posts in file order, or with --merged one entry per event; --outlet and --speaker
    are matched as the reader and export match them (any part of a name, close matches)."""
    from rich.console import Console

    from liveline.timeline.queries import post_summaries
    from liveline.timeline.render import merged_table, posts_table
    from liveline.timeline.view import View, resolve, view_entries

    db = open_db(db_path)
    view = View(stories=tuple(args.story), speakers=tuple(args.speaker), outlets=tuple(args.outlet), merged=args.merged)
    resolved = resolve(db, view)
    if args.merged:
        Console().print(merged_table(view_entries(db, resolved)))
        return 0
    Console().print(posts_table(post_summaries(db, resolved.outlets, resolved.person_ids, resolved.story_ids)))
    return 0


def cmd_events(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from liveline.ingest.sources.spec import parse_date
    from liveline.timeline.queries import event_summaries
    from liveline.timeline.render import events_table

    date = parse_date(args.date, "--date").isoformat() if args.date else None
    db = open_db(db_path)
    Console().print(events_table(event_summaries(db, date, args.min_outlets, story_ids(db, args))))
    return 0


def cmd_speakers(args: argparse.Namespace, db_path: Path) -> int:
    """The people of the timeline; with --all one row per person across the stories, the
    same person in several stories (linked on strong evidence at ingest) once."""
    from rich.console import Console

    db = open_db(db_path)
    if args.all:
        from liveline.timeline.people_across import people_across_stories
        from liveline.timeline.render import people_across_table

        Console().print(people_across_table(people_across_stories(db, story_ids(db, args))))
        return 0
    from liveline.timeline.queries import speaker_summaries
    from liveline.timeline.render import speakers_table

    Console().print(speakers_table(speaker_summaries(db, story_ids(db, args))))
    return 0


def cmd_print(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from liveline.timeline.render import timeline_renderables
    from liveline.timeline.view import View, resolve, view_entries

    db = open_db(db_path)
    console = Console()
    for renderable in timeline_renderables(view_entries(db, resolve(db, View(stories=tuple(args.story))))):
        console.print(renderable)
    return 0
