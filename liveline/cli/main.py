"""The `liveline` command: parse the arguments, run one command, turn failures into exit codes.

Every failure the user can cause is one line on stderr and a non-zero exit:
1 for bad input or environment, 2 for bad usage, 130 for Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from liveline.cli.export_command import cmd_export
from liveline.cli.messages import error, note
from liveline.cli.parser import build_parser
from liveline.cli.quote_commands import cmd_quotes
from liveline.cli.reader_command import cmd_read
from liveline.cli.story_commands import cmd_stories
from liveline.cli.table_commands import cmd_events, cmd_posts, cmd_print, cmd_sources, cmd_speakers
from liveline.cli.write_commands import cmd_follow, cmd_ingest
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import default_db_path

Command = Callable[[argparse.Namespace, Path], int]

COMMANDS: dict[str, Command] = {
    "ingest": cmd_ingest,
    "follow": cmd_follow,
    "stories": cmd_stories,
    "sources": cmd_sources,
    "posts": cmd_posts,
    "speakers": cmd_speakers,
    "events": cmd_events,
    "export": cmd_export,
    "print": cmd_print,
    "quotes": cmd_quotes,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = getattr(args, "db", None) or default_db_path()
    command = COMMANDS[args.command] if args.command else cmd_read
    try:
        return command(args, db_path)
    except LivelineError as exc:
        error(str(exc))
        return 1
    except KeyboardInterrupt:
        note("interrupted; sources finished before Ctrl-C were kept")
        return 130
    except BrokenPipeError:
        # `liveline print | head`: the reader left; not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
