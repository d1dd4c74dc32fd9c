"""Following a live blog: poll its page, append new posts, apply edits, re-merge the day.

Each poll is an ordinary ingest of the page (one transaction); posts are matched by the
page's own ids, so unchanged posts keep their rows. Network trouble backs off and tries
again; anything else (the page stopped being a live blog) stops with its message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from liveline.ingest.pipeline import parse_source
from liveline.ingest.settle import settle
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.sources.web import FetchError
from liveline.ingest.writer import write_source
from liveline.timeline.store import open_db

MAX_BACKOFF = 600.0


def follow(
    spec: SourceSpec,
    db_path: Path,
    every: float,
    report: Callable[[str], None],
    polls: int | None = None,
    sleep: Callable[[float], None] | None = None,
) -> int:
    """Poll until Ctrl-C (or `polls` polls); returns how many polls wrote something."""
    sleep = sleep or time.sleep
    wrote = failures = done = 0
    while polls is None or done < polls:
        done += 1
        try:
            parsed = parse_source(spec)
        except FetchError as exc:
            if not exc.transient:
                raise
            failures += 1
            wait = min(every * 2 ** failures, MAX_BACKOFF)
            report(f"{exc}; trying again in {wait:.0f} s")
            sleep(wait)
            continue
        failures = 0
        db = open_db(db_path, create=True, on_wait=report)  # waits its turn behind another ingest
        try:
            status = write_source(db, parsed, db_path)
            for line in settle(db, db_path):
                report(line)
        finally:
            db.conn.close()
        if status != "unchanged":
            wrote += 1
        report(f"{time.strftime('%H:%M:%S')} {parsed.spec.outlet}: {status} ({len(parsed.timeline_posts)} posts on the page)")
        if polls is None or done < polls:
            sleep(every)
    return wrote
