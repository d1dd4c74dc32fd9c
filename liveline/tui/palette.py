"""The command palette's commands: every reader key once, titled by what it does, its key
in the help line; and Textual's own commands, less those the reader gives itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from textual.app import App, SystemCommand
from textual.markup import escape
from textual.widget import Widget

from liveline.tui.keys import DETAILS, KEYS, MOVES, key_label

# Textual's commands a reader of the timeline is better without: "Keys" docks a panel of
# widget keys (scroll left, focus next) that help says better and esc does not close, and
# "Screenshot" writes an SVG into the home folder.
_LEFT_OUT = frozenset({"Keys", "Screenshot"})


def _help(ident: str, text: str, keys: str) -> str:
    # The palette reads help as markup: "[" and "]" are keys here, not tags.
    return escape(f"{DETAILS.get(ident, text)} — {key_label(keys, ', ')}")


def reader_commands(builtin: Iterable[SystemCommand], app: App[Any], timeline: Widget) -> Iterator[SystemCommand]:
    """Textual's commands (`builtin`, from App.get_system_commands) and the reader's: moves
    run on the timeline widget, the rest on the app. A title the reader gives (Quit) is
    Textual's no more, so each command shows once."""
    ours: list[tuple[str, str, str, str, App[Any] | Widget]]
    ours = [(keys, action, text, ident, timeline) for keys, action, text, _, ident in MOVES]
    ours += [(keys, action, text, ident, app) for keys, action, text, _, ident in KEYS]
    titles = {text for _, _, text, _, _ in ours}
    yield from (command for command in builtin if command.title not in titles | _LEFT_OUT)
    for keys, action, text, ident, target in ours:
        yield SystemCommand(text, _help(ident, text, keys), lambda a=action, t=target: t.run_action(a))
