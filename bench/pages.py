"""Score liveline's reading of web pages against what a human reads on them: the issue's
measure for pages from the web ("the number of posts and every post's UTC minute exactly
right, and where not, a warning that names what is uncertain").

    python -m bench.pages EXPECTED.toml [--show]

EXPECTED.toml holds one `[[page]]` table a page: `file` (relative to the TOML), and what
a reader of the page sees: `posts` (how many) and `utc` (every post's UTC minute as
"YYYY-MM-DDTHH:MMZ", or "" for a post the page gives no time, in any order); optionally
`date` and `tz` (what a user would pass) and `url` (where the page was found: its
address can date it). Each page is read as `liveline ingest` reads it
(parse_source) and prints one JSON object: pages, exact, wrong with a warning, wrong
silently (the defects), and with --show each page's verdict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from liveline.ingest.pipeline import parse_source
from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import utc_iso


def read_page(path: Path, date: str | None = None, zone: str | None = None, url: str | None = None) -> tuple[list[str], list[str]]:
    """(each post's UTC minute or "", the warnings) as ingest reads the page."""
    day = dt.date.fromisoformat(date) if date else None
    # A saved page with no outlet is still read: the score is of its posts, not its name.
    spec = SourceSpec(path=path, outlet="(page)", name=path.stem, date=day, zone=zone, url=url)
    source = parse_source(spec)
    times = [utc_iso(post.stated_at) if post.stated_at else "" for post in source.timeline_posts]
    return times, source.warnings


def score(expected: Path) -> dict[str, Any]:
    pages = tomllib.loads(expected.read_text(encoding="utf-8")).get("page", [])
    verdicts: dict[str, str] = {}
    for page in pages:
        path = expected.parent / page["file"]
        try:
            times, warnings = read_page(path, page.get("date"), page.get("tz"), page.get("url"))
        except LivelineError as exc:
            verdicts[page["file"]] = f"refused: {exc}"
            continue
        right = len(times) == page["posts"] and Counter(times) == Counter(page.get("utc", times))
        if right:
            verdicts[page["file"]] = "exact"
        else:
            got = f"{len(times)} posts, {sum(1 for t in times if t)} timed; expected {page['posts']}"
            verdicts[page["file"]] = f"wrong{' with a warning' if warnings else ' silently'}: {got}"
    counts = Counter(verdict.split(":")[0] for verdict in verdicts.values())
    return {
        "pages": len(pages),
        "exact": counts["exact"],
        "wrong with a warning": counts["wrong with a warning"] + counts["refused"],
        "wrong silently": counts["wrong silently"],
        "verdicts": verdicts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.splitlines()[0])
    parser.add_argument("expected", type=Path, help="the TOML of pages and what a human reads on them")
    parser.add_argument("--show", action="store_true", help="every page's verdict, not only the counts")
    args = parser.parse_args(argv)
    result = score(args.expected)
    if not args.show:
        result["verdicts"] = {name: v for name, v in result["verdicts"].items() if v != "exact"}
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
