"""Exporting the view from the reader: where to write it asked first, with a name proposed
from the story and the filters that no file has yet; a file that exists is replaced only
when its name is given twice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils
from textual.app import App

from liveline.timeline.errors import LivelineError
from liveline.timeline.view import View
from liveline.tui.pickers.prompt_screen import PromptScreen

Tell = Callable[..., None]


def unused(path: Path) -> Path:
    """`path`, else the first of path-2, path-3, ... that does not exist: a second export of
    the same view never replaces the first unasked."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_stem(f"{path.stem}-{number}")
    return candidate


def ask_and_export(
    app: App[Any], db: sqlite_utils.Database, view: View, folder: Path, tell: Tell, story_ids: Sequence[int] = ()
) -> None:
    """Ask where, then write the view there (a name ending .json writes JSON); the name
    proposed is of the stories the view shows (`story_ids`; none: the timeline's first)."""
    from liveline.timeline.export import build, proposed_name, story_title, to_json, to_markdown, write

    def chosen(target: str | None, confirmed: str | None = None) -> None:
        if not target:
            return
        path = Path(target).expanduser()
        if path.exists() and target != confirmed:
            app.push_screen(PromptScreen("That file exists: enter replaces it, esc keeps it", value=target),
                            lambda again: chosen(again, confirmed=target))
            return
        document = build(db, view)
        text = to_json(document) if path.suffix.lower() == ".json" else to_markdown(document)
        try:
            written = write(text, path)
        except LivelineError as exc:
            tell(str(exc), severity="error")
            return
        tell(f"wrote {document.count} entries to {written}")

    proposed = unused(folder / proposed_name(story_title(db, story_ids), view, "markdown"))
    app.push_screen(PromptScreen("Export the view to (.md, or .json)", str(proposed), value=str(proposed)), chosen)
