"""Rich renderings of the timeline for the terminal: source and post tables, the printed timeline.

Source text is always wrapped in rich.text.Text, never parsed as markup, so a post
containing "[bold]" or "[link=...]" shows literally.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from rich.console import RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from liveline.timeline.marks import day_heading, event_mark, time_mark
from liveline.timeline.queries import Entry, removed_note
from liveline.timeline.text import strip_controls

# Distinct, readable on dark and light terminals; an outlet keeps its colour across runs.
_PALETTE = ["dodger_blue2", "dark_orange", "green3", "magenta", "gold3", "cyan", "orchid", "spring_green3"]


def outlet_colour(outlet: str) -> str:
    return _PALETTE[zlib.crc32(outlet.encode("utf-8")) % len(_PALETTE)]


def inert(text: str | None, style: str = "") -> Text:
    """Untrusted text as a Text: no markup parsing, no terminal control sequences."""
    return Text(strip_controls(text or ""), style=style)


def outlet_badge(outlet: str, reverse: bool = False) -> Text:
    """An outlet's name in its colour, shown as written; reversed, with a space each side."""
    colour = outlet_colour(outlet)
    return inert(f" {outlet} ", f"reverse {colour}") if reverse else inert(outlet, colour)


def removed_badge(removed_at: str | None) -> Text | None:
    """"removed 16:52" for a post its outlet took off the page (kept, and shown as such)."""
    note = removed_note(removed_at)
    return inert(note, "bold red") if note else None


def first_words(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def sources_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Sources", title_justify="left")
    table.add_column("id", justify="right")
    table.add_column("outlet", min_width=12)
    for column in ("kind", "date", "order"):
        table.add_column(column, no_wrap=True)
    for column in ("posts", "paras", "stated"):
        table.add_column(column, justify="right", no_wrap=True)
    # The story column only where there is a choice: a one-story timeline's table stays as it was.
    several = len({row.get("story") for row in rows}) > 1
    if several:
        table.add_column("story", max_width=30)
    for row in rows:
        order = row["order"].split("_")[0]  # newest | oldest | article
        if row["order_basis"] not in ("manifest", "article"):
            order += f" ({row['order_basis']})"
        table.add_row(
            inert(str(row["id"])), outlet_badge(row["outlet"]), inert(row["kind"]), inert(row["date"]),
            inert(order), *(inert(str(row[c])) for c in ("posts", "paragraphs", "stated")),
            *([inert(row.get("story"))] if several else []),
        )
    return table


def stories_table(rows: list[dict[str, Any]]) -> Table:
    """`liveline stories`: what --story takes, and what each story holds."""
    table = Table(title="Stories", title_justify="left")
    table.add_column("name", overflow="fold")  # what --story takes: shown whole, if folded
    table.add_column("dates", no_wrap=True)
    table.add_column("outlets", min_width=16)
    for column in ("posts", "people"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in rows:
        first, last = row["first_date"] or "", row["last_date"] or ""
        # The last date without the year it shares with the first: narrow enough for 80 columns.
        dates = first if first == last else f"{first} – {last[5:] if last[:4] == first[:4] else last}"
        table.add_row(
            inert(row["name"]), inert(dates), inert(", ".join(row["outlets"])), inert(str(row["posts"])), inert(str(row["people"]))
        )
    return table


def posts_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Posts", title_justify="left")
    table.add_column("time", no_wrap=True)
    table.add_column("outlet", max_width=16)
    table.add_column("headline / author", ratio=2)
    table.add_column("first words", ratio=3)
    for row in rows:
        mark = time_mark(row["stated_at"], row["not_before"], row["not_after"])
        heading = inert(first_words(row["headline"], 50))
        if row["author"]:
            byline = inert(f"{row['author']}" + (f", {row['author_role']}" if row["author_role"] else ""))
            byline.stylize("italic")
            heading = Text("\n").join([heading, byline]) if row["headline"] else byline
        if row["kind"] != "post":
            heading = Text.assemble(inert(f"[{row['kind'].replace('_', ' ')}] ", "dim"), heading)
        if row["pinned"]:
            heading = Text.assemble(("pinned ", "bold yellow"), heading)
        removed = removed_badge(row.get("removed_at"))
        if removed:
            heading = Text("\n").join([heading, removed]) if heading.plain else removed
        table.add_row(Text(mark), outlet_badge(row["outlet"]), heading, inert(first_words(row["first_text"])))
    return table


# A speaker's aliases past this many are left out ("…, +3 more"): the row stays a few
# lines tall in an 80-column terminal, and the first aliases are the ones most seen.
ALIASES_SHOWN = 6


def aliases_seen(name: str | None, aliases: Iterable[str]) -> str:
    """The names a speaker was seen under, other than their own, each spelling once
    whatever its case, the list cut with "…" past ALIASES_SHOWN."""
    own = (name or "").casefold()
    seen: dict[str, str] = {}
    for alias in aliases:
        if alias.casefold() != own:
            seen.setdefault(alias.casefold(), alias)
    shown = list(seen.values())
    if len(shown) <= ALIASES_SHOWN:
        return ", ".join(shown)
    return ", ".join(shown[:ALIASES_SHOWN]) + f", … +{len(shown) - ALIASES_SHOWN} more"


def speakers_table(rows: list[dict[str, Any]]) -> Table:
    """Every speaker, one row each. Columns share the width by ratio and wrap (a word too
    long for its column ends in "…"), so the table keeps its border at 60 columns and up."""
    table = Table(title="Speakers", title_justify="left")
    for column in ("name", "role"):
        table.add_column(column, ratio=3, overflow="ellipsis")
    table.add_column("kind", overflow="ellipsis")
    table.add_column("paras", justify="right", no_wrap=True)
    table.add_column("outlets", ratio=3, overflow="ellipsis")
    table.add_column("aliases seen", ratio=4, overflow="ellipsis")
    # People of several stories: the same name may be a row in each (`speakers --all` joins them).
    several = len({row.get("story") for row in rows}) > 1
    if several:
        table.add_column("story", ratio=3, overflow="fold")
    for row in rows:
        table.add_row(
            inert(row["name"]), inert(row["role"]), inert(row["kind"]), inert(str(row["paragraphs"])),
            inert((row["outlets"] or "").replace(",", ", ")), inert(aliases_seen(row["name"], row["aliases"])),
            *([inert(row.get("story"))] if several else []),
        )
    return table


def people_across_table(rows: list[dict[str, Any]]) -> Table:
    """Every person across the stories, one row each (a person linked across stories
    once): their roles and stories oldest first, paragraphs summed, outlets."""
    table = Table(title="Speakers across stories", title_justify="left")
    table.add_column("name", ratio=3, overflow="ellipsis")
    table.add_column("roles", ratio=3, overflow="ellipsis")
    table.add_column("kind", overflow="ellipsis")
    table.add_column("paras", justify="right", no_wrap=True)
    table.add_column("stories", ratio=4, overflow="ellipsis")
    table.add_column("outlets", ratio=3, overflow="ellipsis")
    for row in rows:
        table.add_row(
            inert(row["name"]), inert("; ".join(row["roles"])), inert(row["kind"]), inert(str(row["paragraphs"])),
            inert(", ".join(row["stories"])), inert(", ".join(row["outlets"])),
        )
    return table


def _entries_table(title: str, outlets: str, text: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("time", no_wrap=True)
    table.add_column(outlets, ratio=1, min_width=12)
    table.add_column("speaker", max_width=18)
    table.add_column(text, ratio=3)
    return table


def events_table(rows: list[dict[str, Any]]) -> Table:
    table = _entries_table("Events", "outlets", "representative text")
    for row in rows:
        mark = event_mark(row["best_at"], row["basis"])
        outlets = ", ".join(sorted((row["outlets"] or "").split(",")))
        table.add_row(
            inert(f"{row['date'][5:]} {mark}"), inert(f"{row['n_sources']}: {outlets}"),
            inert(row["speakers"]), inert(first_words(row["representative"], 160)),
        )
    return table


def merged_table(entries: Iterable[Entry]) -> Table:
    table = _entries_table("Timeline (merged: one entry per event)", "outlet(s)", "text")
    for entry in entries:
        outlets = entry.event_outlets or entry.outlet
        text = inert(first_words(entry.text, 160))
        removed = removed_badge(entry.removed_at)
        if removed:
            text = Text.assemble(removed, " ", text)
        table.add_row(Text(entry.mark), inert(outlets), inert(entry.speakers), text)
    return table


def timeline_renderables(entries: Iterable[Entry]) -> Iterator[RenderableType]:
    """The timeline as printed output: a rule per day, a heading per post, its paragraphs indented."""
    day = None
    post = None
    for entry in entries:
        if entry.date != day:
            day = entry.date
            yield Rule(inert(day_heading(day)), style="bright_black")
        if entry.post_id != post:
            post = entry.post_id
            mark = entry.mark
            heading = Text.assemble((f"{mark:>6} ", "bold"), outlet_badge(entry.outlet, reverse=True), " ")
            if entry.headline:
                headline = inert(entry.headline)
                headline.stylize("bold")
                heading.append_text(headline)
            if entry.author:
                role = f", {entry.author_role}" if entry.author_role else ""
                byline = Text.assemble(" — ", inert(entry.author + role))
                byline.stylize("italic")
                heading.append_text(byline)
            removed = removed_badge(entry.removed_at)
            if removed:
                heading.append_text(Text.assemble("  ", removed))
            yield Text("")
            yield heading
        if entry.part == "body":
            line = inert(entry.text)
            if entry.speakers:
                line = Text.assemble(inert(entry.speakers, "bold"), ": ", line)
            yield Padding(line, (0, 0, 0, 8))

