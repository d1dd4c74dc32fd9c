"""Comparing outlets, help, the command palette, the footer and the speakers table fit the
terminal: every outlet named and every word whole at 60, 80 and 120 columns."""

from __future__ import annotations

import re

import pytest
from rich.console import Console
from textual.app import App, ComposeResult, SystemCommand
from textual.command import CommandList
from textual.screen import Screen
from textual.widgets import Static

from liveline.timeline.queries import speaker_summaries
from liveline.timeline.render import aliases_seen, speakers_table
from liveline.timeline.store import open_db
from liveline.timeline.wordings import event_wordings
from liveline.tui.app import LivelineApp
from liveline.tui.compare.compare_screen import KEYS_HINT, EventScreen
from liveline.tui.compare.wordings_text import clamp_lines, wordings_text
from liveline.tui.help.help_screen import HelpScreen
from liveline.tui.help.help_text import CLOSING, PALETTE_NOTE, TIME_MARKS, ZONE_NOTE
from liveline.tui.keys import FOOTER_WIDTH_BUDGET, GROUPS, KEYS, MOVES, help_groups, key_label
from liveline.tui.palette import reader_commands
from liveline.tui.timeline_view import TimelineView

SIZES = [(80, 24), (120, 40), (60, 20)]
# Cells a screen line may hold that are no word: box drawing, scrollbars, the badge spaces.
CHROME = re.compile(r"[│╭╮╰╯─━┃▏▕▁▂▃▄▅▆▇█▔▉▊▋▌▍▎]")


def screen_lines(app: App) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def words_of(*texts: str) -> set[str]:
    return {word for text in (*texts, KEYS_HINT) for word in text.split()}


class Host(App[None]):
    """A bare app to open one screen on, whatever the reader's main view is doing."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.opened = screen

    def on_mount(self) -> None:
        self.push_screen(self.opened)


@pytest.fixture(scope="module")
def four_outlet_event(example_db) -> tuple[str, list[tuple[str, str, str]]]:
    """The example timeline's event reported by the most outlets (four)."""
    db = open_db(example_db)
    event_id = db.execute(
        """SELECT em.event_id FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id
           JOIN sources s ON s.id = pa.source_id GROUP BY em.event_id
           ORDER BY COUNT(DISTINCT s.outlet) DESC, em.event_id LIMIT 1"""
    ).fetchone()[0]
    event = event_wordings(db, event_id)
    wordings = [(r.outlet, r.speakers or "", r.text) for r in event.reports]
    assert len({outlet for outlet, _, _ in wordings}) == 4
    return event.label, wordings


def assert_box_whole(lines: list[str], width: int) -> None:
    """The box's four corners are on screen: nothing of it runs past the right edge."""
    top = next(line for line in lines if "╭" in line)
    bottom = next(line for line in lines if "╰" in line)
    assert "╮" in top and "╯" in bottom
    right = top.index("╮")
    assert right < width and bottom.index("╯") == right


def assert_no_word_cut(lines: list[str], words: set[str]) -> None:
    """Every word on screen is a whole word of the source (or ends in "…" where cut on purpose)."""
    for line in lines:
        for token in CHROME.sub(" ", line).split():
            assert token in words or token.endswith("…"), f"{token!r} cut in {line!r}"


# Compare view ----------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
async def test_a_four_outlet_event_names_every_outlet_and_cuts_no_word(four_outlet_event, size):
    title, wordings = four_outlet_event
    app = Host(EventScreen(title, wordings))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        shown = "\n".join(lines)
        for outlet in {outlet for outlet, _, _ in wordings}:
            assert outlet in shown
        assert_box_whole(lines, size[0])
        assert_no_word_cut(lines, words_of(title, *(f"{o} {s} {t}" for o, s, t in wordings)))


@pytest.mark.parametrize("size", SIZES)
async def test_without_room_for_four_columns_the_outlets_stack_and_tab_brings_each_to_the_top(four_outlet_event, size):
    title, wordings = four_outlet_event
    screen = EventScreen(title, wordings)
    async with Host(screen).run_test(size=size) as pilot:
        await pilot.pause()
        assert not screen.side_by_side
        stack = screen.query_one("#event-stack")
        blocks = list(screen.query(".wording"))
        assert len(blocks) == 4
        for block in blocks[1:]:
            await pilot.press("tab")
            await pilot.pause()
            # The block's badge on screen: at the top of the scroll, or lower once it has ended.
            assert stack.region.contains_region(block.query_one(".outlet").region)
        await pilot.press("tab")
        assert stack.scroll_offset.y == 0  # round to the first outlet again


async def test_a_wide_terminal_shows_the_four_outlets_side_by_side(four_outlet_event):
    title, wordings = four_outlet_event
    screen = EventScreen(title, wordings)
    async with Host(screen).run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        assert screen.side_by_side
        columns = list(screen.query(".wording"))
        assert len({column.region.x for column in columns}) == 4 and len({column.region.y for column in columns}) == 1
        lines = screen_lines(pilot.app)
        assert_no_word_cut(lines, words_of(title, *(f"{o} {s} {t}" for o, s, t in wordings)))
        await pilot.press("j", "j")
        assert columns[0].scroll_offset.y == 2  # the column in focus scrolls


async def test_the_compare_view_lays_itself_out_again_when_the_terminal_widens(four_outlet_event):
    title, wordings = four_outlet_event
    screen = EventScreen(title, wordings)
    async with Host(screen).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not screen.side_by_side
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert screen.side_by_side and len(screen.query(".wording")) == 4


async def test_j_scrolls_the_stacked_outlets_and_escape_closes(four_outlet_event):
    title, wordings = four_outlet_event
    screen = EventScreen(title, wordings)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j")
        assert screen.query_one("#event-stack").scroll_offset.y == 3
        await pilot.press("k")
        assert screen.query_one("#event-stack").scroll_offset.y == 2
        await pilot.press("escape")
        assert app.screen is not screen


async def test_a_title_too_long_for_two_lines_ends_in_an_ellipsis():
    title = "Yvette Cooper: " + " ".join(f"word{i}" for i in range(60))
    screen = EventScreen(title, [("BBC News", "", "One paragraph."), ("Report A", "", "Another.")])
    async with Host(screen).run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        heading = str(screen.query_one("#event-heading", Static).render())
        assert len(heading.splitlines()) == 2 and heading.endswith("…")
        assert_no_word_cut(screen_lines(pilot.app), words_of(title, "BBC News One paragraph. Report A Another."))


def test_clamping_keeps_whole_words_and_marks_the_cut():
    assert clamp_lines("one two three four five six", 9, 2) == "one two\nthree…"
    assert clamp_lines("short title", 40, 2) == "short title"


async def test_enter_on_a_merged_four_outlet_entry_at_80x24_shows_every_outlet(example_db, tmp_path):
    app = LivelineApp(example_db, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        timeline = app.query_one(TimelineView)
        index = next(i for i in range(timeline.pager.count) if len((timeline.pager.entry(i).event_outlets or "").split(", ")) == 4)
        timeline.move_to(index)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        shown = "\n".join(screen_lines(app))
        for outlet in timeline.pager.entry(index).event_outlets.split(", "):
            assert outlet in shown


def test_copying_an_event_gives_every_outlets_wording_as_plain_text(four_outlet_event):
    title, wordings = four_outlet_event
    text = wordings_text(title, wordings)
    assert text.startswith(title + "\n\n")
    for outlet, speakers, words in wordings:
        assert f"{outlet} — {speakers}: {words}" in text if speakers else f"{outlet} — {words}" in text
    assert text.count("\n\n") == 4  # the title, then a block per outlet


def test_copied_wordings_carry_no_control_sequences():
    text = wordings_text("Title", [("BBC\x1b[31m News", "", "said \x07this")])
    assert "\x1b" not in text and "\x07" not in text and "BBC News — said this" in text


# Help ------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(40, 10), (60, 20), (80, 24), (120, 40), (200, 50)])
async def test_help_fits_the_terminal_with_its_right_border_and_whole_words(size):
    app = Host(HelpScreen())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert_box_whole(lines, size[0])
        top = next(y for y, line in enumerate(lines) if "╭" in line)
        bottom = next(y for y, line in enumerate(lines) if "╰" in line)
        left, right = lines[top].index("╭"), lines[top].index("╮")
        help_words = words_of("liveline keys Time marks", CLOSING, ZONE_NOTE, PALETTE_NOTE, *(g for g, _ in help_groups()),
                              *(f"{label} {meaning}" for _, rows in help_groups() for label, meaning in rows),
                              *(f"{mark} {meaning}" for mark, meaning in TIME_MARKS))
        assert_no_word_cut([line[left:right + 1] for line in lines[top:bottom + 1]], help_words)


async def test_help_scrolls_when_longer_than_the_screen():
    screen = HelpScreen()
    async with Host(screen).run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        box = screen.query_one("#help-box")
        assert box.max_scroll_y > 0
        await pilot.press("j", "j")
        assert box.scroll_offset.y == 2
        await pilot.press("escape")
        assert pilot.app.screen is not screen


async def test_help_groups_keys_spelled_as_typed_with_a_legend_of_time_marks():
    screen = HelpScreen()
    async with Host(screen).run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = str(screen.query_one("#help-text", Static).render())
        for group in ("Moving", "Filtering", "Reading", "Catch-up", "Other"):
            assert f"\n{group}\n" in text
        assert "bracket" not in text and "question_mark" not in text and "space,pagedown" not in text
        assert re.search(r"^space PgDn +Move a screen down$", text, re.M)
        assert re.search(r"^\] +Show only the next speaker$", text, re.M)
        assert re.search(r'^" +Show only paragraphs quoting', text, re.M)
        # Every meaning starts in the same column.
        starts = {len(line) - len(line[line.index("  "):].lstrip()) for line in text.splitlines() if re.match(r"^\S+( \S+)?  +\S", line)
                  and not line.startswith(("≤", "≥", "≈", "--", "??", "16:25"))}
        assert len(starts) == 1
        for mark, meaning in (("16:25", "stated"), ("≤16:25", "no later than"), ("≥15:10", "no earlier than"),
                              ("≈16:20", "another outlet"), ("--:--", "unknown")):
            assert re.search(rf"^{re.escape(mark)} +.*{meaning}", text, re.M)
        assert "UK time" in text and "z switches" in text


def test_a_key_is_labelled_as_a_reader_types_it():
    assert key_label("space,pagedown") == "space PgDn"
    assert key_label("j,down") == "j ↓"
    assert key_label("right_square_bracket") == "]" and key_label("left_square_bracket") == "["
    assert key_label("slash") == "/" and key_label("question_mark") == "?" and key_label("quotation_mark") == '"'
    assert key_label("escape") == "esc" and key_label("G,end", ", ") == "G, End"


def test_every_key_belongs_to_one_help_group():
    idents = [ident for _, _, _, _, ident in MOVES + KEYS]
    grouped = [ident for idents_ in GROUPS.values() for ident in idents_]
    assert sorted(idents) == sorted(grouped)


# Command palette -------------------------------------------------------------------------
class PaletteHost(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("timeline", id="timeline")

    def get_system_commands(self, screen: Screen) -> object:
        return reader_commands(super().get_system_commands(screen), self, self.query_one("#timeline"))


async def test_the_palette_lists_each_command_once_with_its_key_readable():
    app = PaletteHost()
    async with app.run_test(size=(100, 60)):
        commands: list[SystemCommand] = list(app.get_system_commands(app.screen))
        titles = [command.title for command in commands]
        assert len(titles) == len(set(titles))
        helps = {command.title: command.help for command in commands}
        assert helps["Copy"].endswith("— c") and helps["Help"].endswith("— ?")
        assert helps["Next speaker"].endswith("— \\]") or helps["Next speaker"].endswith("— ]")
        assert helps["Page down"].endswith("— space, PgDn")
        assert not any("(" + key_label(k) + ")" in command.help for k, *_ in KEYS for command in commands)
        assert "Quit" in titles and "Theme" in titles  # Textual's own commands stay, once
        assert "Keys" not in titles and "Screenshot" not in titles  # a panel esc does not close; a file in the home folder


async def test_the_opened_palette_shows_each_title_once():
    app = PaletteHost()
    async with app.run_test(size=(100, 80)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        firsts = [prompt.splitlines()[0] for prompt in prompts]
        assert len(firsts) == len(set(firsts)) and "Copy" in firsts and "Copy (c)" not in firsts
        assert any("Copy the entry" in prompt and "— c" in prompt for prompt in prompts)


# Footer ----------------------------------------------------------------------------------
def test_the_footers_keys_fit_beside_the_palette_key_at_60_columns():
    # Compact footer: key, space, description, then a cell before the next key.
    shown = sum(len(key_label(key)) + 1 + len(text) + 1 for key, _, text, show, _ in KEYS if show)
    assert shown <= FOOTER_WIDTH_BUDGET


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_footer_reads_whole_at_60_and_80_columns(example_db, tmp_path, size):
    app = LivelineApp(example_db, export_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        for key, _, text, show, _ in KEYS:
            if show:
                assert f"{key_label(key)} {text}" in footer
        assert footer.rstrip().endswith("▏^p palette")


# `liveline speakers` ---------------------------------------------------------------------
@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_speakers_table_fits_the_terminal_with_its_border(example_db, width):
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    talkative = {"name": "Ann Example-Longname", "role": "Parliamentary Under-Secretary of State", "kind": "person",
                 "paragraphs": 7, "outlets": "BBC News,Report C (machine-translated)",
                 "aliases": [f"Alias{i} Internationalisation" for i in range(12)]}
    console.print(speakers_table([*speaker_summaries(open_db(example_db)), talkative]))
    lines = console.export_text().splitlines()
    table = [line for line in lines[1:] if line.strip()]
    assert all(len(line) <= width for line in lines)
    assert table[0].startswith("┏") and table[0].endswith("┓") and table[-1].endswith("┘")
    assert all(line[-1] in "┃│┓┩┘" for line in table)
    assert any("+6" in line for line in table)  # twelve aliases: six shown, "… +6 more"


def test_a_speakers_aliases_are_listed_once_each_whatever_their_case_and_cut_past_six():
    assert aliases_seen("Yvette Cooper", ["Cooper", "The Home Secretary", "the home secretary", "yvette cooper"]) == (
        "Cooper, The Home Secretary")
    assert aliases_seen("X", [f"a{i}" for i in range(9)]) == "a0, a1, a2, a3, a4, a5, … +3 more"
