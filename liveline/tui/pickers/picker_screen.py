"""The picker: choose one or several speakers or outlets, narrowing by typing.

The filter box keeps the focus the whole time, so every printable key (space included) is
text: a space separates words, it never toggles. The list is driven from the box: arrows move
its highlight, tab ticks, enter applies. Two hint lines say what each key does right now.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList
from textual.widgets.selection_list import Selection

from liveline.timeline.render import inert
from liveline.tui.pickers.prompt_screen import DIALOG_BOX

KEYS_HINT = "type narrows · ↑↓ move · tab ticks · esc cancels"
# Untick-all key: Input already takes ctrl+u (delete left), ctrl+x (cut), ctrl+w, ctrl+k, ctrl+a/e/d;
# the app takes ctrl+q/ctrl+p/ctrl+c, and ctrl+s is eaten by terminal flow control.
UNTICK_ALL_KEY = "ctrl+r"
# What the enter hint may name before cutting: the hint fits the box at 60 columns (54 wide,
# less border and padding), with "enter shows " in front of the name.
SHOWN_NAME_LIMIT = 36
# The box takes at most this share of the screen's rows (a margin shows the reader is still
# behind it), and the list gets what the box's border, title, filter box and hints leave:
# 8 names at 20 rows, 11 at 24. More than LIST_MOST_ROWS names is a wall to read, not a list.
BOX_SHARE, CHROME_ROWS, LIST_FEWEST_ROWS, LIST_MOST_ROWS = 0.8, 2 + 1 + 3 + 2, 3, 16


def folded(text: str) -> str:
    """Text for matching: case and accents dropped ("Éric" matches "eric")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(label: str, narrow: str) -> bool:
    """Every typed word occurs in the label, in any order ("philp chris" finds Chris Philp)."""
    haystack = folded(label)
    return all(word in haystack for word in folded(narrow).split())


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PickerList(SelectionList[str], can_focus=False):
    """The options, never focused: the filter box keeps every key, the mouse still ticks."""


class PickerScreen(ModalScreen[list[str] | None]):
    """Type to narrow, arrows to move, tab to tick several, enter to apply, escape to cancel.

    Dismisses with the chosen values, [] for "no filter" (all), or None when cancelled.
    """

    DEFAULT_CSS = f"""
    PickerScreen {{
        align: center middle;
        #picker {{ {DIALOG_BOX} }}
        #picker-title {{
            text-style: bold;
        }}
        #picker-list {{
            height: auto;  /* its max-height follows the screen's: see on_resize */
            & > .option-list--option-highlighted {{
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }}
        }}
        #picker-help, #picker-enter {{
            width: 1fr;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }}
        #picker-enter.-nothing {{
            color: $text-warning;
        }}
    }}
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        # Priority: the filter box would take these (enter submits, arrows scroll it).
        Binding("enter", "apply", "Apply", priority=True, id="picker.apply"),
        Binding("tab", "tick", "Tick", priority=True, id="picker.tick"),
        Binding(UNTICK_ALL_KEY, "untick_all", "Untick all", priority=True, id="picker.untick_all"),
        Binding("up", "move('cursor_up')", show=False, priority=True),
        Binding("down", "move('cursor_down')", show=False, priority=True),
        Binding("pageup", "move('page_up')", show=False, priority=True),
        Binding("pagedown", "move('page_down')", show=False, priority=True),
    ]

    def __init__(self, title: str, options: list[tuple[str, str, int]], chosen: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options  # (label, value, count)
        self.chosen = list(chosen)
        self.labels = {value: label for label, value, _ in options}
        # Arrows on an empty box pick a name: enter takes it rather than showing all.
        self.moved = False

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(self._title(), id="picker-title")
            yield Input(placeholder="type to narrow: a name, or part of one", id="picker-filter")
            yield PickerList(*self._selections(""), id="picker-list", compact=True)
            yield Label(Text(KEYS_HINT), id="picker-help")
            yield Label(id="picker-enter")

    def on_mount(self) -> None:
        listing = self.query_one(PickerList)
        if listing.option_count:
            listing.highlighted = 0
        self._show_state()

    def on_resize(self, event: events.Resize) -> None:
        # A max-height in % or vh is ignored inside a box of auto height, so it is set in rows.
        rows = int(event.size.height * BOX_SHARE) - CHROME_ROWS
        self.query_one(PickerList).styles.max_height = max(LIST_FEWEST_ROWS, min(LIST_MOST_ROWS, rows))

    # What is shown ------------------------------------------------------------------------
    def _title(self) -> Text:
        ticked = f" ({len(self.chosen)} ticked)" if self.chosen else ""
        return Text(f"{self.title_text}{ticked}")

    def _selections(self, narrow: str) -> list[Selection[str]]:
        return [
            # Labels are names from the sources: text, never markup (`[/bold]`, `[@click=...]`).
            Selection(inert(f"{label}  ({count})"), value, value in self.chosen)
            for label, value, count in self.options
            if matches(label, narrow)
        ]

    def _show_state(self) -> None:
        """The title's tick count and the enter line: what enter would do now, exactly."""
        self.query_one("#picker-title", Label).update(self._title())
        narrow = self.query_one(Input).value
        line = self.query_one("#picker-enter", Label)
        line.set_class(False, "-nothing")
        if self.chosen:
            ticked = f"enter shows the {len(self.chosen)} ticked"
            if narrow.strip() and self._target(narrow) is None:
                line.update(inert(f"{self._nothing(narrow)} · {ticked}"))
            else:
                line.update(Text(f"{ticked} · {UNTICK_ALL_KEY} unticks all"))
        elif not narrow.strip() and not self.moved:
            line.update(Text(f"enter shows all {self.title_text.lower()} (no filter)"))
        elif (target := self._target(narrow)) is None:
            line.set_class(True, "-nothing")
            line.update(inert(self._nothing(narrow)))
        else:
            line.update(inert(f"enter shows {cut(self.labels[target], SHOWN_NAME_LIMIT)} · tab ticks more"))

    @staticmethod
    def _nothing(narrow: str) -> str:
        return f"nothing matches {cut(narrow.strip(), SHOWN_NAME_LIMIT)!r}"

    def _target(self, narrow: str) -> str | None:
        """The one value enter takes with nothing ticked: the highlighted match, else the first.

        Typed fast, enter can arrive before the list has narrowed, so the text decides."""
        matching = [value for label, value, _ in self.options if matches(label, narrow)]
        highlighted = self._highlighted()
        if highlighted in matching:
            return highlighted
        return matching[0] if matching else None

    def _highlighted(self) -> str | None:
        listing = self.query_one(PickerList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return listing.get_option_at_index(listing.highlighted).value

    # Narrowing and ticking ----------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        listing = self.query_one(PickerList)
        keep = self._highlighted()
        self.moved = False
        # A highlight message still queued when the next keystroke rebuilds the list names
        # an option that is gone, and SelectionList fails reading it: send none from here.
        with listing.prevent(OptionList.OptionHighlighted):
            listing.clear_options()
            listing.add_options(self._selections(event.value))
            if listing.option_count:
                values = [listing.get_option_at_index(i).value for i in range(listing.option_count)]
                listing.highlighted = values.index(keep) if keep in values else 0
        self._show_state()

    def _sync_tick(self, value: str) -> None:
        """Carry the list's tick of one option into the chosen values (kept while narrowing)."""
        ticked = value in self.query_one(PickerList).selected
        if ticked and value not in self.chosen:
            self.chosen.append(value)
        elif not ticked and value in self.chosen:
            self.chosen.remove(value)
        self._show_state()

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        # A click ticks in the list; a tick queued before the list was rebuilt names an option
        # that may be gone from view, and then the chosen values already say what is ticked.
        value = event.selection.value
        listing = self.query_one(PickerList)
        if any(listing.get_option_at_index(i).value == value for i in range(listing.option_count)):
            self._sync_tick(value)

    def action_tick(self) -> None:
        listing = self.query_one(PickerList)
        value = self._highlighted()
        if value is not None:
            listing.toggle(value)
            self._sync_tick(value)

    def action_untick_all(self) -> None:
        self.chosen.clear()
        listing = self.query_one(PickerList)
        with listing.prevent(SelectionList.SelectedChanged):
            listing.deselect_all()
        self._show_state()

    def action_move(self, how: str) -> None:
        listing = self.query_one(PickerList)
        getattr(listing, f"action_{how}")()
        self.moved = listing.option_count > 0
        self._show_state()

    # Leaving ------------------------------------------------------------------------------
    def action_apply(self) -> None:
        if self.chosen:
            self.dismiss(self.chosen)
            return
        narrow = self.query_one(Input).value
        if not narrow.strip() and not self.moved:
            self.dismiss([])  # nothing ticked, nothing typed: no filter, all shown
            return
        target = self._target(narrow)
        if target is None:
            self._show_state()  # "nothing matches ...": stay, the reader edits the text
            self.app.bell()
            return
        self.dismiss([target])

    def action_cancel(self) -> None:
        self.dismiss(None)
