"""The timeline: one Line-API ScrollView, whatever the number of entries.

The virtual height is one row per entry (the scrollbar is a position in the timeline);
each frame wraps only the entries on screen, with an LRU cache of wrapped lines per
entry and width. Rows come from a Pager (SQLite pages with an LRU cache), so opening a
200,000-paragraph timeline costs one COUNT and one page.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from liveline.timeline.pager import Pager
from liveline.timeline.queries import Entry
from liveline.timeline.render import inert, outlet_badge, removed_badge
from liveline.tui.keys import MOVES

_CURSOR = Style(bgcolor="grey23")
_MATCH = Style(bgcolor="dark_goldenrod", color="black")
MARK_WIDTH = 7


class TimelineView(ScrollView, can_focus=True):
    """Entries with time mark, outlet badge(s), speaker(s) and text; post headlines as context."""

    BINDINGS = [Binding(key, action, text, show=show, id=f"liveline.{ident}") for key, action, text, show, ident in MOVES]

    class CursorMoved(Message):
        """The cursor moved: by the user's keys, or (`by_user` False) following the newest entries."""

        def __init__(self, index: int, by_user: bool = True) -> None:
            super().__init__()
            self.index = index
            self.by_user = by_user

    def __init__(self, pager: Pager, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pager = pager
        self.cursor = 0
        self.highlight: str | None = None
        self.gained: dict[int, int] = {}  # event id -> outlets gained since the user looked (merged view)
        # Per entry and width: its lines, and how many of them are its heading (day, byline).
        self._lines: OrderedDict[tuple[int, int, bool, str | None, int], tuple[list[Strip], int]] = OrderedDict()
        self._frame: list[Strip] = []
        self._frame_key: tuple[int, int, int, int, str | None, int] | None = None
        self._frame_entries: list[int] = []

    # Data -------------------------------------------------------------------------------
    def show(self, pager: Pager, cursor: int = 0) -> None:
        """Swap in another view's pager (a filter or mode changed)."""
        self._swap(pager, cursor)
        self.scroll_to(y=self.cursor, animate=False, force=True)
        self.refresh()

    def reload(self, pager: Pager, cursor: int, anchor: int, row: int) -> None:
        """Swap in the same view re-read after other writes, the `anchor` entry (the cursor's,
        or the top one when the cursor is off screen) kept at screen `row` as nearly as
        whole entries allow: what the user reads does not move."""
        self._swap(pager, cursor)
        top, used = anchor, self._entry_parts(anchor, self._width)[1]
        while top > 0 and used + len(self._entry_lines(top - 1, self._width)) <= row:
            top -= 1
            used += len(self._entry_lines(top, self._width))
        self.scroll_to(y=top, animate=False, force=True)
        self.refresh()

    def set_gained(self, gained: dict[int, int]) -> None:
        self.gained = gained
        self._lines.clear()
        self._frame_key = None
        self.refresh()

    def _swap(self, pager: Pager, cursor: int) -> None:
        self.pager = pager
        self._lines.clear()
        self._frame_key = None
        self.cursor = max(0, min(cursor, pager.count - 1))
        self._resize_virtual()

    def reading_place(self) -> tuple[int, int]:
        """The entry a reload keeps in place and the screen row its text starts on: the
        cursor's entry when it is on screen, else the top one."""
        self._layout()
        row = 0
        for index in self._frame_entries:
            lines, heading = self._entry_parts(index, self._width)
            if index == self.cursor:
                return index, row + heading
            row += len(lines)
        top = int(self.scroll_offset.y)
        return top, self._entry_parts(top, self._width)[1] if self.pager.count else 0

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self._width, self.pager.count + max(self.size.height - 1, 0))
        # Textual decides whether to show (and allow) the scrollbar only when its own layout
        # changes the virtual size; ours changes it, so ask again (else the wheel is dead).
        self._refresh_scrollbars()

    @property
    def _width(self) -> int:
        """Columns for text: the widget less its scrollbar."""
        return self.scrollable_content_region.width

    def on_resize(self) -> None:
        self._frame_key = None
        self._resize_virtual()

    @property
    def current(self) -> Entry | None:
        return self.pager.entry(self.cursor)

    # Drawing ----------------------------------------------------------------------------
    def _entry_lines(self, index: int, width: int) -> list[Strip]:
        return self._entry_parts(index, width)[0]

    def _entry_parts(self, index: int, width: int) -> tuple[list[Strip], int]:
        """An entry's lines and how many of them are its heading."""
        key = (index, width, index == self.cursor, self.highlight, id(self.pager))
        cached = self._lines.get(key)
        if cached is not None:
            self._lines.move_to_end(key)
            return cached
        entry = self.pager.entry(index)
        strips: list[Strip] = []
        heading_rows = 0
        if entry is not None:
            previous = self.pager.entry(index - 1)
            if previous is None or previous.post_id != entry.post_id or previous.date != entry.date:
                heading = self._heading(entry, previous)
                if heading.plain:
                    strips += self._wrap(heading, width)
                    heading_rows = len(strips)
            strips += self._wrap(self._body(entry), width, selected=index == self.cursor)
        self._lines[key] = (strips, heading_rows)
        if len(self._lines) > 2000:
            self._lines.popitem(last=False)
        return strips, heading_rows

    def _heading(self, entry: Entry, previous: Entry | None) -> Text:
        heading = Text()
        if previous is None or previous.date != entry.date:
            heading.append_text(inert(f"── {entry.date} ", "bold bright_black"))
        # The headline is an entry of its own (it has speakers and events); the heading
        # carries the day and the byline.
        if entry.author:
            byline = inert(f"{entry.author}" + (f", {entry.author_role}" if entry.author_role else ""))
            byline.stylize("italic")
            heading.append(" " * (MARK_WIDTH if not heading.plain else 1))
            heading.append_text(byline)
        return heading

    def _body(self, entry: Entry) -> Text:
        outlets = entry.event_outlets.split(", ") if (self.pager.view.merged and entry.event_outlets) else [entry.outlet]
        line = Text(f"{entry.mark:>6} ", style="bold")
        for outlet in outlets[:3]:
            line.append_text(outlet_badge(outlet, reverse=True))
            line.append(" ")
        if len(outlets) > 3:
            line.append(f"+{len(outlets) - 3} ", style="dim")
        if self.pager.view.merged and entry.event_outlets and len(outlets) > 1:
            line.append(f"{len(outlets)} outlets ", style="dim")
        if self.pager.view.merged and (gained := self.gained.get(entry.event_id or 0)):
            line.append(f"+{gained} outlet{'s' if gained > 1 else ''}", style="reverse green")
            line.append(" ")
        removed = removed_badge(entry.removed_at)
        if removed:
            line.append_text(removed)
            line.append(" ")
        if entry.speakers:
            line.append_text(inert(entry.speakers, "bold"))
            line.append(": ")
        body = inert(entry.text)
        if entry.part == "headline":
            body.stylize("italic")
        if removed:
            body.stylize("dim strike")  # kept for the record, and plainly no longer on the page
        if self.highlight:
            body.highlight_words([self.highlight], _MATCH, case_sensitive=False)
        line.append_text(body)
        return line

    def _wrap(self, text: Text, width: int, selected: bool = False) -> list[Strip]:
        console = self.app.console
        lines = text.wrap(console, max(width - MARK_WIDTH, 10))
        strips = []
        for number, line in enumerate(lines):
            if number:
                line = Text(" " * MARK_WIDTH) + line
            segments = list(line.render(console))
            strip = Strip(segments).extend_cell_length(width).crop(0, width)
            strips.append(strip.apply_style(_CURSOR) if selected else strip)
        return strips or [Strip.blank(width)]

    def _layout(self) -> list[Strip]:
        width, height = self._width, self.size.height
        top = int(self.scroll_offset.y)
        key = (top, width, height, self.cursor, self.highlight, id(self.pager))
        if key != self._frame_key:
            frame: list[Strip] = []
            shown: list[int] = []
            index = top
            while len(frame) < height and index < self.pager.count:
                frame += self._entry_lines(index, width)
                shown.append(index)
                index += 1
            self._frame, self._frame_entries, self._frame_key = frame, shown, key
        return self._frame

    def render_line(self, y: int) -> Strip:
        frame = self._layout()
        if y < len(frame):
            return frame[y]
        return Strip([Segment(" " * self._width)])

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._frame_key = None

    # Moving -----------------------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, forward: bool) -> None:
        self.page(forward)

    def action_top(self) -> None:
        self.move_to(0)

    def action_bottom(self) -> None:
        self.end()

    def follow_newest(self) -> None:
        """The newest entry selected and on screen: the top newest first, else the bottom."""
        if self.pager.view.newest_first:
            self.move_to(0, by_user=False)
        else:
            self.end(by_user=False)

    def move_to(self, index: int, by_user: bool = True) -> None:
        """Select an entry and scroll just enough to show all of it."""
        if not self.pager.count:
            return
        self.cursor = max(0, min(index, self.pager.count - 1))
        top, height = int(self.scroll_offset.y), max(self.size.height, 1)
        if self.cursor < top:
            top = self.cursor
        elif not self._fits(top, self.cursor, height):
            # Scroll just enough: the cursor's entry ends at the bottom of the screen.
            top, used = self.cursor, len(self._entry_lines(self.cursor, self._width))
            while top > 0 and used + len(self._entry_lines(top - 1, self._width)) <= height:
                top -= 1
                used += len(self._entry_lines(top, self._width))
        self._frame_key = None
        self.scroll_to(y=top, animate=False, force=True)
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor, by_user))

    def _fits(self, top: int, last: int, height: int) -> bool:
        """Whether entries top..last fit on one screen (stops counting once they cannot)."""
        used = 0
        for index in range(top, last + 1):
            used += len(self._entry_lines(index, self._width))
            if used > height:
                return False
        return True

    def page(self, forward: bool) -> None:
        self._layout()
        visible = max(len(self._frame_entries) - 1, 1)
        target = self.cursor + visible if forward else self.cursor - visible
        top = int(self.scroll_offset.y) + (visible if forward else -visible)
        self.cursor = max(0, min(target, self.pager.count - 1))
        self._frame_key = None
        self.scroll_to(y=max(0, min(top, self.pager.count - 1)), animate=False, force=True)
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor))

    def end(self, by_user: bool = True) -> None:
        """The last entries, filling the screen from the bottom."""
        last = self.pager.count - 1
        top, used = last, 0
        while top > 0:
            used += len(self._entry_lines(top, self._width))
            if used + len(self._entry_lines(top - 1, self._width)) > self.size.height:
                break
            top -= 1
        self.cursor = max(last, 0)
        self._frame_key = None
        self.scroll_to(y=max(top, 0), animate=False, force=True)
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor, by_user))
