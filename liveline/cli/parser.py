"""The command line's grammar: every subcommand and option, with its help."""

from __future__ import annotations

import argparse
from pathlib import Path

from liveline.cli.messages import PROG
from liveline.ingest.sources.spec import MAX_POLL_SECONDS, MIN_POLL_SECONDS, poll_interval
from liveline.timeline import __version__
from liveline.timeline.limits import SQLITE_MAX_INTEGER
from liveline.timeline.locations import DB_ENV, DEFAULT_DB
from liveline.timeline.text import strip_controls


def poll_seconds(value: str) -> float:
    """A poll interval: a finite number of seconds, above 0 and at most a day."""
    number = poll_interval(value)
    if number is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds above 0 and at most {MAX_POLL_SECONDS}")
    return number


def outlet_count(value: str) -> int:
    """A count of at least 1 that SQLite can take (a larger one is more outlets than any story has)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= SQLITE_MAX_INTEGER:
        shown = value if len(value) <= 40 else f"{value[:20]}…({len(value)} characters)"
        raise argparse.ArgumentTypeError(f"{shown!r} is not a whole number from 1 to {SQLITE_MAX_INTEGER}")
    return number


def typed_name(value: str) -> str:
    """An outlet or speaker as typed, its spaces collapsed; never blank, never a control character."""
    collapsed = " ".join(value.split())
    if not collapsed:
        raise argparse.ArgumentTypeError("a name cannot be blank")
    if strip_controls(collapsed) != collapsed:
        raise argparse.ArgumentTypeError(f"{collapsed!r} holds control characters")
    return collapsed


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"timeline database (default: ${DB_ENV}, else ./{DEFAULT_DB})",
    )


def _add_stories(parser: argparse.ArgumentParser, what: str) -> None:
    """--story on a command that reads: only these stories (every story when not given)."""
    parser.add_argument("--story", action="append", type=typed_name, default=[], metavar="NAME",
                        help=f"{what} (its name or any part of it; see `liveline stories`); repeatable")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read live blogs as one chronological, speaker-attributed timeline.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--speaker", action="append", type=typed_name, default=[], help="open the reader filtered to this speaker; repeatable")
    parser.add_argument("--outlet", action="append", type=typed_name, default=[], help="open the reader filtered to this outlet; repeatable")
    parser.add_argument("--merged", action="store_true", help="open the reader in merged mode (one entry per event)")
    parser.add_argument("--key-events", action="store_true", help="open the reader on key events only (as K)")
    parser.add_argument("--quotes", action="store_true", help="open the reader on quotes only (as \")")
    _add_stories(parser, "open the reader on this story (default: the one written to last, when the timeline holds several)")
    _add_db(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="add sources (files, - for stdin, or a manifest)")
    ingest.add_argument("paths", nargs="*", help="text or HTML files, http(s) URLs, or - for standard input")
    ingest.add_argument("--manifest", type=Path, help="TOML manifest naming outlet, kind, date, order per file")
    ingest.add_argument("--outlet", type=typed_name, help="who published the source, e.g. 'BBC News'")
    ingest.add_argument("--date", help="the source's date, YYYY-MM-DD, when the text does not state it")
    ingest.add_argument("--tz", metavar="ZONE", help="the zone of a page's written times when it does not say: "
                        "an IANA name (Asia/Kolkata), a mark (CEST) or an offset (+05:30)")
    ingest.add_argument("--author", type=typed_name, metavar="NAME", help="the blog's own author (default: the page's byline, if any)")
    ingest.add_argument("--explain", action="store_true", help="print how each source was read: which witness gave "
                        "the posts, times, zone and date, what disagreed, what was assumed")
    ingest.add_argument("--kind", choices=("liveblog", "article", "transcript"), help="default: detect")
    ingest.add_argument("--order", choices=("newest_first", "oldest_first"), help="live-blog order; default: detect")
    ingest.add_argument("--title", help="a title for the source")
    ingest.add_argument("--url", help="where the source was published")
    ingest.add_argument("--name", help="identity of the source for re-ingest (default: the file name)")
    ingest.add_argument("--fresh", action="store_true", help="rebuild the database from these sources only")
    ingest.add_argument("--force", action="store_true", help="with --fresh: replace the file even if it is not a liveline timeline")
    ingest.add_argument("--allow-outside", action="store_true", help="let a manifest name files outside its own folder")
    ingest.add_argument("--story", type=typed_name, metavar="NAME", help="the story the sources belong to, made if new "
                        "(default: the manifest's `story`, else a source's own, else proposed from dates, people and words)")
    _add_db(ingest)

    follow = commands.add_parser("follow", help="follow live blogs' URLs: add new posts, edits and removals until Ctrl-C")
    follow.add_argument("urls", nargs="*", metavar="URL", help="a live blog's http(s) address; several are followed at once")
    follow.add_argument("--manifest", type=Path, metavar="FILE", help="TOML manifest whose [[source]] entries each give a `url` to follow")
    follow.add_argument("--every", type=poll_seconds, default=60.0, metavar="SECONDS",
                        help=f"seconds between polls of each page (default 60, at least {MIN_POLL_SECONDS}; a manifest's `every` wins)")
    follow.add_argument("--once", action="store_true", help="poll every page once and exit (for cron): 0 if all were read")
    follow.add_argument("--quiet", action="store_true", help="print only warnings and errors, not a line per poll")
    follow.add_argument("--outlet", type=typed_name, metavar="NAME", help="who publishes them (default: each page's own site name)")
    follow.add_argument("--tz", metavar="ZONE", help="the zone of the pages' written times when they do not say (as for ingest)")
    follow.add_argument("--date", help="the pages' date, YYYY-MM-DD, when they do not state it (as for ingest)")
    follow.add_argument("--author", type=typed_name, metavar="NAME", help="the blogs' own author (as for ingest)")
    follow.add_argument("--story", type=typed_name, metavar="NAME", help="the story the pages belong to (as for ingest)")
    _add_db(follow)

    stories = commands.add_parser("stories", help="list the stories in the timeline: name, dates, outlets, posts, people")
    stories.add_argument("--rename", nargs=2, type=typed_name, metavar=("STORY", "NEW"),
                         help="give a story (its name or words of it) a new name")
    _add_db(stories)

    sources = commands.add_parser("sources", help="list the sources in the timeline")
    _add_stories(sources, "only this story's sources")
    _add_db(sources)

    posts = commands.add_parser("posts", help="list posts: time mark, headline/author, first words")
    posts.add_argument("--outlet", action="append", type=typed_name, default=[], help="only this outlet (any part of its name); repeatable")
    posts.add_argument("--speaker", action="append", type=typed_name, default=[], help="only posts where this person speaks (name, alias or role); repeatable")
    posts.add_argument("--merged", action="store_true", help="the combined timeline, one entry per event")
    _add_stories(posts, "only this story's posts")
    _add_db(posts)

    events = commands.add_parser("events", help="events reported by several outlets: time, outlets, speaker, text")
    events.add_argument("--date", help="only this date, YYYY-MM-DD")
    events.add_argument("--min-outlets", type=outlet_count, default=1, help="only events reported by at least N outlets")
    _add_stories(events, "only this story's events")
    _add_db(events)

    speakers = commands.add_parser("speakers", help="list the people speaking: role, kind, aliases, paragraphs, outlets")
    speakers.add_argument(
        "--all", action="store_true", help="one row per person across every story (the same person in several stories once), with their stories"
    )
    _add_stories(speakers, "only this story's people")
    _add_db(speakers)

    export = commands.add_parser("export", help="write the view as Markdown (or JSON)")
    export.add_argument("-o", "--output", help="file to write, - for standard output (default: a name from story and filters)")
    export.add_argument("--format", choices=("markdown", "json"), default="markdown")
    export.add_argument("--speaker", action="append", type=typed_name, default=[], help="only this speaker (name, alias or role); repeatable")
    export.add_argument("--outlet", action="append", type=typed_name, default=[], help="only this outlet; repeatable")
    export.add_argument("--date", help="only this date, YYYY-MM-DD")
    export.add_argument("--from", dest="time_from", help="from this UK time, HH:MM")
    export.add_argument("--to", dest="time_to", help="to this UK time, HH:MM")
    export.add_argument("--merged", action="store_true", help="one entry per event, citing every outlet")
    export.add_argument("--newest-first", action="store_true", help="newest entries first")
    export.add_argument("--key-events", action="store_true", help="only posts the pages flag as key events or summaries, and events several outlets reported")
    export.add_argument("--quotes", action="store_true", help="only paragraphs quoting a speaker's own words")
    export.add_argument("--title", help="the document's title (default: the story's)")
    _add_stories(export, "only this story")
    _add_db(export)

    quotes = commands.add_parser("quotes", help="check the live blogs' and articles' direct quotes against the official record")
    quotes.add_argument("--check", action="store_true", required=True,
                        help="find each direct quote in the story's record: verbatim, close (with a word diff) or not found")
    quotes.add_argument("--speaker", action="append", type=typed_name, default=[],
                        help="only quotes attributed to this person or found in their turns (name, alias or role); repeatable")
    quotes.add_argument("--outlet", action="append", type=typed_name, default=[], help="only this outlet's quotes; repeatable")
    quotes.add_argument("--json", action="store_true", help="print a JSON list, one object per quote, instead of the table")
    _add_stories(quotes, "only this story's quotes")
    _add_db(quotes)

    show = commands.add_parser("print", help="print the whole timeline to the terminal")
    _add_stories(show, "only this story")
    _add_db(show)
    return parser
