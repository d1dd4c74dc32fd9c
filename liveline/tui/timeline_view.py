"""The timeline: one Line-API ScrollView, whatever the number of entries.

The virtual height is one row per entry (the scrollbar is a position in the timeline);
each frame wraps only the entries on screen, with an LRU cache of wrapped lines per
entry and width. Rows come from a Pager (SQLite pages with an LRU cache), so opening a
200,000-paragraph timeline costs one COUNT and one page.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from liveline.timeline.pager import Pager
from liveline.timeline.queries import Entry
from liveline.timeline.render import inert, outlet_badge, removed_badge
from liveline.timeline.view import View
from liveline.timeline.zones import ZoneChoice, source_zones, zone_for
from liveline.tui.keys import MOVES

_CURSOR = Style(bgcolor="grey23")
_MATCH = Style(bgcolor="dark_goldenrod", color="black")
MARK_WIDTH = 7  # a six-cell time mark ("≤16:25") and a space
# What the widget says when it has nothing to show; the app puts the database's path in the
# first (see empty_hint) and may reword either.
EMPTY_HINT = "This timeline is empty. Build one with:\nliveline ingest --manifest examples/sources.toml --db <path>"
NO_MATCH_HINT = "No entry matches these filters — press x to clear them"
# Hints keep this many columns clear on each side, so they read as a message, not an entry.
HINT_MARGIN = 4


class TimelineView(ScrollView, can_focus=True):
    """Entries with time mark, outlet badge(s), speaker(s) and text; post headlines as context."""

    # Text wraps to the width, so there is nothing to scroll sideways: no horizontal bar
    # (it took the bottom row, and the end of the day with it).
    DEFAULT_CSS = """
    TimelineView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

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
        self._frame_key: tuple[int, int, int, int, str | None, int, str, str] | None = None
        self._frame_entries: list[int] = []
        # The zone marks are shown in: a zone, a reader's choice (the page's own zone is one
        # per source), or None for UK time as entry.mark gives it.
        self.zone: dt.tzinfo | ZoneChoice | None = None
        self._source_zones: dict[int, str | None] = {}  # source id -> its stored zone name
        self.empty_hint = EMPTY_HINT  # shown when the view filters nothing and still shows nothing
        self.no_match_hint = NO_MATCH_HINT  # shown when the view's filters leave nothing
        self._placing = False  # the widget itself is scrolling: the cursor is placed already

    # Data -------------------------------------------------------------------------------
    def show(self, pager: Pager, cursor: int = 0) -> None:
        """Swap in another view's pager (a filter or mode changed)."""
        self._swap(pager, cursor)
        self._place(self.cursor)

    def reload(self, pager: Pager, cursor: int, anchor: int, row: int) -> None:
        """Swap in the same view re-read after other writes, the `anchor` entry (the cursor's,
        or the top one when the cursor is off screen) kept at screen `row` as nearly as
        whole entries allow: what the user reads does not move."""
        self._swap(pager, cursor)
        self._place(self._top_above(anchor, self._entry_parts(anchor, self._width)[1], row))

    def set_zone(self, zone: dt.tzinfo | ZoneChoice | None) -> None:
        """Show times in `zone`: a zone, a reader's choice of one (ZoneChoice.PAGE: each
        source's own), or None for UK time; every line is drawn again."""
        self.zone = zone
        self._read_source_zones()
        self._redraw()

    def set_gained(self, gained: dict[int, int]) -> None:
        self.gained = gained
        self._redraw()

    def _redraw(self) -> None:
        """Every line wrapped and drawn again."""
        self._lines.clear()
        self._frame_key = None
        self.refresh()

    def _swap(self, pager: Pager, cursor: int) -> None:
        self.pager = pager
        self._redraw()
        self.cursor = max(0, min(cursor, pager.count - 1))
        self._read_source_zones()  # a source added since has a zone of its own
        with self._self_placed():  # a shorter view clamps the scroll: not the user's doing
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
        self.virtual_size = Size(self._width, self.pager.count + max(self._height - 1, 0))
        # Textual decides whether to show (and allow) the scrollbar only when its own layout
        # changes the virtual size; ours changes it, so ask again (else the wheel is dead).
        self._refresh_scrollbars()

    @property
    def _width(self) -> int:
        """Columns for text: the widget less its scrollbar."""
        return self.scrollable_content_region.width

    @property
    def _height(self) -> int:
        """Rows for text: the widget less any scrollbar row."""
        return max(self.scrollable_content_region.height, 1)

    def on_resize(self) -> None:
        self._frame_key = None
        with self._self_placed():
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
            mark = Text(f"{self._mark(entry)[:MARK_WIDTH - 1]:>{MARK_WIDTH - 1}} ", style="bold")
            strips += self._wrap(self._body(entry), width, selected=index == self.cursor, lead=mark)
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
        line = Text()
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

    def _read_source_zones(self) -> None:
        # One small query when the page zone is chosen or the view re-read, never per frame.
        self._source_zones = source_zones(self.pager.db) if self.zone is ZoneChoice.PAGE else {}

    def _mark(self, entry: Entry) -> str:
        zone = self.zone
        if isinstance(zone, ZoneChoice):
            zone = None if zone is ZoneChoice.UK else zone_for(zone, self._source_zones.get(entry.source_id))
        return entry.mark if zone is None else entry.mark_in(zone)

    def _wrap(self, text: Text, width: int, selected: bool = False, lead: Text | None = None) -> list[Strip]:
        """Lines of `text` in the column right of the marks: after `lead` (an entry's time
        mark) on its first line, under it on the others (a heading starts at the left edge)."""
        console = self.app.console
        lines = text.wrap(console, max(width - MARK_WIDTH, 10))
        strips = []
        for number, line in enumerate(lines):
            if number or lead is not None:
                line = (lead if lead is not None and not number else Text(" " * MARK_WIDTH)) + line
            segments = list(line.render(console))
            strip = Strip(segments).extend_cell_length(width).crop(0, width)
            strips.append(strip.apply_style(_CURSOR) if selected else strip)
        return strips or [Strip.blank(width)]

    def _layout(self) -> list[Strip]:
        width, height = self._width, self._height
        top = int(self.scroll_offset.y)
        key = (top, width, height, self.cursor, self.highlight, id(self.pager), self.empty_hint, self.no_match_hint)
        if key != self._frame_key:
            frame: list[Strip] = []
            shown: list[int] = []
            index = top
            while len(frame) < height and index < self.pager.count:
                frame += self._entry_lines(index, width)
                shown.append(index)
                index += 1
            if not self.pager.count:
                frame = self._hint(width, height)
            self._frame, self._frame_entries, self._frame_key = frame, shown, key
        return self._frame

    def _hint(self, width: int, height: int) -> list[Strip]:
        """What to do about an empty screen, centred: the view's filters leave nothing, or
        the timeline holds nothing yet."""
        filtered = self.pager.view.without("merged,newest_first") != View()
        hint = inert(self.no_match_hint if filtered else self.empty_hint, "italic")
        inner = max(width - 2 * HINT_MARGIN, 10)
        console, margin = self.app.console, Strip.blank(HINT_MARGIN)
        strips = [
            Strip.join([margin, Strip(list(line.render(console)))]).extend_cell_length(width).crop(0, width)
            for line in hint.wrap(console, inner, justify="center")
        ]
        return [Strip.blank(width)] * max((height - len(strips)) // 2, 0) + strips

    def render_line(self, y: int) -> Strip:
        frame = self._layout()
        if y < len(frame):
            return frame[y]
        return Strip([Segment(" " * self._width)])

    # Scrolling --------------------------------------------------------------------------
    @contextmanager
    def _self_placed(self) -> Iterator[None]:
        """Scrolls the widget makes itself, having placed the cursor already."""
        placing, self._placing = self._placing, True
        try:
            yield
        finally:
            self._placing = placing

    def _place(self, top: int) -> None:
        """Scroll so entry `top` starts the screen."""
        self._frame_key = None
        with self._self_placed():
            self.scroll_to(y=top, animate=False, force=True)
        self.refresh()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._frame_key = None
        if not self._placing and int(old) != int(new):
            self._keep_cursor_in_sight()

    def _keep_cursor_in_sight(self) -> None:
        """The wheel or the scrollbar moved the screen: a cursor left behind comes to the
        nearest entry on screen (as in less or newsboat), so j and k go on from what is seen."""
        if self._cursor_to_screen():
            self.post_message(self.CursorMoved(self.cursor))

    def _cursor_to_screen(self) -> bool:
        """The cursor on the nearest entry wholly on screen (the top one when none is);
        whether it moved."""
        self._layout()
        seen = self._fully_seen() or self._frame_entries[:1]
        if not seen or seen[0] <= self.cursor <= seen[-1]:
            return False
        self.cursor = min(max(self.cursor, seen[0]), seen[-1])
        self._frame_key = None
        self.refresh()
        return True

    def _fully_seen(self) -> list[int]:
        """The entries on screen from their first line to their last."""
        seen, used = [], 0
        for index in self._frame_entries:
            used += len(self._entry_lines(index, self._width))
            if used > self._height:
                break
            seen.append(index)
        return seen

    def on_click(self, event: events.Click) -> None:
        """A click selects the entry under it."""
        offset = event.get_content_offset(self)
        if offset is None:  # on the scrollbar
            return
        self._layout()
        row = 0
        for index in self._frame_entries:
            row += len(self._entry_lines(index, self._width))
            if offset.y < row:
                self.move_to(index)
                return

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
        top = int(self.scroll_offset.y)
        # Scrolled just enough: up to the cursor's entry, or down until it ends the screen.
        top = self.cursor if self.cursor < top else max(top, self._top_ending_with(self.cursor))
        self._place(top)
        self.post_message(self.CursorMoved(self.cursor, by_user))

    def jump_to(self, index: int, by_user: bool = True) -> None:
        """Select an entry found by a jump (a search match, a time, the news, the place read
        last) and show it at the top of the screen, with what follows it below: where a reader
        looks first, and clear of the notification that says what the jump did. An entry
        already whole on screen is selected where it is: the screen does not jump for it."""
        if not self.pager.count:
            return
        self.cursor = max(0, min(index, self.pager.count - 1))
        top = int(self.scroll_offset.y)
        on_screen = top <= self.cursor and self._top_ending_with(self.cursor) <= top
        self._place(top if on_screen else self.cursor)
        self.post_message(self.CursorMoved(self.cursor, by_user))

    def _top_ending_with(self, last: int) -> int:
        """The first entry of the screen whose last whole entry is `last` (itself when it is
        longer than the screen: its beginning is what to read first)."""
        return self._top_above(last, len(self._entry_lines(last, self._width)), self._height)

    def _top_above(self, index: int, used: int, rows: int) -> int:
        """The first entry of the screen when `used` of `rows` rows go to entry `index` (or
        its start) and whole entries above it fill what they can of the rest."""
        top = index
        while top > 0 and used + len(self._entry_lines(top - 1, self._width)) <= rows:
            top -= 1
            used += len(self._entry_lines(top, self._width))
        return top

    def page(self, forward: bool) -> None:
        """A screen on or back, the cursor as far; the last screen ends with the last entry."""
        if not self.pager.count:
            return
        self._layout()
        visible = max(len(self._frame_entries) - 1, 1)
        last = self.pager.count - 1
        top = int(self.scroll_offset.y) + (visible if forward else -visible)
        top = max(0, min(top, self._top_ending_with(last)))
        self.cursor = max(0, min(self.cursor + (visible if forward else -visible), last))
        self._place(top)
        self._cursor_to_screen()  # entries differ in height: the cursor stays on what is shown
        self.post_message(self.CursorMoved(self.cursor))

    def end(self, by_user: bool = True) -> None:
        """The last entries, filling the screen from the bottom."""
        last = max(self.pager.count - 1, 0)
        self.cursor = last
        self._place(self._top_ending_with(last) if self.pager.count else 0)
        self.post_message(self.CursorMoved(self.cursor, by_user))
