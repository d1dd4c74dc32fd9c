"""A one-line question: a search, a time to jump to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

# The box every small dialog (a prompt, a picker) is drawn in, centred on the timeline.
DIALOG_BOX = """
    width: 60;
    max-width: 90%;
    height: auto;
    max-height: 100%;
    border: round $accent;
    background: $surface;
    padding: 0 1;
"""


class PromptScreen(ModalScreen[str | None]):
    """One line of input: a search, a time to jump to."""

    DEFAULT_CSS = f"""
    PromptScreen {{
        align: center middle;
        #prompt {{ {DIALOG_BOX} }}
    }}
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, question: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.question, self.placeholder, self.proposed = question, placeholder, value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(self.question)
            yield Input(self.proposed, placeholder=self.placeholder)  # a proposal, ready to edit

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
