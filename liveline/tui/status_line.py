"""The status line: the view as chips (a click on one runs `app.chip`), the search, the
news, how many entries, where the cursor is, and the zone times read in."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from liveline.timeline.render import inert
from liveline.timeline.view import View

_NEWS = "reverse green"
_FLASH = "reverse bold yellow on red"
_FOLLOWING = "reverse cyan"


@dataclass(frozen=True)
class Status:
    view: View
    names: dict[str, list[str]]  # the stories, speakers and outlets the view's words resolved to
    search: str | None
    matches: int | None  # None while they are counted
    following: bool
    news: str | None  # the news chip's words ("2 new (u)")
    flashing: bool  # a watched speaker was just heard
    count: int
    cursor: int
    zone: str  # the zone's label ("UK time (GMT)")


# The chips of modes rather than filters: the first to go from a narrow line.
MODE_FIELDS = ("merged", "newest_first")
# A chip cut shorter than this says nothing of what it filters ("speaker Y…" at least).
SHORTEST_CHIP = 12


def chip(words: str, fields: str, style: str) -> Text:
    """A chip: the words as written (names from the sources are never markup); a click on it
    runs `chip` for its fields."""
    text = inert(f" {words} ", style)
    text.stylize(Style(meta={"@click": f"app.chip({fields!r})"}))
    return text


def status_text(status: Status, width: int) -> Text:
    """The line at `width` cells: the chips on the left, the count, the cursor's place and
    the zone on the right, always whole. Short of room, the mode chips (merged/raw, order:
    help and the footer say them too) go first, then the rest is cut with "…"."""
    right = Text(f"{status.count:,} {'entry' if status.count == 1 else 'entries'}", style="bold")
    if status.count:
        right.append(f" · {status.cursor + 1:,}", style="dim")
    # Which clock the marks read: a page written in Paris shows its 16:56 as 15:56 UK time.
    right.append(" · ", style="dim")
    right.append_text(chip(status.zone, "zone", "bold"))
    modes: list[Text] = []
    kept: list[Text] = []
    for fields, words in status.view.chips(status.names):
        (modes if fields in MODE_FIELDS else kept).append(chip(words, fields, "reverse"))
    if status.search:
        counted = "…" if status.matches is None else str(status.matches)
        kept.append(chip(f"/{status.search} {counted} matches", "search", "reverse yellow"))
    if status.following:
        kept.append(Text(" following (F) ", style=_FOLLOWING))
    if status.news:
        kept.append(Text(status.news, style=_FLASH if status.flashing else _NEWS))
    room = width - right.cell_len - 1
    chips = kept + modes
    while modes and sum(c.cell_len + 1 for c in chips) - 1 > room:
        chips.remove(modes.pop())  # the order goes first, then merged/raw
    # Still too long: the widest chip (a list of names, as a rule) is cut first, so a
    # search or a short filter stays whole.
    while (over := sum(c.cell_len + 1 for c in chips) - 1 - room) > 0:
        widest = max(chips, key=lambda c: c.cell_len)
        if widest.cell_len <= SHORTEST_CHIP:
            break
        widest.truncate(max(widest.cell_len - over, SHORTEST_CHIP), overflow="ellipsis")
    left = Text(" ").join(chips)
    if left.cell_len > room:
        left.truncate(max(room, 0), overflow="ellipsis")
    return Text.assemble(left, " " * max(width - left.cell_len - right.cell_len, 1), right)
