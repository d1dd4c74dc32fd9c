"""Help as text laid out for a width: keys in groups with their meaning in an aligned
column, then the legend of time marks. Plain Rich text, so it is read and tested without
a screen."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

HelpGroups = Sequence[tuple[str, Sequence[tuple[str, str]]]]

# What a time mark means (README "Time marks"), shown under the keys.
TIME_MARKS = (
    ("16:25", "the page stated this time"),
    ("≤16:25", "published no later than this"),
    ("≥15:10", "published no earlier than this"),
    ("≈16:20", "borrowed from another outlet's report (or the record) of the same event"),
    ("--:--", "unknown"),
    ("??:??", "the timeline holds a time that is no time"),
)
ZONE_NOTE = (
    "Times are shown in the zone the status line names, UK time (GMT/BST) at first; "
    "z switches between UK, UTC, your local zone and the page's own zone."
)
CLOSING = "esc closes"  # said in the first line: the palette note is a screen or two down
PALETTE_NOTE = "Every action is also in the command palette (^p). j and k scroll this; esc, ? or q close it."

# Between a key and what it does: two cells, so keys of one and of ten cells both read
# as a column.
GAP = 2
# Past this the meaning wraps under itself rather than running on: a key column that
# leaves less would put a word or two a line.
MIN_MEANING = 16


def _rows(rows: Sequence[tuple[str, str]], width: int, label_width: int) -> Text:
    """Each (label, meaning) on its lines: the label in its column, the meaning wrapped
    beside it with its continuation lines under its first."""
    meaning_width = max(MIN_MEANING, width - label_width - GAP)
    out = Text()
    for label, meaning in rows:
        lines = textwrap.wrap(meaning, meaning_width) or [""]
        out.append(label + " " * (label_width - cell_len(label) + GAP), style="bold")
        out.append(lines[0] + "\n")
        for line in lines[1:]:
            out.append(" " * (label_width + GAP) + line + "\n")
    return out


def _paragraph(text: str, width: int, style: str = "") -> Text:
    return Text("\n".join(textwrap.wrap(text, width)) + "\n", style=style)


def _label_width(groups: HelpGroups) -> int:
    return max((cell_len(label) for _, rows in groups for label, _ in rows), default=0)


def help_text(groups: HelpGroups, width: int) -> Text:
    """Every key by group, the time marks and the zone, laid out to `width` cells."""
    label_width = _label_width(groups)
    out = Text()
    out.append("liveline keys", style="bold")
    out.append(f" · {CLOSING}\n", style="dim")
    for group, rows in groups:
        out.append(f"\n{group}\n", style="bold underline")
        out.append_text(_rows(rows, width, label_width))
    out.append("\nTime marks\n", style="bold underline")
    out.append_text(_rows(TIME_MARKS, width, max(cell_len(mark) for mark, _ in TIME_MARKS)))
    out.append_text(_paragraph(ZONE_NOTE, width))
    out.append("\n")
    out.append_text(_paragraph(PALETTE_NOTE, width, "dim"))
    out.rstrip()
    return out


def natural_width(groups: HelpGroups) -> int:
    """The width help takes when nothing wraps."""
    longest = max((cell_len(meaning) for _, rows in groups for _, meaning in rows), default=0)
    return max(_label_width(groups) + GAP + longest, max(cell_len(m) + GAP + cell_len(t) for m, t in TIME_MARKS))
