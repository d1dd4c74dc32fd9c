"""`liveline quotes --check`: every direct quote of the live blogs and articles, checked
against the story's official record, as a table by speaker and outlet (or JSON).

Rich is imported inside the command so that `liveline --help` does not load it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from liveline.timeline.record_match import ABSENT, CLOSE, VERBATIM
from liveline.timeline.store import open_db

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from liveline.timeline.record_quotes import QuoteCheck

# The verdicts as the table says them.
VERDICT_WORDS = {VERBATIM: "✓ verbatim", CLOSE: "~ close", ABSENT: "✗ not found"}
_VERDICT_STYLE = {VERBATIM: "green", CLOSE: "yellow", ABSENT: "red"}


def cmd_quotes(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from liveline.timeline.record_quotes import check_quotes

    db = open_db(db_path)
    checks = check_quotes(db, stories=args.story, speakers=args.speaker, outlets=args.outlet)
    if args.json:
        print(json.dumps([check.as_json() for check in checks], ensure_ascii=False, indent=2))
        return 0
    console = Console()
    # Colour shows the diff where the terminal has it; elsewhere (a pipe, a file, NO_COLOR)
    # the word-diff marks say the same in plain text.
    colour = console.is_terminal and not console.no_color
    console.print(quotes_table(checks, colour))
    console.print(inert_line(verdict_counts(checks)))
    return 0


def verdict_counts(checks: list[QuoteCheck]) -> str:
    """"9 quotes: 5 verbatim, 2 close, 2 not found"."""
    counts = Counter(check.verdict for check in checks)
    total = f"{len(checks)} quote{'s' if len(checks) != 1 else ''}"
    if not checks:
        return f"{total}: no direct quote of four words or more in these sources"
    return f"{total}: {counts[VERBATIM]} verbatim, {counts[CLOSE]} close, {counts[ABSENT]} not found"


def inert_line(text: str) -> Text:
    from liveline.timeline.render import inert

    return inert(text)


def diff_text(diff: list[tuple[str, str]], colour: bool) -> Text:
    """The record's wording with the quote's changes: coloured (record-only words red and
    struck, quote-only words green) or marked [-record-]{+quote+}."""
    from rich.text import Text

    from liveline.timeline.record_quotes import diff_marked
    from liveline.timeline.text import strip_controls

    if not colour:
        return Text(strip_controls(diff_marked(diff)))
    out = Text()
    for op, pairs in groupby(diff, key=lambda pair: pair[0]):
        if out:
            out.append(" ")
        words = strip_controls(" ".join(word for _, word in pairs))
        out.append(words, "" if op == "=" else "strike red" if op == "-" else "bold green")
    return out


def quotes_table(checks: list[QuoteCheck], colour: bool) -> Table:
    from rich.table import Table
    from rich.text import Text

    from liveline.timeline.render import inert, outlet_badge

    table = Table(title="Quotes checked against the record", title_justify="left")
    table.add_column("speaker", ratio=2, overflow="fold")
    table.add_column("outlet", ratio=2, overflow="fold")
    table.add_column("time", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    # Quotes and the record's words are folded, never cut: a word left out would change what was said.
    table.add_column("quote", ratio=4, overflow="fold")
    table.add_column("record", ratio=4, overflow="fold")
    for check in checks:
        if check.verdict == ABSENT:
            record = inert("—", "dim")
        elif check.verdict == "close":
            record = diff_text(check.diff, colour)
        else:
            record = inert(check.record, "dim")  # the same words as the quote: the eye goes to the others
        if check.record_speaker:
            whose = f"in {check.record_speaker}'s words" if check.other_speaker else check.record_speaker
            record = Text("\n").join([record, inert(f"— {whose}", "bold" if check.other_speaker else "dim")])
        table.add_row(
            inert(check.speakers or "?"), outlet_badge(check.outlet), inert(check.time),
            inert(VERDICT_WORDS[check.verdict], _VERDICT_STYLE[check.verdict]), inert(f"“{check.quote}”"), record,
        )
    return table
