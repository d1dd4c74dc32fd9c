"""The `liveline` command.

Every failure the user can cause is one line on stderr and a non-zero exit:
1 for bad input or environment, 2 for bad usage, 130 for Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from timeline import __version__
from timeline.errors import LivelineError
from timeline.store import default_db_path, open_db

PROG = "liveline"


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help="timeline database (default: $LIVELINE_DB, else ./timeline.db)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read live blogs as one chronological, speaker-attributed timeline.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--speaker", action="append", default=[], help="open the reader filtered to this speaker; repeatable")
    parser.add_argument("--outlet", action="append", default=[], help="open the reader filtered to this outlet; repeatable")
    parser.add_argument("--merged", action="store_true", help="open the reader in merged mode (one entry per event)")
    _add_db(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="add sources (files, - for stdin, or a manifest)")
    ingest.add_argument("paths", nargs="*", help="text or HTML files, http(s) URLs, or - for standard input")
    ingest.add_argument("--manifest", type=Path, help="TOML manifest naming outlet, kind, date, order per file")
    ingest.add_argument("--outlet", help="who published the source, e.g. 'BBC News'")
    ingest.add_argument("--date", help="the source's date, YYYY-MM-DD, when the text does not state it")
    ingest.add_argument("--kind", choices=("liveblog", "article", "transcript"), help="default: detect")
    ingest.add_argument("--order", choices=("newest_first", "oldest_first"), help="live-blog order; default: detect")
    ingest.add_argument("--title", help="a title for the source")
    ingest.add_argument("--url", help="where the source was published")
    ingest.add_argument("--name", help="identity of the source for re-ingest (default: the file name)")
    ingest.add_argument("--fresh", action="store_true", help="rebuild the database from these sources only")
    _add_db(ingest)

    follow = commands.add_parser("follow", help="follow a live blog's URL: add new posts and edits until Ctrl-C")
    follow.add_argument("url", help="the live blog's http(s) address")
    follow.add_argument("--every", type=float, default=60.0, help="seconds between polls (default 60, at least 5)")
    follow.add_argument("--outlet", help="who publishes it (default: the page's own site name)")
    _add_db(follow)

    sources = commands.add_parser("sources", help="list the sources in the timeline")
    _add_db(sources)

    posts = commands.add_parser("posts", help="list posts: time mark, headline/author, first words")
    posts.add_argument("--source", help="only this source (outlet, name prefix or id)")
    posts.add_argument("--speaker", action="append", help="only posts where this person speaks (name, alias or role); repeatable")
    posts.add_argument("--merged", action="store_true", help="the combined timeline, one entry per event")
    _add_db(posts)

    events = commands.add_parser("events", help="events reported by several outlets: time, outlets, speaker, text")
    events.add_argument("--date", help="only this date, YYYY-MM-DD")
    events.add_argument("--min-outlets", type=int, default=1, help="only events reported by at least N outlets")
    _add_db(events)

    speakers = commands.add_parser("speakers", help="list the people speaking: role, kind, aliases, paragraphs, outlets")
    _add_db(speakers)

    export = commands.add_parser("export", help="write the view as Markdown (or JSON)")
    export.add_argument("-o", "--output", help="file to write, - for standard output (default: a name from story and filters)")
    export.add_argument("--format", choices=("markdown", "json"), default="markdown")
    export.add_argument("--speaker", action="append", default=[], help="only this speaker (name, alias or role); repeatable")
    export.add_argument("--outlet", action="append", default=[], help="only this outlet; repeatable")
    export.add_argument("--date", help="only this date, YYYY-MM-DD")
    export.add_argument("--from", dest="time_from", help="from this UK time, HH:MM")
    export.add_argument("--to", dest="time_to", help="to this UK time, HH:MM")
    export.add_argument("--merged", action="store_true", help="one entry per event, citing every outlet")
    export.add_argument("--newest-first", action="store_true", help="newest entries first")
    export.add_argument("--title", help="the document's title (default: the story's)")
    _add_db(export)

    show = commands.add_parser("print", help="print the whole timeline to the terminal")
    _add_db(show)
    return parser


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {' '.join(message.split())}", file=sys.stderr)


def _specs(args: argparse.Namespace) -> list:
    from ingest.manifest import read_manifest
    from ingest.spec import SourceSpec, parse_date

    date = parse_date(args.date, "--date") if args.date else None
    specs = []
    if args.manifest:
        specs += [
            spec.with_defaults(kind=args.kind, date=date, order=args.order, title=args.title, url=args.url)
            for spec in read_manifest(args.manifest)
        ]
    for raw in args.paths:
        if raw.startswith(("http://", "https://")):
            specs.append(SourceSpec(path=None, outlet=args.outlet or "", name=args.name or raw, kind=args.kind,
                                    date=date, order=args.order, title=args.title, url=raw, remote=True))
            continue
        path = None if raw == "-" else Path(raw)
        specs.append(
            SourceSpec(
                path=path,
                outlet=args.outlet or "",  # a web page names its own; a text file must be told
                name=args.name or ("stdin" if path is None else path.stem),
                kind=args.kind,
                date=date,
                order=args.order,
                title=args.title,
                url=args.url,
            )
        )
    if not specs:
        raise LivelineError("nothing to ingest: give files, - for standard input, or --manifest FILE")
    return specs


def cmd_ingest(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from ingest.pipeline import ingest

    specs = _specs(args)
    out = Console(stderr=True, highlight=False)
    target = db_path
    if args.fresh:
        # Build beside the old file and swap it in only when complete.
        handle, name = tempfile.mkstemp(prefix=".liveline-", suffix=".db", dir=db_path.parent or Path("."))
        os.close(handle)
        os.unlink(name)
        target = Path(name)

    def written(source, status):
        posts = len(source.timeline_posts)
        stated = sum(1 for p in source.timeline_posts if p.stated_at)
        out.print(
            f"{status:>9} {source.spec.outlet} · {source.spec.name} ({source.kind}, {source.date}, "
            f"{posts} posts, {stated} stated times)",
            markup=False,
            soft_wrap=True,
        )
        if progress:
            progress.advance(task)

    progress = Progress(console=out, transient=True) if len(specs) > 1 and out.is_terminal else None
    try:
        if progress:
            with progress:
                task = progress.add_task("ingesting", total=len(specs))
                report = ingest(specs, target, on_written=written)
        else:
            report = ingest(specs, target, on_written=written)
        if args.fresh:
            for suffix in ("-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            os.replace(target, db_path)
    finally:
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    for warning in report.warnings:
        _warn(warning)
    return 0


def cmd_sources(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from timeline.queries import source_summaries
    from timeline.render import sources_table

    db = open_db(db_path)
    Console().print(sources_table(source_summaries(db)))
    return 0


def cmd_posts(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from timeline.queries import find_people, find_sources, post_summaries
    from timeline.render import posts_table

    db = open_db(db_path)
    ids = find_sources(db, args.source) if args.source else None
    people = [pid for query in args.speaker or [] for pid in find_people(db, query)]
    if args.merged:
        from timeline.render import merged_table
        from timeline.view import View, resolve, view_entries

        view = View(speakers=tuple(args.speaker or ()), merged=True)
        Console().print(merged_table(view_entries(db, resolve(db, view))))
        return 0
    Console().print(posts_table(post_summaries(db, ids, people or None)))
    return 0


def cmd_events(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from ingest.spec import parse_date
    from timeline.queries import event_summaries
    from timeline.render import events_table

    date = parse_date(args.date, "--date").isoformat() if args.date else None
    Console().print(events_table(event_summaries(open_db(db_path), date, args.min_outlets)))
    return 0


def cmd_speakers(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from timeline.queries import speaker_summaries
    from timeline.render import speakers_table

    Console().print(speakers_table(speaker_summaries(open_db(db_path))))
    return 0


def cmd_print(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from timeline.queries import timeline_entries
    from timeline.render import timeline_renderables

    db = open_db(db_path)
    console = Console()
    for renderable in timeline_renderables(timeline_entries(db)):
        console.print(renderable)
    return 0


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from timeline.export import build, proposed_name, to_json, to_markdown, write
    from timeline.view import View

    db = open_db(db_path)
    view = View(
        speakers=tuple(args.speaker), outlets=tuple(args.outlet), date=args.date, time_from=args.time_from,
        time_to=args.time_to, merged=args.merged, newest_first=args.newest_first,
    )
    document = build(db, view, args.title)
    text = to_json(document) if args.format == "json" else to_markdown(document)
    target = args.output or proposed_name(document.title, view, args.format)
    written = write(text, target)
    if written is not None:
        print(f"wrote {document.count} entries to {written}", file=sys.stderr)
    return 0


def cmd_read(args: argparse.Namespace, db_path: Path) -> int:
    """The reader (the default command); Textual is imported only here."""
    from timeline.view import View, resolve

    view = View(speakers=tuple(args.speaker), outlets=tuple(args.outlet), merged=args.merged)
    if getattr(args, "db", None) is None and not os.environ.get("LIVELINE_DB") and not db_path.exists():
        from ingest.bundled import build_example

        example, built = build_example()
        notice = (f"no {db_path} here and $LIVELINE_DB is not set: "
                  f"{'built' if built else 'opened'} the bundled example timeline at {example}")
        print(f"{PROG}: {notice}", file=sys.stderr)
        db_path = example
    else:
        notice = None
    db = open_db(db_path)  # errors (no database, unknown speaker) before the screen changes
    resolve(db, view)
    db.conn.close()
    from tui.app import run

    return run(db_path, view, notice)


def cmd_follow(args: argparse.Namespace, db_path: Path) -> int:
    from ingest.follow import follow
    from ingest.spec import SourceSpec
    from ingest.web import check_url

    check_url(args.url)
    if args.every < 5 and not os.environ.get("LIVELINE_ALLOW_FAST_POLL"):
        raise LivelineError("--every must be at least 5 seconds: be kind to the outlet's servers")
    spec = SourceSpec(path=None, outlet=args.outlet or "", name=args.url, url=args.url, remote=True)
    print(f"{PROG}: following {args.url} every {args.every:g} s into {db_path}; Ctrl-C stops", file=sys.stderr)
    try:
        follow(spec, db_path, args.every, report=lambda line: print(f"{PROG}: {line}", file=sys.stderr))
    except KeyboardInterrupt:
        print(f"{PROG}: stopped following; every poll finished before Ctrl-C is kept", file=sys.stderr)
    return 0


COMMANDS = {
    "ingest": cmd_ingest,
    "follow": cmd_follow,
    "sources": cmd_sources,
    "posts": cmd_posts,
    "speakers": cmd_speakers,
    "events": cmd_events,
    "export": cmd_export,
    "print": cmd_print,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = getattr(args, "db", None) or default_db_path()
    command = COMMANDS[args.command] if args.command else cmd_read
    try:
        return command(args, db_path)
    except LivelineError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; sources finished before Ctrl-C were kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `liveline print | head`: the reader left; not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
