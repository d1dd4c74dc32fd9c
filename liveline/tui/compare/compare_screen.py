"""An event opened: every outlet's wording of it, to compare."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from liveline.timeline.render import inert, outlet_badge
from liveline.tui.compare.wordings_text import Wording, by_outlet_marked, clamp_lines
from liveline.tui.scrolling_modal import ScrollingModal

# The narrowest outlet column, its rule and padding included: 31 cells of text, five or
# six words a line, about a newspaper column, and room for the longest outlet badge of the
# examples (" Report C (machine-translated) "). Narrower, lines break after a word or two,
# so the outlets stack one above the other instead.
MIN_COLUMN = 34
# Cells of the screen the box does not get: the screen's padding (2 + 2) and the box's
# border (1 + 1).
BOX_CHROME = 6
# The title is the event's label (up to ~120 characters): two lines keep most of it and
# leave the rest of the box to the wordings.
TITLE_LINES = 2
KEYS_HINT = "tab next outlet · esc close"
# A record mark's colour by its first character (liveline.timeline.record_quotes.mark_line;
# "~" for close, as "≈" already marks a borrowed time):
# verbatim, close, not found.
MARK_STYLES = {"✓": "green", "~": "yellow", "✗": "red"}


class EventScreen(ScrollingModal):
    """Every outlet's wording of one event: side by side when each outlet has a readable
    column, else one outlet above the other in one scroll."""

    DEFAULT_CSS = """
    EventScreen {
        align: center middle;
        padding: 1 2;
    }
    #event-box {
        width: 100%;
        height: 100%;
        border: round $accent;
        background: $surface;
    }
    #event-heading {
        padding: 0 1;
        text-style: bold;
    }
    #event-outlets {
        padding: 0 1;
        border-bottom: solid $panel-lighten-2;
    }
    #event-columns {
        height: 1fr;
    }
    #event-columns > .wording {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        border-left: solid $panel-lighten-2;
        scrollbar-size-vertical: 1;
    }
    #event-columns > .wording:first-of-type {
        border-left: none;
    }
    #event-stack {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    #event-stack > .wording {
        height: auto;
        margin-bottom: 1;
    }
    .report {
        margin-bottom: 1;
    }
    .report.marked {
        margin-bottom: 0;
    }
    .record-marks {
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="event.close"),
        Binding("tab", "next_outlet(1)", "Next outlet", show=False),
        Binding("shift+tab", "next_outlet(-1)", "Previous outlet", show=False),
    ]

    def __init__(self, title: str, wordings: list[Wording], marks: list[list[str]] | None = None) -> None:
        """`marks`: for each wording, its quotes' record marks (record_quotes.record_marks)."""
        super().__init__()
        self.title_text = title
        self.wordings = wordings  # (outlet, speakers, text)
        # An exchange or a long statement has many reports: one column or block per outlet,
        # its paragraphs in reading order, each with whether its quotes are in the record.
        self.outlets = by_outlet_marked(wordings, marks)
        self.side_by_side = False  # laid out for the screen's width in compose
        self.outlet_shown = 0

    def _columns_fit(self, screen_width: int) -> bool:
        return (screen_width - BOX_CHROME) // max(1, len(self.outlets)) >= MIN_COLUMN

    def _heading(self, screen_width: int) -> str:
        return clamp_lines(self.title_text, screen_width - BOX_CHROME - 2, TITLE_LINES)

    def _badges(self, screen_width: int) -> Text:
        """The outlets' badges, a line broken between badges, never inside one."""
        width = screen_width - BOX_CHROME - 2
        out, line = Text(), 0
        for outlet in self.outlets:
            badge = outlet_badge(outlet, reverse=True)
            if line and line + 1 + badge.cell_len > width:
                out.append("\n")
                line = 0
            elif line:
                out.append(" ")
                line += 1
            out.append_text(badge)
            line += badge.cell_len
        return out

    def compose(self) -> ComposeResult:
        self.side_by_side = self._columns_fit(self.app.size.width)
        with Vertical(id="event-box") as box:
            box.border_subtitle = KEYS_HINT
            yield Static(inert(self._heading(self.app.size.width)), id="event-heading")
            # Every outlet named at the top, however far down a stacked one starts.
            yield Static(self._badges(self.app.size.width), id="event-outlets")
            if self.side_by_side:
                with Horizontal(id="event-columns"):
                    for outlet, reports in self.outlets.items():
                        with VerticalScroll(classes="wording"):
                            yield from self._wording(outlet, reports)
            else:
                with VerticalScroll(id="event-stack"):
                    for outlet, reports in self.outlets.items():
                        with Vertical(classes="wording"):
                            yield from self._wording(outlet, reports)

    @staticmethod
    def _wording(outlet: str, reports: list[tuple[str, str, list[str]]]) -> ComposeResult:
        yield Static(outlet_badge(outlet, reverse=True), classes="outlet")
        shown = None
        for speakers, text, marks in reports:
            if speakers and speakers != shown:
                yield Static(inert(speakers, "bold"), classes="speakers")
            shown = speakers
            yield Static(inert(text), classes="report" if not marks else "report marked")
            if marks:
                lines = [inert(line, MARK_STYLES.get(line[:1], "")) for line in marks]
                yield Static(Text("\n").join(lines), classes="record-marks")

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#event-heading", Static).update(inert(self._heading(event.size.width)))
        self.query_one("#event-outlets", Static).update(self._badges(event.size.width))
        if self._columns_fit(event.size.width) != self.side_by_side:
            self.refresh(recompose=True)

    def scroller(self) -> Widget:
        """What the scroll keys move: the column in focus, or the one scroll of stacked outlets."""
        if not self.side_by_side:
            return self.query_one("#event-stack")
        columns = list(self.query(".wording"))
        return self.focused if self.focused in columns else columns[0]

    def action_next_outlet(self, step: int) -> None:
        """Tab: the next outlet's column takes the scroll keys, or its block comes to the top."""
        blocks = list(self.query(".wording"))
        self.outlet_shown = (self.outlet_shown + step) % len(blocks)
        block = blocks[self.outlet_shown]
        if self.side_by_side:
            block.focus()
        else:
            self.query_one("#event-stack").scroll_to_widget(block, top=True, animate=False)
