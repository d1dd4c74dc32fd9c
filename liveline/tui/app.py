"""The liveline reader: keyboard first, less/vim-like, over one SQLite timeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlite_utils
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, Sparkline, Static

from liveline.timeline.activity import busiest_outlets
from liveline.timeline.connections import own_connection
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import bell_wanted
from liveline.timeline.pager import Pager
from liveline.timeline.queries import outlet_counts, speaker_counts
from liveline.timeline.render import inert
from liveline.timeline.store import open_db
from liveline.timeline.text import strip_controls
from liveline.timeline.view import View
from liveline.timeline.wordings import event_wordings
from liveline.tui.compare.compare_screen import EventScreen
from liveline.tui.help.help_screen import HelpScreen
from liveline.tui.keys import KEYS, MOVES
from liveline.tui.live import News, Tracker, place_in
from liveline.tui.pickers.picker_screen import PickerScreen
from liveline.tui.pickers.prompt_screen import PromptScreen
from liveline.tui.timeline_view import TimelineView

# Outlets on the activity strip: their sparklines share its one row, and at 80 columns three
# (each after a label of up to 15 cells) still keep 9 cells of line apiece.
STRIP_OUTLETS = 3
# How long the news chip flashes when a watched speaker is heard: long enough to catch the
# eye from the side of the screen, over well before the next poll (follow waits 5 s at least).
FLASH_SECONDS = 2.0
_NEWS = "reverse green"
_FLASH = "reverse bold yellow on red"
_FOLLOWING = "reverse cyan"


def _activity(db: sqlite_utils.Database) -> list[tuple[str, list[float]]]:
    """Entries per ten minutes for the busiest outlets (timed posts only), as sparkline values."""
    return [(a.outlet, [float(n) for n in a.counts] or [0.0]) for a in busiest_outlets(db, STRIP_OUTLETS)]


class LivelineApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "liveline"
    BINDINGS = [Binding(key, action, text, show=show, id=f"liveline.{ident}") for key, action, text, show, ident in KEYS]

    def __init__(
        self, db_path: Path, view: View | None = None, export_dir: Path | None = None, notice: str | None = None
    ) -> None:
        super().__init__()
        self.notice = notice
        self.db_path = Path(db_path)
        self.db = open_db(self.db_path)
        self.view = view or View()
        self.pager = Pager(self.db, self.view)
        self.export_dir = export_dir or Path.cwd()
        self.matches: list[int] = []
        self.tracker = Tracker(self.db)
        self.news = News()  # what the view shows that was written since the reader opened (or last u)
        self.following = False  # F: the newest entries kept selected as they arrive
        self.flashing = False  # a watched speaker was just heard
        self._flash_timer: Timer | None = None
        self._people: list[dict[str, Any]] | None = None

    @property
    def people(self) -> list[dict[str, Any]]:
        """Speakers with their paragraph counts, most heard first; read when first needed."""
        if self._people is None:
            self._people = speaker_counts(self.db)
        return self._people

    # Layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield Horizontal(id="activity")
        yield TimelineView(self.pager, id="timeline")
        yield Footer(compact=True)  # at 80 columns every shown key still fits

    def on_mount(self) -> None:
        self.query_one(TimelineView).focus()
        self._refresh_status()
        if self.notice:
            self.tell(self.notice, timeout=8)
        # The strip and the speaker list read the whole timeline: the first screen comes first.
        self.call_after_refresh(self._read_in_background)
        # Another process (liveline follow) may add to the timeline while it is read.
        self.set_interval(1.0, self._check_for_news)

    def tell(self, message: str, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """A notification; its words may name outlets, speakers or what was typed, so they
        are shown as written, never read as markup."""
        self.notify(strip_controls(message), severity=severity, timeout=timeout, markup=False)

    def _check_for_news(self) -> None:
        """The data version moves when another connection commits: re-read the view in place."""
        if not self.tracker.moved():
            return
        before = self.news.count
        self._people = None
        self._reread()
        # Asked after the re-read: a speaker first heard now may match the names in the filter.
        heard = self.tracker.heard_anew(self.pager.resolved.person_ids if self.view.speakers else [])
        if heard:
            self._watched_speaker_heard()
        if self.news.count > before:
            self.tell(f"{self.news.words()}: press u to jump to them")
        self._read_in_background()  # the activity strip grows with the news (off the screen's thread)

    def _reread(self) -> None:
        """The same view read again; the entry the user reads stays where it is on screen
        (or, following, the newest entry is selected)."""
        timeline = self.query_one(TimelineView)
        anchor, row = timeline.reading_place()
        current, anchored = timeline.current, timeline.pager.entry(anchor)
        try:
            pager = Pager(self.db, self.view)
        except LivelineError as exc:
            self.tell(str(exc), severity="error")
            return
        self.matches = pager.search(timeline.highlight) if timeline.highlight else []
        self.pager, self.news = pager, self.tracker.news(pager)
        timeline.gained = self.news.gained
        if self.following:
            timeline.show(pager)
            timeline.follow_newest()
        else:
            timeline.reload(pager, place_in(self.db, pager, current), place_in(self.db, pager, anchored), row)
        self._refresh_status()

    def _watched_speaker_heard(self) -> None:
        """A speaker in the filter said something new: the news chip flashes and the bell
        rings (unless $LIVELINE_BELL turns it off)."""
        if bell_wanted():
            self.bell()
        self.flashing = True
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(FLASH_SECONDS, self._end_flash)
        self._refresh_status()

    def _end_flash(self) -> None:
        self.flashing = False
        self._refresh_status()

    @work(thread=True, exclusive=True, group="background")
    def _read_in_background(self) -> None:
        with own_connection(self.db_path) as db:  # SQLite connections stay in their own thread
            series = _activity(db)
            people = speaker_counts(db)
        self.call_from_thread(self._show_activity, series, people)

    def _show_activity(self, series: list[tuple[str, list[float]]], people: list[dict[str, Any]]) -> None:
        if self._people is None:  # counted before the latest news was read: read again when needed
            self._people = people
        strip = self.query_one("#activity", Horizontal)
        strip.remove_children()  # drawn again as news arrives
        for outlet, values in series:
            strip.mount(Label(inert(outlet)[:14], classes="activity-label"), Sparkline(values, classes="activity-line"))

    def _refresh_status(self) -> None:
        chips = Text()
        names = {"speakers": self.pager.resolved.speaker_names, "outlets": self.pager.resolved.outlets}
        for chip in self.view.describe(names):
            chips.append_text(inert(f" {chip} ", "reverse"))
            chips.append(" ")
        if self.matches:
            chips.append_text(inert(f" /{self.query_one(TimelineView).highlight} {len(self.matches)} matches ", "reverse yellow"))
            chips.append(" ")
        if self.following:
            chips.append(" following (F) ", style=_FOLLOWING)
            chips.append(" ")
        if news := self.news.chip():
            chips.append(news, style=_FLASH if self.flashing else _NEWS)
            chips.append(" ")
        chips.append(f"{self.pager.count:,} entries", style="bold")
        timeline = self.query_one(TimelineView)
        if self.pager.count:
            chips.append(f" · {timeline.cursor + 1:,}", style="dim")
        self.query_one("#status", Static).update(chips)

    def on_timeline_view_cursor_moved(self, message: TimelineView.CursorMoved) -> None:
        if message.by_user:
            self.following = False  # the user moved: they read here now
        self._refresh_status()

    # Views ------------------------------------------------------------------------------
    def set_view(self, view: View, keep_search: bool = False) -> None:
        timeline = self.query_one(TimelineView)
        current = timeline.current
        try:
            pager = Pager(self.db, view)
        except LivelineError as exc:
            self.tell(str(exc), severity="error")
            return
        if keep_search and timeline.highlight:
            self.matches = pager.search(timeline.highlight)
        else:
            self.matches = []
            timeline.highlight = None
        self.view, self.pager, self.news = view, pager, self.tracker.news(pager)
        timeline.gained = self.news.gained
        timeline.show(pager, pager.position_of(current))
        if self.following:
            timeline.follow_newest()
        self._refresh_status()

    # Actions ----------------------------------------------------------------------------
    def action_search(self) -> None:
        def found(text: str | None) -> None:
            if not text:
                return
            timeline = self.query_one(TimelineView)
            self.matches = self.pager.search(text)
            timeline.highlight = text
            if not self.matches:
                self.tell(f"no entry contains {text!r}", severity="warning")
            else:
                timeline.move_to(next((m for m in self.matches if m >= timeline.cursor), self.matches[0]))
            self._refresh_status()

        self.push_screen(PromptScreen("Search", "words to find"), found)

    def action_next_match(self, step: int) -> None:
        if not self.matches:
            self.tell("no search yet: press /", severity="warning")
            return
        timeline = self.query_one(TimelineView)
        if step > 0:
            target = next((m for m in self.matches if m > timeline.cursor), self.matches[0])
        else:
            target = next((m for m in reversed(self.matches) if m < timeline.cursor), self.matches[-1])
        timeline.move_to(target)

    def _speaker_options(self) -> list[tuple[str, str, int]]:
        return [(row["name"], row["name"], row["paragraphs"]) for row in self.people]

    def action_speakers(self) -> None:
        def chosen(names: list[str] | None) -> None:
            if names is not None:
                self.set_view(replace(self.view, speakers=tuple(names)))

        self.push_screen(PickerScreen("Speakers", self._speaker_options(), list(self.view.speakers)), chosen)

    def action_step_speaker(self, step: int) -> None:
        names = [row["name"] for row in self.people]
        if not names:
            return
        current = self.view.speakers[0] if len(self.view.speakers) == 1 and self.view.speakers[0] in names else None
        index = (names.index(current) + step) % len(names) if current else (0 if step > 0 else len(names) - 1)
        self.set_view(replace(self.view, speakers=(names[index],)))

    def action_clear_speakers(self) -> None:
        self.set_view(replace(self.view, speakers=()))

    def action_outlets(self) -> None:
        counts = outlet_counts(self.db)

        def chosen(outlets: list[str] | None) -> None:
            if outlets is not None:
                self.set_view(replace(self.view, outlets=tuple(outlets)))

        self.push_screen(PickerScreen("Outlets", [(o, o, n) for o, n in counts], list(self.view.outlets)), chosen)

    def action_toggle_merged(self) -> None:
        self.set_view(replace(self.view, merged=not self.view.merged))

    def action_toggle_order(self) -> None:
        self.set_view(replace(self.view, newest_first=not self.view.newest_first))

    def action_jump_time(self) -> None:
        def jump(value: str | None) -> None:
            if not value:
                return
            timeline = self.query_one(TimelineView)
            current = timeline.current
            try:
                position = self.pager.time_position(value, current.date if current else None)
            except LivelineError as exc:
                self.tell(str(exc), severity="error")
                return
            if position is None:
                self.tell(f"nothing shown at or after {value} that day", severity="warning")
            else:
                timeline.move_to(position)

        self.push_screen(PromptScreen("Jump to time (UK, HH:MM)", "16:25"), jump)

    def action_open_entry(self) -> None:
        entry = self.query_one(TimelineView).current
        if entry is None or entry.event_id is None:
            self.tell("this entry was reported by one outlet only")
            return
        event = event_wordings(self.db, entry.event_id)
        self.push_screen(EventScreen(event.label, [(r.outlet, r.speakers or "", r.text) for r in event.reports]))

    def action_jump_new(self) -> None:
        first = self.news.first
        if first is None:
            self.tell("nothing new since the reader opened")
            return
        timeline = self.query_one(TimelineView)
        timeline.move_to(first)
        self.tracker.caught_up()
        self.news = News()
        timeline.set_gained({})
        self._refresh_status()

    def action_follow(self) -> None:
        """Tail the timeline: the newest entry stays selected as entries arrive, until the
        user moves or presses F again."""
        self.following = not self.following
        if self.following:
            self.query_one(TimelineView).follow_newest()
        self._refresh_status()

    def action_export(self) -> None:
        from liveline.timeline.export import build, proposed_name, to_markdown, write

        document = build(self.db, self.view)
        text = to_markdown(document)
        try:
            path = write(text, self.export_dir / proposed_name(document.title, self.view, "markdown"))
        except LivelineError as exc:
            self.tell(str(exc), severity="error")
            return
        self.tell(f"wrote {document.count} entries to {path}")

    def action_copy(self) -> None:
        entry = self.query_one(TimelineView).current
        if entry is None:
            return
        who = f"{entry.speakers}: " if entry.speakers else ""
        self.copy_to_clipboard(strip_controls(f"{entry.mark} {who}{entry.text} ({entry.outlet})"))
        self.tell("copied the entry")

    def action_help(self) -> None:
        rows = [(key.replace("question_mark", "?").replace("slash", "/").replace("_square_bracket", " bracket"), text)
                for key, _, text, _, _ in MOVES + KEYS]
        self.push_screen(HelpScreen(rows))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        timeline = self.query_one(TimelineView)
        for key, action, text, _, _ in MOVES:
            yield SystemCommand(text, f"{text} ({key.split(',')[0]})", lambda a=action: timeline.run_action(a))
        for key, action, text, _, _ in KEYS:
            yield SystemCommand(text, f"{text} ({key.split(',')[0]})", lambda a=action: self.run_action(a))


def run(db_path: Path, view: View | None = None, notice: str | None = None) -> int:
    app = LivelineApp(db_path, view, notice=notice)
    app.run()
    return app.return_code or 0
