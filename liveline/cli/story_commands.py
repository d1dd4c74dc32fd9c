"""`liveline stories`: the stories a timeline holds, with what `--story` takes for each;
`--rename` gives one a shorter name."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liveline.timeline.errors import LivelineError
from liveline.timeline.store import open_db


def cmd_stories(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from liveline.timeline.render import stories_table
    from liveline.timeline.stories import find_stories, story_summaries

    if args.rename:
        from liveline.ingest.stories.rows import rename_story
        from liveline.timeline.store import write_transaction

        old, new = args.rename
        db = open_db(db_path, create=False)
        found = find_stories(db, old)
        if len(found) > 1:
            raise LivelineError(f"{old!r} matches {len(found)} stories ({', '.join(s.name for s in found[:4])}); give more of its name")
        with write_transaction(db, db_path) as conn:
            rename_story(conn, found[0].id, new)
        print(f"renamed {found[0].name} to {new}", file=sys.stderr)
        return 0
    Console().print(stories_table(story_summaries(open_db(db_path))))
    return 0
