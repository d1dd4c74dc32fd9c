"""One event's wordings grouped by outlet, and as plain text to copy. No Textual here: the
compare screen lays these out, and the reader's copy key writes them."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from liveline.timeline.text import strip_controls

Wording = tuple[str, str, str]  # (outlet, speakers, text)


def by_outlet(wordings: Iterable[Wording]) -> dict[str, list[tuple[str, str]]]:
    """Each outlet's (speakers, text) in reading order, outlets in the order first heard."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for outlet, speakers, text in wordings:
        grouped.setdefault(outlet, []).append((speakers, text))
    return grouped


def by_outlet_marked(
    wordings: Iterable[Wording], marks: Sequence[Sequence[str]] | None
) -> dict[str, list[tuple[str, str, list[str]]]]:
    """As by_outlet, each report with its record marks (liveline.timeline.record_quotes.record_marks:
    one list per wording, in the same order; none when not given or not matching in number)."""
    wordings = list(wordings)
    if marks is None or len(marks) != len(wordings):
        marks = [[] for _ in wordings]
    grouped: dict[str, list[tuple[str, str, list[str]]]] = {}
    for (outlet, speakers, text), lines in zip(wordings, marks, strict=True):
        grouped.setdefault(outlet, []).append((speakers, text, list(lines)))
    return grouped


def wordings_text(title: str, wordings: Iterable[Wording]) -> str:
    """The event as plain text: its title, then a block per outlet whose every paragraph
    reads "Outlet — Speaker: text", so a pasted line still says who reported whom."""
    blocks = [title]
    for outlet, reports in by_outlet(wordings).items():
        lines = [f"{outlet} — {speakers}: {text}" if speakers else f"{outlet} — {text}" for speakers, text in reports]
        blocks.append("\n".join(lines))
    return strip_controls("\n\n".join(blocks))


def clamp_lines(text: str, width: int, lines: int) -> str:
    """`text` wrapped to `width`, at most `lines` lines, the last ending in "…" when cut."""
    wrapped = textwrap.wrap(" ".join(text.split()), max(1, width)) or [""]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    kept[-1] = (last if len(last) < width else last[: max(0, width - 1)].rsplit(" ", 1)[0]) + "…"
    return "\n".join(kept)
