"""`liveline` alone: open the reader, on the bundled example when there is no timeline to open."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from liveline.cli.messages import note
from liveline.timeline.locations import DB_ENV, environment_db_path
from liveline.timeline.store import open_db


def cmd_read(args: argparse.Namespace, db_path: Path) -> int:
    """The reader (the default command); Textual is imported only here."""
    from liveline.timeline.stories import latest_story
    from liveline.timeline.view import View, resolve

    view = View(
        stories=tuple(args.story), speakers=tuple(args.speaker), outlets=tuple(args.outlet), merged=args.merged,
        key_events=args.key_events, quotes=args.quotes,
    )
    notice: str | None = None
    if getattr(args, "db", None) is None and environment_db_path() is None and not db_path.exists():
        from liveline.ingest.bundled import build_example

        example, built = build_example()
        notice = (f"no {db_path} here and ${DB_ENV} is not set: "
                  f"{'built' if built else 'opened'} the bundled example timeline at {example}")
        note(notice)
        db_path = example
    db = open_db(db_path)  # errors (no database, unknown speaker) before the screen changes
    if not view.stories and (latest := latest_story(db)) is not None:
        # An archive opens on its newest story, as a reader following today's news expects;
        # the chip says so, and removing it (or `x`) shows every story.
        view = replace(view, stories=(latest.name,))
    resolve(db, view)
    db.conn.close()
    from liveline.tui.app import run

    return run(db_path, view, notice)
