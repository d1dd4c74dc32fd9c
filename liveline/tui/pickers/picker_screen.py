"""The picker: choose one or several speakers or outlets, narrowing by typing."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList
from textual.widgets.selection_list import Selection

from liveline.timeline.render import inert


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
