"""Help: every key and what it does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("liveline keys\n\n", style="bold")
        for keys, what in self.rows:
            text.append(f"{keys:>12}  ", style="bold")
            text.append(f"{what}\n")
        text.append("\nEvery action is also in the command palette (ctrl+p).", style="dim")
        with VerticalScroll(id="help"):
            yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)
