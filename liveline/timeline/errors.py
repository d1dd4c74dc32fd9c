"""The one error type users see: a single line that says what went wrong and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


class LivelineError(Exception):
    """A failure caused by the user's input or environment, reported as one line.

    Anything else that escapes is a bug and keeps its traceback.
    """

    def __init__(self, message: str) -> None:
        # One line, always: a message built from file content must not smuggle newlines.
        super().__init__(" ".join(message.split()))

    def __rich__(self) -> Text:
        """The same one line the command prints. Textual ends an app on an error that has
        this with the line instead of a traceback: a timeline found damaged while the
        reader is open reads as the CLI would say it."""
        from rich.text import Text

        from liveline.timeline.text import strip_controls

        return Text(f"liveline: error: {strip_controls(str(self))}")
