"""Modal screens: a picker (speakers, outlets), a one-line prompt, an opened event, help."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from liveline.timeline.render import inert, outlet_badge


class PickerScreen(ModalScreen[list[str]]):
    """Type to narrow, space to toggle several, enter to apply, escape to cancel."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("enter", "apply", "Apply", priority=True, id="picker.apply"),
    ]

    def __init__(self, title: str, options: list[tuple[str, str, int]], chosen: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options  # (label, value, count)
        self.chosen = list(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(self.title_text, id="picker-title")
            yield Input(placeholder="type to narrow", id="picker-filter")
            yield SelectionList(*self._selections(""), id="picker-list")
            yield Label("space toggles · enter applies · esc cancels", id="picker-help")

    def _selections(self, narrow: str) -> list[Selection[str]]:
        narrow = narrow.lower()
        return [
            # Labels are names from the sources: text, never markup (`[/bold]`, `[@click=...]`).
            Selection(inert(f"{label}  ({count})"), value, value in self.chosen)
            for label, value, count in self.options
            if narrow in label.lower()
        ]

    def on_input_changed(self, event: Input.Changed) -> None:
        listing = self.query_one(SelectionList)
        # A highlight message still queued when the next keystroke rebuilds the list names
        # an option that is gone, and SelectionList fails reading it: send none from here.
        with listing.prevent(OptionList.OptionHighlighted):
            listing.clear_options()
            listing.add_options(self._selections(event.value))
            if listing.option_count:
                listing.highlighted = 0

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        value = event.selection.value
        if value in self.chosen:
            self.chosen.remove(value)
        else:
            self.chosen.append(value)

    def on_key(self, event: events.Key) -> None:
        # Typing goes to the filter even while the list has focus; space stays a toggle.
        field = self.query_one(Input)
        if event.character and event.character.isprintable() and event.character != " " and not field.has_focus:
            field.focus()

    def action_apply(self) -> None:
        # Nothing toggled: enter takes the highlighted one ("philp", enter). Typed fast, the
        # enter can arrive before the list has narrowed, so the filter text decides.
        if not self.chosen:
            narrow = self.query_one(Input).value.lower()
            matching = [value for label, value, _ in self.options if narrow in label.lower()]
            listing = self.query_one(SelectionList)
            highlighted = (
                listing.get_option_at_index(listing.highlighted).value
                if listing.highlighted is not None and listing.option_count else None
            )
            if highlighted in matching:
                self.chosen = [highlighted]
            elif matching:
                self.chosen = [matching[0]]
        self.dismiss(self.chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """One line of input: a search, a time to jump to."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.question, self.placeholder = question, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(self.question)
            yield Input(placeholder=self.placeholder)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


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
