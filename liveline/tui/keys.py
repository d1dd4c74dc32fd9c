"""Every key of the reader, in one table each for the timeline widget and the app: the
bindings, the footer, the help screen and the command palette all read them, and show a
key the one way `key_label` spells it."""

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
# these. Moving keys (MOVES) live on the timeline widget. The footer shows five keys: with
# the palette key docked on its right they fit a 60-column terminal (FOOTER_WIDTH_BUDGET).
KEYS = [
    ("slash", "search", "Search", True, "search"),
    ("n", "next_match(1)", "Next match", False, "next_match"),
    ("N", "next_match(-1)", "Previous match", False, "previous_match"),
    ("escape", "clear_search", "Clear search", False, "clear_search"),
    ("s", "speakers", "Speakers", True, "speakers"),
    ("right_square_bracket", "step_speaker(1)", "Next speaker", False, "next_speaker"),
    ("left_square_bracket", "step_speaker(-1)", "Previous speaker", False, "previous_speaker"),
    ("S", "clear_speakers", "All speakers", False, "clear_speakers"),
    ("o", "outlets", "Outlets", True, "outlets"),
    ("O", "clear_outlets", "All outlets", False, "clear_outlets"),
    # l for library: s and S are the speakers'. Not in the footer: a one-story timeline
    # needs no story filter, and the footer's room is for the keys every reader uses.
    ("l", "stories", "Stories", False, "stories"),
    ("L", "clear_stories", "All stories", False, "clear_stories"),
    ("x", "clear_filters", "Clear every filter", False, "clear_filters"),
    ("m", "toggle_merged", "Merge", True, "merged"),
    ("r", "toggle_order", "Order", False, "order"),
    ("t", "jump_time", "Jump to time", False, "time"),
    ("z", "cycle_zone", "Time zone", False, "zone"),
    ("enter", "open_entry", "Open event", False, "open"),
    ("c", "copy", "Copy", False, "copy"),
    ("K", "key_events", "Key events", False, "key_events"),
    ("quotation_mark", "quotes", "Quotes only", False, "quotes"),
    ("u", "jump_new", "Jump to new", False, "new"),
    ("F", "follow", "Follow newest (tail)", False, "follow"),
    ("e", "export", "Export", False, "export"),
    ("question_mark", "help", "Help", True, "help"),
    ("q", "quit", "Quit", False, "quit"),
]

# The footer's shown keys, with the palette key ("▏^p palette", 11 cells) docked on its
# right, must fit the narrowest terminal the reader is laid out for: past it the docked key
# covers the last keys and the line garbles.
NARROWEST_TERMINAL = 60
PALETTE_KEY_CELLS = 11
FOOTER_WIDTH_BUDGET = NARROWEST_TERMINAL - PALETTE_KEY_CELLS

# Help groups, in the order help shows them; every key's id belongs to one.
GROUP_ORDER = ("Moving", "Filtering", "Reading", "Catch-up", "Other")
GROUPS = {
    "Moving": ("down", "up", "page_down", "page_up", "top", "bottom", "time", "next_match", "previous_match"),
    "Filtering": (
        "search", "clear_search", "speakers", "next_speaker", "previous_speaker", "clear_speakers",
        "outlets", "clear_outlets", "stories", "clear_stories", "clear_filters",
    ),
    "Reading": ("merged", "order", "open", "copy", "zone"),
    "Catch-up": ("key_events", "quotes", "new", "follow"),
    "Other": ("export", "help", "quit"),
}

# What each key does, in a sentence: help shows it, and the palette under its title.
DETAILS = {
    "down": "Move to the next entry",
    "up": "Move to the previous entry",
    "page_down": "Move a screen down",
    "page_up": "Move a screen up",
    "top": "Go to the first entry",
    "bottom": "Go to the last entry",
    "search": "Search every entry's text",
    "next_match": "Go to the next entry the search found",
    "previous_match": "Go to the previous entry the search found",
    "clear_search": "Forget the search",
    "speakers": "Show only some speakers: pick them from a list",
    "next_speaker": "Show only the next speaker",
    "previous_speaker": "Show only the previous speaker",
    "clear_speakers": "Show every speaker again",
    "outlets": "Show only some outlets: pick them from a list",
    "clear_outlets": "Show every outlet again",
    "stories": "Show only some stories of the timeline: pick them from a list",
    "clear_stories": "Show every story again",
    "clear_filters": "Clear every filter: stories, speakers, outlets, key events, quotes, search",
    "merged": "Merge the outlets' reports of one event into one entry, or show each",
    "order": "Show newest or oldest first",
    "time": "Jump to a time of the day shown",
    "zone": "Show times in UK, UTC, local or the page's own zone",
    "open": "Compare every outlet's wording of the merged entry",
    "copy": "Copy the entry (every outlet's wording of a merged one)",
    "key_events": "Show only key events, summaries and events several outlets report",
    "quotes": "Show only paragraphs quoting someone's own words",
    "new": "Jump to the entries added since you last looked",
    "follow": "Follow newest: keep the newest entry selected as entries arrive, like tail -f",
    "export": "Write the view to a file you name (Markdown, or JSON for .json)",
    "help": "Every key, and what the time marks mean",
    "quit": "Quit the reader",
}

# How a key is shown, where its Textual name is not what a reader types.
_LABELS = {
    "slash": "/",
    "question_mark": "?",
    "quotation_mark": '"',
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "down": "↓",
    "up": "↑",
    "escape": "esc",
    "ctrl+p": "^p",
}


def key_label(keys: str, joiner: str = " ") -> str:
    """A binding's keys as a reader types them: "j,down" -> "j ↓", "slash" -> "/"."""
    return joiner.join(_LABELS.get(key.strip(), key.strip()) for key in keys.split(","))


def help_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(key label, what it does)]) in help's order, every key once."""
    rows = {ident: (key_label(keys), DETAILS.get(ident, text)) for keys, _, text, _, ident in MOVES + KEYS}
    grouped = {group: [rows.pop(ident) for ident in GROUPS[group] if ident in rows] for group in GROUP_ORDER}
    grouped["Other"] += rows.values()  # a key added without a group still shows
    return [(group, grouped[group]) for group in GROUP_ORDER if grouped[group]]
