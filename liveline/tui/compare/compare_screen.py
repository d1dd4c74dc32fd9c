"""An event opened: every outlet's wording of it, to compare."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from liveline.timeline.render import inert, outlet_badge


class EventScreen(ModalScreen[None]):
    """Every outlet's wording of one event, side by side."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="event.close")]

    def __init__(self, title: str, wordings: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.wordings = wordings  # (outlet, speakers, text)

    def compose(self) -> ComposeResult:
        # One column per outlet, its paragraphs in reading order: an exchange or a long
        # statement has many reports, and a column each would leave a few letters a line.
        by_outlet: dict[str, list[tuple[str, str]]] = {}
        for outlet, speakers, text in self.wordings:
            by_outlet.setdefault(outlet, []).append((speakers, text))
        with Vertical(id="event"):
            yield Label(inert(self.title_text), id="event-title")
            with HorizontalScroll(id="event-columns"):
                for outlet, reports in by_outlet.items():
                    with VerticalScroll(classes="wording"):
                        yield Static(outlet_badge(outlet, reverse=True))
                        shown = None
                        for speakers, text in reports:
                            if speakers and speakers != shown:
                                yield Static(inert(speakers, "bold"))
                            shown = speakers
                            yield Static(inert(text), classes="report")

    def on_resize(self) -> None:
        # Columns share the width; past MIN_COLUMN each keeps a readable width and the row
        # scrolls sideways instead.
        row = self.query_one("#event-columns")
        columns = row.query(".wording")
        if columns and row.size.width:
            width = max(MIN_COLUMN, row.size.width // len(columns))
            for column in columns:
                column.styles.width = width

    def action_close(self) -> None:
        self.dismiss(None)


MIN_COLUMN = 32
