"""Every key of the reader, in one table each for the timeline widget and the app: the
bindings, the footer, the help screen and the command palette all read them."""

from __future__ import annotations

# Keys on the widget itself, so they beat ScrollView's own scrolling keys:
# (key, action, description, shown in the footer, id).
MOVES = [
    ("j,down", "cursor(1)", "Next entry", False, "down"),
    ("k,up", "cursor(-1)", "Previous entry", False, "up"),
    ("space,pagedown", "page(True)", "Page down", False, "page_down"),
    ("b,pageup", "page(False)", "Page up", False, "page_up"),
    ("g,home", "top", "Top", False, "top"),
    ("G,end", "bottom", "Bottom", False, "bottom"),
]

# (key, action, description, shown in the footer, id); the help screen and palette read
# these. Moving keys (MOVES) live on the timeline widget.
KEYS = [
    ("slash", "search", "Search", True, "search"),
    ("n", "next_match(1)", "Next match", False, "next_match"),
    ("N", "next_match(-1)", "Previous match", False, "previous_match"),
    ("s", "speakers", "Speakers", True, "speakers"),
    ("right_square_bracket", "step_speaker(1)", "Next speaker", False, "next_speaker"),
    ("left_square_bracket", "step_speaker(-1)", "Previous speaker", False, "previous_speaker"),
    ("S", "clear_speakers", "All speakers", False, "clear_speakers"),
    ("o", "outlets", "Outlets", True, "outlets"),
    ("m", "toggle_merged", "Merge", True, "merged"),
    ("r", "toggle_order", "Order", True, "order"),
    ("t", "jump_time", "Jump to time", False, "time"),
    ("enter", "open_entry", "Open event", False, "open"),
    ("u", "jump_new", "Jump to new", False, "new"),
    ("F", "follow", "Follow newest (tail)", False, "follow"),
    ("e", "export", "Export", True, "export"),
    ("c", "copy", "Copy", False, "copy"),
    ("question_mark", "help", "Help", True, "help"),
    ("q", "quit", "Quit", True, "quit"),
]
