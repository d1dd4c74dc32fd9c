"""A modal screen read by scrolling (help, an event's wordings): the timeline's moving keys
scroll it, so a reader's fingers do the same thing everywhere."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget


class ScrollingModal(ModalScreen[None]):
    BINDINGS = [
        Binding("j,down", "scroll(1)", "Scroll down", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", show=False),
    ]

    def scroller(self) -> Widget:
        """What the scroll keys move."""
        raise NotImplementedError

    def action_scroll(self, lines: int) -> None:
        self.scroller().scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        scroller = self.scroller()
        scroller.scroll_relative(y=direction * max(1, scroller.scrollable_content_region.height - 1), animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
