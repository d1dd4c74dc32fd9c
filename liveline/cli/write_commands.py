"""The commands that write the timeline: `ingest` (files, pages, manifests) and `follow` (live pages)."""

from __future__ import annotations

import argparse
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from liveline.cli.messages import note, warn
from liveline.ingest.sources.spec import MIN_POLL_SECONDS, SourceSpec, parse_date
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import fast_poll_allowed

if TYPE_CHECKING:
    from liveline.ingest.model import ParsedSource


def _specs(args: argparse.Namespace) -> list[SourceSpec]:
    from liveline.ingest.sources.addresses import is_web_address, public_url
    from liveline.ingest.sources.manifest import read_manifest

    date = parse_date(args.date, "--date") if args.date else None
    specs = []
    if args.manifest:
        specs += [
            spec.with_defaults(kind=args.kind, date=date, order=args.order, title=args.title, url=args.url, zone=args.tz,
                               author=args.author)
            for spec in _manifest_zones_checked(read_manifest(args.manifest, allow_outside=args.allow_outside), args.manifest)
        ]
    for raw in args.paths:
        if is_web_address(raw):
            specs.append(SourceSpec(path=None, outlet=args.outlet or "", name=args.name or public_url(raw), kind=args.kind,
                                    date=date, order=args.order, title=args.title, url=raw, remote=True, zone=args.tz,
                                    author=args.author))
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
                zone=args.tz,
                author=args.author,
            )
        )
    if not specs:
        raise LivelineError("nothing to ingest: give files, - for standard input, or --manifest FILE")
    return _zones_checked(specs, args.tz)


def _zones_checked(specs: list[SourceSpec], given: str | None) -> list[SourceSpec]:
    """The specs, once every zone a user named (--tz, a manifest's `tz`) is known to be one:
    a typo is one line before anything is fetched or written."""
    from liveline.ingest.read.zones import check_zone_name

    for spec in specs:
        if spec.zone is not None:
            check_zone_name(spec.zone, "--tz" if spec.zone == given else f"{spec.label}: `tz`")
    return specs


def _manifest_zones_checked(specs: list[SourceSpec], manifest: Path) -> list[SourceSpec]:
    """A manifest's entries, once each `tz` is a zone: a bad one named by manifest, entry and key."""
    from liveline.ingest.read.zones import check_zone_name

    for number, spec in enumerate(specs, 1):
        if spec.zone is not None:
            check_zone_name(spec.zone, f"{manifest} source #{number}: `tz`")
    return specs


def cmd_ingest(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from liveline.ingest.pipeline import ingest
    from liveline.timeline.store import check_replaceable
    from liveline.timeline.text import strip_controls

    specs = _specs(args)
    if args.force and not args.fresh:
        raise LivelineError("--force goes with --fresh (replace a file that is not a liveline timeline)")
    if args.fresh and not args.force:
        check_replaceable(db_path)  # never another application's database or a text file
    out = Console(stderr=True, highlight=False)
    target = db_path
    if args.fresh:
        # Build beside the old file and swap it in only when complete.
        handle, name = tempfile.mkstemp(prefix=".liveline-", suffix=".db", dir=db_path.parent or Path("."))
        os.close(handle)
        os.unlink(name)
        target = Path(name)

    def written(source: ParsedSource, status: str) -> None:
        posts = len(source.timeline_posts)
        stated = sum(1 for p in source.timeline_posts if p.stated_at)
        # The outlet and name come from a page, a manifest or a file name: shown without controls.
        out.print(
            f"{status:>9} {strip_controls(source.spec.outlet)} · {strip_controls(source.spec.name)} "
            f"({source.kind}, {source.date}, {posts} post{'' if posts == 1 else 's'}, "
            f"{stated} stated time{'' if stated == 1 else 's'})",
            markup=False,
            soft_wrap=True,
        )
        if args.explain:
            print(f"how {strip_controls(source.spec.name)} was read:", flush=True)
            for line in source.explanation:
                print(f"  {strip_controls(line)}", flush=True)
        if progress:
            progress.advance(task)

    progress = Progress(console=out, transient=True) if len(specs) > 1 and out.is_terminal else None
    try:
        if progress:
            with progress:
                task = progress.add_task("ingesting", total=len(specs))
                report = ingest(specs, target, on_written=written, on_wait=note, story=args.story)
        else:
            report = ingest(specs, target, on_written=written, on_wait=note, story=args.story)
        if args.fresh:
            for suffix in ("-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            os.replace(target, db_path)
    finally:
        if args.fresh:
            for suffix in ("", "-wal", "-shm", "-writers"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    for line in report.stories:
        note(line)
    for warning in report.warnings:
        warn(warning)
    return 0


def _followed(args: argparse.Namespace) -> list[SourceSpec]:
    """The pages to follow, from the command line and the manifest, each checked: an http(s)
    address, and an interval no shorter than the floor."""
    from liveline.ingest.sources.addresses import public_url
    from liveline.ingest.sources.manifest import read_manifest
    from liveline.ingest.sources.web import check_url

    if not args.urls and not args.manifest:
        raise LivelineError("nothing to follow: give one or more URLs, or --manifest FILE with `url` entries")
    fast = fast_poll_allowed()
    date = parse_date(args.date, "--date") if args.date else None
    if args.every < MIN_POLL_SECONDS and not fast:
        raise LivelineError(f"--every must be at least {MIN_POLL_SECONDS} seconds: be kind to the outlet's servers")
    specs = [SourceSpec(path=None, outlet="", name=public_url(check_url(url)), url=url, remote=True) for url in args.urls]
    for number, spec in enumerate(_manifest_zones_checked(read_manifest(args.manifest), args.manifest) if args.manifest else [], 1):
        where = f"{args.manifest} source #{number}"
        if not spec.url:
            raise LivelineError(f"{where}: needs a `url` to be followed")
        if spec.every is not None and spec.every < MIN_POLL_SECONDS and not fast:
            raise LivelineError(f"{where}: `every` must be at least {MIN_POLL_SECONDS} seconds: be kind to the outlet's servers")
        specs.append(replace(spec, path=None, remote=True))  # a saved copy's source, now from its page
    unique: dict[tuple[str, str], SourceSpec] = {}  # a page named twice is followed once
    for spec in specs:
        spec = replace(spec, outlet=spec.outlet or args.outlet or "", zone=spec.zone or args.tz, date=spec.date or date,
                       author=spec.author or args.author, story=spec.story or args.story)
        unique.setdefault((spec.outlet, spec.name), spec)
    return _zones_checked(list(unique.values()), args.tz)


def cmd_follow(args: argparse.Namespace, db_path: Path) -> int:
    from liveline.ingest.follow import follow
    from liveline.timeline.locations import fetch_timeout

    specs = _followed(args)
    fetch_timeout()  # a bad $LIVELINE_FETCH_TIMEOUT is the command's error, not every page's
    quiet = args.quiet
    report = (lambda _line: None) if quiet else note
    what = specs[0].label if len(specs) == 1 else f"{len(specs)} pages"
    how = "once" if args.once else f"every {args.every:g} s"
    report(f"following {what} {how} into {db_path}" + ("" if args.once else "; Ctrl-C stops"))
    try:
        follow(specs, db_path, args.every, report=report, warn=warn, once=args.once)
    except KeyboardInterrupt:
        note("stopped following; every poll finished before Ctrl-C is kept")
    return 0
