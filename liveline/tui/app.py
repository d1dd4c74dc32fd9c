"""The liveline reader: keyboard first, less/vim-like, over one SQLite timeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from liveline.timeline.activity import DayActivity, day_activity
from liveline.timeline.connections import own_connection
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import bell_wanted
from liveline.timeline.pager import Pager
from liveline.timeline.queries import Entry, holds_entries, outlet_counts, speaker_counts
from liveline.timeline.reading_marks import ReadingMarks
from liveline.timeline.record_quotes import record_marks
from liveline.timeline.store import open_db
from liveline.timeline.stories import story_counts
from liveline.timeline.text import strip_controls
from liveline.timeline.view import View
from liveline.timeline.wordings import event_wordings
from liveline.timeline.zones import ZoneChoice, next_zone
from liveline.tui.activity_strip import STRIP_OUTLETS, ActivityStrip
from liveline.tui.compare.compare_screen import EventScreen
from liveline.tui.compare.wordings_text import wordings_text
from liveline.tui.help.help_screen import HelpScreen
from liveline.tui.keys import KEYS
from liveline.tui.live import News, Tracker, place_in
from liveline.tui.palette import reader_commands
from liveline.tui.pickers.export_prompt import ask_and_export
from liveline.tui.pickers.picker_screen import PickerScreen
from liveline.tui.pickers.prompt_screen import PromptScreen
from liveline.tui.status_line import Status, status_text
from liveline.tui.timeline_view import TimelineView

# How long the news chip flashes when a watched speaker is heard: long enough to catch the
# eye from the side of the screen, over well before the next poll (follow waits 5 s at least).
FLASH_SECONDS = 2.0
STATUS_PADDING = 2  # the status line's padding left and right (app.tcss)


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
        # How many entries hold the words searched for; None while a worker counts them.
        self.match_count: int | None = None
        # Where the user was and what they had seen, from their last reading of this timeline.
        self.reading = ReadingMarks(self.db_path)
        self.marks = self.reading.load(self.db)
        self.tracker = Tracker(self.db, seen=self.marks.seen if self.marks else None)
        self.news = News()  # what the view shows that was written since the user last read (or pressed u)
        self.following = False  # F: the newest entries kept selected as they arrive
        self.flashing = False  # a watched speaker was just heard
        self._flash_timer: Timer | None = None
        self._people: list[dict[str, Any]] | None = None
        self._people_stories: tuple[int, ...] = ()  # the stories self._people were counted in
        self.zone = ZoneChoice.UK  # z: the zone times are shown in

    @property
    def people(self) -> list[dict[str, Any]]:
        """Speakers of the stories shown with their paragraph counts, most heard first; read
        when first needed, and again when the stories shown change."""
        stories = self._shown_stories()
        if self._people is None or self._people_stories != stories:
            self._people, self._people_stories = speaker_counts(self.db, stories), stories
        return self._people

    def _shown_stories(self) -> tuple[int, ...]:
        """The stories the view keeps (none: every story): the pickers count in these only."""
        return tuple(self.pager.resolved.story_ids)

    # Layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="status")
        self._strip = ActivityStrip(id="activity")  # kept: workers' results may land as the app closes
        yield self._strip
        self._timeline = TimelineView(self.pager, id="timeline")  # kept: read once more after unmounting
        self._timeline.empty_hint = (f"This timeline is empty. Add a live blog or article with:\n"
                                     f"liveline ingest FILE-OR-URL --outlet NAME --db {self.db_path}")
        yield self._timeline
        yield Footer(compact=True)  # at 80 columns every shown key still fits

    def on_mount(self) -> None:
        timeline = self.query_one(TimelineView)
        timeline.focus()
        if self.marks:
            # After the first layout: before it the widget has no height to place an entry in.
            self.call_after_refresh(self._return_to_reading, timeline)
        self._refresh_status()
        if self.notice:
            self.tell(self.notice, timeout=8)
        # The strip and the speaker list read the whole timeline: the first screen comes first.
        self.call_after_refresh(self._read_in_background)
        # Another process (liveline follow) may add to the timeline while it is read.
        self.set_interval(1.0, self._check_for_news)

    def _return_to_reading(self, timeline: TimelineView) -> None:
        """Back to a timeline read before: at the first entry written since, else where the
        user left off."""
        assert self.marks is not None
        self.news = self.tracker.news(self.pager)
        timeline.gained = self.news.gained
        if self.news.first is not None:
            timeline.jump_to(self.news.first, by_user=False)
            self.tell(f"{self.news.words()} since you last read: press u to jump to them")
        elif (place := self.marks.position_in(self.db, self.pager)) is not None:
            timeline.jump_to(place, by_user=False)

    def _keep_reading_marks(self) -> None:
        said = self.reading.save(self.db, self._timeline.current, self.tracker.seen)
        if said:
            self.tell(said, severity="warning")

    def on_unmount(self) -> None:
        self._keep_reading_marks()

    def tell(self, message: str, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """A notification; its words may name outlets, speakers or what was typed, so they
        are shown as written, never read as markup."""
        self.notify(strip_controls(message), severity=severity, timeout=timeout, markup=False)

    def _check_for_news(self) -> None:
        """The data version moves when another connection commits: re-read the view in place."""
        self._keep_reading_marks()  # writes only when the place or the seen marks changed
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
        self.pager, self.news = pager, self.tracker.news(pager)
        self._count_matches()
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
        if self._timeline.is_attached:  # the timer may go off as the reader closes
            self._refresh_status()

    @work(thread=True, exclusive=True, group="background")
    def _read_in_background(self) -> None:
        stories = self._shown_stories()
        with own_connection(self.db_path) as db:  # SQLite connections stay in their own thread
            activity = day_activity(db, self._strip_day(), limit=STRIP_OUTLETS)
            people = speaker_counts(db, stories)
        self.call_from_thread(self._show_activity, activity, people, stories)

    @work(thread=True, exclusive=True, group="activity")
    def _read_strip(self, day: str) -> None:
        with own_connection(self.db_path) as db:
            activity = day_activity(db, day, limit=STRIP_OUTLETS)
        self.call_from_thread(self._strip.show, activity)

    def _strip_day(self) -> str | None:
        """The strip shows the day of the entry read (else the latest day)."""
        entry = self._timeline.current
        return entry.date if entry else None

    def _show_activity(self, activity: DayActivity | None, people: list[dict[str, Any]], stories: tuple[int, ...]) -> None:
        # Counted before the latest news was read, or in stories no longer shown: read
        # again when needed.
        if self._people is None and stories == self._shown_stories():
            self._people, self._people_stories = people, stories
        self._strip.show(activity)

    def _refresh_status(self) -> None:
        timeline = self.query_one(TimelineView)
        current = timeline.current
        status = Status(
            self.view, self._resolved_names(),
            timeline.highlight, self.match_count, self.following, self.news.chip(), self.flashing,
            self.pager.count, timeline.cursor, self.zone.label(current.date if current else None),
        )
        line = self.query_one("#status", Static)
        # The app's width, not the line's: on a resize the line is laid out after this runs.
        line.update(status_text(status, self.size.width - STATUS_PADDING))

    def _resolved_names(self) -> dict[str, list[str]]:
        """The names the view's words matched, for its chips: each once, as a person of two
        stories linked as one is two rows of one name."""
        resolved = self.pager.resolved
        speakers = list(dict.fromkeys(resolved.speaker_names))
        return {"stories": resolved.story_names, "speakers": speakers, "outlets": resolved.outlets}

    def on_resize(self) -> None:
        self.call_after_refresh(self._refresh_status)  # the line is laid out for the new width

    def _follow_day(self) -> None:
        """The strip shows the day of the entry read: read another day's when it changes."""
        strip = self._strip
        if (day := self._strip_day()) and strip.day and day != strip.day.isoformat():
            self._read_strip(day)

    def on_timeline_view_cursor_moved(self, message: TimelineView.CursorMoved) -> None:
        self._follow_day()
        if message.by_user:
            self.following = False  # the user moved: they read here now
            if self.tracker.reached(self.news, message.index):
                self._news_read()
        self._refresh_status()

    def _news_read(self) -> None:
        self.news = News()
        self.query_one(TimelineView).set_gained({})

    # Views ------------------------------------------------------------------------------
    def set_view(self, view: View) -> None:
        """Show another view; the search stays (found again in the new view) until Esc."""
        timeline = self.query_one(TimelineView)
        current = timeline.current
        try:
            pager = Pager(self.db, view)
        except LivelineError as exc:
            self.tell(str(exc), severity="error")
            return
        previous = self.view
        self.view, self.pager, self.news = view, pager, self.tracker.news(pager)
        self._count_matches()
        timeline.gained = self.news.gained
        position = pager.position_of(current)
        if view.stories != previous.stories and not _shows(pager, current):
            # Another story is opened at its start: the place after the paragraph read
            # means nothing in a story about something else.
            position = 0
        timeline.show(pager, position)
        if self.following:
            timeline.follow_newest()
        self._follow_day()
        self._refresh_status()

    # Actions ----------------------------------------------------------------------------
    def action_search(self) -> None:
        def found(text: str | None) -> None:
            if not text:
                return
            timeline = self.query_one(TimelineView)
            timeline.highlight = text
            # The first match at or after the cursor, found alone: the count may come later.
            target = self.pager.next_match(text, timeline.cursor - 1)
            if target is None:
                self.match_count = 0
                self.tell(f"no entry contains {text!r}", severity="warning")
            else:
                timeline.jump_to(target)
                self._count_matches()
            self._refresh_status()

        self.push_screen(PromptScreen("Search", "words to find"), found)

    def action_next_match(self, step: int) -> None:
        timeline = self.query_one(TimelineView)
        text = timeline.highlight
        if not text:
            self.tell("no search yet: press /", severity="warning")
            return
        target = self.pager.next_match(text, timeline.cursor, step)
        if target is None:
            self.tell(f"no entry contains {text!r}", severity="warning")
            return
        timeline.jump_to(target)

    def _count_matches(self) -> None:
        """The status line's match count for the search shown: at once when the pager knows
        it, else counted by a worker while the reader goes on."""
        text = self.query_one(TimelineView).highlight
        self.match_count = self.pager.match_count(text) if text else None
        if text and self.match_count is None:
            self._count_in_background(self.pager, text)

    @work(thread=True, exclusive=True, group="matches")
    def _count_in_background(self, pager: Pager, text: str) -> None:
        with own_connection(self.db_path) as db:  # SQLite connections stay in their own thread
            count = pager.count_matches(text, db)
        self.call_from_thread(self._show_count, pager, text, count)

    def _show_count(self, pager: Pager, text: str, count: int) -> None:
        # Counted for a view or a search since replaced: the newer one's count is coming (and
        # a count may land as the reader closes).
        if pager is self.pager and self._timeline.highlight == text and self._timeline.is_attached:
            self.match_count = count
            self._refresh_status()

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
        self.set_view(self.view.without("speakers"))

    def action_clear_outlets(self) -> None:
        self.set_view(self.view.without("outlets"))

    def action_clear_search(self) -> None:
        timeline = self.query_one(TimelineView)
        if timeline.highlight is None:
            return
        timeline.highlight, self.match_count = None, None
        timeline.refresh()
        self._refresh_status()

    def action_clear_filters(self) -> None:
        """Back to the whole timeline, every story of it: every filter and the search gone;
        the mode and order stay."""
        self.action_clear_search()
        self.set_view(View(merged=self.view.merged, newest_first=self.view.newest_first))

    def action_chip(self, fields: str) -> None:
        """A click on a status chip: a filter's chip removes it, a mode's chip switches it."""
        if fields == "search":
            self.action_clear_search()
        elif fields == "zone":
            self.action_cycle_zone()
        elif fields == "merged":
            self.action_toggle_merged()
        elif fields == "newest_first":
            self.action_toggle_order()
        else:
            self.set_view(self.view.without(fields))

    def action_key_events(self) -> None:
        self.set_view(replace(self.view, key_events=not self.view.key_events))

    def action_quotes(self) -> None:
        self.set_view(replace(self.view, quotes=not self.view.quotes))

    def action_stories(self) -> None:
        """The stories picker, as the outlets': with one story it lists that one, a filter
        changing nothing, so the key never seems dead."""
        # Newest first: an archive's reader most often wants the latest stories, and the
        # oldest of a thousand are found by typing.
        options = [(name, name, n) for name, n in reversed(story_counts(self.db))]

        def chosen(names: list[str] | None) -> None:
            if names is not None:
                self.set_view(replace(self.view, stories=tuple(names)))

        # Nothing ticked: the reader always shows some story, and a tick on it would make
        # enter keep it when the words typed have narrowed the list to another.
        self.push_screen(PickerScreen("Stories", options, []), chosen)

    def action_clear_stories(self) -> None:
        self.set_view(self.view.without("stories"))

    def action_outlets(self) -> None:
        counts = outlet_counts(self.db, self._shown_stories())

        def chosen(outlets: list[str] | None) -> None:
            if outlets is not None:
                self.set_view(replace(self.view, outlets=tuple(outlets)))

        self.push_screen(PickerScreen("Outlets", [(o, o, n) for o, n in counts], list(self.view.outlets)), chosen)

    def action_toggle_merged(self) -> None:
        self.set_view(replace(self.view, merged=not self.view.merged))

    def action_toggle_order(self) -> None:
        self.set_view(replace(self.view, newest_first=not self.view.newest_first))

    def action_jump_time(self) -> None:
        timeline = self.query_one(TimelineView)
        day = timeline.current.date if timeline.current else None

        def jump(value: str | None) -> None:
            if not value:
                return
            current = timeline.current
            try:
                found = self.pager.jump_to_time(value, current.date if current else None, self.zone)
            except LivelineError as exc:
                self.tell(str(exc), severity="error")
                return
            if found.position is not None:
                timeline.jump_to(found.position)
            self.tell(found.said, severity="information" if found.exact else "warning")

        self.push_screen(PromptScreen(f"Jump to time ({self.zone.label(day)}, HH:MM)", "16:25"), jump)

    def action_cycle_zone(self) -> None:
        """Times in UK time, UTC, the machine's zone or each page's own: only the showing changes."""
        self.zone = next_zone(self.zone)
        self.query_one(TimelineView).set_zone(self.zone)
        self._refresh_status()

    def _nothing_shown(self) -> str:
        """Why the view holds no entry, and what to do about it."""
        if not holds_entries(self.db):
            return f"the timeline is empty: add sources with `liveline ingest FILE --db {self.db_path}`"
        return "no entry matches these filters: x clears them"

    def action_open_entry(self) -> None:
        entry = self.query_one(TimelineView).current
        if entry is None:
            self.tell(f"nothing to open: {self._nothing_shown()}", severity="warning")
            return
        if entry.event_id is None:
            self.tell("this entry was reported by one outlet only")
            return
        event = event_wordings(self.db, entry.event_id)
        self.push_screen(EventScreen(event.label, [(r.outlet, r.speakers or "", r.text) for r in event.reports],
                                     record_marks(self.db, entry.event_id)))

    def action_jump_new(self) -> None:
        first = self.news.first
        if first is None:
            self.tell("nothing new since you last read")
            return
        self.query_one(TimelineView).jump_to(first)
        self.tracker.caught_up()
        self._news_read()
        self._refresh_status()

    def action_follow(self) -> None:
        """Tail the timeline: the newest entry stays selected as entries arrive, until the
        user moves or presses F again."""
        self.following = not self.following
        if self.following:
            self.query_one(TimelineView).follow_newest()
        self._refresh_status()

    def action_export(self) -> None:
        if not self.pager.count:
            self.tell(f"nothing to export: {self._nothing_shown()}", severity="warning")
            return
        ask_and_export(self, self.db, self.db_path, self.view, self.pager.count, self.export_dir, self.tell,
                       self._shown_stories())

    def action_copy(self) -> None:
        """The entry as text; a merged entry with every outlet's wording."""
        entry = self.query_one(TimelineView).current
        if entry is None:
            return
        if self.view.merged and entry.event_id is not None:
            event = event_wordings(self.db, entry.event_id)
            text = f"{entry.mark} " + wordings_text(event.label, [(r.outlet, r.speakers or "", r.text) for r in event.reports])
        else:
            who = f"{entry.speakers}: " if entry.speakers else ""
            text = f"{entry.mark} {who}{entry.text} ({entry.outlet})"
        self.copy_to_clipboard(strip_controls(text))
        self.tell("copied the entry" + (" with every outlet's wording" if self.view.merged and entry.event_id else ""))

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from reader_commands(super().get_system_commands(screen), self, self.query_one(TimelineView))


def run(db_path: Path, view: View | None = None, notice: str | None = None) -> int:
    app = LivelineApp(db_path, view, notice=notice)
    app.run()
    return app.return_code or 0


def _shows(pager: Pager, entry: Entry | None) -> bool:
    """Whether the view `pager` pages holds this entry itself."""
    key = getattr(entry, pager.key, None) if entry is not None else None
    return key is not None and pager.position_of_key(key) is not None
