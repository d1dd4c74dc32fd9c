"""`liveline export`: the view (filters, merged/raw, order) written as Markdown or JSON, as `e` in the reader writes it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liveline.timeline.store import open_db


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from liveline.timeline.export import build, proposed_name, to_json, to_markdown, unused_name, write
    from liveline.timeline.view import View

    db = open_db(db_path)
    view = View(
        stories=tuple(args.story), speakers=tuple(args.speaker), outlets=tuple(args.outlet), date=args.date, time_from=args.time_from,
        time_to=args.time_to, merged=args.merged, newest_first=args.newest_first,
        key_events=args.key_events, quotes=args.quotes,
    )
    document = build(db, view, args.title)
    text = to_json(document) if args.format == "json" else to_markdown(document)
    proposed = proposed_name(document.title, view, args.format)
    # -o replaces what the user named; a proposed name never replaces an earlier export.
    target = args.output or unused_name(proposed)
    written = write(text, target)
    if written is not None:
        kept = f" ({proposed} was there already and is kept)" if not args.output and str(written) != proposed else ""
        print(f"wrote {document.count} entries to {written}{kept}", file=sys.stderr)
    return 0
