"""Exporting the view from the reader: where to write it asked first, with a name proposed
from the story and the filters that no file has yet; a file that exists is replaced only
when its name is given twice. A long export is written by a worker thread, with its own
connection, while the reader stays usable; the reader says when it is done."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils
from textual.app import App
from textual.worker import get_current_worker

from liveline.timeline.connections import own_connection
from liveline.timeline.errors import LivelineError
from liveline.timeline.view import View
from liveline.tui.pickers.prompt_screen import PromptScreen

Tell = Callable[..., None]

# Timelines up to this many entries are exported at once on the reader's thread: the
# example's 300 take a few ms, and 2,000 about 50 ms (50k paragraphs: 1.1 s of CPU), a
# pause nobody notices. Past it, a worker thread writes while the reader stays usable.
AT_ONCE_ENTRIES = 2_000


def unused(path: Path) -> Path:
    """`path`, else the first of path-2, path-3, ... that does not exist: a second export of
    the same view never replaces the first unasked."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_stem(f"{path.stem}-{number}")
    return candidate


def ask_and_export(
    app: App[Any], db: sqlite_utils.Database, db_path: Path, view: View, entries: int, folder: Path, tell: Tell,
    story_ids: Sequence[int] = (),
) -> None:
    """Ask where, then write the view there (a name ending .json writes JSON); the name
    proposed is of the stories the view shows (`story_ids`; none: the timeline's first).
    `entries` is how many the view shows, `db_path` the timeline's file (a worker's own
    connection opens it)."""
    from liveline.timeline.export import proposed_name, story_title

    def chosen(target: str | None, confirmed: str | None = None) -> None:
        if not target:
            return
        path = Path(target).expanduser()
        if path.exists() and target != confirmed:
            app.push_screen(PromptScreen("That file exists: enter replaces it, esc keeps it", value=target),
                            lambda again: chosen(again, confirmed=target))
            return
        fmt = "json" if path.suffix.lower() == ".json" else "markdown"
        if entries <= AT_ONCE_ENTRIES:
            try:
                tell(_export(db, view, fmt, path))
            except LivelineError as exc:
                tell(str(exc), severity="error")
            return
        tell(f"exporting the view to {path}…")
        app.run_worker(lambda: _export_in_thread(app, db_path, view, fmt, path, tell),
                       name="export", group="export", thread=True)

    proposed = unused(folder / proposed_name(story_title(db, story_ids), view, "markdown"))
    app.push_screen(PromptScreen("Export the view to (.md, or .json)", str(proposed), value=str(proposed)), chosen)


def _export(db: sqlite_utils.Database, view: View, fmt: str, path: Path, stop: Callable[[], bool] = lambda: False) -> str:
    """Write the view (LivelineError: "cannot write ..."); what to tell the reader."""
    from liveline.timeline.export import build, write_document

    document = build(db, view)
    written = write_document(document, fmt, path, stop)
    return f"wrote {document.count} entries to {written}"


def _export_in_thread(app: App[Any], file: Path, view: View, fmt: str, path: Path, tell: Tell) -> None:
    from liveline.timeline.export import ExportStopped

    worker = get_current_worker()
    severity = "information"
    try:
        with own_connection(file) as db:  # SQLite connections stay in the thread that opened them
            said = _export(db, view, fmt, path, stop=lambda: worker.is_cancelled)
    except ExportStopped:
        return  # the reader is closing: nothing is written, and nobody to tell
    except (LivelineError, sqlite3.Error) as exc:
        said, severity = str(exc), "error"
    if not worker.is_cancelled:
        app.call_from_thread(tell, said, severity=severity)
