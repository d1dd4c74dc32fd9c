"""Help: every key and what it does, and what the time marks mean."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from liveline.tui.help.help_text import HelpGroups, help_text, natural_width
from liveline.tui.keys import help_groups
from liveline.tui.scrolling_modal import ScrollingModal

# Cells around the text: the border (2), the padding (2) and the scrollbar (1).
CHROME = 5
# A comfortable line to read; on a wide terminal help stays a box this wide, not a banner.
READING_WIDTH = 76


class HelpScreen(ScrollingModal):
    """Help in a box that fits the terminal, from 40x10 up: its text is laid out again for
    each width, and scrolls when it is longer than the screen."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    #help-box {
        width: auto;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    #help-text {
        width: auto;
    }
    """

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, groups: HelpGroups | None = None) -> None:
        super().__init__()
        self.groups = help_groups() if groups is None else groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._laid_out(self.app.size.width), id="help-text")

    def _laid_out(self, screen_width: int) -> Text:
        return help_text(self.groups, max(1, min(natural_width(self.groups), READING_WIDTH, screen_width - CHROME)))

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#help-text", Static).update(self._laid_out(event.size.width))

    def scroller(self) -> Widget:
        return self.query_one("#help-box", VerticalScroll)
