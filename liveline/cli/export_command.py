"""`liveline export`: the view (filters, merged/raw, order) written as Markdown or JSON, as `e` in the reader writes it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liveline.timeline.store import open_db


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from liveline.timeline.export import build, proposed_name, unused_name, write_document
    from liveline.timeline.view import View

    db = open_db(db_path)
    view = View(
        stories=tuple(args.story), speakers=tuple(args.speaker), outlets=tuple(args.outlet), date=args.date, time_from=args.time_from,
        time_to=args.time_to, merged=args.merged, newest_first=args.newest_first,
        key_events=args.key_events, quotes=args.quotes,
    )
    document = build(db, view, args.title)
    proposed = proposed_name(document.title, view, args.format)
    # -o replaces what the user named; a proposed name never replaces an earlier export.
    target = args.output or unused_name(proposed)
    written = write_document(document, args.format, target)  # streamed: never the whole document in memory
    if written is not None:
        kept = f" ({proposed} was there already and is kept)" if not args.output and str(written) != proposed else ""
        print(f"wrote {document.count} entries to {written}{kept}", file=sys.stderr)
    return 0
